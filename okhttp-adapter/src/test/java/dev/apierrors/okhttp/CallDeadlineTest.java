package dev.apierrors.okhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.apierrors.RetryPolicy;
import dev.apierrors.ServiceUnavailableException;
import dev.apierrors.okhttp.RetryFixture.Mode;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The deadline is the call's: time spent before the SDK's interceptor (an outer
 * interceptor fetching a token) counts, and on the non-blocking path the deadline starts
 * at {@code execute()}, dispatcher queueing included. Waits are recorded, not slept: only
 * the outer time is real (250 ms).
 */
@ExtendWith(NoLeakedConnections.class)
class CallDeadlineTest {
  private static final long OUTSIDE_MILLIS = 250;

  @StartStop final MockWebServer server = TestHttp.newServer();

  Request get(String path) {
    return new Request.Builder().url(server.url(path)).build();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void timeSpentAboveTheSdksInterceptorCountsAgainstTheDeadline(Mode mode) throws IOException {
    // callTimeout 400 ms, 250 ms spent outside, the server asks for 200 ms: no time for it.
    server.enqueue(RetryOverHttpTest.status(503, "retry-after-ms", "200"));
    server.enqueue(RetryOverHttpTest.ok());
    try (RetryFixture fixture = RetryFixture.recordedViaAddTo(mode, RetryPolicy.ofDefaults(), slowOutside(400))) {

      ServiceUnavailableException e =
          catchThrowableOfType(ServiceUnavailableException.class, () -> fixture.send(get("/d")));

      assertThat(e.attempts()).isEqualTo(1);
      assertThat(fixture.waits()).isEmpty();
      assertThat(server.getRequestCount()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void withTimeLeftTheSameCallIsRetried(Mode mode) throws IOException {
    server.enqueue(RetryOverHttpTest.status(503, "retry-after-ms", "100"));
    server.enqueue(RetryOverHttpTest.ok());
    try (RetryFixture fixture = RetryFixture.recordedViaAddTo(mode, RetryPolicy.ofDefaults(), slowOutside(5_000))) {

      assertThat(RetryOverHttpTest.body(fixture.send(get("/d")))).isEqualTo("done");

      assertThat(fixture.waits()).containsExactly(100L);
    }
  }

  @Test
  void theNonBlockingDeadlineStartsAtExecuteQueueingIncluded() throws Exception {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return request.getUrl().encodedPath().equals("/slow")
            ? new MockResponse.Builder().code(200).body("slow").headersDelay(OUTSIDE_MILLIS, TimeUnit.MILLISECONDS).build()
            : RetryOverHttpTest.status(503, "retry-after-ms", "200");
      }
    });
    okhttp3.Dispatcher oneAtATime = new okhttp3.Dispatcher();
    oneAtATime.setMaxRequests(1);
    OkHttpClient client = TestHttp.track(TestHttp.clientBuilder()
        .dispatcher(oneAtATime)
        .callTimeout(400, TimeUnit.MILLISECONDS));
    CompletableFuture<Response> slow = TestHttp.enqueue(client.newCall(get("/slow")));
    AsyncCaller caller = AsyncCaller.builder(client)
        .retryPolicy(RetryPolicy.builder().maxRetryAfter(Duration.ofSeconds(1)).build())
        .build();

    CompletableFuture<Response> queued = caller.execute(get("/busy")); // waits ~250 ms for the slot

    ServiceUnavailableException e =
        catchThrowableOfType(ServiceUnavailableException.class, () -> TestHttp.await(queued));
    assertThat(e.attempts()).isEqualTo(1);
    assertThat(RetryOverHttpTest.body(TestHttp.await(slow))).isEqualTo("slow");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  /** A client whose outer interceptor (fetching a token, say) takes {@link #OUTSIDE_MILLIS}. */
  private static OkHttpClient.Builder slowOutside(long callTimeoutMillis) {
    return TestHttp.clientBuilder()
        .callTimeout(callTimeoutMillis, TimeUnit.MILLISECONDS)
        .addInterceptor(chain -> {
          sleep(OUTSIDE_MILLIS);
          return chain.proceed(chain.request());
        });
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
