package dev.apierrors;

/**
 * A per-host retry budget: a token bucket that every retry draws from and every success
 * refills a little, so that when a host is down its clients stop multiplying the load
 * with retries (the AWS SDKs' "retry quota"). Tokens start at {@code capacity}; a retry
 * costs {@code retryCost} tokens, a retry after a timeout {@code timeoutRetryCost}; each
 * call that succeeds gives back {@code successRefund}, up to the capacity. When the bucket
 * cannot pay for a retry, the failure is not retried and the
 * {@link RetryDecision#reason()} says so. A retry whose wait the server gave
 * ({@code Retry-After}, a rate limit's reset: a refusal, not an outage) costs nothing.
 *
 * <p>With the defaults ({@link #ofDefaults()}: 500, 5, 10, 1), a host that fails every
 * request stops being retried after 100 retries (50 after timeouts), and five successes
 * for each retry keep the budget level.
 *
 * @param capacity the tokens of a full bucket, and its start
 * @param retryCost what a retry after an error status or a connection failure costs
 * @param timeoutRetryCost what a retry after a timeout costs
 * @param successRefund what a successful call gives back
 */
public record RetryBudget(int capacity, int retryCost, int timeoutRetryCost, int successRefund) {
  private static final RetryBudget DEFAULTS = new RetryBudget(500, 5, 10, 1);

  /**
   * Checks the values.
   *
   * @param capacity the tokens of a full bucket, and its start
   * @param retryCost what a retry after an error status or a connection failure costs
   * @param timeoutRetryCost what a retry after a timeout costs
   * @param successRefund what a successful call gives back
   * @throws IllegalArgumentException if {@code capacity} or a cost is below 1, a cost is
   *     above the capacity, or {@code successRefund} is negative
   */
  public RetryBudget {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
    }
    checkCost("retryCost", retryCost, capacity);
    checkCost("timeoutRetryCost", timeoutRetryCost, capacity);
    if (successRefund < 0) {
      throw new IllegalArgumentException("successRefund must be >= 0, was " + successRefund);
    }
  }

  /** {@return capacity 500, a retry costs 5, a retry after a timeout 10, a success refunds 1} */
  public static RetryBudget ofDefaults() {
    return DEFAULTS;
  }

  private static void checkCost(String name, int cost, int capacity) {
    if (cost < 1 || cost > capacity) {
      throw new IllegalArgumentException(name + " must be in 1.." + capacity + ", was " + cost);
    }
  }
}
