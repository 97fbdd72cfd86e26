package dev.apierrors;

/**
 * Thrown for a 5xx response with no more specific exception below.
 *
 * <p>Thread-safety: immutable.
 */
public class ServerErrorException extends ApiException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception for a decoded error.
   *
   * @param error the decoded error
   * @param attempts how many times the request was sent (at least 1)
   * @throws IllegalArgumentException if {@code attempts} is negative
   */
  protected ServerErrorException(ApiError error, int attempts) {
    super(error, attempts);
  }

  /** Creates the exception for an error decoded already or still to decode. */
  ServerErrorException(LazyError error, int attempts) {
    super(error, attempts);
  }
}
