package dev.apierrors.okhttp;

import dev.apierrors.spi.Secrets;
import dev.apierrors.ApiException;
import dev.apierrors.ErrorDecoder;
import dev.apierrors.spi.HostGate;
import dev.apierrors.okhttp.RetryEngine.Run;
import dev.apierrors.RetryPolicy;
import io.github.resilience4j.retry.Retry;
import java.io.IOException;
import java.io.InterruptedIOException;
import okhttp3.Call;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.Timeout;
import org.jspecify.annotations.Nullable;

/**
 * An OkHttp interceptor that turns error responses (4xx and 5xx by default) into typed
 * {@link ApiException}s: {@link dev.apierrors.NotFoundException},
 * {@link dev.apierrors.TooManyRequestsException} and so on, each carrying the decoded
 * {@link dev.apierrors.ApiError}.
 *
 * <p>Install it with {@link #addTo(OkHttpClient.Builder)} (an application interceptor plus
 * a network interceptor that keeps OkHttp's own gunzip and follow-ups away from error
 * responses: recommended), or as a plain application interceptor:
 *
 * <pre>{@code
 * OkHttpClient client = ApiErrorsInterceptor.create().addTo(new OkHttpClient.Builder()).build();
 * OkHttpClient plain = new OkHttpClient.Builder().addInterceptor(ApiErrorsInterceptor.create()).build();
 * }</pre>
 *
 * <p>The exception is an {@link IOException}, so it reaches the caller unchanged through
 * {@code Call.execute()}, {@code Callback.onFailure} and Retrofit.
 *
 * <p>A response that is not an error is returned untouched: its body is not read,
 * buffered or copied. For an error, at most {@link ErrorDecoder#maxBodyBytes()} of the
 * body are read (after undoing a {@code gzip} or {@code deflate} {@code Content-Encoding}
 * that OkHttp left in place because the caller set {@code Accept-Encoding} itself), the
 * response is closed (the rest of a longer body is never read: its connection is
 * discarded), and the exception is thrown. A body cut off by a dropped connection still
 * gives the typed exception, decoded from what arrived. The request's credential headers
 * and secret query parameters never appear in the exception's message.
 *
 * <p>Retry is opt-in ({@link Builder#retryPolicy(RetryPolicy)}): the interceptor then
 * sends, decodes, asks the {@link RetryPolicy}, waits and sends again within the same
 * call, closing every response it retries, and throws the last exception with the number
 * of attempts. Each retry is published through a resilience4j {@link Retry}
 * ({@link Builder#retry(Retry)}), whose {@code RetryOnRetryEvent}s carry a
 * {@link dev.apierrors.AttemptFailure}. Requests sent by an {@link AsyncCaller} make one
 * attempt here: that caller runs the retries without holding a thread.
 *
 * <p>An {@code enqueue()}d call that waits to retry holds its dispatcher thread and one of
 * the dispatcher's per-host slots (5 by default) for the whole wait: an application
 * interceptor cannot give them back. 1,000 calls to one host each told to wait 1 s take
 * about 200 s. For many concurrent calls that may wait, use an {@link AsyncCaller}.
 *
 * <pre>{@code
 * OkHttpClient client = new OkHttpClient.Builder()
 *     .callTimeout(Duration.ofSeconds(30))   // no wait ever reaches it
 *     .addInterceptor(ApiErrorsInterceptor.builder().retryPolicy(RetryPolicy.ofDefaults()).build())
 *     .build();
 * }</pre>
 *
 * <p>Thread-safety: immutable; one instance may serve any number of clients and calls.
 */
public final class ApiErrorsInterceptor implements Interceptor {
  private final RetryEngine engine;
  private final Waiter waiter;

  private ApiErrorsInterceptor(RetryEngine engine, Waiter waiter) {
    this.engine = engine;
    this.waiter = waiter;
  }

  /**
   * The interceptor with every default: {@link ErrorDecoder#ofDefaults()}, errors 400..599,
   * no retry.
   *
   * @return a new interceptor
   */
  public static ApiErrorsInterceptor create() {
    return new ApiErrorsInterceptor(RetryEngine.DEFAULTS, Waiter.SLICED);
  }

