package dev.apierrors.internal;

import dev.apierrors.RateLimit;
import dev.apierrors.spi.HttpHeaders;
import java.util.Objects;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * The two fields a retry decision reads, parsed from the response's headers alone: the
 * server's requested wait ({@link RetryAfterParser}) and its rate limit
 * ({@link RateLimitParser}). Read when an exception is made, before its body is decoded (the
 * decision needs no more), and handed to that later decoding, so the error carries exactly
 * the values the decision used, whenever it is decoded (both may depend on the clock).
 *
 * <p>Thread-safety: immutable.
 *
 * @param retryAfterMillis the requested wait; empty when none is given or it cannot be read
 * @param rateLimit the rate limit; null when none is given or it cannot be read
 */
public record RetryHeaders(OptionalLong retryAfterMillis, @Nullable RateLimit rateLimit) {
  /** @throws NullPointerException if {@code retryAfterMillis} is null */
  public RetryHeaders {
    Objects.requireNonNull(retryAfterMillis, "retryAfterMillis");
  }

  /**
   * Reads both fields. Each parser runs on its own: one that fails on odd input leaves only
   * its field empty. Throws only what the clock behind {@code now} throws that is not a
   * {@link RuntimeException} (an {@link Error}): the caller then decodes as a whole, with its
   * fallback.
   *
   * @param headers the response's headers
   * @param now the instant dates are measured from when the response has no valid {@code Date}
   * @return the fields found
   */
  public static RetryHeaders read(HttpHeaders headers, Now now) {
    OptionalLong retryAfter;
    try {
      retryAfter = RetryAfterParser.parseMillis(headers, now);
    } catch (RuntimeException e) {
      retryAfter = OptionalLong.empty();
    }
    RateLimit rateLimit;
    try {
      rateLimit = RateLimitParser.parse(headers, now).orElse(null);
    } catch (RuntimeException e) {
      rateLimit = null;
    }
    return new RetryHeaders(retryAfter, rateLimit);
  }
}
