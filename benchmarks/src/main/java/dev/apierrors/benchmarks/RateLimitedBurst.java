package dev.apierrors.benchmarks;

import dev.apierrors.HostLimits;
import dev.apierrors.RetryPolicy;
import dev.apierrors.okhttp.ApiErrorsInterceptor;
import dev.apierrors.okhttp.AsyncCaller;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A burst of {@value #CALLS} calls against a local server that allows {@value #PER_SECOND}
 * requests per second (fixed one-second windows from its start; over the limit it answers
 * {@code 429} with {@code Retry-After} until the window ends, and every response carries
 * {@code RateLimit-Limit}, {@code -Remaining} and {@code -Reset}). The same burst runs
 * through {@link AsyncCaller} twice, with the same retry policy: once with
 * {@link HostLimits#builder()} {@code .pacing(true)}, once with {@link HostLimits#none()};
 * the 429s the server sent and the wall time are printed side by side, with the 10 s the
 * limit allows as the reference.
 *
 * <p>Not JMH: one run is a 10-second scenario, not a hot loop. Run it with
 * {@code java -cp benchmarks/target/benchmarks.jar dev.apierrors.benchmarks.RateLimitedBurst}
 * (after {@code mvn -B -q -pl benchmarks -am package -DskipTests}).
 */
public final class RateLimitedBurst {
  static final int CALLS = 1_000;
  static final int PER_SECOND = 100;

  private RateLimitedBurst() {}

  /** The outcome of one burst. */
  record Result(String name, long millis, int requests, int tooManyRequests, int succeeded, int failed) {}

  /**
   * Runs both bursts and prints the table.
   *
   * @param args ignored
   * @throws Exception if the local server cannot start
   */
  public static void main(String[] args) throws Exception {
    List<Result> results = new ArrayList<>();
    results.add(burst("pacing", HostLimits.builder().pacing(true).build()));
    results.add(burst("no pacing", HostLimits.none()));
    long floor = (long) CALLS * 1_000 / PER_SECOND;
    System.out.printf(Locale.ROOT, "%d calls at once, server allows %d/s (the limit allows %d ms)%n", CALLS,
        PER_SECOND, floor);
    System.out.printf(Locale.ROOT, "%-10s %10s %8s %10s %6s %10s %7s%n", "", "wall ms", "x limit", "requests",
        "429s", "succeeded", "failed");
    for (Result r : results) {
      System.out.printf(Locale.ROOT, "%-10s %10d %8.2f %10d %6d %10d %7d%n", r.name(), r.millis(),
          r.millis() / (double) floor, r.requests(), r.tooManyRequests(), r.succeeded(), r.failed());
    }
  }

  static Result burst(String name, HostLimits limits) throws IOException, InterruptedException {
    try (MockWebServer server = new MockWebServer()) {
      server.setServerSocketFactory(new NoDelayServerSocketFactory());
      WindowedLimit limit = new WindowedLimit(PER_SECOND);
      server.setDispatcher(limit);
      server.start(InetAddress.getLoopbackAddress(), 0);
      OkHttpClient client = ApiErrorsInterceptor.builder()
          .retryPolicy(RetryPolicy.builder().maxAttempts(100).maxRetryAfter(Duration.ofSeconds(60)).build())
          .hostLimits(limits)
          .build()
          .addTo(new OkHttpClient.Builder())
          .build();
      AsyncCaller caller = AsyncCaller.of(client);
      Request request = new Request.Builder().url(server.url("/items")).build();
      AtomicInteger succeeded = new AtomicInteger();
      AtomicInteger failed = new AtomicInteger();
      long start = System.nanoTime();
      limit.start();
      List<CompletableFuture<Void>> calls = new ArrayList<>(CALLS);
      for (int i = 0; i < CALLS; i++) {
        calls.add(caller.execute(request).handle((response, failure) -> {
          if (response != null) {
            response.close();
            succeeded.incrementAndGet();
          } else {
            failed.incrementAndGet();
          }
          return null;
        }));
      }
      CompletableFuture.allOf(calls.toArray(new CompletableFuture[0])).orTimeout(5, TimeUnit.MINUTES).join();
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
      return new Result(name, millis, server.getRequestCount(), limit.refused.get(), succeeded.get(), failed.get());
    }
  }

  /** Allows {@code perSecond} requests per one-second window counted from {@link #start()}. */
  static final class WindowedLimit extends Dispatcher {
    private final int perSecond;
    private volatile long startNanos = System.nanoTime();
    private long window = -1;
    private int used;
    final AtomicInteger refused = new AtomicInteger();

    WindowedLimit(int perSecond) {
      this.perSecond = perSecond;
    }

    void start() {
      startNanos = System.nanoTime();
    }

    @Override
    public synchronized MockResponse dispatch(RecordedRequest request) {
      long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
      long current = elapsedMillis / 1_000;
      if (current != window) {
        window = current;
        used = 0;
      }
      long msLeft = 1_000 - elapsedMillis % 1_000;
      String reset = Long.toString((msLeft + 999) / 1_000);
      if (used >= perSecond) {
        refused.incrementAndGet();
        return new MockResponse.Builder().code(429)
            .addHeader("Retry-After", reset)
            .addHeader("RateLimit-Limit", Integer.toString(perSecond))
            .addHeader("RateLimit-Remaining", "0")
            .addHeader("RateLimit-Reset", reset)
            .build();
      }
      used++;
      return new MockResponse.Builder().code(200).body("{}")
          .addHeader("RateLimit-Limit", Integer.toString(perSecond))
          .addHeader("RateLimit-Remaining", Integer.toString(perSecond - used))
          .addHeader("RateLimit-Reset", reset)
          .build();
    }
  }
}
