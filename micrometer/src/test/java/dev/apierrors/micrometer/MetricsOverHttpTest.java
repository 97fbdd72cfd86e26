package dev.apierrors.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.apierrors.NotFoundException;
import dev.apierrors.RetryPolicy;
import dev.apierrors.okhttp.ApiErrorsInterceptor;
import dev.apierrors.okhttp.AsyncCaller;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The meters after scripted conversations, on the blocking and the non-blocking path. */
class MetricsOverHttpTest {
  @StartStop final MockWebServer server = new MockWebServer();

  private Response send(OkHttpClient client, Request request, boolean async) throws IOException {
    if (!async) {
      return client.newCall(request).execute();
    }
    try {
      return AsyncCaller.of(client).execute(request).get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw (IOException) e.getCause();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void errorsRetriesWaitsAndGiveUpsAreCountedPerHost(boolean async) throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    OkHttpClient client = ApiErrorsInterceptor.builder()
        .retryPolicy(RetryPolicy.builder().initialBackoff(Duration.ofMillis(1)).jitter(false).build())
        .listener(ApiErrorsMetrics.of(registry))
        .build()
        .addTo(new OkHttpClient.Builder())
        .build();
    String host = server.getHostName() + ":" + server.getPort();
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "0").build());
    server.enqueue(new MockResponse.Builder().code(503).build());
    server.enqueue(new MockResponse.Builder().code(200).build());
    server.enqueue(new MockResponse.Builder().code(404).setHeader("Content-Type", "application/problem+json")
        .body("{\"title\":\"Not Found\",\"detail\":\"no order 7\"}").build());

    try (Response ok = send(client, new Request.Builder().url(server.url("/orders/7?token=t")).build(), async)) {
      assertThat(ok.code()).isEqualTo(200);
    }
    assertThat(catchThrowable(() -> send(client, new Request.Builder().url(server.url("/orders/8")).build(), async)))
        .isInstanceOf(NotFoundException.class);

    assertThat(registry.get("apierrors.errors").tags("host", host, "status", "429", "format", "empty",
        "exception", "TooManyRequestsException").counter().count()).isEqualTo(1.0);
    assertThat(registry.get("apierrors.errors").tags("host", host, "status", "404", "format", "problem_json",
        "exception", "NotFoundException").counter().count()).isEqualTo(1.0);
    assertThat(registry.get("apierrors.retries").tags("host", host, "reason", "refused", "source", "retry-after")
        .counter().count()).isEqualTo(1.0);
    assertThat(registry.get("apierrors.retries").tags("host", host, "reason", "refused", "source", "backoff")
        .counter().count()).isEqualTo(1.0);
    assertThat(registry.get("apierrors.retry.wait").tags("host", host).timers())
        .extracting(t -> t.count()).containsExactlyInAnyOrder(1L, 1L);
    assertThat(registry.get("apierrors.giveups").tags("host", host, "status", "404").counter().count()).isEqualTo(1.0);
    assertThat(registry.getMeters()).allSatisfy(meter -> assertThat(meter.getId().getTags())
        .allSatisfy(tag -> assertThat(tag.getValue()).doesNotContain("/orders", "token")));
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }
}
