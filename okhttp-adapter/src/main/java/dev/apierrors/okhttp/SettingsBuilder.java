package dev.apierrors.okhttp;

import dev.apierrors.ErrorDecoder;
import dev.apierrors.RetryPolicy;
import dev.apierrors.ApiErrorsListener;
import dev.apierrors.HostLimits;
import dev.apierrors.SuccessErrorDetector;
import dev.apierrors.spi.HostGate;
import io.github.resilience4j.retry.Retry;
import java.util.List;
import java.util.function.Function;
import okhttp3.Request;
import java.util.Objects;
import java.util.function.IntPredicate;
import org.jspecify.annotations.Nullable;

/**
 * The settings both builders share ({@link ApiErrorsInterceptor.Builder},
 * {@link AsyncCaller.Builder}): which responses are errors, how they are decoded, and the
 * retry. Not thread-safe; validates each setting as it is given.
 *
 * @param <B> the builder's own type, returned by every setter for chaining
 */
abstract class SettingsBuilder<B extends SettingsBuilder<B>> {
  private ErrorPolicy errors;
  /** What applies when neither retryPolicy nor retry is given (an installed interceptor's). */
  private final RetrySettings inherited;
  private @Nullable RetryPolicy retryPolicy;
  private @Nullable Retry retry;
  private CallHooks hooks;
  private @Nullable HostLimits hostLimits;
  private @Nullable Function<Request, @Nullable String> hostKey;

  SettingsBuilder(ErrorPolicy errors, RetrySettings inherited, CallHooks hooks) {
    this.errors = errors;
    this.inherited = inherited;
    this.hooks = hooks;
  }

  /** This builder as its own type. */
  abstract B self();

  /**
   * Sets which failed calls are sent again (default {@link RetryPolicy#none()}: one
   * attempt; for an {@link AsyncCaller}, the policy of the {@link ApiErrorsInterceptor}
   * installed on the client). Each wait ends early on a cancel ({@code Call.cancel()},
   * {@code dispatcher().cancelAll()}, cancelling the future: an {@link java.io.IOException})
   * or an interrupt (an {@link java.io.InterruptedIOException}, the flag kept); a call
   * cancelled is never sent again. No wait reaches the call's deadline ({@code callTimeout},
   * counted from the call's start). Every response retried is closed; the exception at the
   * end carries the number of attempts and the earlier attempts' failures
   * ({@link dev.apierrors.AttemptFailure#attemptsOf(Throwable)}).
   *
   * @param retryPolicy the policy deciding each retry
   * @return this builder
   */
  public B retryPolicy(RetryPolicy retryPolicy) {
    this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
    return self();
  }

  /**
   * Sets the resilience4j {@link Retry} that has a say in each retry and publishes the
   * events (default: a new one named {@code apierrors} made with
   * {@link RetryPolicy#toRetry(String)}; for an {@link AsyncCaller}, the installed
   * interceptor's). A failure is retried only when both the retry policy and this
   * {@code Retry}'s configuration agree: its {@code maxAttempts}, and for a configuration of
   * your own its {@code retryExceptions} / {@code ignoreExceptions} /
   * {@code retryOnException}, applied to the typed exception itself; its
   * {@code retryOnResult} is asked about each response that is not an error (retried as an
   * idempotent request's I/O failure would be). The wait is the policy's, and the events
   * report it. Make it with {@code registry.retry("payments",
   * policy.toRetryConfig())} to keep resilience4j's metrics too. An event consumer that
   * throws never breaks a call (it is logged at {@code WARNING} to {@code dev.apierrors.retry}).
   *
   * @param retry the {@code Retry} to drive
   * @return this builder
   */
  public B retry(Retry retry) {
    this.retry = Objects.requireNonNull(retry, "retry");
    return self();
  }

  /**
   * Sets the decoder (default {@link ErrorDecoder#ofDefaults()}; for an
   * {@link AsyncCaller}, the installed interceptor's).
   *
   * @param decoder the decoder of error responses
   * @return this builder
   */
  public B decoder(ErrorDecoder decoder) {
    errors = errors.withDecoder(decoder);
    return self();
  }

