package dev.apierrors.okhttp;

import dev.apierrors.ApiErrorsListener.ErrorDecoded;
import dev.apierrors.ApiErrorsListener.GaveUp;
import dev.apierrors.ApiErrorsListener.HostWaited;
import dev.apierrors.ApiErrorsListener.RetryScheduled;
import dev.apierrors.ApiErrorsListener.Succeeded;
import dev.apierrors.spi.Secrets;
import dev.apierrors.ApiException;
import dev.apierrors.AttemptFailure;
import dev.apierrors.ErrorInSuccessException;
import dev.apierrors.RetryDecision;
import dev.apierrors.spi.HostGate;
import dev.apierrors.spi.HostKey;
import dev.apierrors.spi.ResponseView;
import dev.apierrors.spi.RetrySession;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Objects;
import java.util.OptionalInt;
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
 * and schedules each wait. Each hands the engine every attempt's outcome and answers,
 * through a {@link StopProbe}, whether the call was stopped meanwhile (cancelled,
 * interrupted); the engine answers with a {@link Step}.
 *
 * <p>Where later rules plug in: a per-host gate consulted before each attempt is sent
 * belongs in the drivers' send step (the blocking loop before {@code chain.proceed}, the
 * non-blocking {@code send}), which already wait in slices or schedule; a retry budget
 * belongs after {@link RetrySession#decide} in {@link Run#onFailure}, refusing with
 * {@link RetrySession#decline}. Both drivers' waiting and cancellation can carry any other
 * "wait, then send again" step.
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

  static final RetryEngine DEFAULTS = new RetryEngine(ErrorPolicy.DEFAULTS, RetrySettings.NONE, CallHooks.NONE);

  /** One DEBUG line per retry decision and per give-up; never a credential (the messages are scrubbed). */
  private static final System.Logger LOG = System.getLogger("dev.apierrors.retry");

  private final ErrorPolicy errors;
  private final RetrySettings retries;
  private final CallHooks hooks;

  RetryEngine(ErrorPolicy errors, RetrySettings retries, CallHooks hooks) {
    this.errors = Objects.requireNonNull(errors, "errors");
    this.retries = Objects.requireNonNull(retries, "retries");
    this.hooks = Objects.requireNonNull(hooks, "hooks");
  }

  CallHooks hooks() {
    return hooks;
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
   * the success path's only check (allocates nothing). False whenever a listener, the
   * host limits or a detector must see the call.
   */
  boolean passes(Response response) {
    return hooks.quiet() && !errors.isError(response.code());
  }

  /** Whether the engine must see the call before its first attempt (the host limits). */
  boolean gated() {
    return hooks.gate() != null;
  }

  /**
   * Whether {@code response}, the first attempt's, ends its call as it is, with nothing to
   * decode, judge or record: the success path's only check (allocates nothing). False for
   * an error, and for any response when the Retry has a result predicate to ask.
   */
  boolean endsAtOnce(Response response) {
    return passes(response) && !retries.retriesResults();
  }

  /**
   * Tells the engine whether the call was stopped while an attempt was in flight: asked
   * after each attempt's outcome is known (after an error body was read), never before.
   */
  @FunctionalInterface
  interface StopProbe {
    /**
     * The exception to end the call with if it was cancelled (an {@link IOException}) or
     * its thread interrupted (an {@link InterruptedIOException}, the flag kept),
     * else null.
     */
    @Nullable IOException stopped();
  }

  /**
   * Starts the state of one call.
   *
   * @param request the request as the caller made it (its credentials are scrubbed from messages)
   * @param deadlineNanos the call's deadline on {@link System#nanoTime()}'s clock, if {@code hasDeadline}
   * @param probe asked after each attempt whether the call was stopped meanwhile
   */
  Run start(Request request, boolean hasDeadline, long deadlineNanos, StopProbe probe) {
    return new Run(request, hasDeadline, deadlineNanos, probe);
  }

  @Override
  public String toString() {
    return Secrets.none().oneLine(errors + (retries.enabled() ? "{retry=" + retries + '}' : "") + hooks);
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
    private final StopProbe probe;
    private final AtomicBoolean settled = new AtomicBoolean();
    /** Started at the first failure: the success path needs no bookkeeping. */
    private @Nullable RetrySession session;
    private @Nullable Response response;
    private @Nullable IOException failure;
    private long waitMillis;
    /** The failure whose retry was decided last, for {@link #decline}. */
    private @Nullable IOException retried;
    /** The number of the attempt in flight, 1 for the first. */
    private int attempt = 1;
    /** Computed on first use, only when the host limits are on. */
    private @Nullable HostKey hostKey;

    private Run(Request request, boolean hasDeadline, long deadlineNanos, StopProbe probe) {
      this.request = request;
      this.hasDeadline = hasDeadline;
      this.deadlineNanos = deadlineNanos;
      this.probe = probe;
    }

    /**
     * The outcome of an attempt that got a response. A call stopped meanwhile (see
     * {@link StopProbe}) is never sent again, and neither a success nor an error decoded
     * from a body the stop may have cut short reaches the caller.
     */
    Step onResponse(Response attemptResponse) {
      outcomes++;
      if (!errors.isError(attemptResponse.code())) {
        IOException stopped = probe.stopped();
        if (stopped != null) {
          close(attemptResponse);
          return fail(ended(stopped, null));
        }
        String detector = hooks.detect(attemptResponse, errors.decoder().maxBodyBytes());
        if (detector != null) {
          return failed(errorInSuccess(attemptResponse, detector));
        }
        if (retries.retriesResults()) {
          RetrySession s = session();
          RetryDecision decision = s.decideResult(attemptResponse, millisUntilDeadline());
          if (decision.isRetry()) {
            close(attemptResponse);
            waitMillis = decision.waitMillis();
            retried = s.pending().orElseThrow().failure();
            lastDecision = decision;
            return Step.RETRY;
          }
        }
        RetrySession s = session;
        if (s != null) {
          s.onSuccess();
        }
        HostGate gate = hooks.gate();
        if (gate != null) {
          HostKey key = hostKey();
          hooks.guard(() -> gate.onSuccess(key, CallHooks.headers(attemptResponse.headers())), "onSuccess");
        }
        if (hooks.observed()) {
          Succeeded event = new Succeeded(request.method(), CallHooks.hostLabel(request), attempt, attemptResponse.code());
          hooks.tell(l -> l.onSuccess(event), "onSuccess");
        }
        response = attemptResponse;
        return Step.SUCCEED;
      }
      ApiException error = ErrorResponses.toException(request, attemptResponse, errors.decoder()); // closes it
      return failed(error);
    }

    /** The exception for a 2xx whose body a detector calls an error (closes the response). */
    private ApiException errorInSuccess(Response attemptResponse, String detector) {
      try {
        ResponseView view = CallHooks.peek(attemptResponse, errors.decoder().maxBodyBytes(),
            SentSecrets.of(request, attemptResponse));
        return new ErrorInSuccessException(errors.decoder().decode(view), 1, detector);
      } catch (IOException e) {
        // The peek worked for the detector: a second one failing is a dropped connection.
        return new ErrorInSuccessException(dev.apierrors.ApiError.builder(attemptResponse.code())
            .format("empty").title(String.valueOf(attemptResponse.message())).build(), 1, detector);
      } finally {
        close(attemptResponse);
      }
    }

    /**
     * Asks the host limits whether the attempt about to be sent may go now: the driver
     * sends it, waits {@link HostGate.Admission#waitMillis()} first, or ends the call with
     * {@link #refused(HostGate.Admission)}. Only when {@link #gated()}; once per attempt
     * (a paced call's slot is reserved by asking).
     *
     * @param afterPacedWait whether the attempt has just waited for its paced slot (an
     *     admission whose {@link HostGate.Admission#recheck()} was false): then only a
     *     cool-down begun meanwhile holds it back ({@link HostGate#readmit})
     */
    HostGate.Admission admit(boolean afterPacedWait) {
      HostGate gate = Objects.requireNonNull(hooks.gate(), "no host limits");
      HostGate.Admission admission;
      try {
        admission = afterPacedWait
            ? gate.readmit(hostKey(), millisUntilDeadline())
            : gate.admit(hostKey(), millisUntilDeadline());
      } catch (RuntimeException | Error e) {
        hooks.warnStore(e, afterPacedWait ? "readmit" : "admit");
        return HostGate.Admission.now();
      }
      boolean probe = admission.recheck() && admission.waitSource().orElse(null) == dev.apierrors.WaitSource.PACING;
      if (admission.waitMillis() > 0 && hooks.observed() && !probe) {
        HostWaited event = new HostWaited(request.method(), CallHooks.hostLabel(request),
            java.time.Duration.ofMillis(admission.waitMillis()), admission.waitSource().orElseThrow());
        hooks.tell(l -> l.onHostWait(event), "onHostWait");
      }
      return admission;
    }

    /**
     * The exception ending a call whose attempt the host limits refused to send: the
     * refusal itself (nothing sent, {@code attempts()} 0) for the first attempt; for a
     * retry, the last failure, with the refusal suppressed on it.
     */
    IOException refused(HostGate.Admission admission) {
      ApiException refusal = admission.refusal().orElseThrow();
      IOException end;
      if (attempt == 1 || session == null || retried == null) {
        end = refusal;
      } else {
        end = Objects.requireNonNull(session).failureToThrow(Objects.requireNonNull(retried));
        end.addSuppressed(refusal);
      }
      gaveUp(end, "not sent: the host asked its clients to wait");
      return end;
    }

    private HostKey hostKey() {
      HostKey key = hostKey;
      if (key == null) {
        key = hooks.hostKey(request);
        hostKey = key;
      }
      return key;
    }

    /**
     * The outcome of an attempt that failed: an {@link ApiException} (decoded here or by an
     * {@link ApiErrorsInterceptor} below), or an I/O failure. A call stopped meanwhile ends
     * here, never retried.
     */
    Step onFailure(IOException failed) {
      outcomes++;
      return failed(failed);
    }

    /** An attempt's failure, already counted. */
    private Step failed(IOException failed) {
      if (failed instanceof ApiException api && api.attempts() > 1 && retries.enabled()) {
        // OkHttp itself sent this attempt again below the SDK (a plain addInterceptor):
        // the session counts the attempt once, the server saw it attempts() times.
        okHttpResends += api.attempts() - 1;
      }
      IOException stopped = probe.stopped();
      // OkHttp's own messages may quote what the server sent (a status line echoing a token).
      IOException attemptFailure = SentSecrets.scrub(failed, request);
      if (stopped != null) {
        // The cancel's own I/O failure ends the call as it is; an error response (maybe
        // decoded from the few bytes that arrived) or an unrelated failure give way to the stop.
        boolean ownFailure = !(attemptFailure instanceof ApiException)
            && (attemptFailure instanceof InterruptedIOException
                || !(stopped instanceof InterruptedIOException));
        return fail(ownFailure ? ended(attemptFailure, null) : ended(stopped, attemptFailure));
      }
      if (attemptFailure instanceof ApiException api) {
        HostGate gate = hooks.gate();
        if (gate != null) {
          HostKey key = hostKey();
          hooks.guard(() -> gate.onError(key, api.error()), "onError");
        }
        if (hooks.observed()) {
          ErrorDecoded event = new ErrorDecoded(request.method(), CallHooks.hostLabel(request), attempt, api.error(),
              api.getClass());
          hooks.tell(l -> l.onError(event), "onError");
        }
      }
      if (!retries.enabled()) {
        return giveUp(attemptFailure, "no retry policy");
      }
      RetrySession s = session();
      RetryDecision decision = s.decide(attemptFailure, millisUntilDeadline());
      HostGate gate = hooks.gate();
      long hostWait = 0;
      if (decision.isRetry() && gate != null) {
        RetryDecision budgeted = budget(gate, attemptFailure, decision);
        if (!budgeted.isRetry()) {
          s.decline(budgeted.reason());
          return giveUp(withDecision(counted(s.failureToThrow(attemptFailure)), attemptFailure, budgeted), budgeted.reason());
        }
        hostWait = coolDownLeft(gate);
        long wait = Math.max(decision.waitMillis(), hostWait);
        OptionalLong left = millisUntilDeadline();
        if (hostWait > decision.waitMillis()
            && (wait > gate.maxWaitMillis() || (left.isPresent() && wait >= left.getAsLong()))) {
          // The host's cool-down (set by another call) outlasts what this retry may wait:
          // decline now rather than announce a retry that would then not be sent.
          String reason = "the host asked its clients to wait " + hostWait + " ms (host-cool-down), more than this"
              + " call may wait";
          s.decline(reason);
          return giveUp(withDecision(counted(s.failureToThrow(attemptFailure)), attemptFailure, RetryDecision.stop(reason)),
              reason);
        }
      }
      if (!decision.isRetry()) {
        s.publish();
        return giveUp(counted(s.failureToThrow(attemptFailure)), decision.reason());
      }
      waitMillis = Math.max(decision.waitMillis(), hostWait);
      retried = attemptFailure;
      lastDecision = decision;
      return Step.RETRY;
    }

    private RetryDecision budget(HostGate gate, IOException failure, RetryDecision decision) {
      try {
        return gate.budget(hostKey(), failure, decision);
      } catch (RuntimeException | Error e) {
        hooks.warnStore(e, "budget");
        return decision;
      }
    }

    private long coolDownLeft(HostGate gate) {
      try {
        return gate.coolDownLeft(hostKey());
      } catch (RuntimeException | Error e) {
        hooks.warnStore(e, "coolDownLeft");
        return 0;
      }
    }

    /**
     * The caller's future was completed from outside (cancel, {@code orTimeout}) while no
     * attempt could tell the engine: ends the run as a give-up, once.
     */
    void abandoned() {
      RetrySession s = session;
      IOException end = new IOException("Canceled");
      gaveUp(s == null ? end : s.endedDuringWait(end), "the call was cancelled");
    }

    /** A response that arrived after the call ended from outside: the host limits still learn from it. */
    void lateResponse(Response late) {
      HostGate gate = hooks.gate();
      if (gate == null) {
        return;
      }
      HostKey key = hostKey();
      if (errors.isError(late.code())) {
        // Its headers say what a cool-down needs (Retry-After, rate limit); its body is not read.
        hooks.guard(() -> gate.onError(key, errors.decoder().decode(ResponseView.builder(late.code())
            .headers(CallHooks.headers(late.headers())).build())), "onError");
      } else {
        hooks.guard(() -> gate.onSuccess(key, CallHooks.headers(late.headers())), "onSuccess");
      }
    }

    private @Nullable RetryDecision lastDecision;

    /**
     * {@code end} saying why {@code failure} was not retried (the budget refused it): a copy
     * of the typed exception carrying the decision as a suppressed {@link AttemptFailure}
     * whose cause is the original, so that the graph stays free of cycles. An I/O failure
     * is returned as it is (the give-up event and log line say why).
     */
    private IOException withDecision(IOException end, IOException failure, RetryDecision decision) {
      if (!(end instanceof ApiException api)) {
        return end;
      }
      ApiException copy = api.withAttempts(api.attempts());
      for (Throwable suppressed : api.getSuppressed()) {
        copy.addSuppressed(suppressed);
      }
      copy.addSuppressed(AttemptFailure.of(attempt, failure, decision));
      return copy;
    }

    /** Ends the call with {@code end}, telling the listener and the log why. */
    private Step giveUp(IOException end, String reason) {
      gaveUp(end, reason);
      return fail(end);
    }

    private final AtomicBoolean toldEnd = new AtomicBoolean();
    /** Attempts whose outcome the driver reported: the requests sent. */
    private int outcomes;
    /** Requests OkHttp sent again below the SDK for the attempts of a retried call. */
    private int okHttpResends;

    /**
     * {@code end} with OkHttp's own resends added to its {@code attempts()}, so that it
     * counts every request the server received (a copy keeping the suppressed records).
     */
    private IOException counted(IOException end) {
      if (okHttpResends == 0 || !(end instanceof ApiException api)) {
        return end;
      }
      ApiException copy = api.withAttempts(api.attempts() + okHttpResends);
      for (Throwable suppressed : api.getSuppressed()) {
        copy.addSuppressed(suppressed);
      }
      return copy;
    }

    private void gaveUp(IOException end, String reason) {
      if (!toldEnd.compareAndSet(false, true)) {
        return; // one give-up per call, however it ended
      }
      OptionalInt status = end instanceof ApiException api ? OptionalInt.of(api.status()) : OptionalInt.empty();
      int attempts = end instanceof ApiException api ? api.attempts() : outcomes;
      if (LOG.isLoggable(System.Logger.Level.DEBUG)) {
        log("give up " + request.method() + ' ' + CallHooks.hostLabel(request) + " after " + attempts
            + (attempts == 1 ? " attempt" : " attempts") + " (" + (status.isPresent() ? "status " + status.getAsInt()
            : end.getClass().getSimpleName()) + "): " + reason);
      }
      if (hooks.observed()) {
        GaveUp event = new GaveUp(request.method(), CallHooks.hostLabel(request), attempts, status,
            end.getClass().getSimpleName(), reason);
        hooks.tell(l -> l.onGiveUp(event), "onGiveUp");
      }
    }

    /** Publishes the retry decided: call it once the driver is sure to wait and send again. */
    void confirmRetry() {
      requireSession().publish();
      RetryDecision decision = Objects.requireNonNull(lastDecision, "no retry decided");
      IOException failed = Objects.requireNonNull(retried, "no retry decided");
      OptionalInt status = failed instanceof ApiException api ? OptionalInt.of(api.status()) : OptionalInt.empty();
      if (LOG.isLoggable(System.Logger.Level.DEBUG)) {
        log("retry " + request.method() + ' ' + CallHooks.hostLabel(request) + " attempt " + attempt + " ("
            + (status.isPresent() ? "status " + status.getAsInt() : failed.getClass().getSimpleName()) + "): "
            + decision);
      }
      if (hooks.observed()) {
        RetryScheduled event = new RetryScheduled(request.method(), CallHooks.hostLabel(request), attempt, status,
            failed.getClass().getSimpleName(), decision);
        hooks.tell(l -> l.onRetry(event), "onRetry");
      }
      attempt++;
    }

    private void log(String line) {
      try {
        LOG.log(System.Logger.Level.DEBUG, "apierrors: " + line);
      } catch (RuntimeException | Error ignored) {
        // A broken logger must not break the call either.
      }
    }

    /**
     * The retry decided cannot happen ({@code why}: the next attempt could not be made or
     * its wait scheduled): publishes that there is no retry, and returns the exception to
     * end the call with, {@code why} suppressed on it.
     */
    IOException decline(Throwable why) {
      IOException end = requireSession().decline(
          "the next attempt could not be prepared (" + why.getClass().getSimpleName() + ")");
      end.addSuppressed(why);
      gaveUp(end, "the next attempt could not be prepared");
      return end;
    }

    /**
     * The call ended during the wait after a retry was confirmed (a cancel, an interrupt,
     * the deadline): returns {@code end} carrying the attempts made.
     */
    IOException endedDuringWait(IOException end) {
      RetrySession s = session;
      IOException result = s == null ? end : s.endedDuringWait(end);
      gaveUp(result, "the call was stopped while waiting (" + end.getClass().getSimpleName() + ")");
      return result;
    }

    /** The exception ending a call stopped while an attempt was in flight, with what was recorded. */
    private IOException ended(IOException end, @Nullable IOException lastFailure) {
      IOException result = endedQuietly(end, lastFailure);
      gaveUp(result, "the call was stopped (" + end.getClass().getSimpleName() + ")");
      return result;
    }

    private IOException endedQuietly(IOException end, @Nullable IOException lastFailure) {
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

    /** The call's retry session, started at the first failure (or the first result to judge). */
    private RetrySession session() {
      RetrySession s = session;
      if (s == null) {
        s = RetrySession.start(retries.policy(), retries.retry(), RetrySettings.factsOf(request));
        session = s;
      }
      return s;
    }

    private RetrySession requireSession() {
      return Objects.requireNonNull(session, "no retry decided");
    }
  }
}
