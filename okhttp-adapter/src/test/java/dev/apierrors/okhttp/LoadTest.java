package dev.apierrors.okhttp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apierrors.ApiException;
import dev.apierrors.AttemptFailure;
import dev.apierrors.BadGatewayException;
import dev.apierrors.BadRequestException;
import dev.apierrors.ConflictException;
import dev.apierrors.InternalServerErrorException;
import dev.apierrors.NotFoundException;
import dev.apierrors.RetryPolicy;
import dev.apierrors.ServiceUnavailableException;
import dev.apierrors.UnauthorizedException;
import dev.apierrors.UnprocessableContentException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * 64 threads send requests through one client, each on a random path (blocking
 * {@code execute()} with the interceptor's retry, or the {@link AsyncCaller}), answered by
 * a random mix of formats and statuses, some retried, some cancelled: zero misclassified,
 * zero lost, zero leaked connections, every future completed.
 *
 * <p>{@code mvn verify} sends 2,000 requests; the full run sends 50,000:
 * <pre>
 * mvn -B -ntp -pl okhttp-adapter -am test -Dtest=LoadTest -Dsurefire.failIfNoSpecifiedTests=false -Dapierrors.load.requests=50000
 * </pre>
 */
@ExtendWith(NoLeakedConnections.class)
class LoadTest {
  private static final int REQUESTS = Integer.getInteger("apierrors.load.requests", 2_000);
  private static final int THREADS = 64;
  private static final RetryPolicy POLICY = RetryPolicy.builder()
      .initialBackoff(Duration.ofMillis(1))
      .maxBackoff(Duration.ofMillis(2))
      .build();

  @StartStop final MockWebServer server = TestHttp.newServer();

  /** What the server answers, and what the caller must see. */
  enum Kind {
    OK(1, null, 200),
    PROBLEM_JSON_404(1, NotFoundException.class, 404),
    MESSAGE_JSON_400(1, BadRequestException.class, 400),
    ERRORS_ARRAY_422(1, UnprocessableContentException.class, 422),
    PLAIN_TEXT_500(1, InternalServerErrorException.class, 500),
    HTML_502(1, BadGatewayException.class, 502),
    PROBLEM_XML_409(1, ConflictException.class, 409),
    EMPTY_401_CHALLENGE(1, UnauthorizedException.class, 401),
    /** 429 asking 1 ms, then 200: retried, then a success. */
    RETRIED_429_THEN_OK(2, null, 200),
    /** 503 asking 1 ms, every time: three attempts, then the typed 503. */
    EXHAUSTED_503(3, ServiceUnavailableException.class, 503),
    /** The connection drops as the response starts, then 200: an I/O failure retried. */
    DROPPED_THEN_OK(2, null, 200),
    /** A slow 200 the caller cancels in flight. */
    CANCELLED(1, null, 0);

    final int requests;
    final Class<? extends ApiException> exception;
    final int status;

    Kind(int requests, Class<? extends ApiException> exception, int status) {
      this.requests = requests;
      this.exception = exception;
      this.status = status;
    }
  }

  private final Map<String, AtomicInteger> served = new ConcurrentHashMap<>();

  private MockResponse answer(Kind kind, int seen) {
    MockResponse.Builder b = new MockResponse.Builder();
    return switch (kind) {
      case OK -> b.code(200).body("ok").build();
      case PROBLEM_JSON_404 -> b.code(404).setHeader("Content-Type", "application/problem+json")
          .body("{\"title\":\"Not Found\",\"detail\":\"no such order\"}").build();
      case MESSAGE_JSON_400 -> b.code(400).setHeader("Content-Type", "application/json")
          .body("{\"message\":\"bad field\"}").build();
      case ERRORS_ARRAY_422 -> b.code(422).setHeader("Content-Type", "application/json")
          .body("{\"errors\":[{\"field\":\"email\",\"message\":\"is invalid\"}]}").build();
      case PLAIN_TEXT_500 -> b.code(500).setHeader("Content-Type", "text/plain").body("boom").build();
      case HTML_502 -> b.code(502).setHeader("Content-Type", "text/html")
          .body("<html><body><h1>Bad Gateway</h1></body></html>").build();
      case PROBLEM_XML_409 -> b.code(409).setHeader("Content-Type", "application/problem+xml")
          .body("<problem xmlns=\"urn:ietf:rfc:7807\"><title>Conflict</title><detail>version</detail></problem>")
          .build();
      case EMPTY_401_CHALLENGE -> b.code(401).setHeader("WWW-Authenticate", "Bearer realm=\"api\"").build();
      case RETRIED_429_THEN_OK -> seen == 1
          ? b.code(429).setHeader("retry-after-ms", "1").body("slow down").build()
          : b.code(200).body("ok").build();
      case EXHAUSTED_503 -> b.code(503).setHeader("retry-after-ms", "1").body("busy").build();
      case DROPPED_THEN_OK -> seen == 1
          ? b.onResponseStart(new SocketEffect.CloseSocket()).build() // after the request was read: a dispatcher is not asked before
          : b.code(200).body("ok").build();
      case CANCELLED -> b.code(200).body("late").headersDelay(300, TimeUnit.MILLISECONDS).build();
    };
  }

  /** The tally; each misclassification is kept (the first few) with what was expected. */
  private final LongAdder ok = new LongAdder();
  private final LongAdder lost = new LongAdder();
  private final LongAdder retried = new LongAdder();
  private final LongAdder cancelled = new LongAdder();
  private final List<String> misclassified = new CopyOnWriteArrayList<>();

  @Test
  void manyThreadsManyFormatsRetriesAndCancelsThroughOneClient() throws Exception {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String[] path = request.getUrl().encodedPath().split("/"); // "", "load", id, kind
        int seen = served.computeIfAbsent(path[2], id -> new AtomicInteger()).incrementAndGet();
        return answer(Kind.valueOf(path[3]), seen);
      }
    });
    okhttp3.Dispatcher dispatcher = new okhttp3.Dispatcher();
    dispatcher.setMaxRequests(THREADS * 2);
    dispatcher.setMaxRequestsPerHost(THREADS * 2);
    OkHttpClient client = TestHttp.track(ApiErrorsInterceptor.builder().retryPolicy(POLICY).build()
        .addTo(TestHttp.clientBuilder()
            .dispatcher(dispatcher)
            .connectionPool(new ConnectionPool(THREADS, 200, TimeUnit.MILLISECONDS))));
    AsyncCaller caller = AsyncCaller.of(client);
    ScheduledExecutorService canceller = Executors.newScheduledThreadPool(2);
    ExecutorService threads = Executors.newFixedThreadPool(THREADS);
    AtomicInteger next = new AtomicInteger();
    Map<String, Kind> sent = new ConcurrentHashMap<>();
    long start = System.nanoTime();
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        workers.add(threads.submit(() -> {
          for (int i = next.getAndIncrement(); i < REQUESTS; i = next.getAndIncrement()) {
            Kind kind = pick();
            String id = Integer.toString(i);
            sent.put(id, kind);
            Request request = new Request.Builder().url(server.url("/load/" + id + "/" + kind)).build();
            boolean blocking = ThreadLocalRandom.current().nextBoolean();
            check(kind, id, blocking ? blocking(client, request, kind, canceller) : async(caller, request, kind, canceller));
          }
          return null;
        }));
      }
      for (Future<?> worker : workers) {
        worker.get(10, TimeUnit.MINUTES);
      }
    } finally {
      threads.shutdownNow();
      canceller.shutdownNow();
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    NoLeakedConnections.awaitCallsEnded(client);

    int overSent = 0;
    for (Map.Entry<String, Kind> e : sent.entrySet()) {
      AtomicInteger count = served.get(e.getKey());
      if (count != null && count.get() > e.getValue().requests) {
        overSent++;
      }
    }
    System.out.printf("LoadTest: %d requests (%d served incl. retries) on %d threads in %d ms (%.0f calls/s):"
            + " %d as expected (%d after a retry, %d cancelled), %d misclassified, %d lost, %d over-sent%n",
        REQUESTS, served.values().stream().mapToInt(AtomicInteger::get).sum(), THREADS, millis,
        REQUESTS * 1000.0 / Math.max(1, millis), ok.sum(), retried.sum(), cancelled.sum(),
        misclassified.size(), lost.sum(), overSent);
    assertThat(misclassified).as("misclassified").isEmpty();
    assertThat(lost.sum()).as("lost (never completed)").isZero();
    assertThat(overSent).as("requests sent more often than the policy allows").isZero();
    assertThat(ok.sum()).isEqualTo(REQUESTS);
    assertThat(client.connectionPool().connectionCount()).as("connections in use")
        .isEqualTo(client.connectionPool().idleConnectionCount());
  }

  private static Kind pick() {
    Kind[] kinds = Kind.values();
    ThreadLocalRandom random = ThreadLocalRandom.current();
    // A cancel costs the server a 300 ms sleep: about 2% of the calls.
    Kind kind = kinds[random.nextInt(kinds.length)];
    return kind == Kind.CANCELLED && random.nextInt(4) != 0 ? Kind.OK : kind;
  }

  /** The outcome of one call: its response, or what it failed with. */
  private record Outcome(Response response, Throwable failure) {}

  private Outcome blocking(OkHttpClient client, Request request, Kind kind, ScheduledExecutorService canceller) {
    Call call = client.newCall(request);
    if (kind == Kind.CANCELLED) {
      canceller.schedule(call::cancel, 5 + ThreadLocalRandom.current().nextInt(20), TimeUnit.MILLISECONDS);
    }
    try {
      return new Outcome(call.execute(), null);
    } catch (IOException | RuntimeException e) {
      return new Outcome(null, e);
    }
  }

  private Outcome async(AsyncCaller caller, Request request, Kind kind, ScheduledExecutorService canceller) {
    CompletableFuture<Response> future = caller.execute(request);
    if (kind == Kind.CANCELLED) {
      canceller.schedule(() -> future.cancel(true), 5 + ThreadLocalRandom.current().nextInt(20),
          TimeUnit.MILLISECONDS);
    }
    try {
      return new Outcome(future.get(30, TimeUnit.SECONDS), null);
    } catch (ExecutionException e) {
      return new Outcome(null, e.getCause());
    } catch (CancellationException e) {
      return new Outcome(null, e);
    } catch (TimeoutException e) {
      lost.increment();
      return new Outcome(null, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(null, e);
    }
  }

  private void check(Kind kind, String id, Outcome outcome) {
    String problem = problemWith(kind, outcome);
    if (problem == null) {
      ok.increment();
      if (kind.requests > 1) {
        retried.increment();
      }
      if (kind == Kind.CANCELLED) {
        cancelled.increment();
      }
    } else if (misclassified.size() < 20) {
      misclassified.add(id + " " + kind + ": " + problem);
    } else {
      misclassified.add(id);
    }
  }

  /** What is wrong with the outcome, or null. */
  private static String problemWith(Kind kind, Outcome outcome) {
    if (outcome.response != null) {
      try (Response response = outcome.response) {
        if (kind.status != 200) {
          return "got a " + response.code() + " response";
        }
        String body = response.body().string();
        return body.equals("ok") ? null : "body " + body;
      } catch (IOException e) {
        return "the body could not be read: " + e;
      }
    }
    Throwable failure = outcome.failure;
    if (kind == Kind.CANCELLED) {
      return failure instanceof CancellationException
          || (failure instanceof IOException && !(failure instanceof ApiException)) ? null : "after cancel: " + failure;
    }
    if (kind.exception == null) {
      return "failed: " + failure;
    }
    if (!kind.exception.isInstance(failure)) {
      return "expected " + kind.exception.getSimpleName() + ", got " + failure;
    }
    ApiException api = (ApiException) failure;
    if (api.status() != kind.status || api.attempts() != kind.requests
        || AttemptFailure.attemptsOf(api) != kind.requests) {
      return "status " + api.status() + ", attempts " + api.attempts();
    }
    if (kind == Kind.PROBLEM_JSON_404 && !api.error().detail().orElse("").equals("no such order")) {
      return "detail " + api.error().detail();
    }
    return null;
  }
}
