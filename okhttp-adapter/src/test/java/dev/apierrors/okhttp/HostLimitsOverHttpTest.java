package dev.apierrors.okhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.apierrors.ApiErrorsListener;
import dev.apierrors.ApiException;
import dev.apierrors.AttemptFailure;
import dev.apierrors.HostLimits;
import dev.apierrors.RetryBudget;
import dev.apierrors.RetryPolicy;
import dev.apierrors.ServiceUnavailableException;
import dev.apierrors.TooManyRequestsException;
import dev.apierrors.WaitSource;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** A host's "slow down" honoured by every call of the client, on both call paths. */
@ExtendWith(NoLeakedConnections.class)
class HostLimitsOverHttpTest {
  @StartStop final MockWebServer server = TestHttp.newServer();
  @StartStop final MockWebServer otherHost = TestHttp.newServer();

  /** The two paths, each returning the response or throwing unwrapped. */
  enum Path {
    BLOCKING {
      @Override
      CompletableFuture<Response> start(OkHttpClient client, Request request, ExecutorService threads) {
        return CompletableFuture.supplyAsync(() -> {
          try {
            return client.newCall(request).execute();
          } catch (IOException e) {
            throw new java.util.concurrent.CompletionException(e);
          }
        }, threads);
      }
    },
    NON_BLOCKING {
      @Override
      CompletableFuture<Response> start(OkHttpClient client, Request request, ExecutorService threads) {
        return AsyncCaller.of(client).execute(request);
      }
    };

    abstract CompletableFuture<Response> start(OkHttpClient client, Request request, ExecutorService threads);

    Response send(OkHttpClient client, Request request) throws IOException {
      ExecutorService one = Executors.newSingleThreadExecutor();
      try {
        return await(start(client, request, one));
      } finally {
        one.shutdown();
      }
    }
  }

  private final List<ApiErrorsListener.HostWaited> hostWaits = new CopyOnWriteArrayList<>();

  private OkHttpClient client(HostLimits limits, RetryPolicy policy, Duration callTimeout) {
    ApiErrorsListener listener = new ApiErrorsListener() {
      @Override
      public void onHostWait(ApiErrorsListener.HostWaited event) {
        hostWaits.add(event);
      }
    };
    return TestHttp.track(ApiErrorsInterceptor.builder().retryPolicy(policy).hostLimits(limits).listener(listener)
        .build().addTo(TestHttp.clientBuilder().callTimeout(callTimeout)));
  }

  private OkHttpClient client(HostLimits limits) {
    return client(limits, RetryPolicy.none(), Duration.ZERO);
  }

  private static Request get(MockWebServer on) {
    return new Request.Builder().url(on.url("/")).build();
  }

  private static MockResponse tooManyRequests(String retryAfter) {
    return new MockResponse.Builder().code(429).addHeader("Retry-After", retryAfter).build();
  }

