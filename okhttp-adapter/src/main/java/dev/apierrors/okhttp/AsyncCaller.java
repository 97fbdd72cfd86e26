package dev.apierrors.okhttp;

import dev.apierrors.spi.Secrets;
import dev.apierrors.ApiException;
import dev.apierrors.RetryPolicy;
import dev.apierrors.spi.HostGate;
import dev.apierrors.okhttp.RetryEngine.Run;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * The non-blocking call path: sends a request with OkHttp's {@code enqueue()} and returns
 * a {@link CompletableFuture} of the response.
 *
 * <pre>{@code
 * AsyncCaller caller = AsyncCaller.of(client);
 * caller.execute(request)
 *     .thenApply(response -> { try (response) { return parse(response); } })
 *     .exceptionally(failure -> ...);
 * }</pre>
 *
 * <p>An error response completes the future exceptionally with the typed
 * {@link ApiException} itself; so does any other failure of the call with its
 * {@link IOException}. {@code future.handle(...)}, {@code future.exceptionally(...)} and
 * {@code future.whenComplete(...)} called on the returned future see that exception
 * unwrapped; stages further down see it wrapped in a
 * {@link java.util.concurrent.CompletionException}, {@code join()} throws it wrapped in a
 * {@code CompletionException} and {@code get()} in an
 * {@link java.util.concurrent.ExecutionException} (the JDK's rules): use
 * {@code getCause()} there.
 *
 * <p>The error handling does not depend on the client: if it holds an
 * {@link ApiErrorsInterceptor}, that interceptor's exceptions complete the future and this
 * caller uses the same settings; if it holds none, this caller decodes error responses
 * itself, in the same way. A response that is not an error completes the future and must
 * be closed by the caller.
 *
 * <p>Cancelling the future (or completing it in any other way, e.g. with
 * {@code orTimeout}) before the call ends cancels the OkHttp {@link Call}. A call cancelled
 * by any means (the future, {@code Call.cancel()}, {@code dispatcher().cancelAll()}) is
 * never sent again and completes the future with an {@link IOException}. Every future
 * completes, also when the next attempt cannot be sent (a throwing
 * {@code EventListener.Factory}, a scheduler that refuses the wait). The future is
 * completed on OkHttp's dispatcher thread, which also runs the non-{@code Async}
 * dependent stages: keep them short, or use the {@code ...Async} variants.
 *
 * <p>Retry ({@link Builder#retryPolicy(RetryPolicy)}, by default the installed
 * interceptor's policy): each attempt is a new call sent with {@code enqueue()}, each wait
 * a task on a {@link ScheduledExecutorService}, so no thread is held while a call waits;
 * the client's {@code callTimeout}, counted from {@link #execute(Request)} (dispatcher
 * queueing included), bounds the whole call, attempts and waits together.
 * Cancelling the future cancels the call in flight and the pending wait. The requests
 * carry a tag telling an {@link ApiErrorsInterceptor} on the client not to retry them
 * itself.
 *
 * <p>Thread-safety: immutable; share one per client.
 */
public final class AsyncCaller {
  private final OkHttpClient client;
  private final RetryEngine engine;
  private final ScheduledExecutorService scheduler;

  private AsyncCaller(Builder b) {
    this.client = b.client;
    this.engine = b.engine();
    this.scheduler = b.scheduler != null ? b.scheduler : SharedScheduler.INSTANCE;
  }

  /**
   * The caller for {@code client}, with the settings of the {@link ApiErrorsInterceptor}
   * installed on it, else the defaults.
   *
   * @param client the client the requests go through
   * @return a new caller
   */
  public static AsyncCaller of(OkHttpClient client) {
    return builder(client).build();
  }

  /**
   * Returns a builder for a caller sending through {@code client}, starting from the
   * settings of the {@link ApiErrorsInterceptor} installed on it, else the defaults.
   *
   * @param client the client the requests go through
   * @return a new builder
   */
  public static Builder builder(OkHttpClient client) {
    return new Builder(Objects.requireNonNull(client, "client"));
  }

  /**
   * Enqueues the request and returns its future response. Never throws for the call's
   * outcome: an error response or an I/O failure completes the future exceptionally
   * (with an {@link ApiException} for an error response). The call's deadline (the
   * client's {@code callTimeout}) starts now.
   *
   * @param request the request to send
   * @return the future response: a 2xx (or another status not treated as an error), open, for the caller to close
   * @throws NullPointerException if {@code request} is null
   */
  public CompletableFuture<Response> execute(Request request) {
    Objects.requireNonNull(request, "request");
    long now = System.nanoTime();
    long callTimeoutMillis = client.callTimeoutMillis();
    Exchange exchange = new Exchange(request, callTimeoutMillis > 0, now + TimeUnit.MILLISECONDS.toNanos(callTimeoutMillis));
    exchange.begin();
    return exchange.future;
  }

  /** {@return the client the requests go through} */
  public OkHttpClient client() {
    return client;
  }

  @Override
  public String toString() {
    return Secrets.none().oneLine("AsyncCaller" + engine); // one bounded line, like every value's
  }

  /**
   * Marks the requests sent by an {@link AsyncCaller}, so that an
   * {@link ApiErrorsInterceptor} on the same client makes one attempt only and leaves the
   * retries and the cancel checks to the caller (which must not hold a dispatcher thread
   * while waiting).
   */
  private static final class Attempt {
    static final Attempt TAG = new Attempt();

    private Attempt() {}
  }

  private static Request attempt(Request request) {
    return request.tag(Attempt.class) != null ? request : request.newBuilder().tag(Attempt.class, Attempt.TAG).build();
  }

  /** Whether {@code request} is one attempt of an {@link AsyncCaller}'s call. */
  static boolean isAttempt(Request request) {
    return request.tag(Attempt.class) != null;
  }

  /** The scheduler used when the caller gives none (shared with {@link OperationPoller}). */
  static ScheduledExecutorService sharedScheduler() {
    return SharedScheduler.INSTANCE;
  }

  /** The scheduler used when the caller gives none: one daemon thread for every caller. */
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

  /**
   * The non-blocking driver of one call: sends each attempt with {@code enqueue()}, hands
   * each outcome to the engine, schedules each wait, and completes the future exactly once.
   * Completion from outside (cancel, {@code orTimeout}) cancels what is in flight or pending.
   */
  private final class Exchange implements Callback, RetryEngine.StopProbe {
    final CompletableFuture<Response> future = new CompletableFuture<>();
    private final Run run;
    /** What each attempt sends: the caller's request, tagged, asking for gzip ({@link TransparentGzip}). */
    private final Request request;
    /** The same without the Accept-Encoding asked for, for the response that succeeds. */
    private final Request unasked;
    private volatile @Nullable Call inFlight;
    private volatile @Nullable Call next;
    private volatile @Nullable Future<?> pendingWait;
    /**
     * Set when the future was completed from outside (cancel, {@code orTimeout}), before
     * {@link #stop()}: what is made afterwards (the next call, its wait) checks it, as
     * {@code stop()} may not have seen it. Never set by the call's own end.
     */
    private volatile boolean abandoned;

    Exchange(Request callerRequest, boolean hasDeadline, long deadlineNanos) {
      this.unasked = attempt(callerRequest);
      // OkHttp's own gunzip must never see an error body, even on a client without the
      // SDK's interceptor: the SDK asks for gzip and gunzips the success itself.
      this.request = TransparentGzip.ask(unasked);
      this.run = engine.start(callerRequest, hasDeadline, deadlineNanos, this);
    }

    void begin() {
      future.whenComplete((response, failure) -> {
        if (run.settle()) {
          abandoned = true;
          stop(); // completed from outside while in flight or waiting
          run.abandoned(); // told once, whatever the cancelled attempt reports later
        }
      });
      Call first;
      try {
        first = client.newCall(request);
      } catch (RuntimeException | Error e) {
        // A throwing EventListener.Factory, say: the future must still complete.
        if (run.settle()) {
          future.completeExceptionally(e);
        }
        return;
      }
      send(first);
    }

    /** Sends the first attempt, or the next one after its wait: first asks the host limits, if any. */
    private void send(Call call) {
      send(call, false);
    }

    /**
     * Sends {@code call} once the host limits let it go.
     *
     * @param afterPacedWait whether it has just waited for its paced slot: then only a
     *     cool-down begun meanwhile holds it back
     */
    private void send(Call call, boolean afterPacedWait) {
      if (abandoned) {
        call.cancel();
        return;
      }
      if (engine.gated()) {
        HostGate.Admission admission;
        try {
          admission = run.admit(afterPacedWait);
        } catch (RuntimeException | Error e) {
          call.cancel();
          finish(asIo(e));
          return;
        }
        if (admission.refusal().isPresent()) {
          call.cancel();
          finish(run.refused(admission));
          return;
        }
        if (admission.waitMillis() > 0) {
          next = call;
          try {
            Runnable then = admission.recheck() ? () -> send(call) : () -> send(call, true);
            pendingWait = scheduler.schedule(then, admission.waitMillis(), TimeUnit.MILLISECONDS);
          } catch (RuntimeException | Error e) {
            call.cancel();
            finish(run.endedDuringWait(asIo(e)));
            return;
          }
          Future<?> wait = pendingWait;
          if (future.isDone() && wait != null) {
            wait.cancel(false);
            call.cancel();
          }
          return;
        }
      }
      enqueue(call);
    }

    /** Enqueues {@code call} with the time left on the deadline as its timeout. */
    private void enqueue(Call call) {
      if (future.isDone()) {
        call.cancel();
        return;
      }
      try {
        long left = run.nanosLeft();
        if (left <= 0) {
          // The wait ran late, past the deadline: end as OkHttp's own timeout would.
          finish(run.endedDuringWait(new InterruptedIOException("timeout")));
          return;
        }
        if (left != Long.MAX_VALUE) {
          call.timeout().timeout(left, TimeUnit.NANOSECONDS);
        }
        inFlight = call;
        if (abandoned) {
          call.cancel(); // completed from outside between the check above and inFlight being set
        }
        call.enqueue(this);
      } catch (RuntimeException | Error e) {
        call.cancel();
        finish(next == null ? asIo(e) : run.endedDuringWait(asIo(e)));
      }
    }

    @Override
    public void onFailure(Call call, IOException e) {
      try {
        handle(run.onFailure(e));
      } catch (RuntimeException | Error bug) {
        finish(asIo(bug));
      }
    }

    @Override
    public void onResponse(Call call, Response response) {
      try {
        if (abandoned) {
          try {
            run.lateResponse(response); // the host limits still learn what it says
          } finally {
            RetryEngine.close(response); // completed from outside meanwhile
          }
          return;
        }
        handle(run.onResponse(response));
      } catch (RuntimeException | Error bug) {
        // A bug must reach the caller, not leave the future pending (nor the response open).
        RetryEngine.close(response);
        finish(asIo(bug));
      }
    }

    /** How the call was stopped while its attempt was in flight, if it was. */
    @Override
    public @Nullable IOException stopped() {
      Call call = inFlight;
      return abandoned || (call != null && call.isCanceled()) ? new IOException("Canceled") : null;
    }

    private void handle(RetryEngine.Step step) {
      switch (step) {
        case SUCCEED -> {
          Response response = TransparentGzip.undo(unasked, request, run.response());
          if (!run.settle() || !future.complete(response)) {
            RetryEngine.close(response); // nobody else will ever close it
          }
        }
        case FAIL -> finish(run.failure());
        case RETRY -> scheduleRetry();
      }
    }

    /**
     * Makes the next call and schedules its wait before the retry is published, so that
     * a retry that cannot happen is never announced.
     */
    private void scheduleRetry() {
      if (abandoned) {
        return; // completed from outside: the failure is the cancellation's echo
      }
      Call nextCall;
      try {
        nextCall = client.newCall(request);
      } catch (RuntimeException | Error e) {
        finish(run.decline(e));
        return;
      }
      next = nextCall;
      // Held while scheduling and publishing: a wait of 0 ms must not send before the event.
      synchronized (this) {
        try {
          pendingWait = scheduler.schedule(() -> sendAfterWait(nextCall), run.waitMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException | Error e) {
          nextCall.cancel();
          finish(run.decline(e));
          return;
        }
        run.confirmRetry();
      }
      Future<?> wait = pendingWait;
      if (abandoned && wait != null) {
        // Completed from outside while this was being set up. (Not the call's own end: the
        // next attempt may already have completed the future, and its response is the caller's.)
        wait.cancel(false);
        nextCall.cancel();
      }
    }

    private void sendAfterWait(Call nextCall) {
      synchronized (this) {
        // The retry is published (scheduleRetry released the lock): send.
      }
      try {
        send(nextCall);
      } catch (RuntimeException | Error e) {
        finish(asIo(e));
      }
    }

    /** Completes the future with the exception that ends the call, unless it ended already. */
    private void finish(IOException failure) {
      if (run.settle()) {
        future.completeExceptionally(failure);
      }
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
      Call waiting = next;
      if (waiting != null) {
        waiting.cancel();
      }
    }
  }

  /** An unexpected failure while driving the call, as the IOException the future promises. */
  private static IOException asIo(Throwable bug) {
    return new IOException("the call could not go on: " + bug.getClass().getName(), bug);
  }

  /** Builds an {@link AsyncCaller}. Not thread-safe; validates each setting as it is given. */
  public static final class Builder extends SettingsBuilder<Builder> {
    private final OkHttpClient client;
    private @Nullable ScheduledExecutorService scheduler;

    private Builder(OkHttpClient client) {
      this(client, installedEngine(client));
    }

    private Builder(OkHttpClient client, RetryEngine installed) {
      super(installed.errors(), installed.retries(), installed.hooks());
      this.client = client;
    }

    private static RetryEngine installedEngine(OkHttpClient client) {
      for (Interceptor interceptor : client.interceptors()) {
        if (interceptor instanceof ApiErrorsInterceptor installed) {
          return installed.engine();
        }
      }
      return RetryEngine.DEFAULTS;
    }

    @Override
    Builder self() {
      return this;
    }

    /**
     * Sets the scheduler that runs the waits between attempts (default: one daemon thread
     * shared by every {@code AsyncCaller}). Its tasks only enqueue the next call; it is
     * not shut down by this caller. If it refuses a wait (shut down, saturated), the call
     * ends with its last failure, the refusal suppressed on it.
     *
     * @param scheduler the scheduler for the waits
     * @return this builder
     */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /** {@return the immutable caller} */
    public AsyncCaller build() {
      return new AsyncCaller(this);
    }
  }
}
