package dev.apierrors;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apierrors.internal.BodyText;
import dev.apierrors.internal.JsonTree;
import dev.apierrors.internal.RetryAfterParser;
import dev.apierrors.internal.SpiAccess;
import dev.apierrors.spi.HttpHeaders;
import dev.apierrors.spi.ResponseView;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * How a long-running operation is polled: a request answered {@code 202 Accepted} names a
 * status URL; the SDK polls it with {@code GET} until a status response says the
 * operation is done. The OkHttp adapter's {@code OperationPoller} runs it, blocking or
 * not; this class is the pure part, testable without HTTP.
 *
 * <ul>
 *   <li><b>Status URL</b> ({@link #statusUrl(ResponseView)}): the 202's
 *       {@code Operation-Location}, else {@code Azure-AsyncOperation}, else
 *       {@code Location}; or a function of your own over the response
 *       ({@link Builder#statusUrl(Function)}, e.g. a body member). Relative URLs are
 *       resolved against the request's.
 *   <li><b>Terminal state</b> ({@link #stateOf(ResponseView)}): a JSON {@code status}
 *       member (any case) that is one of {@code succeeded}, {@code success},
 *       {@code completed}, {@code done} means succeeded, one of {@code failed},
 *       {@code failure}, {@code canceled}, {@code cancelled}, {@code error} means failed,
 *       any other string means running; without one, a 200, 201 or 303 without
 *       {@code Retry-After} means succeeded, anything else (a 202, a 200 with
 *       {@code Retry-After}) running. Replace it with {@link Builder#state(Function)}.
 *   <li><b>Wait between polls</b>: the status response's {@code retry-after-ms} or
 *       {@code Retry-After} when present (a wait above {@link #maxRetryAfter()} stops the
 *       polling); else {@code min(maxBackoff, initialBackoff × 2^(n-1))} before poll
 *       {@code n}, without jitter (default 500 ms doubling to 30 s, as
 *       {@link RetryPolicy#ofDefaults()}).
 *   <li><b>Limits</b>: at most {@link #maxPolls()} polls (default 60), never past
 *       {@link #timeout()} counted from the first request (default: none, the client's
 *       {@code callTimeout} still bounds each request), nor past the deadline a caller
 *       gives. A 4xx or 5xx while polling is the usual typed exception (and retried as the
 *       client's retry policy says).
 *   <li><b>Result</b>: on success the final status response is the result, or, with
 *       {@link Builder#followResult(boolean)}, the resource its {@code Location} (or JSON
 *       {@code resourceLocation}) names, fetched with {@code GET}.
 * </ul>
 *
 * <p>Thread-safety: immutable.
 */
public final class PollPolicy {
  private static final List<String> STATUS_URL_HEADERS = List.of("Operation-Location", "Azure-AsyncOperation", "Location");
  private static final Set<String> SUCCEEDED = Set.of("succeeded", "success", "completed", "done");
  private static final Set<String> FAILED = Set.of("failed", "failure", "canceled", "cancelled", "error");
  private static final Set<Integer> DONE_STATUSES = Set.of(200, 201, 303);
  private static final PollPolicy DEFAULTS = builder().build();

  private final int maxPolls;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration maxRetryAfter;
  private final @Nullable Duration timeout;
  private final boolean followResult;
  private final @Nullable Function<ResponseView, Optional<String>> statusUrl;
  private final @Nullable Function<ResponseView, OperationState> state;
  private final int maxBodyBytes;
  private final Clock clock;

  private PollPolicy(Builder b) {
    this.maxPolls = b.maxPolls;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.maxRetryAfter = b.maxRetryAfter;
    this.timeout = b.timeout;
    this.followResult = b.followResult;
    this.statusUrl = b.statusUrl;
    this.state = b.state;
    this.maxBodyBytes = b.maxBodyBytes;
    this.clock = b.clock;
  }

  /** {@return every default: 60 polls, 500 ms doubling to 30 s, {@code maxRetryAfter} 60 s, no timeout} */
  public static PollPolicy ofDefaults() {
    return DEFAULTS;
  }

  /** {@return a builder starting from the defaults} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the most polls (status requests) made, the first request not counted} */
  public int maxPolls() {
    return maxPolls;
  }

  /** {@return the wait before the first poll when the server names none} */
  public Duration initialBackoff() {
    return initialBackoff;
  }

  /** {@return the longest wait between polls when the server names none} */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  /** {@return the longest server-requested wait that is waited; a longer one stops the polling} */
  public Duration maxRetryAfter() {
    return maxRetryAfter;
  }

  /** {@return the time the whole operation may take, from the first request; empty for none} */
  public Optional<Duration> timeout() {
    return Optional.ofNullable(timeout);
  }

  /** {@return whether a success is followed to the created resource} */
  public boolean followResult() {
    return followResult;
  }

  /** {@return how much of a status response's body is peeked to read its state (default 64 KiB)} */
  public int maxBodyBytes() {
    return maxBodyBytes;
  }

  /** {@return the clock the timeout is measured with} */
  public Clock clock() {
    return clock;
  }

  /**
   * The status URL a {@code 202 Accepted} names, as written (not yet resolved against the
   * request's URL); empty when it names none.
   *
   * @param accepted the {@code 202 Accepted} response
   * @return the status URL, or empty
   */
  public Optional<String> statusUrl(ResponseView accepted) {
    Objects.requireNonNull(accepted, "accepted");
    if (statusUrl != null) {
      return Objects.requireNonNull(statusUrl.apply(accepted), "the statusUrl function returned null")
          .filter(url -> !url.isBlank());
    }
    HttpHeaders headers = accepted.headers();
    for (String name : STATUS_URL_HEADERS) {
      Optional<String> url = headers.firstValue(name).map(String::trim).filter(v -> !v.isEmpty());
      if (url.isPresent()) {
        return url;
      }
    }
    return Optional.empty();
  }

  /**
   * The state a status response tells, by the rule of {@link Builder#state(Function)} or the default.
   *
   * @param status a status response
   * @return the operation's state
   */
  public OperationState stateOf(ResponseView status) {
    Objects.requireNonNull(status, "status");
    if (state != null) {
      return Objects.requireNonNull(state.apply(status), "the state function returned null");
    }
    Optional<String> member = jsonString(status, "status").map(s -> s.trim().toLowerCase(Locale.ROOT));
    if (member.isPresent()) {
      String value = member.get();
      return SUCCEEDED.contains(value) ? OperationState.SUCCEEDED
          : FAILED.contains(value) ? OperationState.FAILED
          : OperationState.RUNNING;
    }
    boolean doneStatus = DONE_STATUSES.contains(status.status());
    return doneStatus && !status.headers().contains("Retry-After") ? OperationState.SUCCEEDED : OperationState.RUNNING;
  }

  /**
   * Decides what follows a status response: poll {@code polls} was the last one made (0
   * for the first request's own response).
   *
   * @param polls how many polls were made so far
   * @param status the status response (a success status: errors are thrown before this)
   * @param millisUntilDeadline time left until the caller's deadline (a call timeout);
   *     empty when it has none ({@link #timeout()} is applied by the caller's driver as a
   *     deadline too)
   * @return whether to poll again, after what wait, or to stop
   * @throws IllegalArgumentException if {@code polls} is negative
   */
  public PollDecision decide(int polls, ResponseView status, OptionalLong millisUntilDeadline) {
    if (polls < 0) {
      throw new IllegalArgumentException("polls must be >= 0, was " + polls);
    }
    Objects.requireNonNull(millisUntilDeadline, "millisUntilDeadline");
    OperationState now = stateOf(status);
    if (now == OperationState.SUCCEEDED) {
      String location = status.headers().firstValue("Location").map(String::trim).filter(v -> !v.isEmpty())
          .or(() -> jsonString(status, "resourceLocation"))
          .orElse(null);
      return PollDecision.succeeded(location, "status " + status.status() + " says the operation succeeded");
    }
    if (now == OperationState.FAILED) {
      return PollDecision.failed("status " + status.status() + " says the operation failed");
    }
    if (polls >= maxPolls) {
      return PollDecision.giveUp("still running after maxPolls (" + maxPolls + ") polls");
    }
    OptionalLong serverWait = RetryAfterParser.parseMillis(status.headers(), clock.instant());
    long waitMillis;
    WaitSource source;
    if (serverWait.isPresent()) {
      waitMillis = serverWait.getAsLong();
      source = WaitSource.RETRY_AFTER;
      if (waitMillis > maxRetryAfter.toMillis()) {
        return PollDecision.giveUp("the server asked to wait " + waitMillis + " ms before the next poll, more than"
            + " maxRetryAfter (" + maxRetryAfter.toMillis() + " ms)");
      }
    } else {
      waitMillis = backoffMillis(polls + 1);
      source = WaitSource.BACKOFF;
    }
    if (millisUntilDeadline.isPresent() && waitMillis >= millisUntilDeadline.getAsLong()) {
      return PollDecision.giveUp("waiting " + waitMillis + " ms would reach the deadline ("
          + Math.max(0, millisUntilDeadline.getAsLong()) + " ms left)");
    }
    return PollDecision.pollAgain(Duration.ofMillis(waitMillis), source,
        "the operation is still running (poll " + (polls + 1) + " of " + maxPolls + ")");
  }

  /** {@code min(maxBackoff, initialBackoff × 2^(poll-1))}, saturating. */
  private long backoffMillis(int poll) {
    long initial = initialBackoff.toMillis();
    long max = maxBackoff.toMillis();
    int shift = Math.min(poll - 1, 62);
    long wait = initial > (max >> shift) ? max : initial << shift;
    return Math.min(max, wait);
  }

  private Optional<String> jsonString(ResponseView view, String member) {
    if (view.body().length() == 0) {
      return Optional.empty();
    }
    String text = BodyText.decode(SpiAccess.bytes(view.body()), view.contentType().orElse(null));
    return JsonTree.parse(text, view.body().truncated())
        .map(json -> json.get(member))
        .filter(JsonNode::isTextual)
        .map(JsonNode::asText);
  }

  @Override
  public String toString() {
    return "PollPolicy{maxPolls=" + maxPolls + ", initialBackoff=" + initialBackoff + ", maxBackoff=" + maxBackoff
        + ", maxRetryAfter=" + maxRetryAfter + ", timeout=" + (timeout == null ? "none" : timeout)
        + ", followResult=" + followResult + '}';
  }

  /** Builds a {@link PollPolicy}. Not thread-safe; validates each setting as it is given. */
  public static final class Builder {
    private int maxPolls = 60;
    private Duration initialBackoff = RetryPolicy.ofDefaults().initialBackoff();
    private Duration maxBackoff = RetryPolicy.ofDefaults().maxBackoff();
    private Duration maxRetryAfter = RetryPolicy.ofDefaults().maxRetryAfter();
    private @Nullable Duration timeout;
    private boolean followResult;
    private @Nullable Function<ResponseView, Optional<String>> statusUrl;
    private @Nullable Function<ResponseView, OperationState> state;
    private int maxBodyBytes = 64 * 1024;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * Sets the most polls (default 60).
     *
     * @param maxPolls the most polls, at least 1
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder maxPolls(int maxPolls) {
      if (maxPolls < 1) {
        throw new IllegalArgumentException("maxPolls must be >= 1, was " + maxPolls);
      }
      this.maxPolls = maxPolls;
      return this;
    }

    /**
     * Sets the wait before the first poll when the server names none (default 500 ms).
     *
     * @param initialBackoff the wait before the first poll
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder initialBackoff(Duration initialBackoff) {
      this.initialBackoff = nonNegative(initialBackoff, "initialBackoff");
      return this;
    }

    /**
     * Sets the longest wait between polls when the server names none (default 30 s).
     *
     * @param maxBackoff the longest wait between polls
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder maxBackoff(Duration maxBackoff) {
      this.maxBackoff = nonNegative(maxBackoff, "maxBackoff");
      return this;
    }

    /**
     * Takes the backoff of {@code policy}: its {@code initialBackoff} and {@code maxBackoff}.
     *
     * @param policy the retry policy whose backoff to take
     * @return this builder
     */
    public Builder backoff(RetryPolicy policy) {
      this.initialBackoff = policy.initialBackoff();
      this.maxBackoff = policy.maxBackoff();
      return this;
    }

    /**
     * Sets the longest server-requested wait that is waited (default 60 s).
     *
     * @param maxRetryAfter the longest server-requested wait waited
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder maxRetryAfter(Duration maxRetryAfter) {
      this.maxRetryAfter = nonNegative(maxRetryAfter, "maxRetryAfter");
      return this;
    }

    /**
     * Sets how long the whole operation may take, from the first request (default: no
     * limit but the client's timeouts).
     *
     * @param timeout the longest the whole operation may take
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive, was " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * Sets whether a success is followed to the resource its {@code Location} names (default off).
     *
     * @param followResult whether a success is followed to the resource its {@code Location} names
     * @return this builder
     */
    public Builder followResult(boolean followResult) {
      this.followResult = followResult;
      return this;
    }

    /**
     * Finds the status URL with {@code statusUrl} instead of the headers (e.g. from a body
     * member: the view holds the 202's headers and its bounded body).
     *
     * @param statusUrl the status URL of a 202, or empty when it names none
     * @return this builder
     */
    public Builder statusUrl(Function<ResponseView, Optional<String>> statusUrl) {
      this.statusUrl = Objects.requireNonNull(statusUrl, "statusUrl");
      return this;
    }

    /**
     * Reads the operation's state with {@code state} instead of the default rule.
     *
     * @param state the state a status response tells
     * @return this builder
     */
    public Builder state(Function<ResponseView, OperationState> state) {
      this.state = Objects.requireNonNull(state, "state");
      return this;
    }

    /**
     * Sets how much of each status response's body is peeked (default 64 KiB).
     *
     * @param maxBodyBytes the most body bytes peeked
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder maxBodyBytes(int maxBodyBytes) {
      if (maxBodyBytes < 0) {
        throw new IllegalArgumentException("maxBodyBytes must be >= 0, was " + maxBodyBytes);
      }
      this.maxBodyBytes = maxBodyBytes;
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

    /**
     * Returns the immutable policy.
     *
     * @return the policy
     * @throws IllegalArgumentException if {@code maxBackoff} is below {@code initialBackoff}
     */
    public PollPolicy build() {
      if (maxBackoff.compareTo(initialBackoff) < 0) {
        throw new IllegalArgumentException("maxBackoff (" + maxBackoff + ") is below initialBackoff ("
            + initialBackoff + ")");
      }
      return new PollPolicy(this);
    }

    private static Duration nonNegative(Duration value, String name) {
      Objects.requireNonNull(value, name);
      if (value.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative, was " + value);
      }
      return value;
    }
  }
}
