package dev.apierrors;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Told of every outcome of the calls of one client: each decoded error (retried or not),
 * each retry decided, each call that gives up, each success, and each wait for a host's
 * cool-down. In core terms only (no HTTP client type), so the same listener serves any
 * adapter; the OkHttp adapter takes one with {@code listener(...)} on its builders.
 *
 * <p>Every method has an empty default: implement the ones you need.
 *
 * <pre>{@code
 * ApiErrorsListener listener = new ApiErrorsListener() {
 *   public void onError(ErrorDecoded e) {
 *     System.getLogger("api").log(System.Logger.Level.INFO, e.host() + " -> " + e.error().status());
 *   }
 * };
 * }</pre>
 *
 * <p>The events carry the request's method and host only, never its path or query (they
 * may hold identifiers or secrets), and no credential: {@link ApiError} and the exceptions
 * mask them already.
 *
 * <p>Thread-safety: implementations must be thread-safe; they are called from whatever
 * thread runs the call (the caller's, OkHttp's dispatcher, a retry scheduler), possibly
 * concurrently. A listener that throws (any {@link RuntimeException} or {@link Error})
 * never changes a call's outcome: the SDK logs the throwable at {@code WARNING} through
 * {@link System.Logger} and the call goes on. Keep listeners short: they run on the
 * call's path.
 */
public interface ApiErrorsListener {

  /**
   * Called for each error response decoded, retried or not.
   *
   * @param event the call, the attempt and the decoded error
   */
  default void onError(ErrorDecoded event) {}

  /**
   * Called when a failed attempt is to be sent again, before the wait starts.
   *
   * @param event the call, the failed attempt and the decision to retry
   */
  default void onRetry(RetryScheduled event) {}

  /**
   * Called once when a call ends with a failure, after its last attempt.
   *
   * @param event the call, its attempts and why it ended
   */
  default void onGiveUp(GaveUp event) {}

  /**
   * Called once when a call ends with a response that is not an error.
   *
   * @param event the call, its attempts and its status
   */
  default void onSuccess(Succeeded event) {}

  /**
   * Called when an attempt waits for its host before being sent (a host's cool-down or
   * pacing, when the client shares them across calls).
   *
   * @param event the call, the host and the wait
   */
  default void onHostWait(HostWaited event) {}

  /** {@return the listener that ignores everything (the default)} */
  static ApiErrorsListener none() {
    return NoListener.INSTANCE;
  }

  /**
   * A listener that tells each of {@code listeners} in order. One that throws does not
   * keep the others from being told; the first throwable is rethrown after all were told,
   * with the later ones suppressed.
   *
   * @param listeners the listeners, told in this order
   * @return a listener telling them all
   * @throws NullPointerException if {@code listeners} or one of them is null
   */
  static ApiErrorsListener composite(ApiErrorsListener... listeners) {
    List<ApiErrorsListener> all = List.copyOf(Arrays.asList(listeners));
    return all.size() == 1 ? all.get(0) : new CompositeListener(all);
  }

  /**
   * An error response, decoded.
   *
   * @param method the request's method
   * @param host the request's host (with {@code :port} when not the scheme's default)
   * @param attempt which attempt got it, 1 for the first
   * @param error what the server said
   * @param exceptionType the exception class the error is thrown as
   */
  record ErrorDecoded(String method, String host, int attempt, ApiError error,
      Class<? extends ApiException> exceptionType) {
    /**
     * Checks the components.
     *
     * @param method the request's method
     * @param host the request's host (with {@code :port} when not the scheme's default)
     * @param attempt which attempt got it, 1 for the first
     * @param error what the server said
     * @param exceptionType the exception class the error is thrown as
     * @throws IllegalArgumentException if {@code attempt} is below 1
     */
    public ErrorDecoded {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(exceptionType, "exceptionType");
      Events.checkAttempt(attempt);
    }
  }

  /**
   * A failed attempt that will be sent again after {@link RetryDecision#waitDuration()}.
   *
   * @param method the request's method
   * @param host the request's host (with {@code :port} when not the scheme's default)
   * @param attempt the attempt that failed, 1 for the first
   * @param status the error response's status; empty for an I/O failure
   * @param failure the simple class name of the failure ({@code TooManyRequestsException},
   *     {@code SocketTimeoutException}, ...)
   * @param decision the decision: its wait, the wait's source and the reason
   */
  record RetryScheduled(String method, String host, int attempt, OptionalInt status, String failure,
      RetryDecision decision) {
    /**
     * Checks the components.
     *
     * @param method the request's method
     * @param host the request's host (with {@code :port} when not the scheme's default)
     * @param attempt the attempt that failed, 1 for the first
     * @param status the error response's status; empty for an I/O failure
     * @param failure the simple class name of the failure ({@code TooManyRequestsException},
     *         {@code SocketTimeoutException}, ...)
     * @param decision the decision: its wait, the wait's source and the reason
     * @throws IllegalArgumentException if {@code attempt} is below 1 or {@code decision} is not a retry
     */
    public RetryScheduled {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(failure, "failure");
      Objects.requireNonNull(decision, "decision");
      Events.checkAttempt(attempt);
      if (!decision.isRetry()) {
        throw new IllegalArgumentException("decision is not a retry: " + decision);
      }
    }

    /** {@return the wait before the next attempt} */
    public Duration waitDuration() {
      return decision.waitDuration();
    }

    /** {@return where the wait came from} */
    public WaitSource waitSource() {
      return decision.waitSource().orElseThrow();
    }
  }

