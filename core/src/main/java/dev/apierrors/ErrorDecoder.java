package dev.apierrors;

import dev.apierrors.internal.DecodingPipeline;
import dev.apierrors.internal.Json;
import dev.apierrors.internal.OneLine;
import dev.apierrors.internal.RetryHeaders;
import dev.apierrors.spi.ErrorFormat;
import dev.apierrors.spi.ResponseView;
import dev.apierrors.spi.ValueConverter;

import java.time.Clock;
import java.time.Duration;
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
 * <p>Reading an error body is bounded three ways, whatever the server sends: at most
 * {@link #maxBodyBytes()} decoded bytes, at most {@link #maxCompressedBodyBytes()} taken
 * from the network (a gzip or deflate body that inflates to little or nothing, or a gzip
 * header with an endless file name, ends there), and at most {@link #bodyReadTimeout()}
 * (a body that trickles forever ends then). A body cut by any bound is decoded from what
 * arrived, and {@link ApiError#truncated()} is true.
 *
 * <p>Defaults: {@value #DEFAULT_MAX_BODY_BYTES} bytes of body, 4 times as many (at least
 * {@value #MIN_DEFAULT_COMPRESSED_BODY_BYTES}) of compressed input, a 10 s body read
 * timeout, the system UTC clock (for {@code Retry-After} dates when the response has no
 * valid {@code Date}), and a private,
 * hardened Jackson 2 mapper for {@link ApiError#bodyAs(Class)} and
 * {@link ApiError#extension(String, Class)} (see {@link ValueConverter}).
 *
 * <p>Thread-safety: immutable and safe to share; build one and reuse it.
 */
public final class ErrorDecoder {
  /** The default body limit: 256 KiB. */
  public static final int DEFAULT_MAX_BODY_BYTES = 256 * 1024;

  /**
   * The default bound on compressed input is this many times {@link #maxBodyBytes()}:
   * real error bodies compress, so their compressed form is smaller than the decoded
   * limit; the margin is for incompressible bodies labelled gzip and for header fields.
   */
  public static final int DEFAULT_COMPRESSED_BODY_FACTOR = 4;

  /** The least default bound on compressed input (64 KiB), for very small body limits. */
  public static final int MIN_DEFAULT_COMPRESSED_BODY_BYTES = 64 * 1024;

  /** The default time allowed for reading one error body: 10 seconds. */
  public static final Duration DEFAULT_BODY_READ_TIMEOUT = Duration.ofSeconds(10);

  private static final ErrorDecoder DEFAULTS = builder().build();

  private final int maxBodyBytes;
  private final long maxCompressedBodyBytes;
  /** As given to the builder: negative when derived from maxBodyBytes. */
  private final long maxCompressedBodyBytesSetting;
  private final Duration bodyReadTimeout;
  private final Clock clock;
  private final List<ErrorFormat> customFormats;
  private final ValueConverter valueConverter;

  private ErrorDecoder(Builder b) {
    this.maxBodyBytes = b.maxBodyBytes;
    this.maxCompressedBodyBytesSetting = b.maxCompressedBodyBytes;
    this.maxCompressedBodyBytes = b.maxCompressedBodyBytes >= 0
        ? b.maxCompressedBodyBytes
        : Math.max(MIN_DEFAULT_COMPRESSED_BODY_BYTES, (long) DEFAULT_COMPRESSED_BODY_FACTOR * b.maxBodyBytes);
    this.bodyReadTimeout = b.bodyReadTimeout;
    this.clock = b.clock;
    this.customFormats = List.copyOf(b.customFormats);
    this.valueConverter = b.valueConverter;
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

  /**
   * {@return the most bytes of an error body taken from the network} That is before its
   * {@code Content-Encoding} is undone (gzip header fields included); as many at most are
   * fed to each further step of a stacked coding. Also bounds a body without a coding (which
   * {@link #maxBodyBytes()} bounds more tightly). Default: {@value #DEFAULT_COMPRESSED_BODY_FACTOR}
   * times {@link #maxBodyBytes()}, at least {@value #MIN_DEFAULT_COMPRESSED_BODY_BYTES}
   * (1 MiB with the default body limit).
   */
  public long maxCompressedBodyBytes() {
    return maxCompressedBodyBytes;
  }

  /**
   * {@return the most time spent reading one error body} Counted from its first read
   * (default 10 s). A body still arriving then (a server trickling bytes so that no read timeout fires) is
   * cut there and decoded from what arrived.
   */
  public Duration bodyReadTimeout() {
    return bodyReadTimeout;
  }

  /** {@return the clock for dates when a response has no valid {@code Date} header} */
  public Clock clock() {
    return clock;
  }

  /** {@return the formats added by the user, tried before the built-in ones} */
  public List<ErrorFormat> customFormats() {
    return customFormats;
  }

  /** {@return what the errors this decoder makes convert their values with} */
  public ValueConverter valueConverter() {
    return valueConverter;
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
   * Returns the exception for a response's status, with one attempt; not thrown, so the
   * caller decides. Its body is decoded when the exception's {@link ApiException#error()}
   * or message is first asked for, exactly as {@link #decode} would (once, on whichever
   * thread asks): a retried attempt's error that nobody reads is never parsed. What a
   * retry decision reads is read now, from the headers: the status, the requested wait
   * and the rate limit ({@code Retry-After} dates measured at this instant); the decoded
   * error carries those same values.
   *
   * @param response the response, its body already read (bounded)
   * @return the exception for the response's status, not yet thrown
   * @throws NullPointerException if {@code response} is null
   */
  public ApiException toException(ResponseView response) {
    Objects.requireNonNull(response, "response");
    RetryHeaders retryHeaders = DecodingPipeline.retryHeaders(response, this);
    if (retryHeaders == null) {
      return ApiException.of(decode(response), 1); // a clock that threw an Error: decoded as always
    }
    return ApiException.of(LazyError.deferred(response, this, retryHeaders), 1);
  }

  /** {@return a builder holding this decoder's settings} */
  public Builder toBuilder() {
    Builder b = new Builder().maxBodyBytes(maxBodyBytes).clock(clock).bodyReadTimeout(bodyReadTimeout)
        .valueConverter(valueConverter);
    b.maxCompressedBodyBytes = maxCompressedBodyBytesSetting; // a derived bound stays derived
    customFormats.forEach(b::addFormat);
    return b;
  }

  @Override
  public String toString() {
    return OneLine.of("ErrorDecoder")
        .add("maxBodyBytes", maxBodyBytes).add("maxCompressedBodyBytes", maxCompressedBodyBytes)
        .add("bodyReadTimeout", bodyReadTimeout).add("customFormats", customFormats.size())
        .toString();
  }

  /** Builds an {@link ErrorDecoder}. Not thread-safe; validates as settings are given. */
  public static final class Builder {
    private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    /** Negative: derived from maxBodyBytes when built. */
    private long maxCompressedBodyBytes = -1;
    private Duration bodyReadTimeout = DEFAULT_BODY_READ_TIMEOUT;
    private Clock clock = Clock.systemUTC();
    private final List<ErrorFormat> customFormats = new ArrayList<>();
    private ValueConverter valueConverter = Json.defaultConverter();

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
     * Sets the most bytes of an error body taken from the network before its
     * {@code Content-Encoding} is undone, gzip header fields included (default
     * {@value ErrorDecoder#DEFAULT_COMPRESSED_BODY_FACTOR} times {@link #maxBodyBytes(int)},
     * at least {@value ErrorDecoder#MIN_DEFAULT_COMPRESSED_BODY_BYTES}; an explicit value
     * stays whatever {@code maxBodyBytes} is set to). A compressed body that needs more is
     * cut there, and {@link ApiError#truncated()} is true.
     *
     * @param maxCompressedBodyBytes the most bytes taken from the network for one body
     * @return this builder
     * @throws IllegalArgumentException if {@code maxCompressedBodyBytes} is below 0 or
     *     above 1 GiB
     */
    public Builder maxCompressedBodyBytes(long maxCompressedBodyBytes) {
      if (maxCompressedBodyBytes < 0 || maxCompressedBodyBytes > 1L << 30) {
        throw new IllegalArgumentException(
            "maxCompressedBodyBytes must be between 0 and 1073741824 (1 GiB), was " + maxCompressedBodyBytes);
      }
      this.maxCompressedBodyBytes = maxCompressedBodyBytes;
      return this;
    }

    /**
     * Sets the most time spent reading one error body (default 10 s), counted from its
     * first read. A body still arriving then is cut there, decoded from what arrived, and
     * {@link ApiError#truncated()} is true. The call's own timeouts still apply.
     *
     * @param bodyReadTimeout the most time spent reading one body
     * @return this builder
     * @throws IllegalArgumentException if {@code bodyReadTimeout} is zero, negative or
     *     longer than a day
     */
    public Builder bodyReadTimeout(Duration bodyReadTimeout) {
      Objects.requireNonNull(bodyReadTimeout, "bodyReadTimeout");
      if (bodyReadTimeout.isNegative() || bodyReadTimeout.isZero() || bodyReadTimeout.compareTo(Duration.ofDays(1)) > 0) {
        throw new IllegalArgumentException("bodyReadTimeout must be above 0 and at most 1 day, was " + bodyReadTimeout);
      }
      this.bodyReadTimeout = bodyReadTimeout;
      return this;
    }

    /**
     * Sets the clock used when a response has no valid {@code Date} (default: system UTC).
     * It is read only for a header that needs the time (an HTTP-date {@code Retry-After}, an
     * epoch rate-limit reset), at most once per decoded error; a clock that throws an
     * exception, or returns null, gives the system's time instead.
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
      String name = format.name(); // asked once: a user's format need not answer the same twice
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("an ErrorFormat needs a non-blank name()");
      }
      customFormats.add(format);
      return this;
    }

    /**
     * Sets what {@link ApiError#bodyAs(Class)} and {@link ApiError#extension(String, Class)}
     * convert with, so your mapper's modules and naming strategy apply, e.g.
     * {@code valueConverter(JacksonValueConverter.of(objectMapper))} for Jackson 2 or
     * {@code valueConverter(Jackson3ValueConverter.of(jsonMapper))} (module
     * {@code apierrors-jackson3}) for Jackson 3. Default: a private Jackson 2 mapper that
     * ignores unknown members and never resolves class names from a body.
     *
     * @param valueConverter the converter, thread-safe
     * @return this builder
     */
    public Builder valueConverter(ValueConverter valueConverter) {
      this.valueConverter = Objects.requireNonNull(valueConverter, "valueConverter");
      return this;
    }

    /** {@return the immutable decoder} */
    public ErrorDecoder build() {
      return new ErrorDecoder(this);
    }
  }
}
