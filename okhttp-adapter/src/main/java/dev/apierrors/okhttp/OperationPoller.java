package dev.apierrors.okhttp;

import dev.apierrors.ApiError;
import dev.apierrors.ErrorDecoder;
import dev.apierrors.OperationFailedException;
import dev.apierrors.OperationIncompleteException;
import dev.apierrors.PollDecision;
import dev.apierrors.PollPolicy;
import dev.apierrors.spi.ResponseView;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;

/**
 * Runs long-running operations: sends a request, and when it is answered
 * {@code 202 Accepted}, polls the status URL the response names with {@code GET} until
 * the operation is done, as a {@link PollPolicy} says (status URL, terminal state, waits,
 * limits).
 *
 * <pre>{@code
 * OperationPoller poller = OperationPoller.builder(client)
 *     .policy(PollPolicy.builder().maxPolls(20).followResult(true).build())
 *     .build();
 * try (Response done = poller.execute(createReport)) {   // or executeAsync(...)
 *   ...
 * } catch (OperationFailedException e) {
 *   e.error().code();                  // what the status body said went wrong
 * } catch (OperationIncompleteException e) {
 *   e.statusUrl();                      // still running: poll later
 * }
 * }</pre>
 *
 * <ul>
 *   <li>A response other than 202 is the result at once; a 202 naming no status URL too.
 *   <li>Terminal success returns the final status response (its body unread: close it),
 *       or, with {@code followResult}, the resource it names.
 *   <li>Terminal failure throws {@link OperationFailedException} with the status body
 *       decoded by the client's decoder.
 *   <li>A 4xx or 5xx, for the first request or a poll, is the usual typed exception, and
 *       is retried as the client's retry policy says: every request goes through the
 *       client, with its {@link ApiErrorsInterceptor} (or, without one, decoded here).
 *   <li>Limits (max polls, the policy's timeout, a wait above {@code maxRetryAfter})
 *       throw {@link OperationIncompleteException}.
 *   <li>Blocking ({@link #execute(Request)}): waits park the calling thread in slices; an
 *       interrupt ends them with an {@link InterruptedIOException} (flag kept).
 *       Non-blocking ({@link #executeAsync(Request)}): every request is sent with an
 *       {@link AsyncCaller}, every wait is a task on a scheduler, no thread is held while
 *       waiting; cancelling the future stops the polling at once (the request in flight
 *       and the pending wait are cancelled).
 * </ul>
 *
 * <p>Every status response is closed once read; the bodies are only peeked (at most
 * {@link PollPolicy#maxBodyBytes()} bytes).
 *
 * <p>Thread-safety: immutable; share one per client.
 */
public final class OperationPoller {
  private static final System.Logger LOG = System.getLogger("dev.apierrors.okhttp.OperationPoller");

  private final OkHttpClient client;
  private final PollPolicy policy;
  private final AsyncCaller caller;
  private final ScheduledExecutorService scheduler;
  private final ErrorDecoder decoder;
  private final @Nullable ErrorPolicy decodeHere;
  private final Consumer<PollDecision> onDecision;

  private OperationPoller(Builder b) {
    this.client = b.client;
    this.policy = b.policy;
    this.scheduler = b.scheduler != null ? b.scheduler : AsyncCaller.sharedScheduler();
    this.caller = AsyncCaller.builder(b.client).scheduler(this.scheduler).build();
    ErrorPolicy installed = installedPolicy(b.client);
    this.decoder = installed != null ? installed.decoder() : ErrorPolicy.DEFAULTS.decoder();
    this.decodeHere = installed == null ? ErrorPolicy.DEFAULTS : null;
    this.onDecision = b.onDecision;
  }

  /**
   * The poller for {@code client} with {@link PollPolicy#ofDefaults()}.
   *
   * @param client the client the requests go through
   * @return a new poller
   */
  public static OperationPoller of(OkHttpClient client) {
    return builder(client).build();
  }

