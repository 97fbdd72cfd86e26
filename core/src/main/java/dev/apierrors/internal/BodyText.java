package dev.apierrors.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Turns body bytes into text (docs/specification.md §3): the {@code charset} parameter of
 * {@code Content-Type} wins; without one (or with a name the JDK does not know), a
 * byte-order mark names the encoding, then a JSON text is recognised as UTF-16 or UTF-32
 * by the zero bytes around its first character (RFC 4627 §3), and everything else is
 * UTF-8. A leading BOM is dropped, and bytes that do not decode become U+FFFD: decoding
 * never fails.
 *
 * <p>Why the JSON detection ignores the media type: JSON is recognised by its content,
 * whatever {@code Content-Type} says. A body is taken as UTF-16/32 JSON only when, decoded
 * that way, it starts like a JSON value; otherwise it is UTF-8. A BOM is honoured for any
 * body: it is unambiguous, and reading it as UTF-8 could only give garbage.
 */
public final class BodyText {
  private static final Charset UTF_32BE = Charset.forName("UTF-32BE");
  private static final Charset UTF_32LE = Charset.forName("UTF-32LE");

  /** The most characters a text detail ({@code plain_text}, {@code html}) keeps. */
  public static final int MAX_DETAIL_CHARS = 4096;

  private BodyText() {}

  /**
   * {@code text} cut to at most {@link #MAX_DETAIL_CHARS} characters, never between the two
   * halves of a surrogate pair.
   */
  public static String clip(String text) {
    if (text.length() <= MAX_DETAIL_CHARS) {
      return text;
    }
    int end = MAX_DETAIL_CHARS;
    if (Character.isHighSurrogate(text.charAt(end - 1)) && Character.isLowSurrogate(text.charAt(end))) {
      end--;
    }
    return text.substring(0, end);
  }

  /** Decodes {@code bytes} as described above. Never throws. */
  public static String decode(byte[] bytes, @Nullable String contentType) {
    return decodeWith(bytes, charset(bytes, contentType));
  }

  /**
   * The charset {@link #decode(byte[], String)} decodes {@code bytes} with: kept by an
   * error so that it can decode its text again later instead of holding it.
   */
  public static Charset charset(byte[] bytes, @Nullable String contentType) {
    Charset charset = declaredCharset(contentType);
    if (charset != null) {
      return charset;
    }
    charset = bomCharset(bytes);
    if (charset != null) {
      return charset;
    }
    charset = jsonCharset(bytes);
    if (!charset.equals(StandardCharsets.UTF_8) && !JsonTree.mayBeJson(decodeWith(bytes, charset))) {
      // The zero bytes were not those of a JSON text: without a charset, text is UTF-8.
      return StandardCharsets.UTF_8;
    }
    return charset;
  }

  /**
   * {@code bytes} decoded with {@code charset}: bytes that do not decode become U+FFFD and
   * a leading byte-order mark is dropped. Never throws.
   */
  public static String decodeWith(byte[] bytes, Charset charset) {
    if (bytes.length == 0) {
      return "";
    }
    String text = decodeReplacing(bytes, charset);
    // A BOM is a marker, not content (some decoders, e.g. UTF-16BE, keep it as U+FEFF).
    return !text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
  }

  /**
   * The media type of a {@code Content-Type} value, lower-cased and without parameters,
   * e.g. {@code application/problem+json}; empty when absent or blank.
   */
  public static Optional<String> mediaType(@Nullable String contentType) {
    if (contentType == null) {
      return Optional.empty();
    }
    int semi = contentType.indexOf(';');
    String type = (semi < 0 ? contentType : contentType.substring(0, semi)).strip();
    return type.isEmpty() ? Optional.empty() : Optional.of(type.toLowerCase(Locale.ROOT));
  }

  /**
   * The charset named by the {@code charset} parameter (the first one, its name in any
   * case, the value quoted or not, whitespace around each part ignored), or null when absent
   * or unknown. Read in place: no split, no substring for the usual {@code charset=UTF-8}
   * (an error with such a {@code Content-Type} spent a tenth of its decoding's allocation
   * here).
   */
  static @Nullable Charset declaredCharset(@Nullable String contentType) {
    if (contentType == null) {
      return null;
    }
    int semi = contentType.indexOf(';');
    int eq = -1; // the next '=' at or after the parameter's start, found once for many parameters
    while (semi >= 0) {
      int start = semi + 1;
      int next = contentType.indexOf(';', start);
      int stop = next < 0 ? contentType.length() : next;
      if (eq < start) {
        // Searched again only once passed: a value of a million ';' and no '=' is read once,
        // not once per parameter.
        eq = contentType.indexOf('=', start);
        if (eq < 0) {
          return null; // no parameter further on has a value
        }
      }
      if (eq < stop) {
        int nameStart = skipWhitespace(contentType, start, eq);
        int nameEnd = trimWhitespace(contentType, nameStart, eq);
        if (nameEnd - nameStart == 7 && contentType.regionMatches(true, nameStart, "charset", 0, 7)) {
          int valueStart = skipWhitespace(contentType, eq + 1, stop);
          int valueEnd = trimWhitespace(contentType, valueStart, stop);
          if (valueEnd - valueStart >= 2 && contentType.charAt(valueStart) == '"'
              && contentType.charAt(valueEnd - 1) == '"') {
            valueStart = skipWhitespace(contentType, valueStart + 1, valueEnd - 1);
            valueEnd = trimWhitespace(contentType, valueStart, valueEnd - 1);
          }
          return charsetNamed(contentType, valueStart, valueEnd);
        }
      }
      semi = next;
    }
    return null;
  }

