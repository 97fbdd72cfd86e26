package dev.apierrors.spi;

import dev.apierrors.ApiError;
import dev.apierrors.ApiException;
import dev.apierrors.HostLimits;
import dev.apierrors.RateLimit;
import dev.apierrors.RetryBudget;
import dev.apierrors.RetryDecision;
import dev.apierrors.RetryPolicy;
import dev.apierrors.WaitSource;
import dev.apierrors.internal.RateLimitParser;
import dev.apierrors.internal.ReasonPhrases;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The per-host rules of {@link HostLimits}, for an adapter to drive: ask
 * {@link #admit(HostKey, OptionalLong)} before sending each attempt (and wait, or throw,
 * as it says; once a paced wait is over, {@link #readmit(HostKey, OptionalLong)}), tell {@link #onError(HostKey, ApiError)} or
 * {@link #onSuccess(HostKey, HttpHeaders)} what came back, and pass each retry decision
 * through {@link #budget(HostKey, IOException, RetryDecision)}. The state lives in the
 * limits' {@link HostStateStore}.
 *
 * <p>Thread-safety: thread-safe; one gate serves every call of a client.
 */
public final class HostGate {
  private static final Set<Integer> REFUSALS = Set.of(429, 420, 503);
  /** How long the first call to a host is awaited, with pacing on, before another goes out. */
  private static final long PROBE_MILLIS = 1_000;

  private final HostLimits limits;
  private final HostStateStore store;
  private final long maxWaitMillis;

  /** The store when it is the in-process one, told each time read from the limits' clock. */
  private final @Nullable InProcessHostStateStore inProcess;

  private HostGate(HostLimits limits, HostStateStore store, long maxWaitMillis) {
    this.limits = limits;
    this.store = store;
    this.maxWaitMillis = maxWaitMillis;
    this.inProcess = store instanceof InProcessHostStateStore local ? local : null;
  }

  /**
   * The limits' clock's time, in epoch milliseconds. The in-process store learns it too: it
   * judges which records are idle by that clock, the one its times are in.
   */
  private long now() {
    long now = limits.clock().millis();
    if (inProcess != null) {
      inProcess.observe(now);
    }
    return now;
  }

  /**
   * The gate of one client: {@code limits}, with the store they name or a new in-process
   * one, and waits bounded by {@code policy}'s {@link RetryPolicy#maxRetryAfter()}.
   *
   * @param limits the client's per-host limits
   * @param policy the retry policy whose {@code maxRetryAfter} bounds the waits
   * @return the gate
   */
  public static HostGate of(HostLimits limits, RetryPolicy policy) {
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(policy, "policy");
    return new HostGate(limits, limits.store().orElseGet(HostStateStore::inProcess),
        policy.maxRetryAfter().toMillis());
  }

  /** {@return whether the limits do anything; when not, the adapter skips the gate entirely} */
  public boolean enabled() {
    return limits.enabled();
  }

  /** {@return the limits this gate applies} */
  public HostLimits limits() {
    return limits;
  }

  /**
   * Whether an attempt to {@code host} may be sent now, must wait first, or must fail
   * without being sent (fail-fast mode, or a wait above the retry policy's
   * {@code maxRetryAfter} or past the call's deadline). A paced call's slot is reserved by
   * this question: ask it once per attempt, right before sending.
   *
   * @param host the host the attempt goes to
   * @param millisUntilDeadline time left until the call's deadline; empty when it has none
   * @return whether to send now, wait first, or fail
   */
  public Admission admit(HostKey host, OptionalLong millisUntilDeadline) {
    long now = now();
    Admission coolDown = coolDown(host, now, millisUntilDeadline);
    if (coolDown != null) {
      return coolDown;
    }
    if (limits.pacing()) {
      long probeWait = store.firstContact(host, now, PROBE_MILLIS);
      if (probeWait > 0) {
        // Another call is finding out how fast this host may be called: ask again shortly.
        return Admission.recheckAfter(probeWait, WaitSource.PACING);
      }
      long maxPaceWait = limits.failFast() ? 0 : Math.min(maxWaitMillis,
          millisUntilDeadline.isPresent() ? millisUntilDeadline.getAsLong() - 1 : Long.MAX_VALUE);
      long paceWait = store.reserveSendSlot(host, now, maxPaceWait) - now;
      if (paceWait > 0 && paceWait <= maxPaceWait) {
        return Admission.waitFor(paceWait, WaitSource.PACING);
      }
      if (paceWait > 0 && limits.failFast()) {
        return Admission.refuse(notSent(host, 429, paceWait, WaitSource.PACING));
      }
      // A slot beyond maxRetryAfter or the deadline is not worth waiting for: the call goes
      // now (reserving nothing) and the server decides, rather than a refusal of our own.
    }
    return Admission.NOW;
  }

  /**
   * Asks again for an attempt whose paced wait ({@link Admission#recheck()} false) is over:
   * its send slot is reserved, so only the host's cool-down is looked at, which another
   * call's refusal may have begun meanwhile. Waits or refuses as {@link #admit} does for a
   * cool-down; after such a wait, ask {@link #admit} again.
   *
   * @param host the host the attempt goes to
   * @param millisUntilDeadline time left until the call's deadline; empty when it has none
   * @return send now, wait out the cool-down first, or fail
   */
  public Admission readmit(HostKey host, OptionalLong millisUntilDeadline) {
    Admission coolDown = coolDown(host, now(), millisUntilDeadline);
    return coolDown != null ? coolDown : Admission.NOW;
  }

  /** The wait (or refusal) of the host's cool-down at {@code now}; null when it has none. */
  private @Nullable Admission coolDown(HostKey host, long now, OptionalLong millisUntilDeadline) {
    long coolDownWait = limits.coolDown() ? store.coolDownUntil(host) - now : 0;
    return coolDownWait > 0
        ? waitOrRefuse(host, coolDownWait, WaitSource.HOST_COOL_DOWN, millisUntilDeadline)
        : null;
  }

  private Admission waitOrRefuse(HostKey host, long waitMillis, WaitSource source, OptionalLong millisUntilDeadline) {
    boolean pastDeadline = millisUntilDeadline.isPresent() && waitMillis >= millisUntilDeadline.getAsLong();
    if (limits.failFast() || waitMillis > maxWaitMillis || pastDeadline) {
      int status = source == WaitSource.HOST_COOL_DOWN ? store.coolDownStatus(host) : 429;
      return Admission.refuse(notSent(host, status == 0 ? 429 : status, waitMillis, source));
    }
    return Admission.waitFor(waitMillis, source);
  }

  private static ApiException notSent(HostKey host, int status, long waitMillis, WaitSource source) {
    String title = ReasonPhrases.of(status);
    ApiError error = ApiError.builder(status)
        .format(HostLimits.NOT_SENT_FORMAT)
        .title(title)
        .detail("not sent: " + host.label() + " asked its clients to wait (" + source.label() + "), "
            + waitMillis + " ms left")
        .retryAfterMillis(OptionalLong.of(waitMillis))
        .build();
    return ApiException.of(error, 0);
  }

  /**
   * Learns from an error response of {@code host}: a 429, 420 or 503 with a server-given
   * wait, or a rate limit with nothing remaining and a known reset, starts the host's
   * cool-down; a rate limit with requests remaining paces the host (when pacing is on).
   *
   * @param host the host that answered
   * @param error the decoded error response
   */
  public void onError(HostKey host, ApiError error) {
    if (!enabled()) {
      return;
    }
    long now = now();
    OptionalLong retryAfter = error.retryAfterMillis();
    if (limits.coolDown() && retryAfter.isPresent() && REFUSALS.contains(error.status())) {
      store.coolDown(host, saturatedAdd(now, retryAfter.getAsLong()), error.status());
    }
    Optional<RateLimit> rateLimit = error.rateLimit();
    if (rateLimit.isPresent()) {
      learn(host, rateLimit.get(), now, error.status());
    } else if (limits.pacing()) {
      store.unpaced(host);
    }
  }

  /**
   * Learns from a response of {@code host} that is not an error: refills its retry budget,
   * and reads its rate-limit headers (when cool-down or pacing is on).
   *
   * @param host the host that answered
   * @param headers the response's headers
   */
  public void onSuccess(HostKey host, HttpHeaders headers) {
    if (!enabled()) {
      return;
    }
    RetryBudget budget = limits.retryBudget().orElse(null);
    if (budget != null && budget.successRefund() > 0) {
      store.deposit(host, budget.successRefund(), budget.capacity());
    }
    if (limits.coolDown() || limits.pacing()) {
      long now = now();
      Optional<RateLimit> rateLimit = RateLimitParser.parse(headers, Instant.ofEpochMilli(now));
      if (rateLimit.isPresent()) {
        learn(host, rateLimit.get(), now, 429);
      } else if (limits.pacing()) {
        store.unpaced(host);
      }
    }
  }

  private void learn(HostKey host, RateLimit rateLimit, long now, int status) {
    OptionalLong remaining = rateLimit.remaining();
    OptionalLong reset = rateLimit.resetMillis();
    if (remaining.isEmpty() || reset.isEmpty() || reset.getAsLong() <= 0) {
      if (limits.pacing()) {
        store.unpaced(host);
      }
      return;
    }
    long until = saturatedAdd(now, reset.getAsLong());
    if (remaining.getAsLong() <= 0) {
      if (limits.coolDown()) {
        store.coolDown(host, until, REFUSALS.contains(status) ? status : 429);
      }
    } else if (limits.pacing()) {
      store.pace(host, reset.getAsLong() / remaining.getAsLong(), until);
    }
    if (remaining.getAsLong() <= 0 && limits.pacing()) {
      store.unpaced(host); // known: the cool-down holds the calls until the reset
    }
  }

  /**
   * Applies the retry budget to a decision to retry {@code failure}: a retry whose wait the
   * server gave costs nothing; any other takes its cost from the host's budget, and when
   * the budget cannot pay, the decision becomes a stop saying why. Decisions not to retry
   * pass unchanged.
   *
   * @param host the host the attempt went to
   * @param failure the attempt's failure
   * @param decision the retry policy's decision
   * @return the decision, or a stop when the budget cannot pay
   */
  public RetryDecision budget(HostKey host, IOException failure, RetryDecision decision) {
    RetryBudget budget = limits.retryBudget().orElse(null);
    if (budget == null || !decision.isRetry() || isRefusalWithServerWait(failure, decision)) {
      return decision;
    }
    int cost = isTimeout(failure) ? budget.timeoutRetryCost() : budget.retryCost();
    if (store.withdraw(host, cost, budget.capacity())) {
      return decision;
    }
    return RetryDecision.stop("the retry budget of " + host.label() + " is empty (a retry costs " + cost
        + " of " + budget.capacity() + " tokens, a success refunds " + budget.successRefund()
        + "): the host is failing too often to retry");
  }

  /** A 429, 420 or 503 whose wait the server gave: a refusal, not an outage, so it costs nothing. */
  private static boolean isRefusalWithServerWait(IOException failure, RetryDecision decision) {
    return failure instanceof ApiException api && REFUSALS.contains(api.status())
        && decision.waitSource().map(WaitSource::isServerRequested).orElse(false);
  }

  /**
   * How long the host's cool-down has left, 0 when none: lets a retry's wait cover it (and
   * a retry that could not wait it out be declined before it is announced).
   *
   * @param host the host
   * @return the milliseconds left, or 0
   */
  public long coolDownLeft(HostKey host) {
    if (!limits.coolDown()) {
      return 0;
    }
    return Math.max(0, store.coolDownUntil(host) - now());
  }

  /** {@return the longest wait the gate lets a call make for its host (the retry policy's {@code maxRetryAfter})} */
  public long maxWaitMillis() {
    return maxWaitMillis;
  }

  private static boolean isTimeout(IOException failure) {
    return failure instanceof SocketTimeoutException
        || (failure instanceof InterruptedIOException && "timeout".equals(failure.getMessage()));
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
  }

  @Override
  public String toString() {
    return "HostGate{" + limits + ", " + store + '}';
  }

  /**
   * What {@link #admit(HostKey, OptionalLong)} said: send now, wait first, or fail without
   * sending.
   *
   * <p>Thread-safety: immutable.
   */
  public static final class Admission {
    static final Admission NOW = new Admission(0, null, null, false);

    private final long waitMillis;
    private final @Nullable WaitSource source;
    private final @Nullable ApiException refusal;
    private final boolean recheck;

    private Admission(long waitMillis, @Nullable WaitSource source, @Nullable ApiException refusal, boolean recheck) {
      this.waitMillis = waitMillis;
      this.source = source;
      this.refusal = refusal;
      this.recheck = recheck;
    }

    /**
     * Send now: what a driver uses when the gate could not answer (a failing store).
     *
     * @return the admission to send at once
     */
    public static Admission now() {
      return NOW;
    }

    static Admission waitFor(long waitMillis, WaitSource source) {
      return new Admission(waitMillis, source, null, source == WaitSource.HOST_COOL_DOWN);
    }

    static Admission recheckAfter(long waitMillis, WaitSource source) {
      return new Admission(waitMillis, source, null, true);
    }

    static Admission refuse(ApiException refusal) {
      return new Admission(0, null, refusal, false);
    }

    /**
     * Whether to ask {@link HostGate#admit} again after the wait (a cool-down may have been
     * extended meanwhile, or the host's rate limit may now be known): false after a paced
     * call's wait, whose send slot is reserved; then ask {@link HostGate#readmit}, which
     * looks at the cool-down only.
     *
     * @return true to ask {@code admit} again after the wait, false to ask {@code readmit}
     */
    public boolean recheck() {
      return recheck;
    }

    /** {@return whether the attempt may be sent at once} */
    public boolean isNow() {
      return waitMillis == 0 && refusal == null;
    }

    /** {@return how long to wait before sending; 0 when sending now or refused} */
    public long waitMillis() {
      return waitMillis;
    }

    /** {@return why the attempt waits ({@code host-cool-down} or {@code pacing}); empty when it does not} */
    public Optional<WaitSource> waitSource() {
      return Optional.ofNullable(source);
    }

    /**
     * The exception to fail the call with, without sending: the typed exception of the
     * status that set the cool-down, with the wait left and {@code attempts()} 0.
     *
     * @return the exception to fail with, or empty when the attempt may be sent
     */
    public Optional<ApiException> refusal() {
      return Optional.ofNullable(refusal);
    }

    @Override
    public String toString() {
      if (refusal != null) {
        return "Admission{refused: " + refusal.getMessage() + '}';
      }
      return waitMillis == 0 ? "Admission{now}" : "Admission{wait " + waitMillis + " ms (" + source + ")}";
    }
  }
}