  private static Response await(CompletableFuture<Response> future) throws IOException {
    try {
      return TestHttp.await(future);
    } catch (AssertionError e) {
      if (e.getCause() instanceof java.util.concurrent.CompletionException c && c.getCause() instanceof IOException io) {
        throw io;
      }
      throw e;
    }
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void aRetryAfterToOneCallHoldsBackFiftyConcurrentCallsToThatHostOnly(Path path) throws Exception {
    server.enqueue(tooManyRequests("2"));
    for (int i = 0; i < 50; i++) {
      server.enqueue(new MockResponse.Builder().code(200).body("ok").build());
    }
    otherHost.enqueue(new MockResponse.Builder().code(200).build());
    OkHttpClient client = client(HostLimits.ofDefaults());

    assertThat(catchThrowable(() -> path.send(client, get(server)))).isInstanceOf(TooManyRequestsException.class);
    long refusedAt = System.nanoTime();
    ExecutorService threads = Executors.newFixedThreadPool(50);
    List<CompletableFuture<Response>> calls = new ArrayList<>();
    try {
      for (int i = 0; i < 50; i++) {
        calls.add(path.start(client, get(server), threads));
      }
      long otherStart = System.nanoTime();
      try (Response other = path.send(client, get(otherHost))) {
        assertThat(other.code()).isEqualTo(200);
      }
      assertThat(Duration.ofNanos(System.nanoTime() - otherStart)).as("another host is not delayed")
          .isLessThan(Duration.ofSeconds(1));
      Thread.sleep(1_000);
      assertThat(server.getRequestCount()).as("nothing sent during the cool-down").isEqualTo(1);
      for (CompletableFuture<Response> call : calls) {
        try (Response response = await(call)) {
          assertThat(response.code()).isEqualTo(200);
        }
      }
    } finally {
      threads.shutdownNow();
    }
    assertThat(Duration.ofNanos(System.nanoTime() - refusedAt)).isGreaterThanOrEqualTo(Duration.ofMillis(1_900));
    assertThat(server.getRequestCount()).isEqualTo(51);
    assertThat(hostWaits).hasSize(50).allSatisfy(w -> {
      assertThat(w.source()).isEqualTo(WaitSource.HOST_COOL_DOWN);
      assertThat(w.waitDuration()).isLessThanOrEqualTo(Duration.ofSeconds(2));
    });
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void failFastEndsAtOnceWithTheTypedExceptionAndTheWaitLeftWithoutSending(Path path) {
    server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "30").build());
    OkHttpClient client = client(HostLimits.builder().failFast(true).build());
    assertThat(catchThrowable(() -> path.send(client, get(server)))).isInstanceOf(ServiceUnavailableException.class);

    long start = System.nanoTime();
    Throwable refused = catchThrowable(() -> path.send(client, get(server)));

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    assertThat(refused).isExactlyInstanceOf(ServiceUnavailableException.class);
    ApiException api = (ApiException) refused;
    assertThat(api.attempts()).isZero();
    assertThat(api.error().format()).isEqualTo(HostLimits.NOT_SENT_FORMAT);
    assertThat(api.error().retryAfterMillis().getAsLong()).isBetween(28_000L, 30_000L);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void aCoolDownLongerThanMaxRetryAfterOrTheDeadlineFailsAtOnceEvenWhenWaiting(Path path) {
    server.enqueue(tooManyRequests("120"));
    OkHttpClient client = client(HostLimits.ofDefaults());
    assertThat(catchThrowable(() -> path.send(client, get(server)))).isInstanceOf(TooManyRequestsException.class);
    assertThat(catchThrowable(() -> path.send(client, get(server))))
        .isInstanceOfSatisfying(TooManyRequestsException.class, e -> assertThat(e.attempts()).isZero());

    server.enqueue(tooManyRequests("3"));
    OkHttpClient shortDeadline = client(HostLimits.ofDefaults(), RetryPolicy.none(), Duration.ofSeconds(1));
    assertThat(catchThrowable(() -> path.send(shortDeadline, get(server)))).isInstanceOf(TooManyRequestsException.class);
    long start = System.nanoTime();
    assertThat(catchThrowable(() -> path.send(shortDeadline, get(server))))
        .isInstanceOfSatisfying(TooManyRequestsException.class, e -> assertThat(e.attempts()).isZero());
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void cancellingABlockingCallDuringItsCoolDownWaitEndsItWithoutSending() throws Exception {
    server.enqueue(tooManyRequests("5"));
    OkHttpClient client = client(HostLimits.ofDefaults());
    assertThat(catchThrowable(() -> client.newCall(get(server)).execute())).isInstanceOf(TooManyRequestsException.class);

    Call call = client.newCall(get(server));
    ExecutorService one = Executors.newSingleThreadExecutor();
    Future<Throwable> outcome = one.submit(() -> catchThrowable(call::execute));
    for (int i = 0; i < 400 && hostWaits.isEmpty(); i++) {
      Thread.sleep(5);
    }
    call.cancel();

    assertThat(outcome.get(5, TimeUnit.SECONDS)).isInstanceOf(IOException.class).isNotInstanceOf(ApiException.class);
    one.shutdown();
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void cancellingTheFutureDuringItsCoolDownWaitEndsItWithoutSending() throws Exception {
    server.enqueue(tooManyRequests("5"));
    OkHttpClient client = client(HostLimits.ofDefaults());
    assertThat(catchThrowable(() -> TestHttp.await(AsyncCaller.of(client).execute(get(server)))))
        .isInstanceOf(TooManyRequestsException.class);

    CompletableFuture<Response> future = AsyncCaller.of(client).execute(get(server));
    for (int i = 0; i < 400 && hostWaits.isEmpty(); i++) {
      Thread.sleep(5);
    }
    assertThat(future.cancel(true)).isTrue();

    Thread.sleep(100);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void theBudgetRunsOutUnderAHostThatAlways503sAndRefillsOnSuccesses(Path path) throws Exception {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return request.getTarget().startsWith("/ok") ? new MockResponse.Builder().code(200).build()
            : new MockResponse.Builder().code(503).build();
      }
    });
    RetryPolicy policy = RetryPolicy.builder().initialBackoff(Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(2))
        .jitter(false).build();
    OkHttpClient client = client(HostLimits.builder().retryBudget(new RetryBudget(20, 5, 10, 1)).build(), policy,
        Duration.ZERO);

    Throwable last = null;
    for (int i = 0; i < 10; i++) {
      last = catchThrowable(() -> path.send(client, get(server)));
      assertThat(last).isInstanceOf(ServiceUnavailableException.class);
    }
    assertThat(server.getRequestCount()).as("2 calls of 3 attempts, then 8 of 1").isEqualTo(14);
    assertThat(((ApiException) last).attempts()).isEqualTo(1);
    assertThat(Arrays.stream(last.getSuppressed()).filter(AttemptFailure.class::isInstance)
        .map(s -> ((AttemptFailure) s).decision().reason()))
        .anySatisfy(reason -> assertThat(reason).contains("retry budget", "empty"));

    for (int i = 0; i < 5; i++) {
      try (Response ok = path.send(client, new Request.Builder().url(server.url("/ok")).build())) {
        assertThat(ok.code()).isEqualTo(200);
      }
    }
    int before = server.getRequestCount();
    assertThat(catchThrowable(() -> path.send(client, get(server)))).isInstanceOf(ServiceUnavailableException.class);
    assertThat(server.getRequestCount() - before).as("5 tokens back: one retry").isEqualTo(2);
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void pacingSpreadsTheCallsLeftOverTheWindow(Path path) throws Exception {
    for (int i = 0; i < 5; i++) {
      server.enqueue(new MockResponse.Builder().code(200)
          .addHeader("RateLimit-Limit", "10").addHeader("RateLimit-Remaining", "4")
          .addHeader("RateLimit-Reset", "1").build());
    }
    OkHttpClient client = client(HostLimits.builder().pacing(true).build());

    List<Long> sentAt = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < 4; i++) {
      try (Response ok = path.send(client, get(server))) {
        sentAt.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
      }
    }
    // 4 left over 1 s: one call every 250 ms after the first response said so.
    assertThat(sentAt.get(3) - sentAt.get(0)).isGreaterThanOrEqualTo(450);
    assertThat(hostWaits).isNotEmpty().allSatisfy(w -> assertThat(w.source()).isEqualTo(WaitSource.PACING));
  }

  /**
   * A store that paces every send by {@code paceMillis} and, as it hands out the first slot,
   * lets another call's refusal set the host's cool-down to {@code coolDownMillis}: the
   * refusal arrives while this call waits for its paced slot.
   */
  private static dev.apierrors.spi.HostStateStore coolDownDuringPacedWait(long paceMillis, long coolDownMillis, int status) {
    return coolDownDuringPacedWait(paceMillis, coolDownMillis, status, false);
  }

  /**
   * As {@link #coolDownDuringPacedWait(long, long, int)}; when {@code downAfterTheSlot}, the
   * store fails from then on when asked for the cool-down, as the paced call is readmitted.
   */
  private static dev.apierrors.spi.HostStateStore coolDownDuringPacedWait(
      long paceMillis, long coolDownMillis, int status, boolean downAfterTheSlot) {
    dev.apierrors.spi.HostStateStore in = dev.apierrors.spi.HostStateStore.inProcess();
    java.util.concurrent.atomic.AtomicBoolean refusedOnce = new java.util.concurrent.atomic.AtomicBoolean();
    return new dev.apierrors.spi.HostStateStore() {
      @Override public long coolDownUntil(dev.apierrors.spi.HostKey host) {
        if (downAfterTheSlot && refusedOnce.get()) {
          throw new IllegalStateException("shared store down");
        }
        return in.coolDownUntil(host);
      }
      @Override public void coolDown(dev.apierrors.spi.HostKey host, long untilMillis, int s) { in.coolDown(host, untilMillis, s); }
      @Override public int coolDownStatus(dev.apierrors.spi.HostKey host) { return in.coolDownStatus(host); }
      @Override public void pace(dev.apierrors.spi.HostKey host, long intervalMillis, long untilMillis) { in.pace(host, intervalMillis, untilMillis); }
      @Override public void unpaced(dev.apierrors.spi.HostKey host) { in.unpaced(host); }
      @Override public long firstContact(dev.apierrors.spi.HostKey host, long nowMillis, long probeMillis) { return 0; }
      @Override public boolean withdraw(dev.apierrors.spi.HostKey host, int tokens, int capacity) { return in.withdraw(host, tokens, capacity); }
      @Override public void deposit(dev.apierrors.spi.HostKey host, int tokens, int capacity) { in.deposit(host, tokens, capacity); }

      @Override
      public long reserveSendSlot(dev.apierrors.spi.HostKey host, long nowMillis, long maxWaitMillis) {
        if (refusedOnce.compareAndSet(false, true)) {
          in.coolDown(host, nowMillis + coolDownMillis, status);
        }
        return nowMillis + paceMillis;
      }
    };
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void aCoolDownBegunDuringAPacedWaitRefusesTheCallWhenLongerThanMaxRetryAfter(Path path) {
    server.enqueue(new MockResponse.Builder().code(200).body("must not be asked for").build());
    OkHttpClient client = client(HostLimits.builder().pacing(true)
        .store(coolDownDuringPacedWait(150, 3_600_000, 503)).build());

    Throwable refused = catchThrowable(() -> path.send(client, get(server)));

    assertThat(refused).isExactlyInstanceOf(ServiceUnavailableException.class);
    ApiException api = (ApiException) refused;
    assertThat(api.attempts()).isZero();
    assertThat(api.error().format()).isEqualTo(HostLimits.NOT_SENT_FORMAT);
    assertThat(server.getRequestCount()).isZero();
    assertThat(hostWaits).extracting(ApiErrorsListener.HostWaited::source).containsExactly(WaitSource.PACING);
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void aCoolDownBegunDuringAPacedWaitIsWaitedOutBeforeTheCallIsSent(Path path) throws Exception {
    // 150 ms for the paced slot, then the rest of the 400 ms cool-down begun meanwhile, then
    // a new slot (150 ms again) once admitted afresh.
    server.enqueue(new MockResponse.Builder().code(200).body("ok").build());
    OkHttpClient client = client(HostLimits.builder().pacing(true)
        .store(coolDownDuringPacedWait(150, 400, 429)).build());

    long start = System.nanoTime();
    try (Response ok = path.send(client, get(server))) {
      assertThat(ok.code()).isEqualTo(200);
    }

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(550));
    assertThat(server.getRequestCount()).isEqualTo(1);
    // (A cool-down wait that ends a clock tick early is waited again: only the order is fixed.)
    assertThat(hostWaits).extracting(ApiErrorsListener.HostWaited::source)
        .startsWith(WaitSource.PACING, WaitSource.HOST_COOL_DOWN).endsWith(WaitSource.PACING);
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void aStoreThatFailsWhenThePacedCallIsReadmittedSendsItAsAStoreDownWould(Path path) throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).body("ok").build());
    OkHttpClient client = client(HostLimits.builder().pacing(true)
        .store(coolDownDuringPacedWait(100, 3_600_000, 503, true)).build());

    try (Response ok = path.send(client, get(server))) {
      assertThat(ok.body().string()).isEqualTo("ok");
    }
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(hostWaits).extracting(ApiErrorsListener.HostWaited::source).containsExactly(WaitSource.PACING);
  }