  /** The charset named by {@code s} from {@code start} to {@code end}, or null when unknown. */
  private static @Nullable Charset charsetNamed(String s, int start, int end) {
    if (end - start == 5 && s.regionMatches(true, start, "utf-8", 0, 5)) {
      return StandardCharsets.UTF_8; // nearly every declared charset: no name to look up
    }
    try {
      return Charset.forName(s.substring(start, end));
    } catch (IllegalArgumentException e) {
      // IllegalCharsetNameException / UnsupportedCharsetException: as if absent.
      return null;
    }
  }

  /** The first index from {@code from} before {@code to} that is not whitespace ({@link String#strip}'s), else {@code to}. */
  private static int skipWhitespace(String s, int from, int to) {
    int i = from;
    while (i < to && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  /** The end of {@code s} from {@code from} to {@code to} without its trailing whitespace. */
  private static int trimWhitespace(String s, int from, int to) {
    int i = to;
    while (i > from && Character.isWhitespace(s.charAt(i - 1))) {
      i--;
    }
    return i;
  }

  /** The charset a byte-order mark names, or null when the bytes start with none. */
  static @Nullable Charset bomCharset(byte[] b) {
    int n = b.length;
    // UTF-32LE's BOM starts like UTF-16LE's, so the four-byte marks are tested first.
    if (n >= 4 && b[0] == 0 && b[1] == 0 && (b[2] & 0xFF) == 0xFE && (b[3] & 0xFF) == 0xFF) {
      return UTF_32BE;
    }
    if (n >= 4 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE && b[2] == 0 && b[3] == 0) {
      return UTF_32LE;
    }
    if (n >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
      return StandardCharsets.UTF_8;
    }
    if (n >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
      return StandardCharsets.UTF_16BE;
    }
    if (n >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
      return StandardCharsets.UTF_16LE;
    }
    return null;
  }

  /**
   * The encoding of a JSON text without a BOM (RFC 4627 §3): it starts with an ASCII
   * character, so the zero bytes around it tell the encoding: {@code 00 00 00 xx} UTF-32BE,
   * {@code xx 00 00 00} UTF-32LE, {@code 00 xx} UTF-16BE, {@code xx 00} UTF-16LE; UTF-8
   * otherwise.
   */
  static Charset jsonCharset(byte[] b) {
    int n = b.length;
    if (n >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] != 0) {
      return UTF_32BE;
    }
    if (n >= 4 && b[0] != 0 && b[1] == 0 && b[2] == 0 && b[3] == 0) {
      return UTF_32LE;
    }
    if (n >= 2 && b[0] == 0 && b[1] != 0) {
      return StandardCharsets.UTF_16BE;
    }
    if (n >= 2 && b[0] != 0 && b[1] == 0) {
      return StandardCharsets.UTF_16LE;
    }
    return StandardCharsets.UTF_8;
  }

  /**
   * Why {@code new String(bytes, charset)} and not a {@code CharsetDecoder}: it replaces
   * malformed and unmappable input with the charset's replacement (U+FFFD) just the same,
   * but without the decoder, the intermediate {@code CharBuffer} and its copy: for an ASCII
   * or Latin-1 body it is one compact copy of the bytes.
   */
  private static String decodeReplacing(byte[] bytes, Charset charset) {
    try {
      return new String(bytes, charset);
    } catch (RuntimeException e) {
      // The JDK's own charsets never throw here, but an exotic provider charset might.
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  /**
   * Whether {@code bytes}, read as UTF-8, are exactly their text with nothing to check:
   * every byte ASCII (so no BOM and no byte that fails to decode) and no zero byte where
   * Jackson detects encodings. Then {@link #isUtf8Source} holds, without building the text.
   */
  public static boolean isAsciiUtf8Source(byte[] bytes) {
    int n = bytes.length;
    if (n == 0) {
      return false;
    }
    for (int i = 0; i < Math.min(4, n); i++) {
      if (bytes[i] == 0) {
        return false;
      }
    }
    // Eight bytes at a time (a plain byte loop costs a cycle a byte: 20 µs for 64 KiB), and
    // four of those before a test (one test per eight bytes was 4% of decoding 64 KiB).
    int i = 0;
    for (; i + 4 * Long.BYTES <= n; i += 4 * Long.BYTES) {
      long any = (long) LONGS.get(bytes, i) | (long) LONGS.get(bytes, i + Long.BYTES)
          | (long) LONGS.get(bytes, i + 2 * Long.BYTES) | (long) LONGS.get(bytes, i + 3 * Long.BYTES);
      if ((any & HIGH_BITS) != 0) {
        return false;
      }
    }
    for (; i + Long.BYTES <= n; i += Long.BYTES) {
      if (((long) LONGS.get(bytes, i) & HIGH_BITS) != 0) {
        return false;
      }
    }
    for (; i < n; i++) {
      if (bytes[i] < 0) {
        return false;
      }
    }
    return true;
  }

  /** Reads eight bytes of a {@code byte[]} as one {@code long}. */
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** The high bit of each of eight bytes: set in a byte beyond ASCII. */
  private static final long HIGH_BITS = 0x8080808080808080L;

  /**
   * Whether {@code text} is exactly the UTF-8 decoding of {@code bytes} (UTF-8, no BOM,
   * no byte that failed to decode, no zero byte where Jackson looks for another encoding):
   * then a JSON parser may read the bytes instead of the text.
   */
  public static boolean isUtf8Source(byte[] bytes, Charset charset, String text) {
    if (!charset.equals(StandardCharsets.UTF_8) || bytes.length == 0 || text.indexOf('\uFFFD') >= 0) {
      return false;
    }
    if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
      return false;
    }
    for (int i = 0; i < Math.min(4, bytes.length); i++) {
      if (bytes[i] == 0) {
        return false;
      }
    }
    return true;
  }

}
