package dev.apierrors.spi;

import dev.apierrors.internal.OneLine;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;
import dev.apierrors.internal.SpiAccess;

/**
 * The bytes of a response body read up to a limit: the part of the body the SDK
 * decodes. Reading stops at the limit, so a huge error page costs what the limit
 * costs; a body that fails part-way (connection dropped) keeps what arrived.
 *
 * <p>Thread-safety: immutable; the bytes are copied in and out.
 */
public final class BoundedBody {
  private static final BoundedBody EMPTY = new BoundedBody(new byte[0], false, false);

  static {
    // The decoder reads the bytes without a copy; nothing outside core can.
    SpiAccess.installBodyBytes(body -> body.bytes);
  }

  private final byte[] bytes;
  private final boolean truncated;
  private final boolean incomplete;

  private BoundedBody(byte[] bytes, boolean truncated, boolean incomplete) {
    this.bytes = bytes;
    this.truncated = truncated;
    this.incomplete = incomplete;
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
    return new BoundedBody(bytes.clone(), truncated, false);
  }

  /**
   * Reads at most {@code maxBytes} bytes of {@code in}, then one more to learn
   * whether the body is longer ({@link #truncated()}). Never reads further, and
   * never throws for a failed read: the bytes that arrived are kept and
   * {@link #incomplete()} is true. Does not close the stream.
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
    byte[] buffer = new byte[Math.min(maxBytes, 8192)];
    int length = 0;
    try {
      while (length < maxBytes) {
        if (length == buffer.length) {
          buffer = Arrays.copyOf(buffer, (int) Math.min(maxBytes, Math.max(16L, buffer.length * 2L)));
        }
        int n = in.read(buffer, length, buffer.length - length);
        if (n < 0) {
          return new BoundedBody(Arrays.copyOf(buffer, length), false, false);
        }
        length += n;
      }
      boolean more = in.read() >= 0;
      return new BoundedBody(Arrays.copyOf(buffer, length), more, false);
    } catch (IOException | RuntimeException e) {
      // The connection dropped mid-body (or the stream misbehaved): decode what arrived.
      return new BoundedBody(Arrays.copyOf(buffer, length), false, true);
    }
  }

  /** {@return a copy of the bytes read} */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** {@return the number of bytes read} */
  public int length() {
    return bytes.length;
  }

  /** {@return whether the body was longer than the limit and was cut there} */
  public boolean truncated() {
    return truncated;
  }

  /** {@return whether reading failed before the end of the body (e.g. the connection dropped)} */
  public boolean incomplete() {
    return incomplete;
  }

  /** One line with the size and flags, never the bytes: {@code BoundedBody{512 bytes, truncated}}. */
  @Override
  public String toString() {
    return OneLine.of("BoundedBody")
        .flag(bytes.length + " bytes", true).flag("truncated", truncated).flag("incomplete", incomplete)
        .toString();
  }
}
