package dev.apierrors.okhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.apierrors.ApiException;
import dev.apierrors.RetryPolicy;
import java.time.Duration;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * OkHttp's own follow-ups resend an error response below the SDK: a 503 with
 * {@code Retry-After: 0} and a 408 (when {@code retryOnConnectionFailure} is on, OkHttp's
 * default). With {@code addTo} they are prevented: the server sees exactly the attempts the
 * SDK counts. With a plain {@code addInterceptor} they cannot be: they are counted in
 * {@code attempts()} (from the response's prior responses).
 */
@ExtendWith(NoLeakedConnections.class)
class OkHttpResendTest {
  @StartStop final MockWebServer server = TestHttp.newServer();

  enum Install { ADD_TO, PLAIN }

  enum Trigger {
    UNAVAILABLE_RETRY_AFTER_ZERO(503, "0"),
    REQUEST_TIMEOUT(408, null);

    final int status;
    final String retryAfter;

    Trigger(int status, String retryAfter) {
      this.status = status;
      this.retryAfter = retryAfter;
    }

    MockResponse response() {
      MockResponse.Builder b = new MockResponse.Builder().code(status).body("{\"title\":\"try again\"}");
      if (retryAfter != null) {
        b.setHeader("Retry-After", retryAfter);
      }
      return b.build();
    }
  }

  static Stream<Arguments> cases() {
    return Stream.of(Install.values()).flatMap(install -> Stream.of(CallMode.values())
        .flatMap(mode -> Stream.of("GET", "POST")
            .flatMap(method -> Stream.of(Trigger.values()).map(t -> Arguments.of(install, mode, method, t)))));
  }

  private Request request(String method) {
    Request.Builder b = new Request.Builder().url(server.url("/"));
    return method.equals("GET") ? b.build()
        : b.post(RequestBody.create("{}", MediaType.get("application/json"))).build();
  }

  /** OkHttp's defaults for follow-ups (TestHttp turns retryOnConnectionFailure off), plus the shield. */
  private static OkHttpClient.Builder client(Install install, ApiErrorsInterceptor errors) {
    OkHttpClient.Builder b = TestHttp.clientBuilder().retryOnConnectionFailure(true);
    // CallMode adds the interceptor itself; addTo's other part is the network shield.
    return install == Install.ADD_TO ? b.addNetworkInterceptor(new NetworkShield(errors.engine().errors())) : b;
  }

  @ParameterizedTest(name = "{0}, {1}, {2}, {3}")
  @MethodSource("cases")
  void withoutRetryTheServerSeesWhatAttemptsCounts(Install install, CallMode mode, String method, Trigger trigger) {
    for (int i = 0; i < 3; i++) {
      server.enqueue(trigger.response());
    }
    ApiErrorsInterceptor errors = ApiErrorsInterceptor.create();

    ApiException e = catchThrowableOfType(ApiException.class,
        () -> mode.call(client(install, errors), errors, request(method)).close());

    assertThat(e.status()).isEqualTo(trigger.status);
    assertThat(server.getRequestCount()).isEqualTo(install == Install.ADD_TO ? 1 : 2);
    assertThat(e.attempts()).isEqualTo(server.getRequestCount());
  }

  static Stream<Arguments> retried() {
    return Stream.of(CallMode.EXECUTE, CallMode.ENQUEUE, CallMode.ASYNC_CALLER)
        .flatMap(mode -> Stream.of("GET", "POST").map(method -> Arguments.of(mode, method)));
  }

  /** Three attempts, against a server answering each request with a 503 {@code Retry-After: 0}. */
  private ApiErrorsInterceptor retryingThreeTimesOnSixUnavailable() {
    for (int i = 0; i < 6; i++) {
      server.enqueue(Trigger.UNAVAILABLE_RETRY_AFTER_ZERO.response());
    }
    return ApiErrorsInterceptor.builder().retryPolicy(RetryPolicy.builder().maxAttempts(3)
        .initialBackoff(Duration.ofMillis(1)).jitter(false).build()).build();
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("retried")
  void withAddToAndRetryTheServerSeesExactlyTheAttempts(CallMode mode, String method) {
    ApiErrorsInterceptor errors = retryingThreeTimesOnSixUnavailable();

    ApiException e = catchThrowableOfType(ApiException.class,
        () -> mode.call(client(Install.ADD_TO, errors), errors, request(method)).close());

    assertThat(e.attempts()).isEqualTo(3);
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("retried")
  void withoutAddToOkHttpSendsEachRetriedAttemptTwice(CallMode mode, String method) {
    // What the README warns about: below a plain application interceptor OkHttp resends a
    // 503 carrying Retry-After: 0 once per attempt, and the SDK cannot stop it.
    ApiErrorsInterceptor errors = retryingThreeTimesOnSixUnavailable();

    ApiException e = catchThrowableOfType(ApiException.class,
        () -> mode.call(client(Install.PLAIN, errors), errors, request(method)).close());

    assertThat(e.status()).isEqualTo(503);
    assertThat(server.getRequestCount()).isEqualTo(6);
    assertThat(e.attempts()).as("every request the server received").isEqualTo(6);
  }
}
