package dev.apierrors.okhttp;

import dev.apierrors.ApiException;
import dev.apierrors.ErrorDecoder;
import java.io.IOException;
import java.util.function.IntPredicate;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * An OkHttp interceptor that turns error responses (4xx and 5xx by default) into typed
 * {@link ApiException}s: {@link dev.apierrors.NotFoundException},
 * {@link dev.apierrors.TooManyRequestsException} and so on, each carrying the decoded
 * {@link dev.apierrors.ApiError}.
 *
 * <p>Install it as an application interceptor:
 *
 * <pre>{@code
 * OkHttpClient client = new OkHttpClient.Builder()
 *     .addInterceptor(ApiErrorsInterceptor.create())
 *     .build();
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
 * <p>Thread-safety: immutable; one instance may serve any number of clients and calls.
 */
public final class ApiErrorsInterceptor implements Interceptor {
  private final ErrorPolicy policy;

  private ApiErrorsInterceptor(ErrorPolicy policy) {
    this.policy = policy;
  }

  /** The interceptor with every default: {@link ErrorDecoder#ofDefaults()}, errors 400..599. */
  public static ApiErrorsInterceptor create() {
    return new ApiErrorsInterceptor(ErrorPolicy.DEFAULTS);
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
    Response response = chain.proceed(request);
    if (!policy.isError(response.code())) {
      return response;
    }
    throw ErrorResponses.toException(request, response, policy.decoder());
  }

  /** The settings, shared with an {@link AsyncCaller} built for a client holding this interceptor. */
  ErrorPolicy policy() {
    return policy;
  }

  @Override
  public String toString() {
    return "ApiErrorsInterceptor" + policy;
  }

  /**
   * Builds an {@link ApiErrorsInterceptor}. Not thread-safe; validates each setting as it
   * is given.
   */
  public static final class Builder {
    private ErrorPolicy policy = ErrorPolicy.DEFAULTS;

    private Builder() {}

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
      return new ApiErrorsInterceptor(policy);
    }
  }
}
