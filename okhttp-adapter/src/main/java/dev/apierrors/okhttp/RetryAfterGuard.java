package dev.apierrors.okhttp;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * A network interceptor that shields OkHttp from a {@code Retry-After} it cannot parse.
 *
 * <p>Why: on a 503 (and a 408) OkHttp's own follow-up logic reads {@code Retry-After} with
 * {@code Integer.valueOf} when it is all digits, so a server sending
 * {@code Retry-After: 123456789012345678901234567890} makes {@code execute()} throw a
 * {@link NumberFormatException} (and leaves the response open) before any application
 * interceptor sees the response. This guard runs below that logic: it replaces such a value
 * with {@link Integer#MAX_VALUE} seconds (which OkHttp reads as "don't follow up") and keeps
 * the original in {@value #ORIGINAL}, from which {@link ErrorResponses} restores it, so the
 * decoded {@code retryAfterMillis} is still the server's (saturated) value.
 *
 * <p>Only 503 and 408 responses are looked at: every other response passes with one status
 * check. Thread-safety: stateless.
 */
final class RetryAfterGuard implements Interceptor {
  static final RetryAfterGuard INSTANCE = new RetryAfterGuard();

  /** Where the original {@code Retry-After} is kept between the guard and the decoder. */
  static final String ORIGINAL = "Apierrors-Original-Retry-After";

  private RetryAfterGuard() {}

  @Override
  public Response intercept(Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    int code = response.code();
    if (code != 503 && code != 408) {
      return response;
    }
    String value = response.header("Retry-After");
    if (!overflowsInt(value)) {
      return response;
    }
    return response.newBuilder()
        .header("Retry-After", Integer.toString(Integer.MAX_VALUE))
        .header(ORIGINAL, value)
        .build();
  }

  /** Whether OkHttp would call {@code Integer.valueOf} on this value and fail. */
  static boolean overflowsInt(@Nullable String value) {
    if (value == null || value.isEmpty()) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    int first = 0;
    while (first < value.length() - 1 && value.charAt(first) == '0') {
      first++;
    }
    String digits = value.substring(first);
    return digits.length() > 10 || Long.parseLong(digits) > Integer.MAX_VALUE;
  }

  @Override
  public String toString() {
    return "RetryAfterGuard";
  }
}