  static Stream<Arguments> pathsAndThrowables() {
    return CallbackFailure.withEach(Path.values());
  }

  /** Each wait of the paced call (its slot, the cool-down begun meanwhile, its new slot) is told to a listener that throws. */
  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("pathsAndThrowables")
  void aHostWaitListenerThatThrowsChangesNothingForThePacedCall(Path path, CallbackFailure failure)
      throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).body("ok").build());
    List<WaitSource> told = new CopyOnWriteArrayList<>();
    ApiErrorsListener throwing = new ApiErrorsListener() {
      @Override
      public void onHostWait(ApiErrorsListener.HostWaited event) {
        told.add(event.source());
        failure.raise();
      }
    };
    OkHttpClient client = TestHttp.track(ApiErrorsInterceptor.builder().listener(throwing)
        .hostLimits(HostLimits.builder().pacing(true).store(coolDownDuringPacedWait(100, 300, 429)).build())
        .build().addTo(TestHttp.clientBuilder()));

    try (Response ok = path.send(client, get(server))) {
      assertThat(ok.body().string()).isEqualTo("ok");
    }
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(told).startsWith(WaitSource.PACING, WaitSource.HOST_COOL_DOWN).endsWith(WaitSource.PACING);
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void aStoreThatThrowsNeverBreaksACallNorLeaksItsResponse(Path path) throws Exception {
    dev.apierrors.spi.HostStateStore broken = new dev.apierrors.spi.HostStateStore() {
      private RuntimeException down() {
        return new IllegalStateException("shared store down");
      }

      @Override public long coolDownUntil(dev.apierrors.spi.HostKey host) { throw down(); }
      @Override public void coolDown(dev.apierrors.spi.HostKey host, long untilMillis, int status) { throw down(); }
      @Override public int coolDownStatus(dev.apierrors.spi.HostKey host) { throw down(); }
      @Override public void pace(dev.apierrors.spi.HostKey host, long intervalMillis, long untilMillis) { throw down(); }
      @Override public void unpaced(dev.apierrors.spi.HostKey host) { throw down(); }
      @Override public long firstContact(dev.apierrors.spi.HostKey host, long nowMillis, long probeMillis) { throw down(); }
      @Override public long reserveSendSlot(dev.apierrors.spi.HostKey host, long nowMillis, long maxWaitMillis) { throw down(); }
      @Override public boolean withdraw(dev.apierrors.spi.HostKey host, int tokens, int capacity) { throw down(); }
      @Override public void deposit(dev.apierrors.spi.HostKey host, int tokens, int capacity) { throw down(); }
    };
    RetryPolicy policy = RetryPolicy.builder().initialBackoff(Duration.ofMillis(1)).jitter(false).build();
    OkHttpClient client = client(HostLimits.builder().pacing(true).store(broken).build(), policy, Duration.ZERO);
    server.enqueue(new MockResponse.Builder().code(503).build());
    server.enqueue(new MockResponse.Builder().code(200).body("ok").build());

    try (Response ok = path.send(client, get(server))) {
      assertThat(ok.body().string()).isEqualTo("ok");
    }
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @org.junit.jupiter.api.Test
  void aHostKeyWithoutHostLimitsIsAMistakeCaughtAtBuild() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> ApiErrorsInterceptor.builder().hostKey(request -> "tenant").build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("hostLimits");
  }
}
