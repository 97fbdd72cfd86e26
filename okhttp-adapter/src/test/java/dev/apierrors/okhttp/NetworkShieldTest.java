package dev.apierrors.okhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.apierrors.ApiException;
import dev.apierrors.ClientErrorException;
import dev.apierrors.ServiceUnavailableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The network interceptor installed by {@code addTo}: error responses reach the SDK as the
 * server sent them, with nothing of them acted on by OkHttp below; other responses pass
 * untouched.
 */
@ExtendWith(NoLeakedConnections.class)
class NetworkShieldTest {
  private static final String THIRTY_DIGITS = "123456789012345678901234567890";

  @StartStop final MockWebServer server = TestHttp.newServer();

  private Request get() {
    return new Request.Builder().url(server.url("/")).build();
  }

  private static MockResponse withRetryAfter(int status, String retryAfter) {
    return new MockResponse.Builder().code(status).setHeader("Retry-After", retryAfter).build();
  }

  /** A client builder with the shield the way {@code addTo} installs it for {@code errors}. */
  private static OkHttpClient.Builder shielded(ApiErrorsInterceptor errors) {
    return TestHttp.clientBuilder().addNetworkInterceptor(new NetworkShield(errors.engine().errors()));
  }

  @ParameterizedTest
  @EnumSource(CallMode.class)
  void hugeRetryAfterOn503GivesTheTypedExceptionWithTheSaturatedWait(CallMode mode) {
    server.enqueue(withRetryAfter(503, THIRTY_DIGITS));
    ApiErrorsInterceptor errors = ApiErrorsInterceptor.create();

    ServiceUnavailableException e = catchThrowableOfType(ServiceUnavailableException.class,
        () -> mode.call(shielded(errors), errors, get()).close());

    assertThat(e.error().retryAfterMillis()).hasValue(Long.MAX_VALUE);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void hugeRetryAfterOn408IsDecodedFromTheServersValue() {
    server.enqueue(withRetryAfter(408, "99999999999"));
    OkHttpClient client = TestHttp.track(ApiErrorsInterceptor.create().addTo(TestHttp.clientBuilder()));

    ClientErrorException e = catchThrowableOfType(ClientErrorException.class,
        () -> client.newCall(get()).execute().close());

    assertThat(e.error().retryAfterMillis()).hasValue(99_999_999_999_000L);
  }

  @ParameterizedTest
  @EnumSource(value = CallMode.class, names = {"EXECUTE", "ENQUEUE", "ASYNC_CALLER"})
  void withoutAddToAHugeRetryAfterStillEndsInAnIOException(CallMode mode) {
    server.enqueue(withRetryAfter(503, THIRTY_DIGITS));

    Throwable failure = catchThrowableOfType(IOException.class,
        () -> mode.call(TestHttp.clientBuilder(), ApiErrorsInterceptor.create(), get()).close());

    assertThat(failure).isNotNull().hasCauseInstanceOf(NumberFormatException.class)
        .hasMessageContaining("addTo()");
  }

  @Test
  void addToInstallsTheCallStartTheInterceptorAndOneNetworkInterceptor() {
    ApiErrorsInterceptor errors = ApiErrorsInterceptor.create();

    OkHttpClient client = errors.addTo(new OkHttpClient.Builder()).build();

    assertThat(client.interceptors()).containsExactly(CallStart.INSTANCE, errors);
    assertThat(client.networkInterceptors()).singleElement().isInstanceOf(NetworkShield.class);
  }

  @Test
  void ordinaryRetryAfterIsDecodedAsTheServerSentIt() {
    server.enqueue(withRetryAfter(503, "120"));
    OkHttpClient client = TestHttp.track(ApiErrorsInterceptor.create().addTo(TestHttp.clientBuilder()));

    ApiException e = catchThrowableOfType(ApiException.class, () -> client.newCall(get()).execute().close());

    assertThat(e.error().retryAfterMillis()).hasValue(120_000L);
  }

  @ParameterizedTest(name = "[{index}] addTo={0}")
  @CsvSource({"true", "false"})
  void twoRetryAfterFieldsAreReadAsOkHttpReadsThem(boolean addTo) {
    // OkHttp reads the last field: with "120" last it does not resend, and the SDK waits 120 s.
    server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "0")
        .addHeader("Retry-After", "120").build());
    ApiErrorsInterceptor errors = ApiErrorsInterceptor.create();
    OkHttpClient client = TestHttp.track(addTo ? errors.addTo(TestHttp.clientBuilder())
        : TestHttp.clientBuilder().addInterceptor(errors));

    ApiException e = catchThrowableOfType(ApiException.class, () -> client.newCall(get()).execute().close());

    assertThat(e.error().retryAfterMillis()).hasValue(120_000L);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aServersOwnShieldFieldsAreNotTakenForTheShields() {
    server.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", "7")
        .addHeader(NetworkShield.HIDDEN, "retry-after")
        .addHeader(NetworkShield.ORIGINAL_RETRY_AFTER, "99").build());
    OkHttpClient client = TestHttp.track(ApiErrorsInterceptor.create().addTo(TestHttp.clientBuilder()));

    ApiException e = catchThrowableOfType(ApiException.class, () -> client.newCall(get()).execute().close());

    assertThat(e.error().retryAfterMillis()).hasValue(7_000L);
  }

  @Test
  void successfulResponsesPassUntouched() throws IOException {
    server.enqueue(new MockResponse.Builder().code(200).setHeader("Retry-After", "0")
        .setHeader("Content-Encoding", "gzip")
        .body(new Buffer().write(ContentEncodingTest.gzip("fine".getBytes(StandardCharsets.UTF_8)))).build());
    OkHttpClient client = TestHttp.track(ApiErrorsInterceptor.create().addTo(TestHttp.clientBuilder()));

    try (Response response = client.newCall(get()).execute()) {
      // OkHttp's own transparent gunzip, as without the SDK.
      assertThat(response.body().string()).isEqualTo("fine");
      assertThat(response.headers("Retry-After")).containsExactly("0");
      assertThat(response.header("Content-Encoding")).isNull();
      assertThat(response.headers().names()).noneMatch(n -> n.toLowerCase().startsWith("apierrors"));
    }
  }

  @Test
  void a503TreatedAsSuccessKeepsItsHeaders() throws IOException {
    server.enqueue(withRetryAfter(503, "5"));
    OkHttpClient client = TestHttp.track(
        ApiErrorsInterceptor.builder().treatAsSuccess(503).build().addTo(TestHttp.clientBuilder()));

    try (Response response = client.newCall(get()).execute()) {
      assertThat(response.code()).isEqualTo(503);
      assertThat(response.headers("Retry-After")).containsExactly("5");
      assertThat(response.headers().names()).noneMatch(n -> n.toLowerCase().startsWith("apierrors"));
    }
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
    assertThat(NetworkShield.overflowsInt(value)).isEqualTo(overflows);
  }
}
