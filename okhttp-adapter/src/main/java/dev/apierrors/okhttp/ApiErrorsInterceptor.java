package dev.apierrors.okhttp;

import dev.apierrors.ApiException;
import dev.apierrors.ErrorDecoder;
import dev.apierrors.RetryPolicy;
import io.github.resilience4j.retry.Retry;
import java.io.IOException;
import java.util.Objects;
import java.util.function.IntPredicate;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
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
  private final ErrorPolicy policy;
  private final RetrySettings retries;
  private final Waiter waiter;

  private ApiErrorsInterceptor(ErrorPolicy policy, RetrySettings retries, Waiter waiter) {
    this.policy = policy;
    this.retries = retries;
    this.waiter = waiter;
  }

  /**
   * The interceptor with every default: {@link ErrorDecoder#ofDefaults()}, errors 400..599,
   * no retry.
   */
  public static ApiErrorsInterceptor create() {
    return new ApiErrorsInterceptor(ErrorPolicy.DEFAULTS, RetrySettings.NONE, Waiter.SLICED);
  }

  /** Returns a builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Proceeds with the request and returns the response if it is not an error.
   *
   * @throws ApiException (a subclass for the status) if the response is an error
   * @throws IOException if the call fails (as OkHttp would throw it)
   */
  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (retries.enabled() && !AsyncRetry.Attempt.isTagged(request)) {
      if (chain.connection() != null) {
        // A network interceptor may proceed only once: fail before sending, not on the first retry.
        throw new IllegalStateException("an ApiErrorsInterceptor with a retry policy must be installed with"
            + " addInterceptor(), not addNetworkInterceptor(): it sends the request again");
      }
      return BlockingRetry.proceed(chain, policy, retries, waiter);
    }
    Response response = ErrorResponses.proceed(chain, request, policy);
    if (!policy.isError(response.code())) {
      return response;
    }
    throw ErrorResponses.toException(request, response, policy.decoder());
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
   * Successful responses pass the network interceptor untouched (one status check).
   *
   * <pre>{@code
   * OkHttpClient client = ApiErrorsInterceptor.create().addTo(new OkHttpClient.Builder()).build();
   * }</pre>
   *
   * @return {@code builder}, for chaining
   */
  public OkHttpClient.Builder addTo(OkHttpClient.Builder builder) {
    return builder.addInterceptor(this).addNetworkInterceptor(new NetworkShield(policy));
  }

  /** The settings, shared with an {@link AsyncCaller} built for a client holding this interceptor. */
  ErrorPolicy policy() {
    return policy;
  }

  /** The retry settings, shared with an {@link AsyncCaller} built for a client holding this interceptor. */
  RetrySettings retries() {
    return retries;
  }

  @Override
  public String toString() {
    return "ApiErrorsInterceptor" + policy + (retries.enabled() ? "{retry=" + retries + '}' : "");
  }

  /**
   * Builds an {@link ApiErrorsInterceptor}. Not thread-safe; validates each setting as it
   * is given.
   */
  public static final class Builder {
    private ErrorPolicy policy = ErrorPolicy.DEFAULTS;
    private RetryPolicy retryPolicy = RetryPolicy.none();
    private @Nullable Retry retry;
    private Waiter waiter = Waiter.SLICED;

    private Builder() {}

    /**
     * Sets which failed calls are sent again (default {@link RetryPolicy#none()}: one
     * attempt). The retries run inside the call: {@code execute()}, {@code enqueue()} and
     * Retrofit calls are all retried, each wait ends early on {@code Call.cancel()}
     * ({@link IOException}) or an interrupt ({@link java.io.InterruptedIOException}, the
     * interrupt flag kept), and no wait reaches the call's {@code callTimeout}. The body
     * of every response retried is closed; the exception thrown at the end carries the
     * number of attempts ({@link ApiException#attempts()},
     * {@link dev.apierrors.AttemptFailure#attemptsOf(Throwable)}).
     *
     * <p>An {@code enqueue()}d call holds one of the dispatcher's threads (and of its
     * per-host slots) while it waits: for many concurrent calls that may wait, use an
     * {@link AsyncCaller}, which waits without a thread and bypasses this interceptor's
     * retry.
     */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
      return this;
    }

    /**
     * Sets the resilience4j {@link Retry} that counts the attempts and publishes an event
     * for each retry (default: a new one named {@code apierrors}, made with
     * {@link RetryPolicy#toRetry(String)}). Give your own, made from
     * {@link RetryPolicy#toRetryConfig()} (e.g. {@code registry.retry("payments",
     * policy.toRetryConfig())}), to keep your event consumers and metrics; the retry
     * policy still decides whether and how long to wait.
     */
    public Builder retry(Retry retry) {
      this.retry = Objects.requireNonNull(retry, "retry");
      return this;
    }

    /** Sets how waits are made (tests record them instead of sleeping). */
    Builder waiter(Waiter waiter) {
      this.waiter = Objects.requireNonNull(waiter, "waiter");
      return this;
    }

    /** Sets the decoder (default {@link ErrorDecoder#ofDefaults()}). */
    public Builder decoder(ErrorDecoder decoder) {
      policy = policy.withDecoder(decoder);
      return this;
    }

    /**
     * Sets which statuses are errors (default: 400..599). Statuses given to
     * {@link #treatAsSuccess(int...)} are never errors, whichever order the two are set in.
     */
    public Builder errorStatuses(IntPredicate errorStatuses) {
      policy = policy.withErrorStatuses(errorStatuses);
      return this;
    }

    /**
     * Passes responses with these statuses through as normal responses, e.g.
     * {@code treatAsSuccess(404)} for an API where "not found" is an answer. Adds to the
     * statuses given before.
     *
     * @throws IllegalArgumentException if a status is not in 100..999
     */
    public Builder treatAsSuccess(int... statuses) {
      policy = policy.withSuccessStatuses(statuses);
      return this;
    }

    /** Returns the immutable interceptor. */
    public ApiErrorsInterceptor build() {
      return new ApiErrorsInterceptor(policy, RetrySettings.of(retryPolicy, retry), waiter);
    }
  }
}
