package dev.apierrors.spi;

import dev.apierrors.internal.OneLine;
import dev.apierrors.ApiException;
import dev.apierrors.AttemptFailure;
import dev.apierrors.RequestFacts;
import dev.apierrors.RetryDecision;
import dev.apierrors.RetryPolicy;
import dev.apierrors.internal.RetryBridge;

import io.github.resilience4j.core.EventConsumer;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.event.RetryEvent;
import io.github.resilience4j.retry.event.RetryOnErrorEvent;
import io.github.resilience4j.retry.event.RetryOnIgnoredErrorEvent;
import io.github.resilience4j.retry.event.RetryOnRetryEvent;
import io.github.resilience4j.retry.event.RetryOnSuccessEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The retry bookkeeping of one call, from its first failed attempt on: asks the
 * {@link RetryPolicy} and the resilience4j {@link Retry} after each failed attempt,
 * publishes each decision through the {@code Retry}, and gives the exception to throw at
 * the end. The caller sends, waits (however it likes: blocking, scheduled) and resends;
 * resilience4j never sleeps here. Start it when the first attempt fails: a call that
 * succeeds at once needs no session.
 *
 * <pre>{@code
 * RetrySession session = null;
 * while (true) {
 *   try {
 *     Result r = send();
 *     if (session != null) session.onSuccess();
 *     return r;
 *   } catch (IOException failure) {
 *     if (session == null) session = RetrySession.start(policy, retry, RequestFacts.of("GET"));
 *     RetryDecision d = session.onFailure(failure, OptionalLong.empty());
 *     if (!d.isRetry()) throw session.failureToThrow(failure);
 *     sleep(d.waitDuration());
 *   }
 * }
 * }</pre>
 *
 * <p><b>Who decides.</b> A failure is retried only when both agree: the policy (statuses,
 * idempotency, one-shot bodies, the deadline, {@code maxRetryAfter}) and the {@code Retry}'s
 * own configuration, applied to the typed exception itself (or the I/O failure): its
 * {@code maxAttempts}, and for a configuration not made by {@link RetryPolicy#toRetryConfig()}
 * its exception predicate ({@code retryExceptions}, {@code ignoreExceptions},
 * {@code retryOnException}); and its result predicate ({@code retryOnResult}) through
 * {@link #decideResult}. The wait is always the policy's.
 *
 * <p><b>Events.</b> Each retry is a {@code RetryOnRetryEvent} whose
 * {@code getLastThrowable()} is an {@link AttemptFailure} (attempt number, failure, wait
 * and its source) and whose {@code getWaitInterval()} is the wait actually used; a call
 * that ends in failure after retries publishes a {@code RetryOnErrorEvent}, one that fails
 * at once a {@code RetryOnIgnoredErrorEvent}, one that succeeds after retries a
 * {@code RetryOnSuccessEvent}. A {@code Retry} configured by
 * {@link RetryPolicy#toRetryConfig()} also keeps its metrics; one with a configuration of
 * its own gets the same events, published straight to its event publisher (its metrics,
 * which only resilience4j's own retry loop can update, stay unchanged). A consumer that
 * throws (a {@code RuntimeException} or an {@code Error}) never changes the call's
 * outcome: the failure is logged through {@link System.Logger} (logger
 * {@code dev.apierrors.retry}, level {@code WARNING}, one line naming the {@code Retry},
 * the event and the exception's class) and the call goes on.
 *
 * <p><b>The exception at the end</b> ({@link #failureToThrow(IOException)},
 * {@link #endedBy}, {@link #endedDuringWait}) carries the earlier attempts as suppressed
 * {@link AttemptFailure}s, oldest first, each with its own failure as its cause: the
 * cause/suppressed graph has no cycle, and {@link AttemptFailure#attemptsOf(Throwable)}
 * counts every request sent.
 *
 * <p>Thread-safety: one session per call, used by one thread at a time (successive
 * callbacks of a non-blocking call may run on different threads).
 */
public final class RetrySession {
  private static final System.Logger LOG = System.getLogger("dev.apierrors.retry");

  private final RetryPolicy policy;
  private final Retry retry;
  private final RequestFacts request;
  /** Whether the Retry's configuration reports the waits decided here (made by the policy). */
  private final boolean bridged;
  /** resilience4j's bookkeeping when bridged, else null (events are published directly). */
  private final Retry.@Nullable AsyncContext<Object> context;
  /** The attempts recorded and published, oldest first. */
  private final List<AttemptFailure> records = new ArrayList<>(4);
  private volatile int attempt = 1;
  /** The decision made and not yet published, else null. */
  private volatile @Nullable AttemptFailure pending;

  private RetrySession(RetryPolicy policy, Retry retry, RequestFacts request) {
    this.policy = policy;
    this.retry = retry;
    this.request = request;
    this.bridged = RetryBridge.isBridged(retry.getRetryConfig());
    this.context = bridged ? retry.asyncContext() : null;
  }

  /**
   * Starts the bookkeeping of a call whose current attempt is its first; call it when
   * that attempt has failed.
   *
   * @param policy the policy deciding each retry
   * @param retry the resilience4j {@code Retry} that has a say and publishes the events
   * @param request the facts of the request sent
   * @return the session, at attempt 1
   */
  public static RetrySession start(RetryPolicy policy, Retry retry, RequestFacts request) {
    return new RetrySession(
        Objects.requireNonNull(policy, "policy"),
        Objects.requireNonNull(retry, "retry"),
        Objects.requireNonNull(request, "request"));
  }

  /** {@return the number of the attempt in flight (or the last one made), 1 for the first} */
  public int attempt() {
    return attempt;
  }

  /** {@return the policy deciding} */
  public RetryPolicy policy() {
    return policy;
  }

  /**
   * Records that the current attempt failed, decides and publishes the decision: the same
   * as {@link #decide} followed by {@link #publish()}. When the decision is to retry, the
   * attempt number moves on: wait {@link RetryDecision#waitDuration()}, then send again.
   *
   * @param failure the error response's exception (its response already closed), or the I/O failure
   * @param millisUntilDeadline time left until the call's deadline; empty when it has none
   * @return whether to send again, after what wait and why
   */
  public RetryDecision onFailure(IOException failure, OptionalLong millisUntilDeadline) {
    RetryDecision decision = decide(failure, millisUntilDeadline);
    publish();
    return decision;
  }

  /**
   * Decides about the current attempt's failure without publishing anything yet: the
   * caller first makes sure it can act on a retry (e.g. that its wait can be scheduled),
   * then calls {@link #publish()}, or {@link #decline(String)} if it cannot. Pure but for
   * the policy's jitter: calling it again replaces the decision.
   *
   * @param failure the error response's exception (its response already closed), or the I/O failure
   * @param millisUntilDeadline time left until the call's deadline; empty when it has none
   * @return whether to send again, after what wait and why (not published yet)
   */
  public RetryDecision decide(IOException failure, OptionalLong millisUntilDeadline) {
    int current = attempt;
    RetryDecision decision = policy.decide(current, failure, request, millisUntilDeadline);
    if (decision.isRetry()) {
      decision = retryAgrees(current, failure, decision);
    }
    pending = AttemptFailure.of(current, failure, decision);
    return decision;
  }

  /**
   * The decision made by {@link #decide} or {@link #decideResult} and not yet published,
   * as the record it will be published as; empty when there is none.
   *
   * @return the pending decision's record, or empty
   */
  public java.util.Optional<AttemptFailure> pending() {
    return java.util.Optional.ofNullable(pending);
  }

  /**
   * Publishes the decision made by {@link #decide}; a retry moves the attempt number on.
   *
   * @throws IllegalStateException if there is no decision to publish
   */
  public void publish() {
    AttemptFailure decided = takePending();
    records.add(decided);
    if (decided.decision().isRetry()) {
      attempt = decided.attempt() + 1;
    }
    publish(decided);
  }

  /**
   * Turns a retry decided by {@link #decide} (or {@link #decideResult}) into no retry,
   * because the caller cannot act on it (e.g. its scheduler refused the wait), publishes
   * that (no event announces a retry that does not happen), and returns the exception
   * that ends the call, as {@link #failureToThrow(IOException)} would.
   *
   * @param reason why the caller cannot act on the retry, in a few words
   * @return the exception that ends the call
   * @throws IllegalStateException if there is no decision to publish
   */
  public IOException decline(String reason) {
    AttemptFailure decided = takePending();
    pending = AttemptFailure.of(decided.attempt(), decided.failure(), RetryDecision.stop(reason));
    publish();
    return failureToThrow(decided.failure());
  }

  /**
   * Asks the {@code Retry}'s result predicate ({@code retryOnResult}) about what the
   * current attempt returned (for the OkHttp adapter: a response that is not an error).
   * When it asks for a retry, the policy decides as for an I/O failure (idempotent
   * requests only, no one-shot body, its backoff, {@code maxAttempts}, the deadline); a
   * retry decided is then published with {@link #publish()} or refused with
   * {@link #decline}, its {@link AttemptFailure}'s failure saying that the result was not
   * accepted. Without a result predicate, or when it accepts the result, nothing is
   * recorded and the decision is not to retry.
   *
   * @param result what the attempt returned
   * @param millisUntilDeadline time left until the call's deadline; empty when it has none
   * @return whether to send again, after what wait and why (not published yet)
   */
  public RetryDecision decideResult(Object result, OptionalLong millisUntilDeadline) {
    Objects.requireNonNull(result, "result");
    if (!retriesResult(result)) {
      return RetryDecision.stop("the result is accepted");
    }
    IOException notAccepted = new ResultNotAccepted(nameForMessage());
    int current = attempt;
    RetryDecision decision = policy.decide(current, notAccepted, request, millisUntilDeadline);
    if (decision.isRetry() && current >= retry.getRetryConfig().getMaxAttempts()) {
      decision = RetryDecision.stop("the resilience4j Retry '" + nameForMessage()
          + "' allows " + retry.getRetryConfig().getMaxAttempts() + " attempts");
    }
    if (decision.isRetry()) {
      pending = AttemptFailure.of(current, notAccepted, decision);
    }
    return decision;
  }

  /**
   * Whether {@code retry}'s configuration has a result predicate ({@code retryOnResult}):
   * only then is {@link #decideResult} worth asking, so a caller can check once, not on
   * every success.
   *
   * @param retry the resilience4j {@code Retry} the calls use
   * @return true when its configuration has a result predicate
   */
  public static boolean hasResultPredicate(Retry retry) {
    return retry.getRetryConfig().getResultPredicate() != null;
  }

  private boolean retriesResult(Object result) {
    java.util.function.Predicate<Object> predicate = retry.getRetryConfig().getResultPredicate();
    if (predicate == null) {
      return false;
    }
    try {
      return predicate.test(result);
    } catch (RuntimeException | Error e) {
      // E.g. a ClassCastException: the predicate was written for another result type.
      report(e, "the result predicate of");
      return false;
    }
  }

  /** Stands for a result the Retry's result predicate did not accept, in events and records. */
  private static final class ResultNotAccepted extends IOException {
    private static final long serialVersionUID = 1L;

    ResultNotAccepted(String retryName) {
      super("the resilience4j Retry '" + retryName + "' does not accept the result (retryOnResult)");
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this; // a marker, made on a response the caller never sees
    }
  }

  /** Records that the current attempt succeeded, and publishes it (after retries). */
  public void onSuccess() {
    Retry.AsyncContext<Object> c = context;
    if (c != null) {
      guarded(c::onComplete, "success");
    } else if (!records.isEmpty()) {
      AttemptFailure last = records.get(records.size() - 1);
      publishDirectly(new RetryOnSuccessEvent(retry.getName(), records.size(), last));
    }
  }

  /**
   * Returns the exception that ends the call when the current attempt failed with
   * {@code failure} and is not retried: for an {@link ApiException}, one of the same class
   * with {@link ApiException#attempts()} set to the number of attempts made; else the
   * failure itself. Either carries the earlier attempts as suppressed
   * {@link AttemptFailure}s (read the count with {@link AttemptFailure#attemptsOf(Throwable)}).
   *
   * @param failure the current attempt's failure
   * @return the exception to throw
   */
  public IOException failureToThrow(IOException failure) {
    if (failure instanceof ApiException api) {
      return failureToThrow(api);
    }
    return withRecords(failure, failure, null);
  }

  /**
   * Returns an exception of the same class as {@code failure} with the number of attempts made.
   *
   * @param failure the current attempt's exception
   * @return the exception to throw
   */
  public ApiException failureToThrow(ApiException failure) {
    int attempts = attemptsFor(failure);
    ApiException result = failure.attempts() == attempts ? failure : failure.withAttempts(attempts);
    return withRecords(result, failure, null);
  }

  /**
   * Returns {@code end} (a cancel's {@link IOException}, an
   * {@link java.io.InterruptedIOException}, a timeout) ending the call while its current
   * attempt was in flight, carrying every attempt recorded and, when {@code lastFailure}
   * is not null, the current attempt's own failure (e.g. an error response cut short by
   * the cancel), neither being retried.
   *
   * @param end what ended the call
   * @param lastFailure the current attempt's own failure, or null when it has none
   * @return {@code end}, carrying the attempts
   */
  public IOException endedBy(IOException end, @Nullable IOException lastFailure) {
    Objects.requireNonNull(end, "end");
    AttemptFailure current = lastFailure == null || lastFailure == end
        ? null
        : AttemptFailure.of(attempt, lastFailure, RetryDecision.stop(
            "the call was stopped (" + end.getClass().getSimpleName() + ")"));
    return withRecords(end, end, current);
  }

  /**
   * Returns {@code end} ending the call during the wait after a retry was published,
   * before the next attempt was sent: carries every attempt recorded, the last one's
   * decision being that the wait was cut short (so {@code attemptsOf} counts only the
   * requests sent).
   *
   * @param end what ended the call
   * @return {@code end}, carrying the attempts
   */
  public IOException endedDuringWait(IOException end) {
    Objects.requireNonNull(end, "end");
    if (records.isEmpty()) {
      return end;
    }
    AttemptFailure last = records.get(records.size() - 1);
    AttemptFailure cut = last.decision().isRetry()
        ? AttemptFailure.of(last.attempt(), last.failure(), RetryDecision.stop(
            "the wait before the retry was cut short (" + end.getClass().getSimpleName() + ")"))
        : last;
    IOException result = withRecords(end, end, null, records.size() - 1);
    addIfAcyclic(result, cut);
    return result;
  }

  /** The decision is also the Retry's: its own maxAttempts, and its own exception predicate. */
  private RetryDecision retryAgrees(int current, IOException failure, RetryDecision decision) {
    RetryConfig config = retry.getRetryConfig();
    if (current >= config.getMaxAttempts()) {
      return RetryDecision.stop("the resilience4j Retry '" + nameForMessage()
          + "' allows " + config.getMaxAttempts() + " attempts");
    }
    if (!bridged && !acceptedBy(config.getExceptionPredicate(), failure)) {
      return RetryDecision.stop("the resilience4j Retry '" + nameForMessage() + "' does not retry "
          + failure.getClass().getSimpleName());
    }
    return decision;
  }

  private boolean acceptedBy(Predicate<Throwable> predicate, IOException failure) {
    try {
      return predicate.test(failure);
    } catch (RuntimeException | Error e) {
      report(e, "the exception predicate of");
      return false;
    }
  }

  private AttemptFailure takePending() {
    AttemptFailure decided = pending;
    if (decided == null) {
      throw new IllegalStateException("no decision to publish: call decide() first");
    }
    pending = null;
    return decided;
  }

  private void publish(AttemptFailure decided) {
    Retry.AsyncContext<Object> c = context;
    if (c != null) {
      guarded(() -> c.onError(decided), decided.decision().isRetry() ? "retry" : "error");
      return;
    }
    String name = retry.getName();
    RetryDecision decision = decided.decision();
    if (decision.isRetry()) {
      publishDirectly(new RetryOnRetryEvent(name, decided.attempt(), decided, decision.waitMillis()));
    } else if (decided.attempt() == 1) {
      publishDirectly(new RetryOnIgnoredErrorEvent(name, decided));
    } else {
      publishDirectly(new RetryOnErrorEvent(name, decided.attempt(), decided));
    }
  }

  /** Hands {@code event} to the Retry's consumers (resilience4j's publisher is also their consumer). */
  @SuppressWarnings("unchecked")
  private void publishDirectly(RetryEvent event) {
    if (retry.getEventPublisher() instanceof EventConsumer<?> consumer) {
      guarded(() -> ((EventConsumer<RetryEvent>) consumer).consumeEvent(event),
          event.getEventType().name().toLowerCase(java.util.Locale.ROOT));
    }
  }

  private void guarded(Runnable publication, String event) {
    try {
      publication.run();
    } catch (RuntimeException | Error e) {
      // "an error", "an ignored_error", "a retry": the article the event's name takes.
      report(e, ("aeiou".indexOf(event.charAt(0)) >= 0 ? "an " : "a ") + event + " event consumer of");
    }
  }

  /** One line, no message of the consumer's exception (it may hold anything). */
  private void report(Throwable e, String what) {
    try {
      LOG.log(System.Logger.Level.WARNING, "apierrors: " + what + " the resilience4j Retry '"
          + nameForMessage() + "' threw " + e.getClass().getName() + "; the call goes on");
    } catch (RuntimeException | Error ignored) {
      // A broken logger must not break the call either.
    }
  }

  /** The Retry's name, bounded, control characters escaped. */
  private String nameForMessage() {
    return OneLine.text(retry.getName(), Set.of(), 64);
  }

  /**
   * The attempts made when {@code failure} ends the call: the number of the attempt it
   * was recorded for, else the current attempt's.
   */
  private int attemptsFor(IOException failure) {
    AttemptFailure decided = pending;
    if (decided != null && decided.getCause() == failure) {
      return decided.attempt();
    }
    for (int i = records.size() - 1; i >= 0; i--) {
      if (records.get(i).getCause() == failure) {
        return records.get(i).attempt();
      }
    }
    return attempt;
  }

  private <T extends IOException> T withRecords(T result, IOException own, @Nullable AttemptFailure extra) {
    return withRecords(result, own, extra, records.size());
  }

  /**
   * Adds the first {@code count} records to {@code result}'s suppressed exceptions (not the
   * record of {@code own}, the failure {@code result} stands for: that would be a cycle),
   * then {@code extra}.
   */
  private <T extends IOException> T withRecords(T result, IOException own, @Nullable AttemptFailure extra,
      int count) {
    for (int i = 0; i < count; i++) {
      AttemptFailure f = records.get(i);
      if (f.getCause() != own) {
        addIfAcyclic(result, f);
      }
    }
    if (extra != null) {
      addIfAcyclic(result, extra);
    }
    return result;
  }

  /** Adds {@code record} unless already there or {@code result} is in its cause chain. */
  private static void addIfAcyclic(IOException result, AttemptFailure record) {
    for (Throwable s : result.getSuppressed()) {
      if (s == record || (s instanceof AttemptFailure a && a.attempt() == record.attempt()
          && a.getCause() == record.getCause())) {
        return;
      }
    }
    Throwable c = record;
    for (int depth = 0; c != null && depth < 64; depth++, c = c.getCause()) {
      if (c == result) {
        return;
      }
    }
    result.addSuppressed(record);
  }

  @Override
  public String toString() {
    return OneLine.of("RetrySession")
        .add("retry", retry.getName()).add("attempt", attempt).add("request", request)
        .toString();
  }
}
