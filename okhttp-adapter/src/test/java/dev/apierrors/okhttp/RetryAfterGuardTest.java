package dev.apierrors.okhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.apierrors.ApiException;
import dev.apierrors.ClientErrorException;
import dev.apierrors.ServiceUnavailableException;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A {@code Retry-After} too large for OkHttp's own 503 follow-up logic still gives the typed
 * exception, with the server's value, when the SDK is installed with {@code addTo}.
 */
@ExtendWith(NoLeakedConnections.class)
class RetryAfterGuardTest {
  private static final String THIRTY_DIGITS = "123456789012345678901234567890";

  @StartStop final MockWebServer server = TestHttp.newServer();

  private Request get() {
    return new Request.Builder().url(server.url("/")).build();
  }

  private static MockResponse withRetryAfter(int status, String retryAfter) {
    return new MockResponse.Builder().code(status).setHeader("Retry-After", retryAfter).build();
  }

  @ParameterizedTest
  @EnumSource(CallMode.class)
  void hugeRetryAfterOn503GivesTheTypedExceptionWithTheSaturatedWait(CallMode mode) {
    server.enqueue(withRetryAfter(503, THIRTY_DIGITS));
    OkHttpClient.Builder client = TestHttp.clientBuilder().addNetworkInterceptor(RetryAfterGuard.INSTANCE);

    ServiceUnavailableException e = catchThrowableOfType(ServiceUnavailableException.class,
        () -> mode.call(client, ApiErrorsInterceptor.create(), get()).close());

    assertThat(e.error().retryAfterMillis()).hasValue(Long.MAX_VALUE);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void hugeRetryAfterOn408IsDecodedFromTheServersValue() throws Exception {
    server.enqueue(withRetryAfter(408, "99999999999"));
    OkHttpClient client = TestHttp.track(ApiErrorsInterceptor.create().addTo(TestHttp.clientBuilder()));

    ClientErrorException e = catchThrowableOfType(ClientErrorException.class,
        () -> client.newCall(get()).execute().close());

    assertThat(e.error().retryAfterMillis()).hasValue(99_999_999_999_000L);
  }

  @Test
  void addToInstallsTheCallStartTheInterceptorTheGuardAndTheWireScrub() {
    ApiErrorsInterceptor errors = ApiErrorsInterceptor.create();

    OkHttpClient client = errors.addTo(new OkHttpClient.Builder()).build();

    assertThat(client.interceptors()).containsExactly(CallStart.INSTANCE, errors);
    assertThat(client.networkInterceptors()).containsExactly(RetryAfterGuard.INSTANCE, SentSecrets.Wire.INSTANCE);
  }

  @Test
  void ordinaryRetryAfterIsLeftAsTheServerSentIt() {
    server.enqueue(withRetryAfter(503, "120"));
    OkHttpClient client = TestHttp.track(ApiErrorsInterceptor.create().addTo(TestHttp.clientBuilder()));

    ApiException e = catchThrowableOfType(ApiException.class, () -> client.newCall(get()).execute().close());

    assertThat(e.error().retryAfterMillis()).hasValue(120_000L);
  }

  @ParameterizedTest(name = "[{index}] \"{0}\" overflows: {1}")
  @CsvSource(nullValues = "null", value = {
      "2147483647, false",
      "2147483648, true",
      "00000000000000000001, false",
      "123456789012345678901234567890, true",
      "-1, false",
      "1.5, false",
      "soon, false",
      "'', false",
      "null, false",
  })
  void overflowIsDetectedExactlyWhereOkHttpWouldFail(@Nullable String value, boolean overflows) {
    assertThat(RetryAfterGuard.overflowsInt(value)).isEqualTo(overflows);
  }
}
