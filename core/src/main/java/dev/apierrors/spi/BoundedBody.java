package dev.apierrors.spi;

import dev.apierrors.ErrorDecoder;
import dev.apierrors.internal.ContentDecoding;
import dev.apierrors.internal.HeaderName;
import dev.apierrors.internal.OneLine;
import dev.apierrors.internal.SpiAccess;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The bytes of a response body read up to a limit: the part of the body the SDK
 * decodes. Reading stops at the limit, so a huge error page costs what the limit
 * costs; a body that fails part-way (connection dropped) keeps what arrived.
 *
 * <p>{@link #read(InputStream, HttpHeaders, ErrorDecoder)} is how an adapter reads an
 * error body: it undoes the {@code Content-Encoding} and bounds the decoded bytes, the
 * bytes taken from the network and the time spent, by the decoder's settings.
 *
 * <p>Thread-safety: immutable; the bytes are copied in and out.
 */
public final class BoundedBody {
  private static final HeaderName CONTENT_ENCODING = HeaderName.of("Content-Encoding");
  private static final HeaderName CONTENT_LENGTH = HeaderName.of("Content-Length");

  private static final BoundedBody EMPTY = new BoundedBody(new byte[0], false, false, null);
  /** What a read that ran out of memory gives: made in advance, since nothing can be allocated then. */
  private static final BoundedBody OUT_OF_MEMORY = new BoundedBody(new byte[0], false, true, null);
  private static final int RESERVE_BYTES = 256 * 1024;

  /**
   * Let go of when a read runs out of memory, so that the caller has room to close the
   * stream (which frees whatever filled the heap) and decode; made again by a later read.
   */
  private static volatile byte @Nullable [] reserve = new byte[RESERVE_BYTES];

  static {
    // The decoder reads the bytes without a copy; nothing outside core can.
    SpiAccess.installBodyBytes(body -> body.bytes);
  }

  private final byte[] bytes;
  private final boolean truncated;
  private final boolean incomplete;
  private final @Nullable String contentEncoding;

  private BoundedBody(byte[] bytes, boolean truncated, boolean incomplete, @Nullable String contentEncoding) {
    this.bytes = bytes;
    this.truncated = truncated;
    this.incomplete = incomplete;
    this.contentEncoding = contentEncoding;
  }

  /** {@return a body with no bytes} */
  public static BoundedBody empty() {
    return EMPTY;
  }

  /**
   * Returns a body holding a copy of {@code bytes}.
   *
   * @param bytes the body bytes (copied)
   * @param truncated whether the server sent more than these bytes
   * @return a complete body (not {@link #incomplete()})
   */
  public static BoundedBody of(byte[] bytes, boolean truncated) {
    return new BoundedBody(bytes.clone(), truncated, false, null);
  }

  /**
   * Reads at most {@code maxBytes} bytes of {@code in}, then one more to learn
   * whether the body is longer ({@link #truncated()}). Never reads further, and
   * never throws for a failed read: the bytes that arrived are kept and
   * {@link #incomplete()} is true. Does not close the stream. No time bound: see
   * {@link #read(InputStream, HttpHeaders, ErrorDecoder)}.
   *
   * @param in the body stream, read from its current position
   * @param maxBytes the most bytes kept
   * @return the bytes read, with whether the body was cut or the read failed
   * @throws IllegalArgumentException if {@code maxBytes} is negative
   */
  public static BoundedBody read(InputStream in, int maxBytes) {
    Objects.requireNonNull(in, "in");
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes must be >= 0, was " + maxBytes);
    }
    return read(in, maxBytes, -1);
  }

  /**
   * Reads as {@link #read(InputStream, int)} does, into a buffer sized for
   * {@code expectedLength} bytes (a {@code Content-Length}) when it is known: a body of
   * that length is then read with one buffer of its size and no copy. The length is only a
   * hint: a body longer or shorter than it is read just the same.
   *
   * @param in the body stream, read from its current position
   * @param maxBytes the most bytes kept
   * @param expectedLength the body's announced length, or -1 when unknown
   * @return the bytes read, with whether the body was cut or the read failed
   * @throws IllegalArgumentException if {@code maxBytes} is negative
   */
  public static BoundedBody read(InputStream in, int maxBytes, long expectedLength) {
    Objects.requireNonNull(in, "in");
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes must be >= 0, was " + maxBytes);
    }
    return readBounded(in, maxBytes, null, null, expectedLength);
  }

  /**
   * Reads an error body as the decoder's limits say, from the raw bytes received, and
   * undoes its {@code Content-Encoding} ({@code gzip}, {@code x-gzip}, {@code deflate},
   * zlib-wrapped or raw, stacked up to four; {@code identity} is nothing to undo):
   * <ul>
   *   <li>at most {@link ErrorDecoder#maxBodyBytes()} decoded bytes are kept (one more
   *       is read to tell whether the body goes on);
   *   <li>at most {@link ErrorDecoder#maxCompressedBodyBytes()} are read from {@code in},
   *       the gzip header's FEXTRA, FNAME and FCOMMENT fields included (never buffered),
   *       and at most as many are fed to each further decoding step of a stacked coding;
   *   <li>reading ends at {@link ErrorDecoder#bodyReadTimeout()} after this method starts.
   *       The deadline is checked between reads: give {@code in} its own deadline too
   *       (as the OkHttp adapter does) so that a read blocked on the network ends on time.
   * </ul>
   * When a bound is reached, the bytes decoded so far are the body and
   * {@link #truncated()} is true. A corrupt stream or a failed read keeps what was
   * decoded before it ({@link #incomplete()}). A coding that cannot be undone (e.g.
   * {@code br}, {@code zstd}, an unknown name) leaves the bytes as received, and
   * {@link #contentEncoding()} names it. Never throws for anything {@code in} does or
   * holds, an {@link OutOfMemoryError} while reading included (the body is then empty
   * and {@link #incomplete()}: close {@code in} at once, it holds what filled the heap).
   * Does not close {@code in}.
   *
   * @param in the body's bytes as received
   * @param headers the response's headers (only {@code Content-Encoding} is read)
   * @param decoder whose limits apply: {@link ErrorDecoder#maxBodyBytes()},
   *     {@link ErrorDecoder#maxCompressedBodyBytes()}, {@link ErrorDecoder#bodyReadTimeout()}
   * @return the bytes decoded, with what cut them short, if anything
   * @throws NullPointerException if an argument is null
   */
  public static BoundedBody read(InputStream in, HttpHeaders headers, ErrorDecoder decoder) {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(decoder, "decoder");
    List<String> values = CONTENT_ENCODING.allValues(Objects.requireNonNull(headers, "headers"));
    ContentDecoding.Bounds bounds =
        new ContentDecoding.Bounds(System.nanoTime() + decoder.bodyReadTimeout().toNanos());
    List<String> codings = ContentDecoding.codings(values);
    if (codings == null) {
      // Bytes the SDK cannot undo: kept as received, and said so.
      InputStream raw = ContentDecoding.decode(in, List.of(), decoder.maxCompressedBodyBytes(), bounds);
      return readBounded(raw, decoder.maxBodyBytes(), bounds, String.join(", ", values), -1);
    }
    try (ContentDecoding.Decoded decoded =
        ContentDecoding.decode(in, codings, decoder.maxCompressedBodyBytes(), bounds)) {
      // Without a coding to undo, Content-Length is the length of the bytes kept.
      long expected = codings.isEmpty() ? contentLength(headers) : -1;
      return readBounded(decoded, decoder.maxBodyBytes(), bounds, null, expected);
    }
  }

  /** The {@code Content-Length}, or -1 when absent or not a plain non-negative number. */
  private static long contentLength(HttpHeaders headers) {
    String value = CONTENT_LENGTH.first(headers);
    value = value == null ? "" : value;
    if (value.isEmpty() || value.length() > 18) {
      return -1;
    }
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) < '0' || value.charAt(i) > '9') {
        return -1;
      }
    }
    return Long.parseLong(value);
  }

  private static BoundedBody readBounded(InputStream in, int maxBytes,
      ContentDecoding.@Nullable Bounds bounds, @Nullable String contentEncoding, long expectedLength) {
    rearmReserve();
    byte[] buffer = new byte[0];
    int length = 0;
    try {
      // Sized from Content-Length when known, so a small error costs its size, not 8 KiB
      // (allocated in the try: a large announced length meets the OutOfMemoryError rule).
      buffer = new byte[(int) Math.min(maxBytes, expectedLength >= 0 ? expectedLength : 8192)];
      while (length < maxBytes) {
        if (length == buffer.length) {
          // Full: one byte tells whether there is more, so a body of the expected length
          // is never copied into a bigger buffer.
          int next = in.read();
          if (next < 0) {
            return new BoundedBody(buffer, cut(bounds), false, contentEncoding);
          }
          buffer = Arrays.copyOf(buffer, (int) Math.min(maxBytes, Math.max(16L, buffer.length * 2L)));
          buffer[length++] = (byte) next;
          continue;
        }
        int n = in.read(buffer, length, buffer.length - length);
        if (n < 0) {
          return new BoundedBody(trimmed(buffer, length), cut(bounds), false, contentEncoding);
        }
        if (n == 0) {
          // Breaks InputStream's contract (len > 0): taken as a failed read, never spun on.
          return new BoundedBody(trimmed(buffer, length), false, true, contentEncoding);
        }
        length += n;
      }
      boolean more = in.read() >= 0 || cut(bounds);
      return new BoundedBody(trimmed(buffer, length), more, false, contentEncoding);
    } catch (IOException | RuntimeException e) {
      // The connection dropped mid-body (or the stream misbehaved): decode what arrived.
      // A failure caused by a bound (a read ended by the deadline, a gzip header cut by the
      // input limit) is the bound's cut, not a failure.
      boolean cut = bounds != null && (bounds.cut() || bounds.pastDeadline());
      return new BoundedBody(trimmed(buffer, length), cut, !cut, contentEncoding);
    } catch (OutOfMemoryError e) {
      // Not ours to cause (our buffers are bounded): e.g. okio's GzipSource below OkHttp's
      // transparent gunzip buffering an endless gzip FNAME. What filled the heap is freed
      // when the caller closes the stream; until then nothing can be allocated, so the
      // reserve goes and the body is the one made in advance (the bytes read are dropped).
      reserve = null;
      return OUT_OF_MEMORY;
    }
  }

  private static byte[] trimmed(byte[] buffer, int length) {
    return length == buffer.length ? buffer : Arrays.copyOf(buffer, length);
  }

  private static void rearmReserve() {
    if (reserve == null) {
      try {
        reserve = new byte[RESERVE_BYTES];
      } catch (OutOfMemoryError e) {
        // Still short of memory: try again on the next read.
      }
    }
  }

  private static boolean cut(ContentDecoding.@Nullable Bounds bounds) {
    return bounds != null && bounds.cut();
  }

  /** {@return a copy of the bytes read} */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** {@return the number of bytes read} */
  public int length() {
    return bytes.length;
  }

  /**
   * {@return whether the body was cut by a bound} That is: longer than the limit of
   * decoded bytes, more compressed input than allowed, or still arriving at the read
   * timeout.
   */
  public boolean truncated() {
    return truncated;
  }

  /** {@return whether reading failed before the end of the body (e.g. the connection dropped)} */
  public boolean incomplete() {
    return incomplete;
  }

  /**
   * {@return the {@code Content-Encoding} the bytes are still in} As the server sent it,
   * when the SDK could not undo it (e.g. {@code br}); empty when the bytes are the decoded
   * body.
   */
  public Optional<String> contentEncoding() {
    return Optional.ofNullable(contentEncoding);
  }

  /**
   * One line with the size and flags, never the bytes:
   * {@code BoundedBody{512 bytes, truncated, still encoded}}.
   */
  @Override
  public String toString() {
    return OneLine.of("BoundedBody")
        .flag(bytes.length + " bytes", true).flag("truncated", truncated).flag("incomplete", incomplete)
        .flag("still encoded", contentEncoding != null)
        .toString();
  }
}