  /** {@return a builder starting from the defaults} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Proceeds with the request and returns the response if it is not an error.
   *
   * @throws ApiException (a subclass for the status) if the response is an error
   * @throws IOException if the call fails (as OkHttp would throw it), is cancelled, or its
   *     thread is interrupted ({@link InterruptedIOException}, the flag kept)
   */
  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (AsyncCaller.isAttempt(request)) {
      // One attempt of an AsyncCaller's call: that caller judges cancels and runs the retries.
      Response response = ErrorResponses.proceed(chain, request, engine.errors());
      if (!engine.errors().isError(response.code())) {
        return response;
      }
      throw ErrorResponses.toException(request, response, engine.errors().decoder());
    }
    if (engine.retrying() && chain.connection() != null) {
      // A network interceptor may proceed only once: fail before sending, not on the first retry.
      throw new IllegalStateException("an ApiErrorsInterceptor with a retry policy must be installed with"
          + " addInterceptor(), not addNetworkInterceptor(): it sends the request again");
    }
    Call call = chain.call();
    // Only a callTimeout counts from when this interceptor was reached (see start): a call
    // without one (OkHttp's default) does not read the clock.
    long reachedNanos = call.timeout().timeoutNanos() > 0 ? System.nanoTime() : 0L;
    // The host limits must see the first attempt before it is sent; else the run starts
    // at the first outcome that needs it, and the success path allocates nothing.
    Run run = engine.gated() ? start(chain, call, reachedNanos) : null;
    while (true) {
      if (run != null && engine.gated()) {
        awaitHost(run, call);
      }
      RetryEngine.Step step;
      try {
        Response response = ErrorResponses.proceed(chain, request, engine.errors());
        if (run == null && engine.endsAtOnce(response) && !call.isCanceled()) {
          return response; // the success path: nothing recorded, nothing allocated
        }
        run = run != null ? run : start(chain, call, reachedNanos);
        step = run.onResponse(response);
      } catch (IOException e) {
        run = run != null ? run : start(chain, call, reachedNanos);
        step = run.onFailure(e);
      }
      switch (step) {
        case SUCCEED:
          return run.response();
        case FAIL:
          throw run.failure();
        default:
          run.confirmRetry();
          try {
            waiter.await(call, run.waitMillis());
          } catch (IOException stop) {
            throw run.endedDuringWait(stop);
          }
      }
    }
  }

  /** Waits until the host limits let this attempt go (in slices), or throws what ends the call. */
  private void awaitHost(Run run, Call call) throws IOException {
    boolean afterPacedWait = false;
    while (true) {
      HostGate.Admission admission = run.admit(afterPacedWait);
      if (admission.refusal().isPresent()) {
        throw run.refused(admission);
      }
      if (admission.waitMillis() == 0) {
        return;
      }
      try {
        waiter.await(call, admission.waitMillis());
      } catch (IOException stop) {
        throw run.endedDuringWait(stop);
      }
      // A paced slot is reserved: only a cool-down begun during the wait holds it back.
      afterPacedWait = !admission.recheck();
    }
  }

  /** The engine's state for this call, its deadline counted from the call's start. */
  private Run start(Chain chain, Call call, long reachedNanos) {
    Timeout timeout = call.timeout();
    long timeoutNanos = timeout.timeoutNanos();
    boolean hasTimeout = timeoutNanos > 0;
    RetryEngine.StopProbe probe = () -> stopped(call);
    if (!hasTimeout && !timeout.hasDeadline()) {
      return engine.start(chain.request(), false, 0, probe);
    }
    // callTimeout counts from the call's start: before the interceptors above this one when
    // addTo() installed CallStart, else from when this interceptor was reached.
    long deadline = hasTimeout ? CallStart.startNanos(call, reachedNanos) + timeoutNanos : Long.MAX_VALUE;
    if (timeout.hasDeadline() && (!hasTimeout || timeout.deadlineNanoTime() - deadline < 0)) {
      deadline = timeout.deadlineNanoTime();
    }
    return engine.start(chain.request(), true, deadline, probe);
  }

  /** How the call was stopped, if it was: cancelled, or its thread interrupted (the flag kept). */
  private static @Nullable IOException stopped(Call call) {
    if (call.isCanceled()) {
      return new IOException("Canceled");
    }
    if (Thread.currentThread().isInterrupted()) {
      return new InterruptedIOException("interrupted");
    }
    return null;
  }

  /**
   * Installs this interceptor on {@code builder} the recommended way: as an application
   * interceptor, plus a small network interceptor that takes error responses out of
   * OkHttp's own handling below this one, so that:
   * <ul>
   *   <li>a compressed error body is decompressed by the SDK, bounded on both sides
   *       ({@link ErrorDecoder#maxBodyBytes()}, {@link ErrorDecoder#maxCompressedBodyBytes()},
   *       gzip header fields included), not by OkHttp's transparent gunzip, which buffers a
   *       gzip header's file name without limit;
   *   <li>OkHttp never resends an error response by itself (a 503 with
   *       {@code Retry-After: 0}, a 408): the server sees exactly the attempts the SDK
   *       decides;
   *   <li>a {@code Retry-After} OkHttp cannot parse (e.g. 30 digits on a 503) does not crash
   *       its follow-up logic: the response is decoded like any other.
   * </ul>
   * Successful responses pass the network interceptor untouched (one status check). A first
   * application interceptor notes when each call starts, so that the time spent in
   * interceptors above this one (a token fetch, a rate limiter) counts against the call's
   * deadline. The same network interceptor masks the credentials of the request as it left
   * on the network (a {@code CookieJar}'s cookies) in OkHttp's own failures, which may quote
   * what the server sent.
   *
   * <pre>{@code
   * OkHttpClient client = ApiErrorsInterceptor.create().addTo(new OkHttpClient.Builder()).build();
   * }</pre>
   *
   * @param builder the client builder to install the interceptors on
   * @return {@code builder}, for chaining
   */
  public OkHttpClient.Builder addTo(OkHttpClient.Builder builder) {
    if (!builder.interceptors().contains(CallStart.INSTANCE)) {
      builder.interceptors().add(0, CallStart.INSTANCE);
    }
    return builder.addInterceptor(this).addNetworkInterceptor(new NetworkShield(engine.errors()));
  }

  /** The engine, shared with an {@link AsyncCaller} built for a client holding this interceptor. */
  RetryEngine engine() {
    return engine;
  }

  @Override
  public String toString() {
    return Secrets.none().oneLine("ApiErrorsInterceptor" + engine); // one bounded line, like every value's
  }

  /**
   * Builds an {@link ApiErrorsInterceptor}. Not thread-safe; validates each setting as it
   * is given.
   */
  public static final class Builder extends SettingsBuilder<Builder> {
    private Waiter waiter = Waiter.SLICED;

    private Builder() {
      super(ErrorPolicy.DEFAULTS, RetrySettings.NONE, CallHooks.NONE);
    }

    @Override
    Builder self() {
      return this;
    }

    /** Sets how waits are made (tests record them instead of sleeping). */
    Builder waiter(Waiter waiter) {
      this.waiter = java.util.Objects.requireNonNull(waiter, "waiter");
      return this;
    }

    /** {@return the immutable interceptor} */
    public ApiErrorsInterceptor build() {
      return new ApiErrorsInterceptor(engine(), waiter);
    }
  }
}
