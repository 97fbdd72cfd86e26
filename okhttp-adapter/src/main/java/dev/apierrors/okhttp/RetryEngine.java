package dev.apierrors.okhttp;

import dev.apierrors.ApiException;
import dev.apierrors.AttemptFailure;
import dev.apierrors.RetryDecision;
import dev.apierrors.spi.RetrySession;
import java.io.IOException;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;

/**
 * The one retry engine of both call paths: a small state machine per call, attempt →
 * outcome → decision → wait or finish. It owns what both paths must get exactly right:
 * which responses are errors and their decoding, the retry session (started at the first
 * failure only), the call's deadline, closing every response it does not hand over, the
 * publication of every decision (all of it through {@link Run}: the one place a listener
 * of outcomes would attach), what a cancel or an interrupt ends the call with, and the
 * settled flag that tells the call's own end from one imposed from outside.
 *
 * <p>The drivers only send and wait: {@link ApiErrorsInterceptor} proceeds down the chain
 * and waits in slices on the caller's thread; {@link AsyncCaller} enqueues each attempt
 * and schedules each wait. Either tells the engine after each attempt whether the call was
 * stopped meanwhile (cancelled, interrupted); the engine answers with a {@link Step}.
 *
 * <p>Thread-safety: the engine is immutable; a {@link Run} is used by one thread at a
 * time (a non-blocking call's callbacks run one after the other).
 */
final class RetryEngine {
  /** What to do after an attempt. */
  enum Step {
    /** Hand {@link Run#response()} to the caller. */
    SUCCEED,
    /** End the call with {@link Run#failure()}. */
    FAIL,
    /** Wait {@link Run#waitMillis()}, then send again (after {@link Run#confirmRetry()}). */
    RETRY
  }

  static final RetryEngine DEFAULTS = new RetryEngine(ErrorPolicy.DEFAULTS, RetrySettings.NONE);

  private final ErrorPolicy errors;
  private final RetrySettings retries;

  RetryEngine(ErrorPolicy errors, RetrySettings retries) {
    this.errors = Objects.requireNonNull(errors, "errors");
    this.retries = Objects.requireNonNull(retries, "retries");
  }

  ErrorPolicy errors() {
    return errors;
  }

  RetrySettings retries() {
    return retries;
  }

  /** Whether a call may be sent more than once. */
  boolean retrying() {
    return retries.enabled();
  }

  /**
   * Whether {@code response} ends its call as it is, with nothing to decode or record:
   * the success path's only check (allocates nothing).
   */
  boolean passes(Response response) {
    return !errors.isError(response.code());
  }

  /**
   * Starts the state of one call.
   *
   * @param request the request as the caller made it (its credentials are scrubbed from messages)
   * @param deadlineNanos the call's deadline on {@link System#nanoTime()}'s clock, if {@code hasDeadline}
   */
  Run start(Request request, boolean hasDeadline, long deadlineNanos) {
    return new Run(request, hasDeadline, deadlineNanos);
  }

  @Override
  public String toString() {
    return errors + (retries.enabled() ? "{retry=" + retries + '}' : "");
  }

  /** Closes a response the engine does not hand over (OkHttp 4.12: the body may be null). */
  static void close(Response response) {
    ResponseBody body = response.body();
    if (body != null) {
      body.close();
    }
  }

  /** One call's state. */
  final class Run {
    private final Request request;
    private final boolean hasDeadline;
    private final long deadlineNanos;
    private final AtomicBoolean settled = new AtomicBoolean();
    /** Started at the first failure: the success path needs no bookkeeping. */
    private @Nullable RetrySession session;
    private @Nullable Response response;
    private @Nullable IOException failure;
    private long waitMillis;
    /** The failure whose retry was decided last, for {@link #decline}. */
    private @Nullable IOException retried;

    private Run(Request request, boolean hasDeadline, long deadlineNanos) {
      this.request = request;
      this.hasDeadline = hasDeadline;
      this.deadlineNanos = deadlineNanos;
    }

    /**
     * The outcome of an attempt that got a response.
     *
     * @param stopped the call was cancelled or interrupted meanwhile (the exception to end
     *     it with), else null: a stopped call is never sent again, and neither a success
     *     nor an error decoded from a body the stop may have cut short reaches the caller
     */
    Step onResponse(Response attemptResponse, @Nullable IOException stopped) {
      if (!errors.isError(attemptResponse.code())) {
        if (stopped != null) {
          close(attemptResponse);
          return fail(ended(stopped, null));
        }
        RetrySession s = session;
        if (s != null) {
          s.onSuccess();
        }
        response = attemptResponse;
        return Step.SUCCEED;
      }
      ApiException error = ErrorResponses.toException(request, attemptResponse, errors.decoder()); // closes it
      return onFailure(error, stopped);
    }

