package dev.apierrors;

/**
 * Where the wait before a retry came from.
 *
 * <p>Thread-safety: an enum, immutable.
 */
public enum WaitSource {
  /** The response's {@code retry-after-ms}, {@code x-ms-retry-after-ms} or {@code Retry-After}. */
  RETRY_AFTER("retry-after"),
  /** The rate-limit window's reset, because the response said no request is left. */
  RATE_LIMIT_RESET("rate-limit-reset"),
  /** The policy's exponential backoff (with full jitter when it is on). */
  BACKOFF("backoff");

  private final String label;

  WaitSource(String label) {
    this.label = label;
  }

  /** {@return the lower-case name used in events and logs: {@code retry-after}, {@code rate-limit-reset} or {@code backoff}} */
  public String label() {
    return label;
  }

  /** {@return whether the server asked for this wait (as opposed to the client's own backoff)} */
  public boolean isServerRequested() {
    return this != BACKOFF;
  }
}
