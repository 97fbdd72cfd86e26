package dev.apierrors;

/**
 * A long-running operation that ended in failure: its status endpoint answered with a
 * success status (typically 200) whose body says the operation failed or was canceled
 * (e.g. {@code {"status": "Failed", "error": {...}}}). {@link #error()} is that status
 * body, decoded by the usual rules, so its {@code code}, {@code detail} and
 * {@code errors} say what went wrong.
 *
 * <p>Thread-safety: immutable.
 */
public class OperationFailedException extends ApiException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param error the decoded status response
   * @param attempts how many requests the poller made in all: the first one and every poll
   *     (a request the client's retry policy sent again counts once)
   * @throws IllegalArgumentException if {@code attempts} is negative
   */
  public OperationFailedException(ApiError error, int attempts) {
    super(error, attempts);
  }

  @Override
  public ApiException withAttempts(int attempts) {
    OperationFailedException copy = new OperationFailedException(error(), attempts);
    copy.setStackTrace(getStackTrace());
    return copy;
  }
}
