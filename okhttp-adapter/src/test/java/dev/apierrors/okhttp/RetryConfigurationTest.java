package dev.apierrors.okhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.apierrors.RetryPolicy;
import dev.apierrors.ServiceUnavailableException;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.retry.event.RetryEvent;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** How retry is switched on and wired: defaults, a user's own Retry, the paths that share it. */
@ExtendWith(NoLeakedConnections.class)
class RetryConfigurationTest {
  private static final RetryPolicy FAST = RetryPolicy.builder()
      .initialBackoff(Duration.ofMillis(1))
      .maxBackoff(Duration.ofMillis(5))
      .build();

  @StartStop final MockWebServer server = TestHttp.newServer();

  Request get() {
    return new Request.Builder().url(server.url("/c")).build();
  }

  @Test
  void doesNotRetryByDefault() {
    server.enqueue(RetryOverHttpTest.status(503));
    server.enqueue(RetryOverHttpTest.ok());

    ServiceUnavailableException e =
        catchThrowableOfType(ServiceUnavailableException.class, () -> TestHttp.client().newCall(get()).execute());

    assertThat(e.attempts()).isEqualTo(1);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void publishesThroughTheUsersOwnRetryFromARegistry() throws IOException {
    server.enqueue(RetryOverHttpTest.status(503));
    server.enqueue(RetryOverHttpTest.ok());
    RetryRegistry registry = RetryRegistry.ofDefaults();
    Retry payments = registry.retry("payments", FAST.toRetryConfig());
    List<RetryEvent> events = new CopyOnWriteArrayList<>();
    payments.getEventPublisher().onRetry(events::add);
    OkHttpClient client = TestHttp.track(TestHttp.clientBuilder()
        .addInterceptor(ApiErrorsInterceptor.builder().retryPolicy(FAST).retry(payments).build()));

    assertThat(RetryOverHttpTest.body(client.newCall(get()).execute())).isEqualTo("done");

    assertThat(events).singleElement().satisfies(e -> assertThat(e.getName()).isEqualTo("payments"));
    assertThat(registry.retry("payments").getMetrics().getNumberOfSuccessfulCallsWithRetryAttempt()).isEqualTo(1);
  }

  @Test
  void retriesEnqueuedCallsInsideTheInterceptor() throws IOException {
    server.enqueue(RetryOverHttpTest.status(429));
    server.enqueue(RetryOverHttpTest.ok());
    OkHttpClient client = TestHttp.track(TestHttp.clientBuilder()
        .addInterceptor(ApiErrorsInterceptor.builder().retryPolicy(FAST).build()));

    assertThat(RetryOverHttpTest.body(TestHttp.await(TestHttp.enqueue(client.newCall(get()))))).isEqualTo("done");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void asyncCallerRetriesOnAClientWithoutTheInterceptor() throws IOException {
    server.enqueue(RetryOverHttpTest.status(503));
    server.enqueue(RetryOverHttpTest.status(503));
    server.enqueue(RetryOverHttpTest.status(503));
    AsyncCaller caller = AsyncCaller.builder(TestHttp.track(TestHttp.clientBuilder())).retryPolicy(FAST).build();

    ServiceUnavailableException e =
        catchThrowableOfType(ServiceUnavailableException.class, () -> TestHttp.await(caller.execute(get())));

    assertThat(e.attempts()).isEqualTo(3);
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void asyncCallerCanTurnTheInterceptorsRetryOff() {
    server.enqueue(RetryOverHttpTest.status(503));
    server.enqueue(RetryOverHttpTest.ok());
    OkHttpClient client = TestHttp.track(TestHttp.clientBuilder()
        .addInterceptor(ApiErrorsInterceptor.builder().retryPolicy(FAST).build()));
    AsyncCaller caller = AsyncCaller.builder(client).retryPolicy(RetryPolicy.none()).build();

    ServiceUnavailableException e =
        catchThrowableOfType(ServiceUnavailableException.class, () -> TestHttp.await(caller.execute(get())));

    assertThat(e.attempts()).isEqualTo(1);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void asyncCallerInheritsTheInterceptorsPolicyAndRetry() throws IOException {
    server.enqueue(RetryOverHttpTest.status(503));
    server.enqueue(RetryOverHttpTest.ok());
    Retry shared = FAST.toRetry("shared");
    OkHttpClient client = TestHttp.track(TestHttp.clientBuilder()
        .addInterceptor(ApiErrorsInterceptor.builder().retryPolicy(FAST).retry(shared).build()));
    AsyncCaller caller = AsyncCaller.of(client);

    try (Response response = TestHttp.await(caller.execute(get()))) {
      assertThat(response.code()).isEqualTo(200);
    }

    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(shared.getMetrics().getNumberOfSuccessfulCallsWithRetryAttempt()).isEqualTo(1);
    assertThat(caller.toString()).contains("Retry 'shared'");
  }

  @Test
  void refusesToRetryAsANetworkInterceptor() {
    server.enqueue(RetryOverHttpTest.ok());
    OkHttpClient client = TestHttp.track(TestHttp.clientBuilder()
        .addNetworkInterceptor(ApiErrorsInterceptor.builder().retryPolicy(FAST).build()));

    assertThatThrownBy(() -> client.newCall(get()).execute())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("addInterceptor(), not addNetworkInterceptor()");
  }

  @Test
  void rejectsNullSettings() {
    assertThatThrownBy(() -> ApiErrorsInterceptor.builder().retryPolicy(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> ApiErrorsInterceptor.builder().retry(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> AsyncCaller.builder(new OkHttpClient()).scheduler(null))
        .isInstanceOf(NullPointerException.class);
  }
}
