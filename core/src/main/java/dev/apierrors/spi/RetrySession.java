package dev.apierrors.spi;

import dev.apierrors.internal.OneLine;
import dev.apierrors.ApiException;
import dev.apierrors.AttemptFailure;
import dev.apierrors.RequestFacts;
import dev.apierrors.RetryDecision;
import dev.apierrors.RetryPolicy;

import io.github.resilience4j.retry.Retry;
import java.io.IOException;
import java.util.Objects;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * The retry bookkeeping of one call: asks the {@link RetryPolicy} after each failed
 * attempt, has the resilience4j {@link Retry} count it and publish the event, and gives
 * the exception to throw at the end with the attempt count. The caller sends, waits
 * (however it likes: blocking, scheduled) and resends; resilience4j never sleeps here.
 *
 * <pre>{@code
 * RetrySession session = RetrySession.start(policy, retry, RequestFacts.of("GET"));
 * while (true) {
 *   try {
 *     Result r = send();
 *     session.onSuccess();
 *     return r;
 *   } catch (IOException failure) {
 *     RetryDecision d = session.onFailure(failure, OptionalLong.empty());
 *     if (!d.isRetry()) throw session.failureToThrow(failure);
 *     sleep(d.waitDuration());
 *   }
 * }
 * }</pre>
 *
 * <p>Events: each retry is a {@code RetryOnRetryEvent} whose {@code getLastThrowable()}
 * is an {@link AttemptFailure} (attempt number, failure, wait and its source) and whose
 * {@code getWaitInterval()} is the wait; a call that ends in failure after retries
 * publishes a {@code RetryOnErrorEvent}, one that fails at once without retry a
 * {@code RetryOnIgnoredErrorEvent}, one that succeeds after retries a
 * {@code RetryOnSuccessEvent}. Use a {@code Retry} configured by
 * {@link RetryPolicy#toRetryConfig()}; with another configuration, the policy still
 * decides whether and how long to wait, and the {@code Retry} can only stop the
 * retries earlier (when its own {@code maxAttempts} is reached).
 *
 * <p>Thread-safety: one session per call, used by one thread at a time (successive
 * callbacks of a non-blocking call may run on different threads).
 */
public final class RetrySession {
  private final RetryPolicy policy;
  private final Retry retry;
  private final Retry.AsyncContext<Object> context;
  private final RequestFacts request;
  private volatile int attempt = 1;
  private volatile @Nullable AttemptFailure last;

  private RetrySession(RetryPolicy policy, Retry retry, RequestFacts request) {
    this.policy = policy;
    this.retry = retry;
    this.context = retry.asyncContext();
    this.request = request;
  }

  /** Starts the bookkeeping of a call whose first attempt is about to be sent. */
  public static RetrySession start(RetryPolicy policy, Retry retry, RequestFacts request) {
    return new RetrySession(
        Objects.requireNonNull(policy, "policy"),
        Objects.requireNonNull(retry, "retry"),
        Objects.requireNonNull(request, "request"));
  }

  /** The number of the attempt in flight (or the last one made), 1 for the first. */
  public int attempt() {
    return attempt;
  }

  /** The policy deciding. */
  public RetryPolicy policy() {
    return policy;
  }

  /**
   * Records that the current attempt failed, decides, and publishes the outcome through
   * the {@code Retry}. When the decision is to retry, the attempt number moves on: wait
   * {@link RetryDecision#waitDuration()}, then send again.
   *
   * @param failure the error response's exception (its response already closed), or the I/O failure
   * @param millisUntilDeadline time left until the call's deadline; empty when it has none
   */
  public RetryDecision onFailure(IOException failure, OptionalLong millisUntilDeadline) {
    int current = attempt;
    RetryDecision decision = policy.decide(current, failure, request, millisUntilDeadline);
    AttemptFailure recorded = AttemptFailure.of(current, failure, decision);
    long interval = context.onError(recorded);
    if (decision.isRetry() && interval < 0) {
      // A Retry with a configuration of its own: fewer attempts, or a predicate refusing this failure.
      decision = RetryDecision.stop("the resilience4j Retry '" + retry.getName()
          + "' stopped the retries (its maxAttempts is " + retry.getRetryConfig().getMaxAttempts()
          + ", or it does not retry this failure)");
      recorded = AttemptFailure.of(current, failure, decision);
    }
    last = recorded;
    if (decision.isRetry()) {
      attempt = current + 1;
    }
    return decision;
  }

  /** Records that the current attempt succeeded. */
  public void onSuccess() {
    context.onComplete();
  }

  /**
   * Returns the exception that ends the call: an {@link ApiException} of the same class
   * with {@link ApiException#attempts()} set to the number of attempts made (also when a
   * retry was decided but its wait was cut short by a cancel or an interrupt), or the I/O
   * failure itself, carrying the count as a suppressed {@link AttemptFailure} when there
   * was more than one attempt (read it with {@link AttemptFailure#attemptsOf(Throwable)}).
   */
  public IOException failureToThrow(IOException failure) {
    if (failure instanceof ApiException api) {
      return failureToThrow(api);
    }
    int attempts = attemptsFor(failure);
    if (attempts > 1 && AttemptFailure.attemptsOf(failure) != attempts) {
      AttemptFailure recorded = last;
      failure.addSuppressed(recorded != null && recorded.getCause() == failure
          ? recorded
          : AttemptFailure.of(attempts, failure, RetryDecision.stop("the call ended")));
    }
    return failure;
  }

  /** Returns an exception of the same class as {@code failure} with the number of attempts made. */
  public ApiException failureToThrow(ApiException failure) {
    int attempts = attemptsFor(failure);
    return failure.attempts() == attempts ? failure : failure.withAttempts(attempts);
  }

  /**
   * The attempts made when {@code failure} ends the call: the number of the attempt it
   * was recorded for (the wait for a next attempt may have been cut short), else the
   * current attempt's.
   */
  private int attemptsFor(IOException failure) {
    AttemptFailure recorded = last;
    return recorded != null && recorded.getCause() == failure ? recorded.attempt() : attempt;
  }

  @Override
  public String toString() {
    return OneLine.of("RetrySession")
        .add("retry", retry.getName()).add("attempt", attempt).add("request", request)
        .toString();
  }
}
