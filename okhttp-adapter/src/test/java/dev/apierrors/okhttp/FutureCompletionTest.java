package dev.apierrors.okhttp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apierrors.AttemptFailure;
import dev.apierrors.RetryPolicy;
import dev.apierrors.ServiceUnavailableException;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.event.RetryEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every future of the non-blocking path completes, also when the next attempt cannot be
 * sent from the scheduler (a throwing {@code EventListener.Factory}, a scheduler that is
 * shut down or refuses the wait), and no event announces a retry that then does not
 * happen. (The blocking path sends every attempt down the same call: none of these can
 * happen there.) Each case repeated 200 times.
 */
@ExtendWith(NoLeakedConnections.class)
class FutureCompletionTest {
  private static final RetryPolicy POLICY = RetryPolicy.builder()
      .initialBackoff(Duration.ofMillis(1))
      .maxBackoff(Duration.ofMillis(1))
      .jitter(false)
      .build();
  private static final int REPEATS = 200;

  @StartStop final MockWebServer server = TestHttp.newServer();

  private final List<RetryEvent> events = new CopyOnWriteArrayList<>();

  Request get() {
    return new Request.Builder().url(server.url("/f")).build();
  }

  /** How sending the retry breaks. */
  enum Breakage {
    /** The client's EventListener.Factory throws a RuntimeException for the second call. */
    LISTENER_FACTORY_THROWS_RUNTIME_EXCEPTION,
    /** ... an Error. */
    LISTENER_FACTORY_THROWS_ERROR,
    /** The scheduler is shut down. */
    SCHEDULER_SHUT_DOWN,
    /** The scheduler refuses the task (a saturated or a custom one). */
    SCHEDULER_REJECTS
  }

  @ParameterizedTest
  @EnumSource(Breakage.class)
  void theFutureCompletesWithTheTypedFailureAndNoRetryIsAnnounced(Breakage breakage) throws Exception {
    AtomicInteger calls = new AtomicInteger();
    OkHttpClient.Builder builder = TestHttp.clientBuilder();
    if (breakage == Breakage.LISTENER_FACTORY_THROWS_RUNTIME_EXCEPTION
        || breakage == Breakage.LISTENER_FACTORY_THROWS_ERROR) {
      builder.eventListenerFactory(call -> {
        if (calls.incrementAndGet() % 2 == 0) {
          if (breakage == Breakage.LISTENER_FACTORY_THROWS_ERROR) {
            throw new AssertionError("listener factory broke");
          }
          throw new IllegalStateException("listener factory broke");
        }
        return EventListener.NONE;
      });
    }
    OkHttpClient client = TestHttp.track(builder);
    ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
    if (breakage == Breakage.SCHEDULER_SHUT_DOWN) {
      scheduler.shutdown();
    }
    ScheduledExecutorService used = breakage == Breakage.SCHEDULER_REJECTS ? rejecting() : scheduler;
    Retry retry = POLICY.toRetry("f");
    retry.getEventPublisher().onEvent(events::add);
    AsyncCaller caller = AsyncCaller.builder(client).retryPolicy(POLICY).retry(retry).scheduler(used).build();
    try {
      for (int run = 0; run < REPEATS; run++) {
        server.enqueue(RetryOverHttpTest.status(503));
        events.clear();
        calls.set(0);

        CompletableFuture<Response> future = caller.execute(get());

        Throwable failure = failureOf(future);
        assertThat(failure).as("run %d", run).isInstanceOf(ServiceUnavailableException.class);
        assertThat(AttemptFailure.attemptsOf(failure)).isEqualTo(1);
        assertThat(failure.getSuppressed()).as("why the retry did not happen")
            .anySatisfy(why -> assertThat(why).isInstanceOfAny(RuntimeException.class, Error.class));
        assertThat(events).extracting(RetryEvent::getEventType)
            .as("no retry announced").doesNotContain(RetryEvent.Type.RETRY);
      }
      NoLeakedConnections.awaitCallsEnded(client);
      assertThat(server.getRequestCount()).isEqualTo(REPEATS);
    } finally {
      scheduler.shutdownNow();
    }
  }

  @Test
  void aListenerFactoryThrowingForTheFirstCallCompletesTheFuture() throws Exception {
    OkHttpClient client = TestHttp.track(TestHttp.clientBuilder().eventListenerFactory(call -> {
      throw new IllegalStateException("listener factory broke");
    }));
    for (RetryPolicy policy : new RetryPolicy[] {POLICY, RetryPolicy.none()}) {
      CompletableFuture<Response> future = AsyncCaller.builder(client).retryPolicy(policy).build().execute(get());

      assertThat(failureOf(future)).isInstanceOf(IllegalStateException.class);
    }
    assertThat(server.getRequestCount()).isZero();
  }

  private static Throwable failureOf(CompletableFuture<Response> future) throws Exception {
    try {
      future.get(10, TimeUnit.SECONDS).close();
      throw new AssertionError("the call succeeded");
    } catch (ExecutionException e) {
      return e.getCause();
    }
  }

  /** A scheduler whose schedule() refuses every task, as a saturated one would (it never starts a thread). */
  private static ScheduledExecutorService rejecting() {
    return new ScheduledThreadPoolExecutor(1) {
      @Override
      public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        throw new RejectedExecutionException("saturated");
      }
    };
  }
}
