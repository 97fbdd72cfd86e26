package dev.apierrors.examples.snippets;

import dev.apierrors.AttemptFailure;
import dev.apierrors.RetryPolicy;
import dev.apierrors.examples.support.Servers;
import dev.apierrors.okhttp.ApiErrorsInterceptor;
import io.github.resilience4j.retry.Retry;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Snippet: retry what the server refused (429, 503...) with a policy of your own, and see
 * each retry as a resilience4j event: which attempt failed, how long the SDK waits, and
 * where that wait came from ({@code retry-after}, {@code rate-limit-reset}, {@code backoff}).
 */
public final class ConfigureRetryPolicy {
  private ConfigureRetryPolicy() {}

  /** A policy: 4 attempts in all, backoff 200 ms doubling up to 5 s, server waits up to 10 s. */
  public static RetryPolicy policy() {
    return RetryPolicy.builder()
        .maxAttempts(4)
        .initialBackoff(Duration.ofMillis(200))
        .maxBackoff(Duration.ofSeconds(5))
        .maxRetryAfter(Duration.ofSeconds(10))
        .retryOn(429, 503)
        .build();
  }

  /** The resilience4j Retry that publishes one event per retry, here written to {@code log}. */
  public static Retry retryLoggingTo(RetryPolicy policy, Consumer<String> log) {
    Retry retry = policy.toRetry("orders-api");
    retry.getEventPublisher().onRetry(event -> {
      AttemptFailure failure = (AttemptFailure) event.getLastThrowable();
      log.accept("attempt " + failure.attempt() + " failed (" + failure.failure().getMessage() + "), retrying in "
          + event.getWaitInterval().toMillis() + " ms ("
          + failure.decision().waitSource().map(source -> source.label()).orElse("?") + ")");
    });
    return retry;
  }

  /** A client whose calls are retried by {@code policy}, publishing through {@code retry}. */
  public static OkHttpClient client(RetryPolicy policy, Retry retry) {
    return ApiErrorsInterceptor.builder().retryPolicy(policy).retry(retry).build()
        .addTo(new OkHttpClient.Builder())
        .build();
  }

  /** Runs the snippet against a local server answering 503 (retry-after-ms: 150), then 200. */
  public static void main(String[] args) throws IOException {
    try (MockWebServer server = Servers.startLoopbackServer()) {
      server.enqueue(new MockResponse.Builder().code(503).addHeader("retry-after-ms", "150").build());
      server.enqueue(new MockResponse.Builder().code(200).body("{\"id\":7}").build());
      RetryPolicy policy = policy();
      OkHttpClient client = client(policy, retryLoggingTo(policy, System.out::println));
      try (Response response = client.newCall(new Request.Builder().url(server.url("/orders/7")).build()).execute()) {
        System.out.println("got " + response.code() + " after " + server.getRequestCount() + " attempts");
      } finally {
        Servers.shutdown(client);
      }
    }
  }
}
