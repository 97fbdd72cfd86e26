package dev.apierrors.okhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.apierrors.OperationFailedException;
import dev.apierrors.OperationIncompleteException;
import dev.apierrors.PollDecision;
import dev.apierrors.PollPolicy;
import dev.apierrors.RetryPolicy;
import dev.apierrors.ServiceUnavailableException;
import dev.apierrors.WaitSource;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Polling a 202 to its end, on the blocking and the non-blocking path. */
@ExtendWith(NoLeakedConnections.class)
class OperationPollerTest {
  @StartStop final MockWebServer server = TestHttp.newServer();

  /** The two ways to run an operation, each returning the result or throwing unwrapped. */
  enum Path {
    BLOCKING {
      @Override
      Response run(OperationPoller poller, Request request) throws IOException {
        return poller.execute(request);
      }
    },
    NON_BLOCKING {
      @Override
      Response run(OperationPoller poller, Request request) throws IOException {
        return TestHttp.await(poller.executeAsync(request));
      }
    };

    abstract Response run(OperationPoller poller, Request request) throws IOException;
  }

  private final List<PollDecision> decisions = new CopyOnWriteArrayList<>();

  private OperationPoller poller(OkHttpClient client, PollPolicy.Builder policy) {
    return OperationPoller.builder(client).policy(policy.build()).onDecision(decisions::add).build();
  }

  private OperationPoller poller(PollPolicy.Builder policy) {
    return poller(TestHttp.client(), policy);
  }

  private static PollPolicy.Builder fast() {
    return PollPolicy.builder().initialBackoff(Duration.ofMillis(5)).maxBackoff(Duration.ofMillis(20));
  }

  private Request create() {
    return new Request.Builder().url(server.url("/reports")).post(RequestBody.create(new byte[] {'{', '}'})).build();
  }

  private static MockResponse accepted(String... headers) {
    MockResponse.Builder b = new MockResponse.Builder().code(202);
    for (int i = 0; i < headers.length; i += 2) {
      b.addHeader(headers[i], headers[i + 1]);
    }
    return b.build();
  }

  private static MockResponse json(int status, String body, String... headers) {
    MockResponse.Builder b = new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json").body(body);
    for (int i = 0; i < headers.length; i += 2) {
      b.addHeader(headers[i], headers[i + 1]);
    }
    return b.build();
  }

