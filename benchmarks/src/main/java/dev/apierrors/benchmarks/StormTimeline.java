package dev.apierrors.benchmarks;

import dev.apierrors.RetryPolicy;
import dev.apierrors.okhttp.ApiErrorsInterceptor;
import dev.apierrors.okhttp.AsyncCaller;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Where a storm's time goes, which {@link StormBenchmark}'s one wall time cannot tell: the
 * same storm (1,000 calls, each answered {@code 429 Retry-After: 1} then {@code 200}, from a
 * loopback MockWebServer with TCP_NODELAY), timed at the server. For each storm it prints
 * when the first attempts arrived (from the storm's start: the first and the last), when the
 * retries arrived, each call's wait (its retry's arrival less its 429's), and how long each
 * of OkHttp's dispatcher runs held its thread on average (a call's attempt, from the start
 * of its run to the end of its callback: the time a per-host slot is taken). A run is
 * counted when it ends, which can be just after the future it completed let its storm end:
 * a storm may then show 1,999 runs and the next 2,001.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.apierrors.benchmarks.StormTimeline
 * sdk|naive [storms]} (default 10 storms, the first ones cold). Not a benchmark: a
 * diagnostic, run by hand; its figures are in BENCHMARKS.md (5. Storm).
 */
public final class StormTimeline {
  private static final int CALLS = StormBenchmark.CALLS;

  /** Per path, when its first and its second request arrived (nanoTime). */
  private final Map<String, long[]> arrivals = new ConcurrentHashMap<>();
  private final LongAdder runNanos = new LongAdder();
  private final LongAdder runs = new LongAdder();
  /** The naive storm's calls that failed or ended other than 200 (the SDK's fail its future). */
  private final AtomicInteger failures = new AtomicInteger();

  private StormTimeline() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || !(args[0].equals("sdk") || args[0].equals("naive"))) {
      System.err.println("usage: StormTimeline sdk|naive [storms]");
      System.exit(2);
    }
    int storms = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    new StormTimeline().run(args[0].equals("sdk"), storms);
    System.exit(0); // OkHttp's and the scheduler's threads
  }

  private void run(boolean sdk, int storms) throws Exception {
    MockWebServer server = new MockWebServer();
    server.setServerSocketFactory(new NoDelayServerSocketFactory());
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        long now = System.nanoTime();
        long[] at = arrivals.computeIfAbsent(request.getTarget(), k -> new long[2]);
        if (at[0] == 0) {
          at[0] = now;
          return new MockResponse.Builder().code(429).addHeader("Content-Type", "application/json")
              .addHeader("Retry-After", "1").body("{\"code\":\"RATE_LIMITED\",\"message\":\"Slow down.\"}").build();
        }
        at[1] = now;
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
            .body("{\"ok\":true}").build();
      }
    });
    server.start(InetAddress.getLoopbackAddress(), 0);
    OkHttpClient plain = new OkHttpClient.Builder().dispatcher(timedDispatcher()).build();
    AsyncCaller caller = AsyncCaller.builder(
            ApiErrorsInterceptor.create().addTo(new OkHttpClient.Builder().dispatcher(timedDispatcher())).build())
        .retryPolicy(RetryPolicy.ofDefaults())
        .build();
    ScheduledExecutorService naive = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "naive-retry");
      t.setDaemon(true);
      return t;
    });
    for (int storm = 0; storm < storms; storm++) {
      arrivals.clear();
      runNanos.reset();
      runs.reset();
      failures.set(0);
      String prefix = "/timeline" + storm + "/";
      long start = System.nanoTime();
      if (sdk) {
        CompletableFuture<?>[] futures = new CompletableFuture<?>[CALLS];
        for (int i = 0; i < CALLS; i++) {
          futures[i] = caller.execute(new Request.Builder().url(server.url(prefix + i)).build())
              .thenAccept(Response::close);
        }
        CompletableFuture.allOf(futures).get(60, TimeUnit.SECONDS);
      } else {
        CountDownLatch done = new CountDownLatch(CALLS);
        for (int i = 0; i < CALLS; i++) {
          Request request = new Request.Builder().url(server.url(prefix + i)).build();
          plain.newCall(request).enqueue(new StormBenchmark.NaiveRetry(plain, naive, request, done, failures));
        }
        if (!done.await(60, TimeUnit.SECONDS)) {
          throw new IllegalStateException("the storm did not end in 60 s");
        }
        if (failures.get() > 0) {
          throw new IllegalStateException(failures.get() + " calls failed");
        }
      }
      print(sdk ? "sdk" : "naive", storm, start, System.nanoTime());
    }
    server.close();
  }

  private void print(String mode, int storm, long start, long end) {
    long firstMin = Long.MAX_VALUE;
    long firstMax = Long.MIN_VALUE;
    long retryMin = Long.MAX_VALUE;
    long retryMax = Long.MIN_VALUE;
    long waitMin = Long.MAX_VALUE;
    long waitMax = Long.MIN_VALUE;
    long waitSum = 0;
    for (long[] at : arrivals.values()) {
      firstMin = Math.min(firstMin, at[0]);
      firstMax = Math.max(firstMax, at[0]);
      retryMin = Math.min(retryMin, at[1]);
      retryMax = Math.max(retryMax, at[1]);
      long wait = at[1] - at[0];
      waitMin = Math.min(waitMin, wait);
      waitMax = Math.max(waitMax, wait);
      waitSum += wait;
    }
    System.out.printf(Locale.ROOT,
        "%s storm %d: %d ms; first attempts arrived %.0f..%.0f ms, retries %.0f..%.0f ms;"
            + " wait min %.1f, mean %.1f, max %.1f ms; dispatcher runs %d, mean %.0f us%n",
        mode, storm, (end - start) / 1_000_000, ms(firstMin - start), ms(firstMax - start), ms(retryMin - start),
        ms(retryMax - start), ms(waitMin), ms((double) waitSum / arrivals.size()), ms(waitMax), runs.sum(),
        runNanos.sum() / 1e3 / Math.max(1, runs.sum()));
  }

  private static double ms(double nanos) {
    return nanos / 1e6;
  }

  /** OkHttp's default dispatcher (64 calls, 5 per host) on an executor that times each run. */
  private okhttp3.Dispatcher timedDispatcher() {
    ExecutorService executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
        new SynchronousQueue<>(), r -> {
          Thread t = new Thread(r, "timeline-dispatcher");
          t.setDaemon(true);
          return t;
        }) {
      @Override
      public void execute(Runnable command) {
        super.execute(() -> {
          long t0 = System.nanoTime();
          try {
            command.run();
          } finally {
            runNanos.add(System.nanoTime() - t0);
            runs.increment();
          }
        });
      }
    };
    return new okhttp3.Dispatcher(executor);
  }
}