  /**
   * Sets which statuses are errors (default: 400..599; for an {@link AsyncCaller}, the
   * installed interceptor's, which alone judges the responses it sees). Statuses given to
   * {@link #treatAsSuccess(int...)} are never errors, whichever order the two are set in.
   *
   * @param errorStatuses true for a status that is an error
   * @return this builder
   */
  public B errorStatuses(IntPredicate errorStatuses) {
    errors = errors.withErrorStatuses(errorStatuses);
    return self();
  }

  /**
   * Passes responses with these statuses through as normal responses, e.g.
   * {@code treatAsSuccess(404)} for an API where "not found" is an answer. Adds to the
   * statuses given before (and to those of an installed interceptor).
   *
   * @param statuses the statuses passed through
   * @return this builder
   * @throws IllegalArgumentException if a status is not in 100..999
   */
  public B treatAsSuccess(int... statuses) {
    errors = errors.withSuccessStatuses(statuses);
    return self();
  }

  /**
   * Sets the listener told of every outcome: each decoded error (retried or not), each
   * retry, each give-up, each success, each wait for a host (default
   * {@link ApiErrorsListener#none()}; for an {@link AsyncCaller}, the installed
   * interceptor's). Use {@link ApiErrorsListener#composite} for several. A listener that
   * throws never changes a call's outcome: the throwable is logged at {@code WARNING} to
   * {@code dev.apierrors.listener} and the call goes on. With no listener (and no host
   * limits or detectors) the success path allocates nothing.
   *
   * @param listener the listener
   * @return this builder
   */
  public B listener(ApiErrorsListener listener) {
    hooks = hooks.withListener(Objects.requireNonNull(listener, "listener"));
    return self();
  }

  /**
   * Makes the calls of this client share what each host says (default
   * {@link HostLimits#none()}; for an {@link AsyncCaller}, the installed interceptor's, with
   * the same per-host state): a host's cool-down after a 429/503 with {@code Retry-After}
   * holds back every later call to it, pacing spreads calls by the rate-limit headers, and
   * a retry budget stops retrying a failing host. See {@link HostLimits}.
   *
   * @param hostLimits the limits
   * @return this builder
   */
  public B hostLimits(HostLimits hostLimits) {
    this.hostLimits = Objects.requireNonNull(hostLimits, "hostLimits");
    return self();
  }

  /**
   * Keeps the host state apart per a key of yours besides scheme, host and port, e.g. per
   * API token: {@code hostKey(request -> request.header("X-Tenant"))} (null: no key). The
   * key is never logged nor put in an event (it may be secret). A function that throws is
   * logged and treated as giving no key. Building without {@link #hostLimits} (given here
   * or inherited) throws an {@link IllegalStateException}: the key would do nothing.
   *
   * @param hostKey the function of the request giving the key
   * @return this builder
   */
  public B hostKey(Function<Request, @Nullable String> hostKey) {
    this.hostKey = Objects.requireNonNull(hostKey, "hostKey");
    return self();
  }

  /**
   * Looks for errors reported with a 2xx (default: none, and the success body is never
   * read): a response one of {@code detectors} calls an error ends the call with an
   * {@link dev.apierrors.ErrorInSuccessException}, its body decoded by the usual rules.
   * Each 2xx body is then peeked, up to the decoder's {@code maxBodyBytes}. Replaces the
   * detectors given before.
   *
   * @param detectors e.g. {@link SuccessErrorDetector#slack()}, {@link SuccessErrorDetector#graphql()}
   * @return this builder
   */
  public B detect(SuccessErrorDetector... detectors) {
    hooks = hooks.withDetectors(List.of(detectors));
    return self();
  }

  /** The engine for the settings given. */
  RetryEngine engine() {
    RetrySettings retries;
    if (retryPolicy == null) {
      retries = retry == null ? inherited : RetrySettings.of(inherited.policy(), retry);
    } else {
      retries = RetrySettings.of(retryPolicy, retry);
    }
    CallHooks built = hooks;
    if (hostKey != null && hostLimits == null && hooks.gate() == null) {
      throw new IllegalStateException("hostKey(...) keeps host limits apart per key, but no hostLimits(...) is set");
    }
    if (hostLimits != null || hostKey != null) {
      HostGate gate = hostLimits != null ? HostGate.of(hostLimits, retries.policy()) : hooks.gate();
      built = hooks.withGate(gate, hostKey != null ? hostKey : hooks.userKey());
    }
    return new RetryEngine(errors, retries, built);
  }
}