  private List<String> paths(int count) throws InterruptedException {
    List<String> paths = new java.util.ArrayList<>();
    for (int i = 0; i < count; i++) {
      RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
      assertThat(r).as("request %d", i + 1).isNotNull();
      paths.add(r.getMethod() + " " + r.getTarget());
    }
    return paths;
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void pollsTheStatusUrlWithGetUntilASuccessAndReturnsTheFinalResponse(Path path) throws Exception {
    server.enqueue(accepted("Operation-Location", "/operations/7", "retry-after-ms", "30"));
    server.enqueue(json(200, "{\"status\":\"running\"}", "retry-after-ms", "20"));
    server.enqueue(json(200, "{\"status\":\"Succeeded\",\"id\":\"r1\"}"));

    try (Response done = path.run(poller(fast()), create())) {
      assertThat(done.code()).isEqualTo(200);
      assertThat(done.body().string()).contains("r1");
    }
    assertThat(paths(3)).containsExactly("POST /reports", "GET /operations/7", "GET /operations/7");
    assertThat(decisions).extracting(d -> d.waitDuration().toMillis()).containsExactly(30L, 20L, 0L);
    assertThat(decisions.get(0).waitSource()).contains(WaitSource.RETRY_AFTER);
    assertThat(decisions.get(2).kind()).isEqualTo(PollDecision.Kind.SUCCEEDED);
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void withoutRetryAfterTheBackoffPacesThePolls(Path path) throws Exception {
    server.enqueue(accepted("Location", "/jobs/1"));
    server.enqueue(accepted());
    server.enqueue(accepted());
    server.enqueue(new MockResponse.Builder().code(200).body("done").build());

    try (Response done = path.run(poller(fast()), create())) {
      assertThat(done.body().string()).isEqualTo("done");
    }
    assertThat(decisions).extracting(d -> d.waitDuration().toMillis()).containsExactly(5L, 10L, 20L, 0L);
    assertThat(decisions.subList(0, 3)).allSatisfy(d -> assertThat(d.waitSource()).contains(WaitSource.BACKOFF));
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void aFailedOperationThrowsWithTheStatusBodyDecoded(Path path) throws Exception {
    server.enqueue(accepted("Azure-AsyncOperation", "/ops/9"));
    server.enqueue(json(200, "{\"status\":\"Failed\",\"error\":{\"code\":\"QuotaExceeded\",\"message\":\"No capacity left\"}}"));

    Throwable thrown = catchThrowable(() -> path.run(poller(fast()), create()));

    assertThat(thrown).isExactlyInstanceOf(OperationFailedException.class);
    OperationFailedException failed = (OperationFailedException) thrown;
    assertThat(failed.error().code()).contains("QuotaExceeded");
    assertThat(failed.error().detail()).contains("No capacity left");
    assertThat(failed.attempts()).isEqualTo(2);
    assertThat(failed.status()).isEqualTo(200);
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void aServerErrorWhilePollingIsTheTypedExceptionRetriedByTheClientsPolicy(Path path) throws Exception {
    OkHttpClient retrying = TestHttp.track(TestHttp.clientBuilder().addInterceptor(ApiErrorsInterceptor.builder()
        .retryPolicy(RetryPolicy.builder().initialBackoff(Duration.ofMillis(1)).jitter(false).build()).build()));
    server.enqueue(accepted("Location", "/ops/1"));
    server.enqueue(new MockResponse.Builder().code(503).build());
    server.enqueue(json(200, "{\"status\":\"succeeded\"}"));

    try (Response done = path.run(poller(retrying, fast()), create())) {
      assertThat(done.code()).isEqualTo(200);
    }
    assertThat(server.getRequestCount()).isEqualTo(3);

    server.enqueue(accepted("Location", "/ops/2"));
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse.Builder().code(503).build());
    }
    Throwable thrown = catchThrowable(() -> path.run(poller(retrying, fast()), create()));
    assertThat(thrown).isInstanceOf(ServiceUnavailableException.class);
    assertThat(((ServiceUnavailableException) thrown).attempts()).isEqualTo(3);
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void maxPollsStopsWithTheOperationStillRunning(Path path) {
    server.enqueue(accepted("Location", "/ops/3?token=s3cr3t"));
    for (int i = 0; i < 3; i++) {
      server.enqueue(accepted());
    }

    Throwable thrown = catchThrowable(() -> path.run(poller(fast().maxPolls(2)), create()));

    assertThat(thrown).isExactlyInstanceOf(OperationIncompleteException.class).hasMessageContaining("maxPolls (2)");
    OperationIncompleteException incomplete = (OperationIncompleteException) thrown;
    assertThat(incomplete.attempts()).isEqualTo(3);
    assertThat(incomplete.statusUrl()).endsWith("/ops/3?token=[REDACTED]").doesNotContain("s3cr3t");
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void theTimeoutStopsBeforeAWaitThatWouldPassIt(Path path) {
    server.enqueue(accepted("Location", "/ops/4", "Retry-After", "5"));

    long start = System.nanoTime();
    Throwable thrown = catchThrowable(() -> path.run(poller(fast().timeout(Duration.ofSeconds(2))), create()));

    assertThat(thrown).isExactlyInstanceOf(OperationIncompleteException.class).hasMessageContaining("deadline");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void aSuccessIsFollowedToTheCreatedResourceWhenAsked(Path path) throws Exception {
    server.enqueue(accepted("Operation-Location", "/ops/5"));
    server.enqueue(json(200, "{\"status\":\"Succeeded\",\"resourceLocation\":\"/reports/42\"}"));
    server.enqueue(json(200, "{\"id\":42}"));

    try (Response resource = path.run(poller(fast().followResult(true)), create())) {
      assertThat(resource.body().string()).isEqualTo("{\"id\":42}");
    }
    assertThat(paths(3)).containsExactly("POST /reports", "GET /ops/5", "GET /reports/42");
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void aResponseOtherThanA202OrA202WithoutStatusUrlIsTheResultAtOnce(Path path) throws Exception {
    server.enqueue(json(201, "{\"id\":1}"));
    try (Response created = path.run(poller(fast()), create())) {
      assertThat(created.code()).isEqualTo(201);
    }
    server.enqueue(accepted());
    try (Response noUrl = path.run(poller(fast()), create())) {
      assertThat(noUrl.code()).isEqualTo(202);
    }
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(decisions).isEmpty();
  }

  @Test
  void cancellingTheFutureStopsThePollingAtOnce() throws Exception {
    server.enqueue(accepted("Location", "/ops/6", "Retry-After", "30"));
    CompletableFuture<Response> future = poller(fast()).executeAsync(create());
    server.takeRequest(5, TimeUnit.SECONDS);
    for (int i = 0; i < 500 && decisions.isEmpty(); i++) {
      Thread.sleep(5);
    }

    assertThat(future.cancel(true)).isTrue();

    Thread.sleep(100);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void anInterruptEndsABlockingWaitAndKeepsTheFlag() throws Exception {
    server.enqueue(accepted("Location", "/ops/8", "Retry-After", "30"));
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicReference<Boolean> flag = new AtomicReference<>();
    Thread caller = new Thread(() -> {
      thrown.set(catchThrowable(() -> poller(fast()).execute(create())));
      flag.set(Thread.currentThread().isInterrupted());
    });
    caller.start();
    server.takeRequest(5, TimeUnit.SECONDS);
    for (int i = 0; i < 500 && decisions.isEmpty(); i++) {
      Thread.sleep(5);
    }
    caller.interrupt();
    caller.join(5_000);

    assertThat(thrown.get()).isInstanceOf(InterruptedIOException.class);
    assertThat(flag.get()).isTrue();
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void aThrowingDecisionConsumerDoesNotStopThePolling(Path path) throws Exception {
    server.enqueue(accepted("Location", "/ops/10", "retry-after-ms", "1"));
    server.enqueue(json(200, "{\"status\":\"succeeded\"}"));
    OperationPoller poller = OperationPoller.builder(TestHttp.client()).policy(fast().build())
        .onDecision(d -> {
          throw new IllegalStateException("listener bug");
        })
        .build();

    try (Response done = path.run(poller, create())) {
      assertThat(done.code()).isEqualTo(200);
    }
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void aClientWithoutTheInterceptorStillGetsTypedErrors(Path path) {
    OkHttpClient plain = TestHttp.track(TestHttp.clientBuilder());
    server.enqueue(accepted("Location", "/ops/11"));
    server.enqueue(json(404, "{\"message\":\"operation expired\"}"));

    Throwable thrown = catchThrowable(() -> path.run(poller(plain, fast()), create()));

    assertThat(thrown).isInstanceOf(dev.apierrors.NotFoundException.class).hasMessageContaining("operation expired");
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void aStatusUrlOnAnotherOriginIsPolledWithoutTheCredentials(Path path) throws Exception {
    try (MockWebServer elsewhere = TestHttp.newServer()) {
      elsewhere.start();
      server.enqueue(accepted("Operation-Location", elsewhere.url("/ops/x").toString()));
      elsewhere.enqueue(json(200, "{\"status\":\"succeeded\"}"));
      Request withCredentials = create().newBuilder().header("Authorization", "Bearer t0ken")
          .header("Cookie", "session=c00kie").header("X-Trace", "keep").build();

      try (Response done = path.run(poller(fast()), withCredentials)) {
        assertThat(done.code()).isEqualTo(200);
      }
      RecordedRequest first = server.takeRequest(5, TimeUnit.SECONDS);
      assertThat(first.getHeaders().get("Authorization")).isEqualTo("Bearer t0ken");
      RecordedRequest poll = elsewhere.takeRequest(5, TimeUnit.SECONDS);
      assertThat(poll.getHeaders().get("Authorization")).isNull();
      assertThat(poll.getHeaders().get("Cookie")).isNull();
      assertThat(poll.getHeaders().get("X-Trace")).isEqualTo("keep");
    }
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void aStatusBodyCutOffWhilePeekedClosesTheResponse(Path path) {
    server.enqueue(accepted("Location", "/ops/cut"));
    server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Length", "100")
        .body("{\"status\":").onResponseBody(new mockwebserver3.SocketEffect.CloseSocket()).build());

    Throwable thrown = catchThrowable(() -> path.run(poller(fast()), create()));

    assertThat(thrown).isInstanceOf(IOException.class);
  }
}
