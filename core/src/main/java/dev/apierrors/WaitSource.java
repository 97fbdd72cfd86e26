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
  BACKOFF("backoff"),
  /**
   * A host's cool-down: an earlier response from the same host, to any call of the client,
   * said no request should be sent before a time that has not come yet.
   */
  HOST_COOL_DOWN("host-cool-down"),
  /**
   * Pacing: the host's rate limit has few requests left before its reset, so calls to it
   * are spread out to make them last.
   */
  PACING("pacing");

  private final String label;

  WaitSource(String label) {
    this.label = label;
  }

  /**
   * {@return the lower-case name used in events, logs and metric tags: {@code retry-after},
   * {@code rate-limit-reset}, {@code backoff}, {@code host-cool-down} or {@code pacing}}
   */
  public String label() {
    return label;
  }

  /** {@return whether the server asked for this wait (as opposed to the client's own backoff)} */
  public boolean isServerRequested() {
    return this != BACKOFF && this != PACING;
  }
}
