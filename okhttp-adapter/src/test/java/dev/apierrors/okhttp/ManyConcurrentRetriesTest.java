package dev.apierrors.okhttp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apierrors.RetryPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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

/**
 * 1,000 non-blocking calls, each answered {@code 429 Retry-After: 1} and then 200, all
 * succeed while no thread is held for a waiting call: the dispatcher runs on 16 threads
 * and admits every call at once, and the live thread count stays small during the waits.
 * (A path that slept on a dispatcher thread would need 1,000 threads, or here take over
 * a minute.)
 */
@ExtendWith(NoLeakedConnections.class)
class ManyConcurrentRetriesTest {
  private static final int CALLS = 1_000;

  @StartStop final MockWebServer server = TestHttp.newServer();

  @Test
  void thousandConcurrentCallsRetryAfterOneSecondWithoutAThreadEach() throws Exception {
    Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        int n = seen.computeIfAbsent(request.getUrl().encodedPath(), p -> new AtomicInteger()).incrementAndGet();
        return n == 1
            ? new MockResponse.Builder().code(429).setHeader("Retry-After", "1").body("slow down").build()
            : new MockResponse.Builder().code(200).body("ok").build();
      }
    });
    ExecutorService dispatcherThreads = new ThreadPoolExecutor(16, 16, 1, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), task -> {
          Thread thread = new Thread(task, "many-retries-dispatcher");
          thread.setDaemon(true);
          return thread;
        });
    okhttp3.Dispatcher dispatcher = new okhttp3.Dispatcher(dispatcherThreads);
    dispatcher.setMaxRequests(CALLS);
    dispatcher.setMaxRequestsPerHost(CALLS);
    OkHttpClient client = TestHttp.track(TestHttp.clientBuilder()
        .dispatcher(dispatcher)
        .addInterceptor(ApiErrorsInterceptor.builder().retryPolicy(RetryPolicy.ofDefaults()).build()));
    AsyncCaller caller = AsyncCaller.of(client);
    int before = liveThreads();

    try {
      List<CompletableFuture<String>> futures = new ArrayList<>();
      for (int i = 0; i < CALLS; i++) {
        futures.add(caller.execute(new Request.Builder().url(server.url("/call/" + i)).build())
            .thenApply(ManyConcurrentRetriesTest::bodyOf));
      }
      awaitRequests(CALLS);
      int duringWaits = liveThreads();
      long waiting = futures.stream().filter(f -> !f.isDone()).count();

      CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

      assertThat(waiting).as("calls still waiting when the first attempts were all answered").isGreaterThan(CALLS / 2);
      assertThat(duringWaits - before).as("threads added while %d calls wait", waiting).isLessThan(50);
      assertThat(futures).allSatisfy(future -> assertThat(future.join()).isEqualTo("ok"));
      assertThat(server.getRequestCount()).isEqualTo(2 * CALLS);
      assertThat(seen.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(2));
    } finally {
      NoLeakedConnections.awaitCallsEnded(client);
      dispatcherThreads.shutdown();
    }
  }

  private static String bodyOf(Response response) {
    try {
      return RetryOverHttpTest.body(response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int liveThreads() {
    return Thread.getAllStackTraces().size();
  }

  private void awaitRequests(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (server.getRequestCount() < count) {
      assertThat(System.nanoTime() - deadline).as("first attempts not all sent within 20 s").isNegative();
      Thread.sleep(2);
    }
  }
}
