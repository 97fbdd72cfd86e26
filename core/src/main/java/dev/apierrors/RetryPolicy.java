package dev.apierrors;

import dev.apierrors.internal.OneLine;
import dev.apierrors.internal.RetryBridge;
import dev.apierrors.spi.RetrySession;

import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.jspecify.annotations.Nullable;

/**
 * Which failed requests are sent again, and how long to wait first.
 *
 * <p>Defaults ({@link #ofDefaults()}): {@value #DEFAULT_MAX_ATTEMPTS} attempts in all,
 * backoff from 500 ms doubling up to 30 s with full jitter, server-requested waits
 * ({@code Retry-After}, rate-limit reset) up to 60 s, and statuses 429, 420 and 503.
 *
 * <p>The rules ({@link #decide}):
 * <ul>
 *   <li>429, 420 and 503 mean the server refused the request: retried for every method
 *       (when in {@link #retryOn()}). Any other status in {@code retryOn}, and an I/O
 *       failure (connection refused or reset, socket timeout), are retried only for an
 *       idempotent method (GET, HEAD, OPTIONS, TRACE, PUT, DELETE) or a request with an
 *       {@code Idempotency-Key}. An interrupt, the call's own timeout and a TLS
 *       certificate failure are never retried.
 *   <li>A one-shot request body is never sent twice; no retry after {@link #maxAttempts()}.
 *   <li>Wait before retry <i>n</i>: the error's {@link ApiError#retryAfterMillis()}; else,
 *       when its {@link ApiError#rateLimit()} is exhausted, the reset; else
 *       {@code min(maxBackoff, initialBackoff × 2^(n-1))}, uniformly random in
 *       {@code [0, that]} when jitter is on.
 *   <li>A server-requested wait above {@link #maxRetryAfter()} is not slept: no retry, and
 *       the exception carries the wait for the caller. A wait that would reach the
 *       call's deadline: no retry.
 * </ul>
 * Waits are whole milliseconds.
 *
 * <p>The policy is realised as a resilience4j {@link RetryConfig} ({@link #toRetryConfig()}),
 * so that each attempt is counted and each retry published by a resilience4j
 * {@link Retry}: see {@link RetrySession} and {@link AttemptFailure}.
 *
 * <p>Thread-safety: immutable and safe to share (the random generator given to
 * {@link Builder#random(RandomGenerator)} must then be thread-safe itself).
 */
public final class RetryPolicy {
  /** The default number of attempts, the first included. */
  public static final int DEFAULT_MAX_ATTEMPTS = 3;

  /** Statuses that mean the server refused the request, so resending is safe for any method. */
  private static final Set<Integer> REFUSED = Set.of(429, 420, 503);

  private static final RetryPolicy DEFAULTS = builder().build();
  private static final RetryPolicy NONE = builder().maxAttempts(1).build();

  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration maxRetryAfter;
  private final Set<Integer> retryOn;
  private final boolean jitter;
  private final @Nullable RandomGenerator random;

  private RetryPolicy(Builder b) {
    this.maxAttempts = b.maxAttempts;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.maxRetryAfter = b.maxRetryAfter;
    this.retryOn = Collections.unmodifiableSet(new TreeSet<>(b.retryOn));
    this.jitter = b.jitter;
    this.random = b.random;
  }

  /** {@return the policy with every default} */
  public static RetryPolicy ofDefaults() {
    return DEFAULTS;
  }

  /** {@return the policy that never retries: one attempt} */
  public static RetryPolicy none() {
    return NONE;
  }

  /** {@return a builder starting from the defaults} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return a builder holding this policy's settings} */
  public Builder toBuilder() {
    Builder b = new Builder()
        .maxAttempts(maxAttempts)
        .initialBackoff(initialBackoff)
        .maxBackoff(maxBackoff)
        .maxRetryAfter(maxRetryAfter)
        .retryOn(retryOn)
        .jitter(jitter);
    b.random = random;
    return b;
  }

  /** {@return the most times a request is sent, the first included (1 means no retry)} */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** {@return the backoff before the first retry, doubled for each later one} */
  public Duration initialBackoff() {
    return initialBackoff;
  }

  /** {@return the longest backoff} */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  /** {@return the longest server-requested wait that is slept; a longer one ends the retries} */
  public Duration maxRetryAfter() {
    return maxRetryAfter;
  }

  /** {@return the statuses retried (ascending)} */
  public Set<Integer> retryOn() {
    return retryOn;
  }

