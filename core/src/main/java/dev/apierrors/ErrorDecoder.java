package dev.apierrors;

import dev.apierrors.internal.OneLine;
import dev.apierrors.spi.ErrorFormat;
import dev.apierrors.internal.DecodingPipeline;
import dev.apierrors.spi.ResponseView;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns an error response into an {@link ApiError} and its typed {@link ApiException}.
 *
 * <p>The body (at most {@link #maxBodyBytes()}) is decoded to text in its charset,
 * parsed as JSON at most once, and given to the formats in order: the ones added with
 * {@link Builder#addFormat(ErrorFormat)}, then the built-in ones of the README's decoding
 * table. The first that matches names {@link ApiError#format()}.
 *
 * <p>Decoding never throws, whatever the bytes: a body no format recognises is decoded
 * as plain text.
 *
 * <p>Defaults: {@value #DEFAULT_MAX_BODY_BYTES} bytes of body, the system UTC clock (for
 * {@code Retry-After} dates when the response has no valid {@code Date}).
 *
 * <p>Thread-safety: immutable and safe to share; build one and reuse it.
 */
public final class ErrorDecoder {
  /** The default body limit: 256 KiB. */
  public static final int DEFAULT_MAX_BODY_BYTES = 256 * 1024;

  private static final ErrorDecoder DEFAULTS = builder().build();

  private final int maxBodyBytes;
  private final Clock clock;
  private final List<ErrorFormat> customFormats;

  private ErrorDecoder(Builder b) {
    this.maxBodyBytes = b.maxBodyBytes;
    this.clock = b.clock;
    this.customFormats = List.copyOf(b.customFormats);
  }

  /** {@return the decoder with every default} */
  public static ErrorDecoder ofDefaults() {
    return DEFAULTS;
  }

  /** {@return a builder starting from the defaults} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the most body bytes read and decoded} */
  public int maxBodyBytes() {
    return maxBodyBytes;
  }

  /** {@return the clock for dates when a response has no valid {@code Date} header} */
  public Clock clock() {
    return clock;
  }

  /** {@return the formats added by the user, tried before the built-in ones} */
  public List<ErrorFormat> customFormats() {
    return customFormats;
  }

  /**
   * Decodes a response. Never throws for any status, header or body.
   *
   * @param response the response, its body already read (bounded)
   * @return the decoded error
   * @throws NullPointerException if {@code response} is null
   */
  public ApiError decode(ResponseView response) {
    return DecodingPipeline.decode(Objects.requireNonNull(response, "response"), this);
  }

  /**
   * Decodes a response and returns the exception for its status, with one attempt.
   * The exception is returned, not thrown, so the caller decides.
   *
   * @param response the response, its body already read (bounded)
   * @return the exception for the response's status, not yet thrown
   */
  public ApiException toException(ResponseView response) {
    return ApiException.of(decode(response), 1);
  }

  /** {@return a builder holding this decoder's settings} */
  public Builder toBuilder() {
    Builder b = new Builder().maxBodyBytes(maxBodyBytes).clock(clock);
    customFormats.forEach(b::addFormat);
    return b;
  }

  @Override
  public String toString() {
    return OneLine.of("ErrorDecoder")
        .add("maxBodyBytes", maxBodyBytes).add("customFormats", customFormats.size())
        .toString();
  }

  /** Builds an {@link ErrorDecoder}. Not thread-safe; validates as settings are given. */
  public static final class Builder {
    private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private Clock clock = Clock.systemUTC();
    private final List<ErrorFormat> customFormats = new ArrayList<>();

    private Builder() {}

    /**
     * Sets the most body bytes read and decoded (default 256 KiB). A longer body is cut
     * there and {@link ApiError#truncated()} is true.
     *
     * @param maxBodyBytes the most body bytes read, 0..64 MiB
     * @return this builder
     * @throws IllegalArgumentException if {@code maxBodyBytes} is below 0 or above 64 MiB
     */
    public Builder maxBodyBytes(int maxBodyBytes) {
      if (maxBodyBytes < 0 || maxBodyBytes > 64 * 1024 * 1024) {
        throw new IllegalArgumentException(
            "maxBodyBytes must be between 0 and 67108864 (64 MiB), was " + maxBodyBytes);
      }
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    /**
     * Sets the clock used when a response has no valid {@code Date} (default: system UTC).
     *
     * @param clock the clock used when a response has no valid {@code Date}
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Adds a format tried before the built-in ones (and after formats added earlier).
     *
     * @param format the format to try
     * @return this builder
     * @throws IllegalArgumentException if its name is blank
     */
    public Builder addFormat(ErrorFormat format) {
      Objects.requireNonNull(format, "format");
      if (format.name() == null || format.name().isBlank()) {
        throw new IllegalArgumentException("an ErrorFormat needs a non-blank name()");
      }
      customFormats.add(format);
      return this;
    }

    /** {@return the immutable decoder} */
    public ErrorDecoder build() {
      return new ErrorDecoder(this);
    }
  }
}
