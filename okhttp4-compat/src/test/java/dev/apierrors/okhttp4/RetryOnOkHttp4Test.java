package dev.apierrors.okhttp4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.apierrors.RetryPolicy;
import dev.apierrors.ServiceUnavailableException;
import dev.apierrors.okhttp.ApiErrorsInterceptor;
import dev.apierrors.okhttp.AsyncCaller;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.OkHttp;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The retry paths on OkHttp 4.12: the interceptor's blocking retry (its waits read the
 * call's okio {@code Timeout}) and the {@link AsyncCaller}'s scheduled one.
 */
class RetryOnOkHttp4Test {
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger slowDowns = new AtomicInteger();
  private LocalServer server;
  private OkHttpClient.Builder clientBuilder;

  @BeforeEach
  void start() throws IOException {
    assertThat(OkHttp.VERSION).startsWith("4.12");
    server = new LocalServer();
    // First 503 (asking 20 ms), then 200.
    server.on("/flaky", exchange -> {
      boolean first = requests.incrementAndGet() == 1;
      LocalServer.respond(exchange, first ? 503 : 200,
          first ? Map.of("retry-after-ms", "20") : Map.of(), (first ? "busy" : "done").getBytes(StandardCharsets.UTF_8));
    });
    server.on("/slow-down", exchange -> {
      slowDowns.incrementAndGet();
      LocalServer.respond(exchange, 503, Map.of("Retry-After", "30"), "busy".getBytes(StandardCharsets.UTF_8));
    });
    clientBuilder = new OkHttpClient.Builder()
        .connectionPool(new ConnectionPool(5, 200, TimeUnit.MILLISECONDS))
        .retryOnConnectionFailure(false)
        .addInterceptor(ApiErrorsInterceptor.builder().retryPolicy(RetryPolicy.ofDefaults()).build());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void blockingRetryWorksOnOkHttp4() throws IOException {
    try (Response response = clientBuilder.build().newCall(new Request.Builder().url(server.url("/flaky")).build()).execute()) {
      assertThat(response.body().string()).isEqualTo("done");
    }
    assertThat(requests).hasValue(2);
  }

  @Test
  void nonBlockingRetryWorksOnOkHttp4() throws Exception {
    CompletableFuture<Response> future =
        AsyncCaller.of(clientBuilder.build()).execute(new Request.Builder().url(server.url("/flaky")).build());

    try (Response response = future.get(10, TimeUnit.SECONDS)) {
      assertThat(response.body().string()).isEqualTo("done");
    }
    assertThat(requests).hasValue(2);
  }

  @Test
  void addToInstallsTheCallStartAndRetriesOnOkHttp4() throws IOException {
    OkHttpClient client = ApiErrorsInterceptor.builder().retryPolicy(RetryPolicy.ofDefaults()).build()
        .addTo(new OkHttpClient.Builder().retryOnConnectionFailure(false))
        .callTimeout(5, TimeUnit.SECONDS)
        .build();

    try (Response response = client.newCall(new Request.Builder().url(server.url("/flaky")).build()).execute()) {
      assertThat(response.body().string()).isEqualTo("done");
    }
    assertThat(client.interceptors()).hasSize(2);
    assertThat(requests).hasValue(2);
  }

  @Test
  void neverOversleepsTheCallTimeoutOnOkHttp4() {
    OkHttpClient client = clientBuilder.callTimeout(2, TimeUnit.SECONDS).build();
    long start = System.nanoTime();

    ServiceUnavailableException e = catchThrowableOfType(ServiceUnavailableException.class,
        () -> client.newCall(new Request.Builder().url(server.url("/slow-down")).build()).execute());

    assertThat(e.attempts()).isEqualTo(1);
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1_500);
  }

  @Test
  void cancelEndsABlockingWaitOnOkHttp4() throws Exception {
    Call call = clientBuilder.build().newCall(new Request.Builder().url(server.url("/slow-down")).build());
    CompletableFuture<Void> outcome = CompletableFuture.runAsync(() -> {
      try {
        call.execute().close();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    while (slowDowns.get() == 0) {
      Thread.sleep(5);
    }
    Thread.sleep(100); // the 503 arrived: the call now waits its 30 s
    long start = System.nanoTime();

    call.cancel();

    ExecutionException e = catchThrowableOfType(ExecutionException.class, () -> outcome.get(5, TimeUnit.SECONDS));
    assertThat(e).hasRootCauseMessage("Canceled");
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1_000);
    assertThat(slowDowns).hasValue(1);
  }
}
