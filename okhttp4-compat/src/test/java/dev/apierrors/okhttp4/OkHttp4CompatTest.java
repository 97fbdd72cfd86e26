package dev.apierrors.okhttp4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.apierrors.ApiException;
import dev.apierrors.ErrorDecoder;
import dev.apierrors.InternalServerErrorException;
import dev.apierrors.NotFoundException;
import dev.apierrors.ServiceUnavailableException;
import dev.apierrors.TooManyRequestsException;
import dev.apierrors.UnprocessableContentException;
import dev.apierrors.okhttp.ApiErrorsInterceptor;
import dev.apierrors.okhttp.AsyncCaller;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.zip.GZIPOutputStream;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.OkHttp;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The adapter, compiled against OkHttp 5, on OkHttp 4.12 (where {@code body()} is nullable). */
class OkHttp4CompatTest {
  private static final String PROBLEM =
      "{\"type\":\"https://example.com/probs/validation\",\"title\":\"Validation failed\",\"detail\":\"name is required\"}";
  private static final Logger OKHTTP_LOGGER = Logger.getLogger(OkHttpClient.class.getName());
  private static final List<String> LEAK_WARNINGS = new ArrayList<>();
  private static final Handler LEAK_HANDLER = new Handler() {
    @Override
    public void publish(LogRecord record) {
      if (record.getMessage() != null && record.getMessage().contains("was leaked")) {
        synchronized (LEAK_WARNINGS) {
          LEAK_WARNINGS.add(record.getMessage());
        }
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  private LocalServer server;
  private OkHttpClient plain;
  private OkHttpClient client;

  @BeforeAll
  static void watchForLeakWarnings() {
    OKHTTP_LOGGER.addHandler(LEAK_HANDLER);
  }

  @AfterAll
  static void noConnectionWasLeaked() {
    System.gc();
    OKHTTP_LOGGER.removeHandler(LEAK_HANDLER);
    assertThat(LEAK_WARNINGS).isEmpty();
  }

  @BeforeEach
  void start() throws IOException {
    server = new LocalServer();
    plain = new OkHttpClient.Builder()
        .connectionPool(new ConnectionPool(5, 200, TimeUnit.MILLISECONDS))
        .retryOnConnectionFailure(false)
        .build();
    client = plain.newBuilder().addInterceptor(ApiErrorsInterceptor.create()).build();
  }

  @AfterEach
  void everyConnectionIsIdleAgain() throws InterruptedException {
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (plain.dispatcher().runningCallsCount() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      ConnectionPool pool = plain.connectionPool(); // shared by both clients
      assertThat(pool.connectionCount()).as("connections still in use").isEqualTo(pool.idleConnectionCount());
    } finally {
      plain.connectionPool().evictAll();
      server.close();
    }
  }

  private Request get(String pathAndQuery) {
    return new Request.Builder().url(server.url(pathAndQuery)).build();
  }

  @Test
  void okHttpOnTheClassPathIsReally412() {
    assertThat(OkHttp.VERSION).isEqualTo("4.12.0");
    assertThat(OkHttpClient.class.getProtectionDomain().getCodeSource().getLocation().toString())
        .endsWith("okhttp-4.12.0.jar");
  }

  @Test
  void executeThrowsTheTypedException() {
    server.on("/users", 422, Map.of("Content-Type", "application/problem+json"), PROBLEM);

    UnprocessableContentException e = catchThrowableOfType(UnprocessableContentException.class,
        () -> client.newCall(get("/users")).execute());

    assertThat(e.error().format()).isEqualTo("problem_json");
    assertThat(e.getMessage()).isEqualTo("422 Validation failed: name is required");
    assertThat(e.error().requestMethod()).hasValue("GET");
  }

  @Test
  void enqueueDeliversTheTypedExceptionToOnFailure() throws Exception {
    server.on("/users", 404, Map.of(), "");
    CompletableFuture<Response> outcome = new CompletableFuture<>();

    client.newCall(get("/users")).enqueue(new Callback() {
      @Override
      public void onFailure(Call call, IOException e) {
        outcome.completeExceptionally(e);
      }

      @Override
      public void onResponse(Call call, Response response) {
        outcome.complete(response);
      }
    });

    assertThat(failureOf(outcome)).isExactlyInstanceOf(NotFoundException.class);
  }

  @Test
  void asyncCallerDeliversTheTypedExceptionWithOrWithoutTheInterceptor() throws Exception {
    server.on("/limited", 429, Map.of("Retry-After", "7"), "{\"message\":\"slow down\"}");

    Throwable viaInterceptor = failureOf(AsyncCaller.of(client).execute(get("/limited")));
    Throwable viaCaller = failureOf(AsyncCaller.of(plain).execute(get("/limited")));

    for (Throwable failure : List.of(viaInterceptor, viaCaller)) {
      assertThat(failure).isExactlyInstanceOf(TooManyRequestsException.class).hasMessage("429 Too Many Requests: slow down");
      assertThat(((ApiException) failure).error().retryAfterMillis()).hasValue(7000);
    }
  }

  @Test
  void successPassesThroughWithItsBody() throws Exception {
    server.on("/ok", 200, Map.of("Content-Type", "text/plain"), "fine");
    server.on("/none", 204, Map.of(), "");

    try (Response ok = client.newCall(get("/ok")).execute();
        Response none = AsyncCaller.of(plain).execute(get("/none")).get(10, TimeUnit.SECONDS)) {
      assertThat(ok.body().string()).isEqualTo("fine");
      assertThat(none.code()).isEqualTo(204);
    }
  }

  @Test
  void errorBodyIsCutAtTheLimitTheResponseClosedAndTheServersWriteCut() throws Exception {
    long length = 64L * 1024 * 1024;
    AtomicLong written = new AtomicLong();
    AtomicReference<@Nullable IOException> writeFailure = new AtomicReference<>();
    CountDownLatch writeEnded = new CountDownLatch(1);
    server.on("/huge", exchange -> {
      exchange.sendResponseHeaders(500, length);
      byte[] chunk = new byte[8192];
      java.util.Arrays.fill(chunk, (byte) 'x');
      try (OutputStream out = exchange.getResponseBody()) {
        while (written.get() < length) {
          out.write(chunk);
          written.addAndGet(chunk.length);
        }
      } catch (IOException e) {
        writeFailure.set(e);
      } finally {
        writeEnded.countDown();
      }
    });
    OkHttpClient limited = plain.newBuilder().addInterceptor(ApiErrorsInterceptor.builder()
        .decoder(ErrorDecoder.builder().maxBodyBytes(4096).build()).build()).build();

    InternalServerErrorException e = catchThrowableOfType(InternalServerErrorException.class,
        () -> limited.newCall(get("/huge")).execute());

    assertThat(e.error().rawBody()).hasSize(4096);
    assertThat(e.error().truncated()).isTrue();
    assertThat(writeEnded.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(writeFailure.get()).isInstanceOf(IOException.class);
    assertThat(written.get()).isLessThan(length / 4);
  }

  @Test
  void gzipErrorBodyIsDecompressedWhenTheCallerSetAcceptEncoding() {
    byte[] gzipped = gzip(PROBLEM.getBytes(StandardCharsets.UTF_8));
    server.on("/gz", exchange -> LocalServer.respond(exchange, 422,
        Map.of("Content-Type", "application/problem+json", "Content-Encoding", "gzip"), gzipped));

    UnprocessableContentException e = catchThrowableOfType(UnprocessableContentException.class,
        () -> client.newCall(get("/gz").newBuilder().header("Accept-Encoding", "gzip").build()).execute());

    assertThat(e.error().detail()).hasValue("name is required");
  }

  @Test
  void onThePlainPathTheSdkAsksForGzipItselfAndGunzipsSuccessesAsOkHttpWould() throws Exception {
    byte[] gzipped = gzip(PROBLEM.getBytes(StandardCharsets.UTF_8));
    server.on("/gz-error", exchange -> LocalServer.respond(exchange, 422,
        Map.of("Content-Type", "application/problem+json", "Content-Encoding", "gzip"), gzipped));
    server.on("/gz-ok", exchange -> LocalServer.respond(exchange, 200,
        Map.of("Content-Type", "text/plain", "Content-Encoding", "gzip"), gzip("fine".getBytes(StandardCharsets.UTF_8))));

    UnprocessableContentException e = catchThrowableOfType(UnprocessableContentException.class,
        () -> client.newCall(get("/gz-error")).execute());
    try (Response ok = client.newCall(get("/gz-ok")).execute()) {
      assertThat(ok.body().string()).isEqualTo("fine");
      assertThat(ok.header("Content-Encoding")).isNull();
    }

    assertThat(e.error().detail()).hasValue("name is required");
  }

  @Test
  void addToStopsOkHttpsOwnResendOfA503WithRetryAfterZero() {
    AtomicInteger requests = new AtomicInteger();
    server.on("/busy", exchange -> {
      requests.incrementAndGet();
      LocalServer.respond(exchange, 503, Map.of("Retry-After", "0"), new byte[0]);
    });
    OkHttpClient shielded = ApiErrorsInterceptor.create().addTo(plain.newBuilder()).build();

    ServiceUnavailableException viaAddTo = catchThrowableOfType(ServiceUnavailableException.class,
        () -> shielded.newCall(get("/busy")).execute());
    int afterAddTo = requests.get();
    ServiceUnavailableException viaPlain = catchThrowableOfType(ServiceUnavailableException.class,
        () -> client.newCall(get("/busy")).execute());

    assertThat(afterAddTo).isEqualTo(1);
    assertThat(viaAddTo.attempts()).isEqualTo(1);
    assertThat(requests.get() - afterAddTo).isEqualTo(2); // OkHttp's own resend, counted:
    assertThat(viaPlain.attempts()).isEqualTo(2);
  }

  @Test
  void aRetryAfterOkHttpCannotParseEndsInAnIOExceptionOnThePlainPath() {
    server.on("/huge", 503, Map.of("Retry-After", "123456789012345678901234567890"), "");

    IOException e = catchThrowableOfType(IOException.class, () -> client.newCall(get("/huge")).execute());

    assertThat(e).hasCauseInstanceOf(NumberFormatException.class);
  }

  @Test
  void secretQueryParametersAreRedacted() {
    server.on("/things", 400, Map.of(), "key AKIA1234567890 rejected");

    ApiException e = catchThrowableOfType(ApiException.class,
        () -> client.newCall(get("/things?api_key=AKIA1234567890&page=2")).execute());

    assertThat(e.error().requestUrl().orElseThrow()).contains("api_key=[REDACTED]", "page=2")
        .doesNotContain("AKIA1234567890");
    assertThat(e.getMessage()).doesNotContain("AKIA1234567890");
    assertThat(e.error().toString()).doesNotContain("AKIA1234567890");
  }

  private static Throwable failureOf(CompletableFuture<Response> future) throws Exception {
    try {
      future.get(10, TimeUnit.SECONDS).close();
      throw new AssertionError("expected the call to fail");
    } catch (ExecutionException e) {
      return e.getCause();
    }
  }

  private static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return out.toByteArray();
  }
}
