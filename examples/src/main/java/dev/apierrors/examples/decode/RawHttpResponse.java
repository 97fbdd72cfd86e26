package dev.apierrors.examples.decode;

import dev.apierrors.spi.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A raw HTTP response as {@code curl -i} prints it: a status line ({@code HTTP/1.1 429
 * Too Many Requests}, {@code HTTP/2 429}), header fields, a blank line, the body. Lines may
 * end in CRLF or LF. When the text holds several header blocks (an interim
 * {@code 100 Continue}, or a proxy's answer to {@code CONNECT}, printed before the final
 * response), the last block is the response and the earlier ones are skipped.
 *
 * <p>Thread-safety: immutable.
 *
 * @param status the final response's status code
 * @param statusLine the final response's status line, as printed
 * @param headers the final response's header fields
 * @param body the bytes after the final header block, exactly as given
 */
public record RawHttpResponse(int status, String statusLine, HttpHeaders headers, byte[] body) {

  private static final Pattern STATUS_LINE =
      Pattern.compile("HTTP/\\d(?:\\.\\d)? (\\d{3})(?: .*)?");
  private static final Pattern FIELD_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  /** Copies the body in. */
  public RawHttpResponse {
    body = body.clone();
  }

  /** A copy of the body bytes. */
  @Override
  public byte[] body() {
    return body.clone();
  }

  /**
   * Parses the bytes of a raw response.
   *
   * @throws IllegalArgumentException with a one-line reason when the bytes are not an HTTP
   *     response: empty, no status line, or a header line that is not {@code name: value}
   */
  public static RawHttpResponse parse(byte[] bytes) {
    int pos = skipBlankLines(bytes, 0);
    if (pos >= bytes.length) {
      throw new IllegalArgumentException("empty input: expected an HTTP response as curl -i prints it");
    }
    while (true) {
      Line first = Line.at(bytes, pos);
      Matcher status = STATUS_LINE.matcher(first.text());
      if (!status.matches()) {
        throw new IllegalArgumentException("not an HTTP response: line " + lineNumber(bytes, pos)
            + " should be a status line like 'HTTP/1.1 429 Too Many Requests', found '"
            + abbreviate(first.text()) + "'");
      }
      HttpHeaders.Builder headers = HttpHeaders.builder();
      String pendingName = null;
      StringBuilder pendingValue = new StringBuilder();
      int next = first.next();
      while (next < bytes.length) {
        Line line = Line.at(bytes, next);
        next = line.next();
        String text = line.text();
        if (text.isEmpty()) {
          break;
        }
        if ((text.charAt(0) == ' ' || text.charAt(0) == '\t') && pendingName != null) {
          // obs-fold (RFC 9112 §5.2): a continuation line joins the previous value.
          pendingValue.append(' ').append(text.strip());
          continue;
        }
        int colon = text.indexOf(':');
        if (colon <= 0 || !FIELD_NAME.matcher(text.substring(0, colon)).matches()) {
          throw new IllegalArgumentException("not an HTTP response: line " + lineNumber(bytes, line.start())
              + " should be a header field like 'Retry-After: 5', found '" + abbreviate(text) + "'");
        }
        if (pendingName != null) {
          headers.add(pendingName, pendingValue.toString());
        }
        pendingName = text.substring(0, colon);
        pendingValue.setLength(0);
        pendingValue.append(text.substring(colon + 1).strip());
      }
      if (pendingName != null) {
        headers.add(pendingName, pendingValue.toString());
      }
      int bodyStart = Math.min(next, bytes.length);
      if (startsWithStatusLine(bytes, bodyStart)) {
        pos = bodyStart; // an interim or proxy block: the real response follows
        continue;
      }
      return new RawHttpResponse(Integer.parseInt(status.group(1)), first.text(), headers.build(),
          Arrays.copyOfRange(bytes, bodyStart, bytes.length));
    }
  }

  private static boolean startsWithStatusLine(byte[] bytes, int pos) {
    if (pos >= bytes.length) {
      return false;
    }
    return STATUS_LINE.matcher(Line.at(bytes, pos).text()).matches();
  }

  private static int skipBlankLines(byte[] bytes, int pos) {
    int p = pos;
    while (p < bytes.length && (bytes[p] == '\r' || bytes[p] == '\n' || bytes[p] == ' ' || bytes[p] == '\t')) {
      p++;
    }
    // a UTF-8 BOM from an editor is not part of the response
    if (p + 2 < bytes.length && (bytes[p] & 0xff) == 0xEF && (bytes[p + 1] & 0xff) == 0xBB
        && (bytes[p + 2] & 0xff) == 0xBF) {
      return skipBlankLines(bytes, p + 3);
    }
    return p;
  }

  private static int lineNumber(byte[] bytes, int pos) {
    int line = 1;
    for (int i = 0; i < pos && i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        line++;
      }
    }
    return line;
  }

  private static String abbreviate(String text) {
    StringBuilder sb = new StringBuilder();
    text.codePoints().limit(60).forEach(c -> sb.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return text.codePointCount(0, text.length()) > 60 ? sb + "…" : sb.toString();
  }

  /** One line of the head: its text without the line ending, where it starts, where the next starts. */
  private record Line(String text, int start, int next) {
    static Line at(byte[] bytes, int start) {
      int end = start;
      while (end < bytes.length && bytes[end] != '\n') {
        end++;
      }
      int textEnd = end > start && bytes[end - 1] == '\r' ? end - 1 : end;
      // UTF-8, as OkHttp reads header lines: the SDK sees what it would see on the wire.
      String text = new String(bytes, start, textEnd - start, StandardCharsets.UTF_8);
      return new Line(text, start, Math.min(end + 1, bytes.length + 1));
    }
  }
}