  /**
   * A call that ends with a failure.
   *
   * @param method the request's method
   * @param host the request's host (with {@code :port} when not the scheme's default)
   * @param attempts how many times the request was sent: 0 when it never was (a host's
   *     cool-down refused it, or the call was cancelled before it went out)
   * @param status the last error response's status; empty for an I/O failure
   * @param failure the simple class name of the failure thrown
   * @param reason why no further attempt was made, in a few words
   */
  record GaveUp(String method, String host, int attempts, OptionalInt status, String failure, String reason) {
    /**
     * Checks the components.
     *
     * @param method the request's method
     * @param host the request's host (with {@code :port} when not the scheme's default)
     * @param attempts how many times the request was sent
     * @param status the last error response's status; empty for an I/O failure
     * @param failure the simple class name of the failure thrown
     * @param reason why no further attempt was made, in a few words
     * @throws IllegalArgumentException if {@code attempts} is negative
     */
    public GaveUp {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(failure, "failure");
      Objects.requireNonNull(reason, "reason");
      if (attempts < 0) {
        throw new IllegalArgumentException("attempts must be >= 0, was " + attempts);
      }
    }
  }

  /**
   * A call that ends with a response that is not an error.
   *
   * @param method the request's method
   * @param host the request's host (with {@code :port} when not the scheme's default)
   * @param attempts how many times the request was sent
   * @param status the response's status
   */
  record Succeeded(String method, String host, int attempts, int status) {
    /**
     * Checks the components.
     *
     * @param method the request's method
     * @param host the request's host (with {@code :port} when not the scheme's default)
     * @param attempts how many times the request was sent
     * @param status the response's status
     * @throws IllegalArgumentException if {@code attempts} is below 1
     */
    public Succeeded {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(host, "host");
      Events.checkAttempt(attempts);
    }
  }

  /**
   * An attempt held back before being sent, because its host asked every call to slow
   * down.
   *
   * @param method the request's method
   * @param host the request's host (with {@code :port} when not the scheme's default)
   * @param waitDuration how long the attempt waits
   * @param source why: the host's cool-down or pacing
   */
  record HostWaited(String method, String host, Duration waitDuration, WaitSource source) {
    /**
     * Checks the components.
     *
     * @param method the request's method
     * @param host the request's host (with {@code :port} when not the scheme's default)
     * @param waitDuration how long the attempt waits
     * @param source why: the host's cool-down or pacing
     * @throws IllegalArgumentException if {@code wait} is negative
     */
    public HostWaited {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(source, "source");
      if (Objects.requireNonNull(waitDuration, "waitDuration").isNegative()) {
        throw new IllegalArgumentException("waitDuration must not be negative, was " + waitDuration);
      }
    }
  }
}

/** Checks shared by the event records. */
final class Events {
  private Events() {}

  static void checkAttempt(int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be >= 1, was " + attempt);
    }
  }
}

/** {@link ApiErrorsListener#none()}. */
final class NoListener implements ApiErrorsListener {
  static final NoListener INSTANCE = new NoListener();

  private NoListener() {}

  @Override
  public String toString() {
    return "ApiErrorsListener.none()";
  }
}

/** {@link ApiErrorsListener#composite(ApiErrorsListener...)}. */
final class CompositeListener implements ApiErrorsListener {
  private final List<ApiErrorsListener> listeners;

  CompositeListener(List<ApiErrorsListener> listeners) {
    this.listeners = listeners;
  }

  @FunctionalInterface
  private interface Call {
    void tell(ApiErrorsListener listener);
  }

  private void each(Call call) {
    Throwable first = null;
    for (ApiErrorsListener listener : listeners) {
      try {
        call.tell(listener);
      } catch (RuntimeException | Error e) {
        if (first == null) {
          first = e;
        } else if (first != e) {
          first.addSuppressed(e);
        }
      }
    }
    if (first instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (first instanceof Error error) {
      throw error;
    }
  }

  @Override
  public void onError(ErrorDecoded event) {
    each(l -> l.onError(event));
  }

  @Override
  public void onRetry(RetryScheduled event) {
    each(l -> l.onRetry(event));
  }

  @Override
  public void onGiveUp(GaveUp event) {
    each(l -> l.onGiveUp(event));
  }

  @Override
  public void onSuccess(Succeeded event) {
    each(l -> l.onSuccess(event));
  }

  @Override
  public void onHostWait(HostWaited event) {
    each(l -> l.onHostWait(event));
  }

  @Override
  public String toString() {
    return "ApiErrorsListener.composite(" + listeners.size() + " listeners)";
  }
}
