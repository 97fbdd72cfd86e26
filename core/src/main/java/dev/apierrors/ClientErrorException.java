package dev.apierrors;

/**
 * Thrown for a 4xx response with no more specific exception below.
 *
 * <p>Thread-safety: immutable.
 */
public class ClientErrorException extends ApiException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception for a decoded error.
   *
   * @param error the decoded error
   * @param attempts how many times the request was sent (at least 1)
   * @throws IllegalArgumentException if {@code attempts} is negative
   */
  protected ClientErrorException(ApiError error, int attempts) {
    super(error, attempts);
  }

  /** Creates the exception for an error decoded already or still to decode. */
  ClientErrorException(LazyError error, int attempts) {
    super(error, attempts);
  }
}
