package dev.apierrors;

/**
 * Thrown for 504 Gateway Timeout.
 *
 * <p>Thread-safety: immutable.
 */
public final class GatewayTimeoutException extends ServerErrorException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception for a decoded error.
   *
   * @param error the decoded error
   * @param attempts how many times the request was sent (at least 1)
   * @throws IllegalArgumentException if {@code attempts} is negative
   */
  public GatewayTimeoutException(ApiError error, int attempts) {
    super(error, attempts);
  }
}
