package dev.apierrors.okhttp;

import dev.apierrors.ApiException;
import dev.apierrors.spi.BoundedBody;
import dev.apierrors.ErrorDecoder;
import dev.apierrors.spi.HttpHeaders;
import dev.apierrors.spi.ResponseView;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import okhttp3.Headers;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;

/**
 * The one place where an OkHttp error response is read, closed and decoded, for the
 * interceptor and the non-blocking path alike.
 *
 * <p>Uses only API common to OkHttp 4.12 and 5.x: {@code Response.body()} is nullable
 * in 4.12 (and {@code Response.close()} throws there when it is null), so the body is
 * checked and closed directly.
 */
final class ErrorResponses {
  private ErrorResponses() {}

  /**
   * Reads at most {@code decoder.maxBodyBytes()} of the body (decompressed, when the
   * body still carries a gzip or deflate {@code Content-Encoding}), closes the response,
   * and returns the typed exception for it, with one attempt.
   *
   * @param callRequest the request as the caller made it: its credentials are masked in
   *     the exception's message and {@code toString()}s, as are those of every request
   *     behind {@code response} (see {@link SentSecrets})
   */
  static ApiException toException(Request callRequest, Response response, ErrorDecoder decoder) {
    ResponseBody body = response.body();
    try {
      Request sent = response.request();
      ResponseView.Builder view = ResponseView.builder(response.code())
          .request(sent.method(), sent.url().toString())
          .secrets(SentSecrets.of(callRequest, response));
      if (body == null) {
        view.headers(toHttpHeaders(response.headers(), false));
      } else {
        List<String> codings = contentCodings(response.headers());
        view.headers(toHttpHeaders(response.headers(), !codings.isEmpty()));
        view.body(readBounded(body, codings, decoder.maxBodyBytes()));
      }
      return decoder.toException(view.build());
    } finally {
      if (body != null) {
        abandon(body);
      }
    }
  }

  /**
   * Closes a body that may not have been read to its end, without reading any more of it.
   * OkHttp's {@code close()} of an unfinished HTTP/1 body would read and drop the rest for
   * up to 100 ms to save the connection; an already-passed deadline on the body's source
   * makes that first read fail at once, so the connection is discarded instead (HTTP/2:
   * only the stream is reset). A body read to its end has no rest: nothing is read, the
   * deadline has no effect, and the connection is reused.
   */
  static void abandon(ResponseBody body) {
    try {
      body.source().timeout().deadlineNanoTime(System.nanoTime());
    } finally {
      body.close();
    }
  }

  private static BoundedBody readBounded(ResponseBody body, List<String> codings, int maxBytes) {
    InputStream in = body.byteStream();
    if (codings.isEmpty()) {
      return BoundedBody.read(in, maxBytes);
    }
    // The limit applies to the decompressed bytes, so a gzip bomb costs no more than it.
    Decompressing decoded = new Decompressing(in, codings);
    try {
      return BoundedBody.read(decoded, maxBytes);
    } finally {
      decoded.end();
    }
  }

  /**
   * The body's content codings, outermost last, when every one of them is one this class
   * can undo ({@code gzip}, {@code x-gzip}, {@code deflate}; {@code identity} is skipped);
   * else (none, or an unknown one such as {@code br}) an empty list: the body is read as is.
   */
  private static List<String> contentCodings(Headers headers) {
    List<String> codings = new ArrayList<>();
    for (String value : headers.values("Content-Encoding")) {
      for (String coding : value.split(",", -1)) {
        String c = coding.strip().toLowerCase(Locale.ROOT);
        if (c.equals("gzip") || c.equals("x-gzip") || c.equals("deflate")) {
          codings.add(c);
        } else if (!c.equals("identity") && !c.isEmpty()) {
          return List.of();
        }
      }
    }
    return codings;
  }

