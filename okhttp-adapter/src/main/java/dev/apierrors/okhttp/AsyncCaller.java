package dev.apierrors.okhttp;

import dev.apierrors.ApiException;
import dev.apierrors.ErrorDecoder;
import dev.apierrors.RetryPolicy;
import dev.apierrors.spi.Secrets;
import io.github.resilience4j.retry.Retry;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.IntPredicate;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;

/**
 * The non-blocking call path: sends a request with OkHttp's {@code enqueue()} and returns
 * a {@link CompletableFuture} of the response.
 *
 * <pre>{@code
 * AsyncCaller caller = AsyncCaller.of(client);
 * caller.execute(request)
 *     .thenApply(response -> { try (response) { return parse(response); } })
 *     .exceptionally(failure -> ...);
 * }</pre>
 *
 * <p>An error response completes the future exceptionally with the typed
 * {@link ApiException} itself; so does any other failure of the call with its
 * {@link IOException}. {@code future.handle(...)}, {@code future.exceptionally(...)} and
 * {@code future.whenComplete(...)} called on the returned future see that exception
 * unwrapped; stages further down see it wrapped in a
 * {@link java.util.concurrent.CompletionException}, {@code join()} throws it wrapped in a
 * {@code CompletionException} and {@code get()} in an
 * {@link java.util.concurrent.ExecutionException} (the JDK's rules): use
 * {@code getCause()} there.
 *
 * <p>The error handling does not depend on the client: if it holds an
 * {@link ApiErrorsInterceptor}, that interceptor's exceptions complete the future and this
 * caller uses the same settings; if it holds none, this caller decodes error responses
 * itself, in the same way. A response that is not an error completes the future and must
 * be closed by the caller.
 *
 * <p>Cancelling the future (or completing it in any other way, e.g. with
 * {@code orTimeout}) before the call ends cancels the OkHttp {@link Call}. The future is
 * completed on OkHttp's dispatcher thread, which also runs the non-{@code Async}
 * dependent stages: keep them short, or use the {@code ...Async} variants.
 *
 * <p>Retry ({@link Builder#retryPolicy(RetryPolicy)}, by default the installed
 * interceptor's policy): each attempt is a new call sent with {@code enqueue()}, each wait
 * a task on a {@link ScheduledExecutorService}, so no thread is held while a call waits;
 * the client's {@code callTimeout} bounds the whole call, attempts and waits together.
 * Cancelling the future cancels the call in flight and the pending wait. The requests
 * carry a tag telling an {@link ApiErrorsInterceptor} on the client not to retry them
 * itself.
 *
 * <p>Thread-safety: immutable; share one per client.
 */
public final class AsyncCaller {
  private final OkHttpClient client;
  private final ErrorPolicy policy;
  private final RetrySettings retries;
  private final ScheduledExecutorService scheduler;

  private AsyncCaller(Builder b) {
    this.client = b.client;
    this.policy = b.policy;
    this.retries = b.retries();
    this.scheduler = b.scheduler != null ? b.scheduler : AsyncRetry.sharedScheduler();
  }

  /**
   * The caller for {@code client}, with the settings of the {@link ApiErrorsInterceptor}
   * installed on it, else the defaults.
   */
  public static AsyncCaller of(OkHttpClient client) {
    return builder(client).build();
  }

  /**
   * Returns a builder for a caller sending through {@code client}, starting from the
   * settings of the {@link ApiErrorsInterceptor} installed on it, else the defaults.
   */
  public static Builder builder(OkHttpClient client) {
    return new Builder(Objects.requireNonNull(client, "client"));
  }

  /**
   * Enqueues the request and returns its future response. Never throws for the call's
   * outcome: an error response or an I/O failure completes the future exceptionally
   * (with an {@link ApiException} for an error response).
   *
   * @throws NullPointerException if {@code request} is null
   */
  public CompletableFuture<Response> execute(Request request) {
    Objects.requireNonNull(request, "request");
    if (retries.enabled()) {
      return AsyncRetry.start(client, policy, retries, scheduler, request);
    }
    // Tagged even without retry here, so that an interceptor's own retry never holds a thread.
    Call call = client.newCall(AsyncRetry.Attempt.tag(request));
    CompletableFuture<Response> future = new CompletableFuture<>();
    ResponseCallback callback = new ResponseCallback(request, future);
    future.whenComplete((response, failure) -> {
      if (!callback.settled) {
        call.cancel(); // completed from outside (cancel, orTimeout, ...) while in flight
      }
    });
    call.enqueue(callback);
    return future;
  }

  /** The client the requests go through. */
  public OkHttpClient client() {
    return client;
  }

