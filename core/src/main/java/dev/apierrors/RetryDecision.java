package dev.apierrors;

import java.util.Set;
import dev.apierrors.internal.OneLine;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of {@link RetryPolicy#decide}: retry after a wait, or stop; with a short
 * reason in words, for logs and events.
 *
 * <p>Thread-safety: immutable.
 */
public final class RetryDecision {
  private final boolean retry;
  private final Duration wait;
  private final @Nullable WaitSource source;
  private final String reason;

  private RetryDecision(boolean retry, Duration wait, @Nullable WaitSource source, String reason) {
    this.retry = retry;
    this.wait = wait;
    this.source = source;
    this.reason = reason;
  }

  /**
   * Returns a decision to retry after {@code wait}.
   *
   * @param wait how long to wait before the next attempt
   * @param source where the wait came from
   * @param reason why, in a few words
   * @return the decision to retry
   * @throws IllegalArgumentException if {@code wait} is negative
   */
  public static RetryDecision retryAfter(Duration wait, WaitSource source, String reason) {
    Objects.requireNonNull(wait, "wait");
    if (wait.isNegative()) {
      throw new IllegalArgumentException("wait must not be negative, was " + wait);
    }
    return new RetryDecision(true, wait, Objects.requireNonNull(source, "source"),
        Objects.requireNonNull(reason, "reason"));
  }

  /**
   * Returns a decision not to retry.
   *
   * @param reason why, in a few words
   * @return the decision not to retry
   */
  public static RetryDecision stop(String reason) {
    return new RetryDecision(false, Duration.ZERO, null, Objects.requireNonNull(reason, "reason"));
  }

  /** {@return whether the request is to be sent again} */
  public boolean isRetry() {
    return retry;
  }

  /** {@return how long to wait before the next attempt; zero when not retrying} */
  public Duration waitDuration() {
    return wait;
  }

  /** {@return {@link #waitDuration()} in milliseconds} */
  public long waitMillis() {
    return wait.toMillis();
  }

  /** {@return where the wait came from; empty when not retrying} */
  public Optional<WaitSource> waitSource() {
    return Optional.ofNullable(source);
  }

  /** {@return why, in a few words (e.g. {@code status 503 is retried for every method})} */
  public String reason() {
    return reason;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RetryDecision d
        && retry == d.retry
        && wait.equals(d.wait)
        && source == d.source
        && reason.equals(d.reason);
  }

  @Override
  public int hashCode() {
    return Objects.hash(retry, wait, source, reason);
  }

  /**
   * One line of at most 2,000 characters, e.g. {@code retry in 250 ms (retry-after): status
   * 503 is retried for every method} or {@code no retry: maxAttempts (3) reached}; control
   * characters of the reason escaped.
   */
  @Override
  public String toString() {
    String line = retry
        ? "retry in " + wait.toMillis() + " ms (" + Objects.requireNonNull(source).label() + "): " + reason
        : "no retry: " + reason;
    return OneLine.text(line, Set.of(), OneLine.MAX_LENGTH);
  }
}
