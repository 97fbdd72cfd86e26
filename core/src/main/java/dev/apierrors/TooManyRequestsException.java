package dev.apierrors;

/**
 * Thrown for 429 Too Many Requests, and 420 Enhance Your Calm; see {@link ApiError#retryAfterMillis()} and {@link ApiError#rateLimit()}.
 *
 * <p>Thread-safety: immutable.
 */
public final class TooManyRequestsException extends ClientErrorException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception for an error decoded already or still to decode.
   *
   * @param error the error
   * @param attempts how many times the request was sent (at least 1)
   * @throws IllegalArgumentException if {@code attempts} is negative
   */
  TooManyRequestsException(LazyError error, int attempts) {
    super(error, attempts);
  }
}
