package dev.apierrors;

import dev.apierrors.spi.HostStateStore;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the calls of one client share per host, so that a host's "slow down" is honoured
 * by every call rather than by the one that heard it. Opt-in per client
 * ({@link #none()} is the default); the OkHttp adapter takes it with
 * {@code hostLimits(...)} on its builders, for both call paths.
 *
 * <ul>
 *   <li><b>Host cool-down</b> (on in {@link #ofDefaults()}): when a response from a host
 *       says "not before T" — a 429, 420 or 503 with {@code Retry-After} or
 *       {@code retry-after-ms}, or a rate limit with 0 remaining and a known reset — later
 *       attempts to that host through the same client are not sent before T. They wait
 *       (the blocking path in slices, honouring cancel, interrupt and the deadline; the
 *       non-blocking path scheduled, holding no thread), or, when the wait is longer than
 *       the retry policy's {@link RetryPolicy#maxRetryAfter()} or than the call's deadline
 *       allows, or when {@link Builder#failFast(boolean)} is set, fail at once without
 *       sending anything: the typed exception of the status that set the cool-down, with
 *       {@link ApiError#retryAfterMillis()} the wait left, format {@value #NOT_SENT_FORMAT}
 *       and {@link ApiException#attempts()} 0.
 *   <li><b>Pacing</b> (off by default): when a response says {@code remaining} requests are
 *       left until the window resets in {@code reset}, calls to that host are spread so the
 *       budget lasts until the reset: at most one every {@code reset / remaining} (10 left
 *       over 60 s: one per 6 s). A call only waits when calls come faster than that.
 *   <li><b>Retry budget</b> (on in {@link #ofDefaults()}, {@link RetryBudget#ofDefaults()}):
 *       a per-host token bucket that retries draw from and successes refill; when it is
 *       empty, failures are not retried and {@link RetryDecision#reason()} says why.
 * </ul>
 *
 * <p>A host is the request's scheme, host and port, and optionally a key of the user's
 * (e.g. per API token, so that two tokens' limits stay apart): the adapter's builders take
 * a function of the request for it. The state lives in a {@link HostStateStore} (default:
 * in this process, finely locked per host), an interface so that a store shared by a fleet
 * of processes can be plugged in.
 *
 * <p>Thread-safety: immutable.
 */
public final class HostLimits {
  /** The {@link ApiError#format()} of an exception for a request that was never sent. */
  public static final String NOT_SENT_FORMAT = "not_sent";

  private static final HostLimits NONE = new HostLimits(new Builder().coolDown(false).noRetryBudget());

  private final boolean coolDown;
  private final boolean failFast;
  private final boolean pacing;
  private final @Nullable RetryBudget retryBudget;
  private final @Nullable HostStateStore store;
  private final Clock clock;

  private HostLimits(Builder b) {
    this.coolDown = b.coolDown;
    this.failFast = b.failFast;
    this.pacing = b.pacing;
    this.retryBudget = b.retryBudget;
    this.store = b.store;
    this.clock = b.clock;
  }

  /** {@return nothing shared: each call honours only what its own responses say (the default)} */
  public static HostLimits none() {
    return NONE;
  }

  /** {@return host cool-down (waiting), no pacing, and the default retry budget} */
  public static HostLimits ofDefaults() {
    return builder().build();
  }

  /** {@return a builder starting from {@link #ofDefaults()}} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return whether anything is shared at all; when not, the adapters skip every step} */
  public boolean enabled() {
    return coolDown || pacing || retryBudget != null;
  }

  /** {@return whether a host's "not before T" holds back the client's later calls to it} */
  public boolean coolDown() {
    return coolDown;
  }

  /** {@return whether a call that would wait for its host fails at once instead} */
  public boolean failFast() {
    return failFast;
  }

  /** {@return whether calls to a host are spread to make its rate limit last until the reset} */
  public boolean pacing() {
    return pacing;
  }

  /** {@return the per-host retry budget; empty when retries are not budgeted} */
  public Optional<RetryBudget> retryBudget() {
    return Optional.ofNullable(retryBudget);
  }

  /**
   * The store of the per-host state given to the builder; empty for the default, a new
   * in-process store for each client.
   *
   * @return the store given, or empty for the default
   */
  public Optional<HostStateStore> store() {
    return Optional.ofNullable(store);
  }

  /** {@return the clock that says when "not before T" has come} */
  public Clock clock() {
    return clock;
  }

  @Override
  public String toString() {
    if (!enabled()) {
      return "HostLimits.none()";
    }
    return "HostLimits{coolDown=" + coolDown + (failFast ? " (fail fast)" : "") + ", pacing=" + pacing
        + ", retryBudget=" + (retryBudget == null ? "none" : retryBudget) + '}';
  }

  /** Builds {@link HostLimits}. Not thread-safe; validates each setting as it is given. */
  public static final class Builder {
    private boolean coolDown = true;
    private boolean failFast;
    private boolean pacing;
    private @Nullable RetryBudget retryBudget = RetryBudget.ofDefaults();
    private @Nullable HostStateStore store;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * Sets whether a host's "not before T" holds back later calls to it (default on).
     *
     * @param coolDown whether a host's "not before T" holds back later calls to it
     * @return this builder
     */
    public Builder coolDown(boolean coolDown) {
      this.coolDown = coolDown;
      return this;
    }

    /**
     * Sets whether a call that would wait for its host (cool-down or pacing) fails at once
     * instead, with the typed exception carrying the wait left (default off: it waits).
     *
     * @param failFast true to fail instead of waiting
     * @return this builder
     */
    public Builder failFast(boolean failFast) {
      this.failFast = failFast;
      return this;
    }

    /**
     * Sets whether calls are spread from the rate-limit headers (default off).
     *
     * @param pacing whether calls are spread from the rate-limit headers
     * @return this builder
     */
    public Builder pacing(boolean pacing) {
      this.pacing = pacing;
      return this;
    }

    /**
     * Sets the per-host retry budget (default {@link RetryBudget#ofDefaults()}).
     *
     * @param retryBudget the per-host retry budget
     * @return this builder
     */
    public Builder retryBudget(RetryBudget retryBudget) {
      this.retryBudget = Objects.requireNonNull(retryBudget, "retryBudget");
      return this;
    }

    /** {@return retries are not budgeted: the retry policy alone decides} */
    public Builder noRetryBudget() {
      this.retryBudget = null;
      return this;
    }

    /**
     * Sets where the per-host state lives (default: a new in-process store per client,
     * {@link HostStateStore#inProcess()}). Give one shared store to several clients to
     * make them share their hosts' state, or a store of your own backed by a shared cache.
     *
     * @param store the store of the per-host state
     * @return this builder
     */
    public Builder store(HostStateStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * Sets the clock (default the system's); for tests.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** {@return the immutable limits} */
    public HostLimits build() {
      return new HostLimits(this);
    }
  }
}