  /**
   * A builder for a poller sending through {@code client}.
   *
   * @param client the client the requests go through
   * @return a new builder
   */
  public static Builder builder(OkHttpClient client) {
    return new Builder(Objects.requireNonNull(client, "client"));
  }

  private static @Nullable ErrorPolicy installedPolicy(OkHttpClient client) {
    for (Interceptor interceptor : client.interceptors()) {
      if (interceptor instanceof ApiErrorsInterceptor installed) {
        return installed.engine().errors();
      }
    }
    return null;
  }

  /** {@return the policy the polling follows} */
  public PollPolicy policy() {
    return policy;
  }

  /**
   * Sends {@code request} and, if it is answered 202, polls until the operation is done,
   * waiting on this thread.
   *
   * @param request the request starting the operation
   * @return the result: the first response when it is not a 202, else the final status
   *     response (or the resource it names, with {@code followResult}); close it
   * @throws dev.apierrors.ApiException for an error status (of the request or a poll)
   * @throws OperationFailedException when the operation ended in failure
   * @throws OperationIncompleteException when a limit stopped the polling
   * @throws InterruptedIOException when interrupted while waiting (the flag is kept)
   * @throws IOException when a request fails
   */
  public Response execute(Request request) throws IOException {
    Objects.requireNonNull(request, "request");
    Run run = new Run(request);
    Response current = send(request);
    if (current.code() != 202) {
      return current;
    }
    Optional<HttpUrl> statusUrl = run.statusUrl(current);
    if (statusUrl.isEmpty()) {
      return current;
    }
    Request poll;
    try {
      poll = pollRequest(request, statusUrl.get());
    } catch (IOException e) {
      close(current);
      throw e;
    }
    while (true) {
      PollDecision decision;
      try {
        decision = run.decide(current);
      } catch (IOException | RuntimeException | Error e) {
        close(current);
        throw e;
      }
      switch (decision.kind()) {
        case SUCCEEDED:
          return followOrReturn(run, current, decision);
        case FAILED:
          throw run.failure(current);
        case GIVE_UP:
          close(current);
          throw run.incomplete(decision, poll.url());
        case POLL_AGAIN:
        default:
          close(current);
          sleep(decision.waitDuration().toMillis());
          current = send(poll);
          run.polls++;
      }
    }
  }

  private Response followOrReturn(Run run, Response current, PollDecision decision) throws IOException {
    Optional<HttpUrl> result = followTarget(current, decision);
    if (result.isEmpty()) {
      return current;
    }
    close(current);
    run.polls++;
    return send(pollRequest(run.request, result.get()));
  }

  private Optional<HttpUrl> followTarget(Response current, PollDecision decision) {
    if (!policy.followResult()) {
      return Optional.empty();
    }
    return decision.resultLocation().map(location -> current.request().url().resolve(location));
  }

  /**
   * Sends {@code request} and, if it is answered 202, polls until the operation is done,
   * holding no thread while waiting.
   *
   * @param request the request starting the operation
   * @return the future result, completed exceptionally as {@link #execute(Request)} throws
   */
  public CompletableFuture<Response> executeAsync(Request request) {
    Objects.requireNonNull(request, "request");
    return new AsyncRun(request).start();
  }

  /** A blocking send: the client's interceptor throws the typed exception, or it is decoded here. */
  private Response send(Request request) throws IOException {
    Response response = client.newCall(request).execute();
    if (decodeHere != null && decodeHere.isError(response.code())) {
      throw ErrorResponses.toException(request, response, decodeHere.decoder());
    }
    return response;
  }

  /**
   * The GET of {@code url} with the original request's headers; to another origin (scheme,
   * host or port) without its credentials ({@code Authorization}, {@code Proxy-Authorization},
   * {@code Cookie}), as OkHttp's own redirects do. An https request's status URL on http is
   * refused: a server must not be able to downgrade where credentials and results travel.
   */
  private static Request pollRequest(Request original, HttpUrl url) throws IOException {
    HttpUrl from = original.url();
    if (from.isHttps() && !url.isHttps()) {
      throw new IOException("refusing to poll an http URL named by an https response ("
          + url.host() + "): the operation's status would travel unencrypted");
    }
    Request.Builder b = original.newBuilder().url(url).get();
    boolean sameOrigin = from.scheme().equals(url.scheme()) && from.host().equals(url.host()) && from.port() == url.port();
    if (!sameOrigin) {
      b.removeHeader("Authorization").removeHeader("Proxy-Authorization").removeHeader("Cookie");
    }
    return b.build();
  }

