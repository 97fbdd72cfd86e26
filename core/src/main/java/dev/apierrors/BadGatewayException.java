package dev.apierrors;

/**
 * Thrown for 502 Bad Gateway.
 *
 * <p>Thread-safety: immutable.
 */
public final class BadGatewayException extends ServerErrorException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception for an error decoded already or still to decode.
   *
   * @param error the error
   * @param attempts how many times the request was sent (at least 1)
   * @throws IllegalArgumentException if {@code attempts} is negative
   */
  BadGatewayException(LazyError error, int attempts) {
    super(error, attempts);
  }
}
