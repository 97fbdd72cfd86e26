package dev.apierrors.okhttp;

import dev.apierrors.RetryDecision;
import dev.apierrors.spi.RetrySession;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;

/**
 * One non-blocking call under a retry policy: each attempt is a new OkHttp call sent with
 * {@code enqueue()}, each wait a task on a {@link ScheduledExecutorService}, so no thread
 * is held while waiting. Completing the future from outside (cancel, {@code orTimeout},
 * ...) cancels the call in flight and the pending wait.
 *
 * <p>The call's deadline is the client's {@code callTimeout} counted from
 * {@link #start}: every attempt gets the time that is left as its own timeout.
 */
final class AsyncRetry implements Callback {
  /**
   * Marks the requests sent by an {@link AsyncCaller}, so that an
   * {@link ApiErrorsInterceptor} on the same client makes one attempt only and leaves the
   * retries to the caller (which must not hold a dispatcher thread while waiting).
   */
  static final class Attempt {
    static final Attempt TAG = new Attempt();

    private Attempt() {}

    static Request tag(Request request) {
      return request.tag(Attempt.class) != null ? request : request.newBuilder().tag(Attempt.class, TAG).build();
    }

    static boolean isTagged(Request request) {
      return request.tag(Attempt.class) != null;
    }
  }

  /** The scheduler used when the caller gives none: one daemon thread for every caller. */
  static ScheduledExecutorService sharedScheduler() {
    return SharedScheduler.INSTANCE;
  }

  private static final class SharedScheduler {
    static final ScheduledExecutorService INSTANCE = create();

    private static ScheduledExecutorService create() {
      ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
        Thread thread = new Thread(task, "apierrors-retry-scheduler");
        thread.setDaemon(true);
        return thread;
      });
      executor.setRemoveOnCancelPolicy(true); // a cancelled wait frees its slot at once
      return executor;
    }
  }

  private final OkHttpClient client;
  private final ErrorPolicy errors;
  private final Request request;
  private final RetrySession session;
  private final ScheduledExecutorService scheduler;
  private final CompletableFuture<Response> future = new CompletableFuture<>();
  private final long deadlineNanos;
  private final boolean hasDeadline;
  private volatile @Nullable Call inFlight;
  private volatile @Nullable Future<?> pendingWait;
  private volatile @Nullable IOException lastFailure;
  /** Set before this object completes the future, so completion from outside is told apart. */
  private volatile boolean settled;

  private AsyncRetry(OkHttpClient client, ErrorPolicy errors, RetrySettings retries,
      ScheduledExecutorService scheduler, Request request) {
    this.client = client;
    this.errors = errors;
    this.request = Attempt.tag(request);
    this.session = RetrySession.start(retries.policy(), retries.retry(), RetrySettings.factsOf(request));
    this.scheduler = scheduler;
    long callTimeoutMillis = client.callTimeoutMillis();
    this.hasDeadline = callTimeoutMillis > 0;
    this.deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(callTimeoutMillis);
  }

  static CompletableFuture<Response> start(OkHttpClient client, ErrorPolicy errors, RetrySettings retries,
      ScheduledExecutorService scheduler, Request request) {
    AsyncRetry run = new AsyncRetry(client, errors, retries, scheduler, request);
    run.future.whenComplete((response, failure) -> {
      if (!run.settled) {
        run.stop();
      }
    });
    run.send();
    return run.future;
  }

  /** Sends the next attempt (the first, or after a wait). */
  private void send() {
    if (future.isDone()) {
      return;
    }
    Call call = client.newCall(request);
    if (hasDeadline) {
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        // The scheduler ran the wait late, past the deadline: end as OkHttp's own timeout would.
        InterruptedIOException timeout = new InterruptedIOException("timeout");
        IOException last = lastFailure;
        if (last != null) {
          timeout.addSuppressed(session.failureToThrow(last));
        }
        settled = true;
        future.completeExceptionally(timeout);
        return;
      }
      call.timeout().timeout(left, TimeUnit.NANOSECONDS);
    }
    inFlight = call;
    if (future.isDone()) {
      call.cancel(); // cancelled between the check above and inFlight being set
    }
    call.enqueue(this);
  }

  @Override
  public void onFailure(Call call, IOException e) {
    retryOrFinish(SentSecrets.scrub(e, request));
  }

  @Override
  public void onResponse(Call call, Response response) {
    try {
      if (future.isDone()) {
        close(response);
      } else if (!errors.isError(response.code())) {
        session.onSuccess();
        settled = true;
        if (!future.complete(response)) {
          close(response);
        }
      } else {
        retryOrFinish(ErrorResponses.toException(request, response, errors.decoder())); // closes it
      }
    } catch (RuntimeException | Error e) {
      // A bug (or a throwing event consumer) must reach the caller, not leave the future pending.
      close(response);
      settled = true;
      future.completeExceptionally(e);
    }
  }

  private void retryOrFinish(IOException failure) {
    if (future.isDone()) {
      return; // cancelled from outside: this failure is the cancellation's echo
    }
    RetryDecision decision;
    try {
      decision = session.onFailure(failure, millisUntilDeadline());
    } catch (RuntimeException e) {
      settled = true;
      future.completeExceptionally(e);
      return;
    }
    if (!decision.isRetry()) {
      finish(failure);
      return;
    }
    lastFailure = failure;
    try {
      Future<?> wait = scheduler.schedule(this::send, decision.waitMillis(), TimeUnit.MILLISECONDS);
      pendingWait = wait;
      if (future.isDone()) {
        wait.cancel(false);
      }
    } catch (RejectedExecutionException e) {
      failure.addSuppressed(e);
      finish(failure);
    }
  }

  /** Completes the future with the exception that ends the call, carrying the attempt count. */
  private void finish(IOException failure) {
    settled = true;
    future.completeExceptionally(session.failureToThrow(failure));
  }

  /** Cancels the call in flight and the pending wait: the future was completed from outside. */
  private void stop() {
    Future<?> wait = pendingWait;
    if (wait != null) {
      wait.cancel(false);
    }
    Call call = inFlight;
    if (call != null) {
      call.cancel();
    }
  }

  private OptionalLong millisUntilDeadline() {
    return hasDeadline ? RetrySettings.millisUntil(deadlineNanos, System.nanoTime()) : OptionalLong.empty();
  }

  private static void close(Response response) {
    ResponseBody body = response.body();
    if (body != null) {
      body.close();
    }
  }
}
