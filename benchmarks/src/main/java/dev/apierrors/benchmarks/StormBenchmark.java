package dev.apierrors.benchmarks;

import dev.apierrors.RetryPolicy;
import dev.apierrors.okhttp.ApiErrorsInterceptor;
import dev.apierrors.okhttp.AsyncCaller;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A 429 storm: {@value #CALLS} calls at once, each answered {@code 429} with
 * {@code Retry-After: 1} the first time and {@code 200} the second, from a loopback
 * MockWebServer (TCP_NODELAY on its sockets). One invocation is the whole storm; its time
 * is the wall time until every call has its 200.
 *
 * <ul>
 *   <li>{@code sdkAsync}: {@link AsyncCaller} with the default {@link RetryPolicy}: the wait
 *       is scheduled, no thread is held;
 *   <li>{@code naiveReenqueue}: the baseline, hand-written: a plain client, and a callback
 *       that on a 429 closes the response and re-enqueues the call on a scheduler after
 *       {@code Retry-After} seconds;
 *   <li>{@code sdkBlockingCapped}: the interceptor's blocking retry on {@code enqueue()}
 *       calls: each wait holds one of OkHttp's 5 concurrent calls per host, so the storm
 *       is capped at {@value #BLOCKING_CALLS} calls; the secondary result
 *       {@code extrapolatedMs} is its time scaled to {@value #CALLS} calls.
 * </ul>
 *
 * <p>The secondary result {@code peakThreads} is the JVM's peak thread count during the
 * storm, less the threads alive before it. Every client uses OkHttp's default dispatcher
 * (64 calls, 5 per host), the same for all three.
 *
 * <p>Warm: the benchmark's iterations after warm-up (client, pool and threads reused).
 * Cold: one storm in a fresh JVM ({@code -wi 0 -i 1}, several forks; see BENCHMARKS.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class StormBenchmark {
  static final int CALLS = 1000;
  static final int BLOCKING_CALLS = 10;

  private MockWebServer server;
  private OkHttpClient plainClient;
  private OkHttpClient blockingClient;
  private AsyncCaller asyncCaller;
  private ScheduledExecutorService naiveScheduler;
  private final AtomicInteger storms = new AtomicInteger();

  /** The peak threads and the extrapolated time, reported beside the storm's time. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Counters {
    public long peakThreads;
    public long extrapolatedMs;

    @Setup(Level.Iteration)
    public void clear() {
      peakThreads = 0;
      extrapolatedMs = 0;
    }
  }

  /** First request of a path: 429 with {@code Retry-After: 1}; every later one: 200. */
  private static final class StormDispatcher extends Dispatcher {
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      if (seen.add(request.getTarget())) {
        return new MockResponse.Builder()
            .code(429)
            .addHeader("Content-Type", "application/json")
            .addHeader("Retry-After", "1")
            .body("{\"code\":\"RATE_LIMITED\",\"message\":\"Slow down.\"}")
            .build();
      }
      return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
          .body("{\"ok\":true}").build();
    }
  }

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    server = new MockWebServer();
    server.setServerSocketFactory(new NoDelayServerSocketFactory());
    server.setDispatcher(new StormDispatcher());
    server.start(InetAddress.getLoopbackAddress(), 0);
    plainClient = new OkHttpClient.Builder().build();
    blockingClient = ApiErrorsInterceptor.builder().retryPolicy(RetryPolicy.ofDefaults()).build()
        .addTo(new OkHttpClient.Builder()).build();
    asyncCaller = AsyncCaller.builder(ApiErrorsInterceptor.create().addTo(new OkHttpClient.Builder()).build())
        .retryPolicy(RetryPolicy.ofDefaults())
        .build();
    naiveScheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "naive-retry");
      t.setDaemon(true);
      return t;
    });
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    naiveScheduler.shutdownNow();
    for (OkHttpClient c : new OkHttpClient[] {plainClient, blockingClient, asyncCaller.client()}) {
      c.dispatcher().executorService().shutdown();
      c.connectionPool().evictAll();
    }
    server.close();
  }

  @Benchmark
  public int sdkAsync(Counters counters) {
    Storm storm = new Storm(CALLS);
    CompletableFuture<?>[] futures = new CompletableFuture<?>[CALLS];
    for (int i = 0; i < CALLS; i++) {
      futures[i] = asyncCaller.execute(storm.request(i)).thenAccept(StormBenchmark::expectOk);
    }
    CompletableFuture.allOf(futures).orTimeout(60, TimeUnit.SECONDS).join();
    return storm.finish(counters, CALLS);
  }

  @Benchmark
  public int naiveReenqueue(Counters counters) throws InterruptedException {
    Storm storm = new Storm(CALLS);
    CountDownLatch done = new CountDownLatch(CALLS);
    AtomicInteger failures = new AtomicInteger();
    for (int i = 0; i < CALLS; i++) {
      Request request = storm.request(i);
      plainClient.newCall(request).enqueue(new NaiveRetry(plainClient, naiveScheduler, request, done, failures));
    }
    await(done, failures);
    return storm.finish(counters, CALLS);
  }

  @Benchmark
  public int sdkBlockingCapped(Counters counters) throws InterruptedException {
    Storm storm = new Storm(BLOCKING_CALLS);
    CountDownLatch done = new CountDownLatch(BLOCKING_CALLS);
    AtomicInteger failures = new AtomicInteger();
    for (int i = 0; i < BLOCKING_CALLS; i++) {
      blockingClient.newCall(storm.request(i)).enqueue(new Callback() {
        @Override
        public void onFailure(Call call, IOException e) {
          failures.incrementAndGet();
          done.countDown();
        }

        @Override
        public void onResponse(Call call, Response response) {
          try (response) {
            if (response.code() != 200) {
              failures.incrementAndGet();
            }
          }
          done.countDown();
        }
      });
    }
    await(done, failures);
    int result = storm.finish(counters, BLOCKING_CALLS);
    return result;
  }

  private static void await(CountDownLatch done, AtomicInteger failures) throws InterruptedException {
    if (!done.await(300, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the storm did not end in 300 s");
    }
    if (failures.get() > 0) {
      throw new IllegalStateException(failures.get() + " calls failed");
    }
  }

  private static void expectOk(Response response) {
    try (response) {
      if (response.code() != 200) {
        throw new IllegalStateException("status " + response.code());
      }
    }
  }

  /** One storm: its own paths (so every call starts with a 429), its clock, its threads. */
  private final class Storm {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final String prefix = "/storm" + storms.incrementAndGet() + "/";
    private final int threadsBefore;
    private final long start = System.nanoTime();
    private final int calls;

    Storm(int calls) {
      this.calls = calls;
      this.threadsBefore = threads.getThreadCount();
      threads.resetPeakThreadCount();
    }

    Request request(int i) {
      HttpUrl url = server.url(prefix + i);
      return new Request.Builder().url(url).build();
    }

    int finish(Counters counters, int total) {
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      counters.peakThreads = Math.max(0, threads.getPeakThreadCount() - threadsBefore);
      counters.extrapolatedMs = millis * CALLS / calls;
      return total;
    }
  }

  /**
   * The hand-written baseline: re-enqueue on {@code client} after {@code Retry-After} seconds
   * (also {@link StormTimeline}'s). Counts down {@code done} at the call's end, and counts a
   * failure or a status other than 200 in {@code failures}.
   */
  record NaiveRetry(OkHttpClient client, ScheduledExecutorService scheduler, Request request,
      CountDownLatch done, AtomicInteger failures) implements Callback {
    @Override
    public void onFailure(Call call, IOException e) {
      failures.incrementAndGet();
      done.countDown();
    }

    @Override
    public void onResponse(Call call, Response response) {
      int code;
      String retryAfter;
      try (response) {
        code = response.code();
        retryAfter = response.header("Retry-After");
      }
      if (code == 429 && retryAfter != null) {
        long seconds = Long.parseLong(retryAfter.strip());
        scheduler.schedule(() -> client.newCall(request).enqueue(this), seconds, TimeUnit.SECONDS);
        return;
      }
      if (code != 200) {
        failures.incrementAndGet();
      }
      done.countDown();
    }
  }
}