  /**
   * Undoes the content codings on first read, so that a failure while reading a gzip
   * header (e.g. the connection dropped) happens inside {@link BoundedBody#read} and keeps
   * what arrived, like any other failed read.
   */
  private static final class Decompressing extends InputStream {
    private final InputStream raw;
    private final List<String> codings;
    private @Nullable InputStream decoded;

    Decompressing(InputStream raw, List<String> codings) {
      // Closing the decoding streams must not close the body: OkHttp would then read the
      // rest of it before abandon() could stop that.
      this.raw = new FilterInputStream(raw) {
        @Override
        public void close() {}
      };
      this.codings = codings;
    }

    private InputStream decoded() throws IOException {
      InputStream d = decoded;
      if (d == null) {
        d = raw;
        for (int i = codings.size() - 1; i >= 0; i--) {
          d = codings.get(i).equals("deflate") ? inflating(d) : gunzipping(d);
          decoded = d; // kept at each step so that end() frees every Inflater made so far
        }
      }
      return d;
    }

    @Override
    public int read() throws IOException {
      return decoded().read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return decoded().read(b, off, len);
    }

    /** Frees the native Inflaters by closing the decoding streams (not the body). */
    void end() {
      InputStream d = decoded;
      if (d != null) {
        try {
          d.close();
        } catch (IOException e) {
          // Unreachable: the innermost stream's close() does nothing. The body is abandoned
          // by the caller in any case.
        }
      }
    }
  }

  /** A body that does not start with the gzip magic number is read as is (mislabelled). */
  private static InputStream gunzipping(InputStream in) throws IOException {
    PushbackInputStream peek = new PushbackInputStream(in, 2);
    byte[] magic = peek.readNBytes(2);
    peek.unread(magic);
    if (magic.length == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
      return new GZIPInputStream(peek);
    }
    return peek;
  }

  /**
   * HTTP's {@code deflate} is zlib-wrapped (RFC 9110 §8.4.1.2), but some servers send raw
   * deflate: the zlib header check tells which.
   */
  private static InputStream inflating(InputStream in) throws IOException {
    PushbackInputStream peek = new PushbackInputStream(in, 2);
    byte[] head = peek.readNBytes(2);
    peek.unread(head);
    if (head.length == 0) {
      return peek;
    }
    boolean zlib = head.length == 2
        && (head[0] & 0x0f) == 8
        && (((head[0] & 0xff) << 8) | (head[1] & 0xff)) % 31 == 0;
    Inflater inflater = new Inflater(!zlib);
    return new InflaterInputStream(peek, inflater) {
      @Override
      public void close() throws IOException {
        try {
          super.close();
        } finally {
          inflater.end(); // an Inflater given to the stream is not ended by it
        }
      }
    };
  }

  /**
   * All fields, repeated ones included. When this class undid the content coding, the
   * {@code Content-Encoding} and {@code Content-Length} fields no longer describe the
   * bytes decoded and are left out, as OkHttp does when it decompresses transparently.
   */
  private static HttpHeaders toHttpHeaders(Headers headers, boolean decompressed) {
    HttpHeaders.Builder b = HttpHeaders.builder();
    // The server's own Retry-After, when the RetryAfterGuard had to hide it from OkHttp.
    String originalRetryAfter = headers.get(RetryAfterGuard.ORIGINAL);
    for (int i = 0, n = headers.size(); i < n; i++) {
      String name = headers.name(i);
      if (decompressed
          && (name.equalsIgnoreCase("Content-Encoding") || name.equalsIgnoreCase("Content-Length"))) {
        continue;
      }
      if (name.equalsIgnoreCase(RetryAfterGuard.ORIGINAL)) {
        continue;
      }
      if (originalRetryAfter != null && name.equalsIgnoreCase("Retry-After")) {
        b.add(name, originalRetryAfter);
        originalRetryAfter = null;
        continue;
      }
      b.add(name, headers.value(i));
    }
    return b.build();
  }
}
