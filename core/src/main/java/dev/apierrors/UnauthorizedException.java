package dev.apierrors;

/**
 * Thrown for 401 Unauthorized; see {@link ApiError#challenges()} for the {@code WWW-Authenticate} challenges.
 *
 * <p>Thread-safety: immutable.
 */
public final class UnauthorizedException extends ClientErrorException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception for an error decoded already or still to decode.
   *
   * @param error the error
   * @param attempts how many times the request was sent (at least 1)
   * @throws IllegalArgumentException if {@code attempts} is negative
   */
  UnauthorizedException(LazyError error, int attempts) {
    super(error, attempts);
  }
}
