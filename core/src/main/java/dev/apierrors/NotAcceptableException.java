package dev.apierrors;

/**
 * Thrown for 406 Not Acceptable.
 *
 * <p>Thread-safety: immutable.
 */
public final class NotAcceptableException extends ClientErrorException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception for an error decoded already or still to decode.
   *
   * @param error the error
   * @param attempts how many times the request was sent (at least 1)
   * @throws IllegalArgumentException if {@code attempts} is negative
   */
  NotAcceptableException(LazyError error, int attempts) {
    super(error, attempts);
  }
}