  @Override
  public String toString() {
    return Secrets.none().oneLine("AsyncCaller" + policy + (retries.enabled() ? "{retry=" + retries + '}' : ""));
  }

  /** Completes one future from one call's outcome. */
  private final class ResponseCallback implements Callback {
    private final Request request;
    private final CompletableFuture<Response> future;
    /** Set before this callback completes the future, so completion from outside is told apart. */
    volatile boolean settled;

    ResponseCallback(Request request, CompletableFuture<Response> future) {
      this.request = request;
      this.future = future;
    }

    @Override
    public void onFailure(Call call, IOException e) {
      settled = true;
      future.completeExceptionally(SentSecrets.scrub(e, request));
    }

    @Override
    public void onResponse(Call call, Response response) {
      settled = true;
      try {
        if (policy.isError(response.code())) {
          future.completeExceptionally(ErrorResponses.toException(request, response, policy.decoder()));
        } else if (!future.complete(response)) {
          // Cancelled meanwhile: nobody else will ever close this response.
          ResponseBody body = response.body();
          if (body != null) {
            body.close();
          }
        }
      } catch (RuntimeException | Error e) {
        // A bug must reach the caller, not leave the future pending forever. (The response
        // was closed by ErrorResponses, the only code here that could throw.)
        future.completeExceptionally(e);
      }
    }
  }

  /** Builds an {@link AsyncCaller}. Not thread-safe; validates each setting as it is given. */
  public static final class Builder {
    private final OkHttpClient client;
    private ErrorPolicy policy;
    private RetrySettings inherited = RetrySettings.NONE;
    private @Nullable RetryPolicy retryPolicy;
    private @Nullable Retry retry;
    private @Nullable ScheduledExecutorService scheduler;

    private Builder(OkHttpClient client) {
      this.client = client;
      this.policy = ErrorPolicy.DEFAULTS;
      for (Interceptor interceptor : client.interceptors()) {
        if (interceptor instanceof ApiErrorsInterceptor installed) {
          this.policy = installed.policy();
          this.inherited = installed.retries();
          break;
        }
      }
    }

    /**
     * Sets which failed calls are sent again (default: the installed interceptor's retry
     * policy, else {@link RetryPolicy#none()}). The same policy and decision as the
     * interceptor's: each attempt is a new call sent with {@code enqueue()}, each wait is
     * scheduled on the {@link #scheduler(ScheduledExecutorService) scheduler} (no thread
     * is held while waiting), no wait reaches the client's {@code callTimeout} (counted
     * from {@link AsyncCaller#execute(Request)}, each attempt getting the time left as its
     * timeout), and cancelling the future cancels the call in flight and the pending wait.
     * The requests are tagged so that an {@link ApiErrorsInterceptor} on the client makes
     * one attempt each and leaves the retries to this caller.
     */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
      return this;
    }

    /**
     * Sets the resilience4j {@link Retry} that counts attempts and publishes an event for
     * each retry (default: the installed interceptor's when the retry policy is
     * inherited from it, else a new one named {@code apierrors}). Make it from
     * {@link RetryPolicy#toRetryConfig()}.
     */
    public Builder retry(Retry retry) {
      this.retry = Objects.requireNonNull(retry, "retry");
      return this;
    }

    /**
     * Sets the scheduler that runs the waits between attempts (default: one daemon thread
     * shared by every {@code AsyncCaller}). Its tasks only enqueue the next call; it is
     * not shut down by this caller.
     */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    private RetrySettings retries() {
      if (retryPolicy == null) {
        return retry == null ? inherited : RetrySettings.of(inherited.policy(), retry);
      }
      return RetrySettings.of(retryPolicy, retry);
    }

    /** Sets the decoder (default: the installed interceptor's, else {@link ErrorDecoder#ofDefaults()}). */
    public Builder decoder(ErrorDecoder decoder) {
      policy = policy.withDecoder(decoder);
      return this;
    }

    /**
     * Sets which statuses are errors (default: the installed interceptor's, else
     * 400..599). Statuses given to {@link #treatAsSuccess(int...)} are never errors.
     * When the client holds an {@link ApiErrorsInterceptor}, only the responses it let
     * through are judged by this setting.
     */
    public Builder errorStatuses(IntPredicate errorStatuses) {
      policy = policy.withErrorStatuses(errorStatuses);
      return this;
    }

    /**
     * Completes the future normally for responses with these statuses (adds to the
     * statuses given before, and to those of the installed interceptor).
     *
     * @throws IllegalArgumentException if a status is not in 100..999
     */
    public Builder treatAsSuccess(int... statuses) {
      policy = policy.withSuccessStatuses(statuses);
      return this;
    }

    /** Returns the immutable caller. */
    public AsyncCaller build() {
      return new AsyncCaller(this);
    }
  }
}