    /**
     * The outcome of an attempt that failed: an {@link ApiException} (decoded here or by an
     * {@link ApiErrorsInterceptor} below), or an I/O failure.
     *
     * @param stopped as for {@link #onResponse}
     */
    Step onFailure(IOException attemptFailure, @Nullable IOException stopped) {
      if (stopped != null) {
        // The cancel's own I/O failure ends the call as it is; an error response (maybe
        // decoded from the few bytes that arrived) or an unrelated failure give way to the stop.
        boolean ownFailure = !(attemptFailure instanceof ApiException)
            && (attemptFailure instanceof java.io.InterruptedIOException
                || !(stopped instanceof java.io.InterruptedIOException));
        return fail(ownFailure ? ended(attemptFailure, null) : ended(stopped, attemptFailure));
      }
      if (!retries.enabled()) {
        return fail(attemptFailure);
      }
      RetrySession s = session;
      if (s == null) {
        s = RetrySession.start(retries.policy(), retries.retry(), RetrySettings.factsOf(request));
        session = s;
      }
      RetryDecision decision = s.decide(attemptFailure, millisUntilDeadline());
      if (!decision.isRetry()) {
        s.publish();
        return fail(s.failureToThrow(attemptFailure));
      }
      waitMillis = decision.waitMillis();
      retried = attemptFailure;
      return Step.RETRY;
    }

    /** Publishes the retry decided: call it once the driver is sure to wait and send again. */
    void confirmRetry() {
      requireSession().publish();
    }

    /**
     * The retry decided cannot happen ({@code why}: the next attempt could not be made or
     * its wait scheduled): publishes that there is no retry, and returns the exception to
     * end the call with, {@code why} suppressed on it.
     */
    IOException decline(Throwable why) {
      RetrySession s = requireSession();
      s.decline("the next attempt could not be prepared (" + why.getClass().getSimpleName() + ")");
      IOException end = s.failureToThrow(Objects.requireNonNull(retried, "no retry decided"));
      end.addSuppressed(why);
      return end;
    }

    /**
     * The call ended during the wait after a retry was confirmed (a cancel, an interrupt,
     * the deadline): returns {@code end} carrying the attempts made.
     */
    IOException endedDuringWait(IOException end) {
      RetrySession s = session;
      return s == null ? end : s.endedDuringWait(end);
    }

    /** The exception ending a call stopped while an attempt was in flight, with what was recorded. */
    private IOException ended(IOException end, @Nullable IOException lastFailure) {
      RetrySession s = session;
      if (s != null) {
        return s.endedBy(end, lastFailure);
      }
      if (lastFailure != null && lastFailure != end) {
        end.addSuppressed(AttemptFailure.of(1, lastFailure,
            RetryDecision.stop("the call was stopped (" + end.getClass().getSimpleName() + ")")));
      }
      return end;
    }

    private Step fail(IOException end) {
      failure = end;
      return Step.FAIL;
    }

    /**
     * Marks the call as ended by this engine's driver, before it completes the caller's
     * future; false if it had already ended (e.g. the future was completed from outside).
     */
    boolean settle() {
      return settled.compareAndSet(false, true);
    }

    /** The response to hand over after {@link Step#SUCCEED}. */
    Response response() {
      Response r = Objects.requireNonNull(response, "no response");
      response = null;
      return r;
    }

    /** The exception to end the call with after {@link Step#FAIL}. */
    IOException failure() {
      return Objects.requireNonNull(failure, "no failure");
    }

    /** The wait before the next attempt after {@link Step#RETRY}. */
    long waitMillis() {
      return waitMillis;
    }

    /** Nanoseconds left until the deadline; {@link Long#MAX_VALUE} without one. */
    long nanosLeft() {
      return hasDeadline ? deadlineNanos - System.nanoTime() : Long.MAX_VALUE;
    }

    private OptionalLong millisUntilDeadline() {
      return hasDeadline ? RetrySettings.millisUntil(deadlineNanos, System.nanoTime()) : OptionalLong.empty();
    }

    private RetrySession requireSession() {
      return Objects.requireNonNull(session, "no retry decided");
    }
  }
}
