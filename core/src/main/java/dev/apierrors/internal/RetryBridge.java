package dev.apierrors.internal;

import dev.apierrors.ApiException;
import dev.apierrors.AttemptFailure;
import dev.apierrors.RequestFacts;
import dev.apierrors.RetryDecision;
import dev.apierrors.RetryPolicy;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.util.OptionalLong;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A {@link RetryPolicy} as resilience4j's retry predicate and interval function, so that a
 * {@code Retry} configured by {@link RetryPolicy#toRetryConfig()} retries exactly what the
 * policy would, in both of its uses:
 *
 * <ul>
 *   <li>driven by a {@link dev.apierrors.spi.RetrySession}, it is handed one
 *       {@link AttemptFailure} per failed attempt, carrying the decision already made (with the
 *       request's facts and the call's deadline): it only counts and publishes that decision;
 *   <li>used alone, with resilience4j's decorators around code that throws the typed
 *       exceptions, it asks the policy itself about each failure. The request's facts are the
 *       ones given to {@link RetryPolicy#toRetryConfig(RequestFacts)}; without them, those an
 *       {@link ApiException} reports (its request's method; no {@code Idempotency-Key}, a
 *       body that can be resent), and a request whose method is unknown (an I/O failure)
 *       counts as not idempotent.
 * </ul>
 *
 * <p>The predicate and the interval agree: a failure the predicate accepts gets a wait
 * from the interval for every attempt resilience4j asks about (its own {@code maxAttempts}
 * is checked first), so resilience4j never sleeps a negative interval. Immutable.
 */
public final class RetryBridge implements IntervalBiFunction<Object>, Predicate<Throwable> {
  /** A request nothing is known about: its method is not one of the idempotent ones. */
  private static final RequestFacts UNKNOWN_REQUEST = RequestFacts.of("(unknown method)");

  private final RetryPolicy policy;
  private final @Nullable RequestFacts facts;

  private RetryBridge(RetryPolicy policy, @Nullable RequestFacts facts) {
    this.policy = policy;
    this.facts = facts;
  }

  /** The configuration for {@code policy}; {@code facts} null when the request is not known. */
  public static RetryConfig configOf(RetryPolicy policy, @Nullable RequestFacts facts) {
    RetryBridge bridge = new RetryBridge(policy, facts);
    return RetryConfig.<Object>custom()
        .maxAttempts(policy.maxAttempts())
        .failAfterMaxAttempts(false)
        .retryOnException(bridge)
        .intervalBiFunction(bridge)
        .build();
  }

  /**
   * Whether {@code config} was made by {@link #configOf} (or copied from one with
   * {@code RetryConfig.from}, keeping its interval function): its interval function then
   * reports the waits a session decided, so the session can let resilience4j publish them.
   */
  public static boolean isBridged(RetryConfig config) {
    return config.getIntervalBiFunction() instanceof RetryBridge;
  }

  /** Whether resilience4j should count {@code failure} as retryable. */
  @Override
  public boolean test(Throwable failure) {
    if (failure instanceof AttemptFailure f) {
      // A failure retried, or one that ends a call already retried (an error, not an ignored one).
      return f.decision().isRetry() || f.attempt() > 1;
    }
    RetryDecision decision = decideAlone(1, failure, true);
    return decision != null && decision.isRetry();
  }

  /** The wait before the next attempt, in milliseconds; -1 for no retry. */
  @Override
  public Long apply(Integer attempt, Either<Throwable, Object> outcome) {
    if (!outcome.isLeft()) {
      return -1L; // the configuration has no result predicate: never called for a result
    }
    Throwable failure = outcome.getLeft();
    RetryDecision decision = failure instanceof AttemptFailure f
        ? f.decision()
        : decideAlone(attempt == null ? 1 : attempt, failure, false);
    return decision != null && decision.isRetry() ? decision.waitMillis() : -1L;
  }

  /**
   * The policy's decision for a failure seen by resilience4j's own decorators, or null when
   * it is not one the policy judges (not an {@link IOException}).
   *
   * @param ignoreMaxAttempts judge as if more attempts were allowed: resilience4j checks its
   *     own {@code maxAttempts} (the policy's) before it asks for the interval
   */
  private @Nullable RetryDecision decideAlone(int attempt, Throwable failure, boolean ignoreMaxAttempts) {
    if (!(failure instanceof IOException io)) {
      return null;
    }
    RequestFacts request = factsOf(io, facts);
    RetryPolicy judge = ignoreMaxAttempts && policy.maxAttempts() <= attempt
        ? policy.toBuilder().maxAttempts(attempt + 1).build()
        : policy;
    return judge.decide(attempt, io, request, OptionalLong.empty());
  }

  /** The facts given, else the exception's, else those of a request that is not idempotent. */
  private static RequestFacts factsOf(IOException failure, @Nullable RequestFacts given) {
    if (given != null) {
      return given;
    }
    if (failure instanceof ApiException api) {
      String method = api.error().requestMethod().orElse("");
      if (!method.isBlank()) {
        return RequestFacts.of(method);
      }
    }
    return UNKNOWN_REQUEST;
  }

  @Override
  public String toString() {
    return "RetryBridge{" + policy + (facts == null ? "" : ", " + facts) + '}';
  }
}
