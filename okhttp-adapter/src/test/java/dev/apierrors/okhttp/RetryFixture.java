package dev.apierrors.okhttp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apierrors.AttemptFailure;
import dev.apierrors.RetryPolicy;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.event.RetryEvent;
import io.github.resilience4j.retry.event.RetryOnRetryEvent;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * One client under a retry policy, sending on the blocking path (the interceptor's retry,
 * {@code execute()}) or the non-blocking one ({@link AsyncCaller} on the same client: it
 * must bypass the interceptor's retry). Waits are recorded and, unless real time is asked
 * for, not slept: the blocking path's {@link Waiter} returns at once, the scheduler runs
 * each wait's task without delay.
 */
final class RetryFixture implements AutoCloseable {
  enum Mode { BLOCKING, NON_BLOCKING }

  final Mode mode;
  final Retry retry;
  final OkHttpClient client;
  final AsyncCaller caller;
  final List<RetryEvent> events = new CopyOnWriteArrayList<>();
  private final List<Long> blockingWaits = new CopyOnWriteArrayList<>();
  private final RecordingScheduler scheduler;

  private RetryFixture(Mode mode, RetryPolicy policy, OkHttpClient.Builder builder, boolean realTime) {
    this(mode, policy, policy.toRetry("test"), builder, realTime, false);
  }

  private RetryFixture(Mode mode, RetryPolicy policy, Retry retry, OkHttpClient.Builder builder, boolean realTime,
      boolean viaAddTo) {
    this.mode = mode;
    this.retry = retry;
    retry.getEventPublisher().onEvent(events::add);
    Waiter waiter = (call, millis) -> {
      blockingWaits.add(millis);
      if (realTime) {
        Waiter.SLICED.await(call, millis);
      }
    };
    ApiErrorsInterceptor interceptor =
        ApiErrorsInterceptor.builder().retryPolicy(policy).retry(retry).waiter(waiter).build();
    this.client = TestHttp.track(viaAddTo ? interceptor.addTo(builder) : builder.addInterceptor(interceptor));
    this.scheduler = new RecordingScheduler(realTime);
    this.caller = AsyncCaller.builder(client).scheduler(scheduler).build();
  }

  /** Waits recorded, not slept. */
  static RetryFixture recorded(Mode mode, RetryPolicy policy) {
    return new RetryFixture(mode, policy, TestHttp.clientBuilder(), false);
  }

  /** Waits recorded, not slept; events published through {@code retry}, which also has a say. */
  static RetryFixture recorded(Mode mode, RetryPolicy policy, Retry retry) {
    return new RetryFixture(mode, policy, retry, TestHttp.clientBuilder(), false, false);
  }

  /** Waits recorded, not slept, on a client built from {@code builder}, the SDK installed with {@code addTo}. */
  static RetryFixture recordedViaAddTo(Mode mode, RetryPolicy policy, OkHttpClient.Builder builder) {
    return new RetryFixture(mode, policy, policy.toRetry("test"), builder, false, true);
  }

  /** Waits recorded, not slept, on a client made from {@code builder}. */
  static RetryFixture recorded(Mode mode, RetryPolicy policy, OkHttpClient.Builder builder) {
    return new RetryFixture(mode, policy, builder, false);
  }

  /** Waits slept for real. */
  static RetryFixture realTime(Mode mode, RetryPolicy policy, OkHttpClient.Builder builder) {
    return new RetryFixture(mode, policy, builder, true);
  }

  /** Sends and returns the response, or throws what the caller would see, unwrapped. */
  Response send(Request request) throws IOException {
    return mode == Mode.BLOCKING ? client.newCall(request).execute() : TestHttp.await(caller.execute(request));
  }

  /** Sends on a new thread (blocking) or enqueues (non-blocking); for cancel and interrupt tests. */
  InFlight start(Request request) {
    if (mode == Mode.NON_BLOCKING) {
      CompletableFuture<Response> future = caller.execute(request);
      return new InFlight(null, future, null);
    }
    Call call = client.newCall(request);
    CompletableFuture<Response> outcome = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try {
        outcome.complete(call.execute());
      } catch (IOException | RuntimeException e) {
        outcome.completeExceptionally(new Outcome(e, Thread.currentThread().isInterrupted()));
      }
    }, "blocking-retry-test");
    thread.setDaemon(true);
    thread.start();
    return new InFlight(call, outcome, thread);
  }

  /** The waits between attempts, in milliseconds, on this fixture's path. */
  List<Long> waits() {
    return mode == Mode.BLOCKING ? blockingWaits : scheduler.delays;
  }

  /** The retry events' (attempt, wait, source) in order, e.g. {@code "1:250:retry-after"}. */
  List<String> retries() {
    return events.stream()
        .filter(RetryOnRetryEvent.class::isInstance)
        .map(e -> {
          AttemptFailure f = (AttemptFailure) e.getLastThrowable();
          return e.getNumberOfRetryAttempts() + ":" + ((RetryOnRetryEvent) e).getWaitInterval().toMillis()
              + ":" + f.decision().waitSource().orElseThrow().label();
        })
        .toList();
  }

  int pendingScheduledWaits() {
    return scheduler.getQueue().size();
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    if (mode == Mode.NON_BLOCKING) {
      assertThat(blockingWaits).as("the interceptor retried under the AsyncCaller").isEmpty();
    } else {
      assertThat(scheduler.delays).isEmpty();
    }
  }

  /** A call started by {@link #start(Request)}. */
  record InFlight(Call call, CompletableFuture<Response> future, Thread thread) {}

  /** How a blocking call on its own thread ended: the exception, and whether the thread was interrupted then. */
  static final class Outcome extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient Exception failure;
    final boolean interrupted;

    Outcome(Exception failure, boolean interrupted) {
      super(failure);
      this.failure = failure;
      this.interrupted = interrupted;
    }
  }

  /** Records every delay asked for; runs the task at once unless real time. */
  static final class RecordingScheduler extends ScheduledThreadPoolExecutor {
    final List<Long> delays = new CopyOnWriteArrayList<>();
    private final boolean realTime;

    RecordingScheduler(boolean realTime) {
      super(1, task -> {
        Thread thread = new Thread(task, "retry-test-scheduler");
        thread.setDaemon(true);
        return thread;
      });
      this.realTime = realTime;
      setRemoveOnCancelPolicy(true);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
      delays.add(unit.toMillis(delay));
      return super.schedule(command, realTime ? delay : 0, unit);
    }
  }
}
