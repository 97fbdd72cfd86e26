package dev.apierrors.okhttp;

import dev.apierrors.spi.Secrets;
import dev.apierrors.RequestFacts;
import dev.apierrors.RetryPolicy;
import dev.apierrors.spi.RetrySession;
import io.github.resilience4j.retry.Retry;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.jspecify.annotations.Nullable;

/**
 * The retry settings shared by {@link ApiErrorsInterceptor} and {@link AsyncCaller}: the
 * policy, and the resilience4j {@link Retry} that counts attempts and publishes events.
 * Immutable.
 */
final class RetrySettings {
  /** The name of the {@link Retry} made from the policy when the user gives none. */
  static final String DEFAULT_RETRY_NAME = "apierrors";

  static final RetrySettings NONE = new RetrySettings(RetryPolicy.none(), null);

  private final RetryPolicy policy;
  /** Null only for a policy that never retries, which publishes nothing. */
  private final @Nullable Retry retry;

  /** Whether the Retry has a result predicate: checked once here, not on every success. */
  private final boolean retriesResults;

  private RetrySettings(RetryPolicy policy, @Nullable Retry retry) {
    this.policy = policy;
    this.retry = retry;
    this.retriesResults = retry != null && RetrySession.hasResultPredicate(retry);
  }

  /**
   * Returns the settings for {@code policy}, publishing through {@code retry}, or through
   * a new {@link Retry} made from the policy when {@code retry} is null.
   */
  static RetrySettings of(RetryPolicy policy, @Nullable Retry retry) {
    Objects.requireNonNull(policy, "policy");
    if (retry == null && policy.maxAttempts() == 1) {
      return new RetrySettings(policy, null);
    }
    return new RetrySettings(policy, retry != null ? retry : policy.toRetry(DEFAULT_RETRY_NAME));
  }

  RetryPolicy policy() {
    return policy;
  }

  /** Whether a call may be sent more than once (else the plain one-attempt path runs). */
  boolean enabled() {
    return retry != null;
  }

  /** Whether responses that are not errors are shown to the Retry's {@code retryOnResult}. */
  boolean retriesResults() {
    return retriesResults;
  }

  Retry retry() {
    return Objects.requireNonNull(retry, "no Retry for a policy that never retries");
  }

  /** What the decision needs to know about {@code request}. */
  static RequestFacts factsOf(Request request) {
    RequestBody body = request.body();
    return RequestFacts.of(request.method())
        .withIdempotencyKey(request.header("Idempotency-Key") != null)
        .withOneShotBody(body != null && body.isOneShot());
  }

  /** Whole milliseconds from {@code nowNanos} to {@code deadlineNanos}, rounded down. */
  static OptionalLong millisUntil(long deadlineNanos, long nowNanos) {
    return OptionalLong.of(Math.floorDiv(deadlineNanos - nowNanos, TimeUnit.MILLISECONDS.toNanos(1)));
  }

  @Override
  public String toString() {
    return Secrets.none().oneLine(retry == null ? "none" : policy + " via Retry '" + retry.getName() + "'");
  }
}