  /** {@return whether the backoff is drawn uniformly between 0 and its value ("full jitter")} */
  public boolean jitter() {
    return jitter;
  }

  /**
   * Decides whether to send the request again after attempt number {@code attempt}
   * failed with {@code failure}: an {@link ApiException} for an error response, or the
   * I/O failure. Pure: reads only its arguments, the policy, and the random generator
   * for the jitter.
   *
   * @param attempt the attempt that failed, 1 for the first
   * @param failure the error response's exception, or the I/O failure
   * @param request the request's method, {@code Idempotency-Key} and body kind
   * @param millisUntilDeadline time left until the call's deadline; empty when it has none
   * @return whether to retry, after what wait and why
   * @throws IllegalArgumentException if {@code attempt} is below 1
   */
  public RetryDecision decide(
      int attempt, IOException failure, RequestFacts request, OptionalLong millisUntilDeadline) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be >= 1, was " + attempt);
    }
    Objects.requireNonNull(failure, "failure");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(millisUntilDeadline, "millisUntilDeadline");

    String why;
    @Nullable ApiException api = null;
    if (failure instanceof ApiException given) {
      api = given; // its status and retry headers only: its body is not decoded for this
      int status = api.status();
      if (!retryOn.contains(status)) {
        return RetryDecision.stop("status " + status + " is not in retryOn");
      }
      if (REFUSED.contains(status)) {
        why = "status " + status + " is retried for every method";
      } else if (request.isIdempotent()) {
        why = "status " + status + " on an idempotent request";
      } else {
        return RetryDecision.stop("status " + status + " is retried only for idempotent requests; "
            + request.method() + " without Idempotency-Key is not");
      }
    } else {
      String permanent = permanentFailure(failure);
      if (permanent != null) {
        return RetryDecision.stop(permanent);
      }
      if (!request.isIdempotent()) {
        return RetryDecision.stop("an I/O failure is retried only for idempotent requests; "
            + request.method() + " without Idempotency-Key is not");
      }
      why = "I/O failure (" + failure.getClass().getSimpleName() + ") on an idempotent request";
    }
    if (request.hasOneShotBody()) {
      return RetryDecision.stop("the request body is one-shot and is never sent twice");
    }
    if (attempt >= maxAttempts) {
      return RetryDecision.stop("maxAttempts (" + maxAttempts + ") reached");
    }

    long waitMillis;
    WaitSource source;
    RateLimit rateLimit = api == null ? null : api.rateLimit().orElse(null);
    OptionalLong retryAfter = api == null ? OptionalLong.empty() : api.retryAfterMillis();
    if (retryAfter.isPresent()) {
      waitMillis = Math.max(0, retryAfter.getAsLong());
      source = WaitSource.RETRY_AFTER;
    } else if (rateLimit != null && rateLimit.isExhausted()) {
      waitMillis = Math.max(0, rateLimit.resetMillis().getAsLong());
      source = WaitSource.RATE_LIMIT_RESET;
    } else {
      waitMillis = backoffMillis(attempt);
      source = WaitSource.BACKOFF;
    }
    long maxRetryAfterMillis = millisOf(maxRetryAfter);
    if (source.isServerRequested() && waitMillis > maxRetryAfterMillis) {
      return RetryDecision.stop("the server asked to wait " + waitMillis + " ms (" + source.label()
          + "), above maxRetryAfter (" + maxRetryAfterMillis + " ms)");
    }
    if (millisUntilDeadline.isPresent() && waitMillis >= millisUntilDeadline.getAsLong()) {
      return RetryDecision.stop("waiting " + waitMillis + " ms would reach the call's deadline ("
          + Math.max(0, millisUntilDeadline.getAsLong()) + " ms left)");
    }
    return RetryDecision.retryAfter(Duration.ofMillis(waitMillis), source, why);
  }

  /**
   * The backoff before retry {@code retry} (1 for the first): {@code min(maxBackoff,
   * initialBackoff × 2^(retry-1))}, drawn uniformly in {@code [0, that]} when jitter is on.
   * Never overflows, whatever the numbers.
   */
  long backoffMillis(int retry) {
    long cap = millisOf(maxBackoff);
    long base = millisOf(initialBackoff);
    int shift = retry - 1;
    long exponential;
    if (base == 0) {
      exponential = 0;
    } else if (shift >= Long.SIZE - 1 || base > (cap >> shift)) {
      // base × 2^shift > cap, computed without forming the product.
      exponential = cap;
    } else {
      exponential = base << shift;
    }
    if (!jitter || exponential == 0) {
      return exponential;
    }
    RandomGenerator generator = random != null ? random : ThreadLocalRandom.current();
    double drawn = Math.floor(generator.nextDouble() * ((double) exponential + 1.0));
    return Math.max(0, Math.min(exponential, (long) drawn));
  }

  /** Why an I/O failure must not be retried whatever the method, or null when it may be. */
  private static @Nullable String permanentFailure(IOException failure) {
    if (failure instanceof InterruptedIOException && !(failure instanceof SocketTimeoutException)) {
      // An interrupt, or the call's own deadline: the caller wants the call to end.
      return "the call was interrupted or timed out (" + failure.getClass().getSimpleName() + ")";
    }
    if (failure instanceof SSLPeerUnverifiedException
        || (failure instanceof SSLHandshakeException && hasCause(failure, CertificateException.class))) {
      return "a TLS certificate failure is not transient";
    }
    return null;
  }

  private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t.getCause(); c != null && c != t; c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns this policy as a resilience4j configuration, for a {@link Retry} that counts
   * attempts and publishes events, e.g. {@code registry.retry("payments",
   * policy.toRetryConfig())}, given to the adapter ({@code .retry(retry)}).
   *
   * <p>Driven by a {@link RetrySession} (what the adapters do), the {@code Retry} counts
   * the attempts, publishes each decision with the wait actually used, and keeps its
   * metrics. Used on its own with resilience4j's decorators around code that throws the
   * typed exceptions, it retries exactly what {@link #decide} would (without a deadline),
   * for the request each {@link ApiException} reports: its method, as if it had no
   * {@code Idempotency-Key} and a body that can be sent again. An I/O failure says
   * nothing about its request, which then counts as not idempotent (not retried): use
   * {@link #toRetryConfig(RequestFacts)} when you know the request.
   *
   * <p>Its {@code maxAttempts} is the policy's and it never fails with resilience4j's
   * {@code MaxRetriesExceededException}: the last failure is thrown.
   *
   * @return a new resilience4j configuration for this policy
   */
  public RetryConfig toRetryConfig() {
    return RetryBridge.configOf(this, null);
  }

  /**
   * Returns this policy as a resilience4j configuration for calls of one kind of request,
   * to use with resilience4j's decorators: it retries exactly what {@link #decide} would
   * for {@code request} (without a deadline), I/O failures included.
   *
   * <pre>{@code
   * Retry retry = Retry.of("orders", policy.toRetryConfig(RequestFacts.of("GET")));
   * Order order = Retry.decorateCheckedSupplier(retry, () -> api.getOrder(id)).get();
   * }</pre>
   *
   * @param request the facts of every request the configuration is used for
   * @return a new resilience4j configuration for this policy and that request
   */
  public RetryConfig toRetryConfig(RequestFacts request) {
    return RetryBridge.configOf(this, Objects.requireNonNull(request, "request"));
  }

  /**
   * Returns a new resilience4j {@link Retry} named {@code name} configured by
   * {@link #toRetryConfig()}. Register your consumers on its event publisher.
   *
   * @param name the {@code Retry}'s name, seen in its events and metrics
   * @return a new {@code Retry}
   */
  public Retry toRetry(String name) {
    return Retry.of(Objects.requireNonNull(name, "name"), toRetryConfig());
  }

  /**
   * Returns a new resilience4j {@link Retry} named {@code name} configured by
   * {@link #toRetryConfig(RequestFacts)}.
   *
   * @param name the {@code Retry}'s name, seen in its events and metrics
   * @param request the facts of every request the {@code Retry} is used for
   * @return a new {@code Retry}
   */
  public Retry toRetry(String name, RequestFacts request) {
    return Retry.of(Objects.requireNonNull(name, "name"), toRetryConfig(request));
  }

  static long millisOf(Duration d) {
    try {
      return d.toMillis();
    } catch (ArithmeticException e) {
      return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RetryPolicy p
        && maxAttempts == p.maxAttempts
        && initialBackoff.equals(p.initialBackoff)
        && maxBackoff.equals(p.maxBackoff)
        && maxRetryAfter.equals(p.maxRetryAfter)
        && retryOn.equals(p.retryOn)
        && jitter == p.jitter
        && random == p.random;
  }

  @Override
  public int hashCode() {
    return Objects.hash(maxAttempts, initialBackoff, maxBackoff, maxRetryAfter, retryOn, jitter);
  }

  @Override
  public String toString() {
    return OneLine.of("RetryPolicy")
        .add("maxAttempts", maxAttempts)
        .add("initialBackoff", initialBackoff)
        .add("maxBackoff", maxBackoff)
        .add("maxRetryAfter", maxRetryAfter)
        .list("retryOn", retryOn)
        .add("jitter", jitter)
        .toString();
  }

  /**
   * Builds a {@link RetryPolicy}. Not thread-safe. Settings are checked together by
   * {@link #build()}.
   */
  public static final class Builder {
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    private Duration initialBackoff = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofSeconds(30);
    private Duration maxRetryAfter = Duration.ofSeconds(60);
    private Set<Integer> retryOn = Set.of(429, 420, 503);
    private boolean jitter = true;
    private @Nullable RandomGenerator random;

    private Builder() {}

    /**
     * Sets the most times a request is sent, the first included (default 3; 1 = no retry).
     *
     * @param maxAttempts the most times a request is sent
     * @return this builder
     */
    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
      return this;
    }

    /**
     * Sets the backoff before the first retry (default 500 ms).
     *
     * @param initialBackoff the backoff before the first retry
     * @return this builder
     */
    public Builder initialBackoff(Duration initialBackoff) {
      this.initialBackoff = Objects.requireNonNull(initialBackoff, "initialBackoff");
      return this;
    }

    /**
     * Sets the longest backoff (default 30 s).
     *
     * @param maxBackoff the longest backoff
     * @return this builder
     */
    public Builder maxBackoff(Duration maxBackoff) {
      this.maxBackoff = Objects.requireNonNull(maxBackoff, "maxBackoff");
      return this;
    }

    /**
     * Sets the longest server-requested wait that is slept (default 60 s); a longer one
     * ends the retries at once.
     *
     * @param maxRetryAfter the longest server-requested wait slept
     * @return this builder
     */
    public Builder maxRetryAfter(Duration maxRetryAfter) {
      this.maxRetryAfter = Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
      return this;
    }

    /**
     * Sets the statuses retried, replacing the default 429, 420, 503.
     *
     * @param statuses the statuses retried
     * @return this builder
     */
    public Builder retryOn(int... statuses) {
      Objects.requireNonNull(statuses, "statuses");
      this.retryOn = Set.copyOf(Arrays.stream(statuses).boxed().toList());
      return this;
    }

    /**
     * Sets the statuses retried, replacing the default 429, 420, 503.
     *
     * @param statuses the statuses retried
     * @return this builder
     */
    public Builder retryOn(Set<Integer> statuses) {
      this.retryOn = Set.copyOf(Objects.requireNonNull(statuses, "statuses"));
      return this;
    }

    /**
     * Sets whether the backoff is drawn uniformly between 0 and its value (default on).
     *
     * @param jitter whether the backoff is drawn uniformly between 0 and its value
     * @return this builder
     */
    public Builder jitter(boolean jitter) {
      this.jitter = jitter;
      return this;
    }

    /**
     * Sets the random generator for the jitter (default: {@link ThreadLocalRandom} of
     * the calling thread). It must be thread-safe if the policy is shared between threads;
     * tests give a fixed one.
     *
     * @param random the random generator for the jitter
     * @return this builder
     */
    public Builder random(RandomGenerator random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * Returns the immutable policy.
     *
     * @return the policy
     * @throws IllegalArgumentException if {@code maxAttempts} is below 1, a duration is
     *     negative, {@code initialBackoff} exceeds {@code maxBackoff}, or a status is not
     *     in 100..599
     */
    public RetryPolicy build() {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException(
            "maxAttempts must be >= 1 (the first attempt counts), was " + maxAttempts);
      }
      requireNotNegative(initialBackoff, "initialBackoff");
      requireNotNegative(maxBackoff, "maxBackoff");
      requireNotNegative(maxRetryAfter, "maxRetryAfter");
      if (initialBackoff.compareTo(maxBackoff) > 0) {
        throw new IllegalArgumentException("initialBackoff (" + initialBackoff
            + ") must not exceed maxBackoff (" + maxBackoff + ")");
      }
      for (int status : new TreeSet<>(retryOn)) {
        if (status < 100 || status > 599) {
          throw new IllegalArgumentException(
              "retryOn statuses must be HTTP statuses in 100..599, got " + status);
        }
      }
      return new RetryPolicy(this);
    }

    private static void requireNotNegative(Duration d, String name) {
      if (d.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative, was " + d);
      }
    }
  }
}
