package dev.apierrors;

import dev.apierrors.internal.Redaction;
import java.io.IOException;

/**
 * A long-running operation still running when the polling stopped: it reached
 * {@link PollPolicy#maxPolls()}, the policy's timeout or the call's deadline, or the
 * server asked for a wait above {@link PollPolicy#maxRetryAfter()}. The operation itself
 * may still succeed: poll {@link #statusUrl()} later.
 *
 * <p>Thread-safety: immutable.
 */
public class OperationIncompleteException extends IOException {
  private static final long serialVersionUID = 1L;

  /** How many requests were sent: the first and the polls. */
  private final int attempts;
  /** Where to poll the operation later. */
  private final String statusUrl;

  /**
   * Creates the exception.
   *
   * @param reason why the polling stopped, in a few words (never a credential)
   * @param attempts how many requests were sent in all
   * @param statusUrl the status URL (its secret query parameters are redacted here)
   * @throws IllegalArgumentException if {@code attempts} is below 1
   */
  public OperationIncompleteException(String reason, int attempts, String statusUrl) {
    super("operation still running: " + reason);
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be >= 1, was " + attempts);
    }
    this.attempts = attempts;
    this.statusUrl = Redaction.redactUrl(statusUrl);
  }

  /**
   * How many requests the poller made: the first one and every poll (a request the client's
   * retry policy sent again counts once).
   *
   * @return the number of requests made
   */
  public int attempts() {
    return attempts;
  }

  /** {@return where to poll later (secret query parameters redacted)} */
  public String statusUrl() {
    return statusUrl;
  }
}