  /** Parks in slices, ending early on an interrupt. */
  private static void sleep(long millis) throws InterruptedIOException {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (true) {
      if (Thread.interrupted()) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting to poll");
      }
      long left = end - System.nanoTime();
      if (left <= 0) {
        return;
      }
      LockSupport.parkNanos(OperationPoller.class, Math.min(left, TimeUnit.MILLISECONDS.toNanos(10)));
    }
  }

  private static void close(Response response) {
    ResponseBody body = response.body();
    if (body != null) {
      body.close();
    }
  }

  private void tell(PollDecision decision) {
    try {
      onDecision.accept(decision);
    } catch (RuntimeException | Error e) {
      LOG.log(Level.WARNING, "the onDecision consumer of an OperationPoller threw " + e.getClass().getName()
          + "; the polling goes on");
    }
  }

  @Override
  public String toString() {
    return "OperationPoller{" + policy + '}';
  }

  /** One operation's bookkeeping, shared by both drivers. */
  private class Run {
    final Request request;
    final long startNanos = System.nanoTime();
    int polls;

    Run(Request request) {
      this.request = request;
    }

    Optional<HttpUrl> statusUrl(Response accepted) throws IOException {
      Optional<String> url;
      try {
        url = policy.statusUrl(view(accepted));
      } catch (IOException | RuntimeException | Error e) {
        close(accepted);
        throw e;
      }
      if (url.isEmpty()) {
        return Optional.empty();
      }
      HttpUrl resolved = accepted.request().url().resolve(url.get());
      if (resolved == null) {
        close(accepted);
        throw new IOException("the 202 names a status URL that is not an http(s) URL");
      }
      return Optional.of(resolved);
    }

    PollDecision decide(Response status) throws IOException {
      PollDecision decision = policy.decide(polls, view(status), millisLeft());
      tell(decision);
      return decision;
    }

    OptionalLong millisLeft() {
      return policy.timeout()
          .map(t -> OptionalLong.of(t.toMillis() - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos)))
          .orElse(OptionalLong.empty());
    }

    int attempts() {
      return polls + 1;
    }

    /** Decodes the failed operation's status body (closing the response). */
    OperationFailedException failure(Response status) throws IOException {
      try {
        ApiError error = decoder.decode(view(status));
        return new OperationFailedException(error, attempts());
      } finally {
        close(status);
      }
    }

    OperationIncompleteException incomplete(PollDecision decision, HttpUrl statusUrl) {
      return new OperationIncompleteException(decision.reason(), attempts(), statusUrl.toString());
    }

    /** The status response's status, headers and peeked body. */
    ResponseView view(Response response) throws IOException {
      return CallHooks.peek(response, policy.maxBodyBytes(), SentSecrets.of(request, response));
    }
  }

  /** The non-blocking driver: each request through the {@link AsyncCaller}, each wait scheduled. */
  private final class AsyncRun extends Run {
    private final CompletableFuture<Response> result = new CompletableFuture<>();
    private volatile @Nullable CompletableFuture<Response> inFlight;
    private volatile @Nullable Future<?> pendingWait;
    private @Nullable Request poll;

    AsyncRun(Request request) {
      super(request);
    }

    CompletableFuture<Response> start() {
      result.whenComplete((response, failure) -> stop());
      sendAsync(request, true);
      return result;
    }

    private void stop() {
      Future<?> wait = pendingWait;
      if (wait != null) {
        wait.cancel(false);
      }
      CompletableFuture<Response> call = inFlight;
      if (call != null) {
        call.cancel(true);
      }
    }

    private void sendAsync(Request request, boolean first) {
      if (result.isDone()) {
        return;
      }
      CompletableFuture<Response> call;
      try {
        call = caller.execute(request);
      } catch (RuntimeException | Error e) {
        result.completeExceptionally(e);
        return;
      }
      inFlight = call;
      if (result.isDone()) {
        call.cancel(true);
      }
      call.whenComplete((response, failure) -> {
        if (failure != null) {
          result.completeExceptionally(failure);
        } else if (result.isDone()) {
          close(response);
        } else {
          onResponse(response, first);
        }
      });
    }

    private void onResponse(Response response, boolean first) {
      try {
        if (first) {
          if (response.code() != 202) {
            complete(response);
            return;
          }
          Optional<HttpUrl> statusUrl = statusUrl(response);
          if (statusUrl.isEmpty()) {
            complete(response);
            return;
          }
          poll = pollRequest(request, statusUrl.get());
        } else {
          polls++;
        }
        PollDecision decision = decide(response);
        Request next = Objects.requireNonNull(poll);
        switch (decision.kind()) {
          case SUCCEEDED -> {
            Optional<HttpUrl> target = followTarget(response, decision);
            if (target.isEmpty()) {
              complete(response);
            } else {
              close(response);
              polls++;
              followAsync(pollRequest(request, target.get()));
            }
          }
          case FAILED -> result.completeExceptionally(failure(response));
          case GIVE_UP -> {
            close(response);
            result.completeExceptionally(incomplete(decision, next.url()));
          }
          default -> {
            close(response);
            schedule(next, decision.waitDuration().toMillis());
          }
        }
      } catch (IOException | RuntimeException | Error e) {
        close(response);
        result.completeExceptionally(e);
      }
    }

    /** The created resource: its response is the result, whatever it is. */
    private void followAsync(Request follow) {
      CompletableFuture<Response> call = caller.execute(follow);
      inFlight = call;
      if (result.isDone()) {
        call.cancel(true);
      }
      call.whenComplete((response, failure) -> {
        if (failure != null) {
          result.completeExceptionally(failure);
        } else {
          complete(response);
        }
      });
    }

    private void schedule(Request next, long waitMillis) {
      try {
        Future<?> wait = scheduler.schedule(() -> sendAsync(next, false), waitMillis, TimeUnit.MILLISECONDS);
        pendingWait = wait;
        if (result.isDone()) {
          wait.cancel(false);
        }
      } catch (RejectedExecutionException e) {
        result.completeExceptionally(new IOException("the poll scheduler refused the next poll", e));
      }
    }

    private void complete(Response response) {
      if (!result.complete(response)) {
        close(response); // cancelled meanwhile: nobody else will close it
      }
    }
  }

  /** Builds an {@link OperationPoller}. Not thread-safe; validates each setting as it is given. */
  public static final class Builder {
    private final OkHttpClient client;
    private PollPolicy policy = PollPolicy.ofDefaults();
    private @Nullable ScheduledExecutorService scheduler;
    private Consumer<PollDecision> onDecision = decision -> {};

    private Builder(OkHttpClient client) {
      this.client = client;
    }

    /**
     * Sets the policy (default {@link PollPolicy#ofDefaults()}).
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder policy(PollPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Sets the scheduler of the non-blocking path's waits (default: the daemon thread
     * shared with {@link AsyncCaller}). It is not shut down by this poller.
     *
     * @param scheduler the scheduler for the waits
     * @return this builder
     */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /**
     * Sets a consumer told of every decision, after each status response (for logs and
     * tests). One that throws is logged at {@code WARNING} and does not stop the polling.
     *
     * @param onDecision the consumer of each decision
     * @return this builder
     */
    public Builder onDecision(Consumer<PollDecision> onDecision) {
      this.onDecision = Objects.requireNonNull(onDecision, "onDecision");
      return this;
    }

    /** {@return the immutable poller} */
    public OperationPoller build() {
      return new OperationPoller(this);
    }
  }
}
