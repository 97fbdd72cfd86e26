package dev.apierrors.okhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.apierrors.ApiException;
import dev.apierrors.ErrorDecoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile error bodies from a raw-socket server, with the SDK's default limits, in a
 * 64 MiB heap (this class runs in the {@code small-heap} Surefire execution, {@code -Xmx64m}),
 * under no client timeouts at all, with and without {@code addTo}, OkHttp asking for gzip
 * itself: every call ends with the typed exception, truncated, having pulled at most the
 * compressed-input limit (plus what the socket read ahead) from the server, well before
 * the body read timeout, except the trickle, which that timeout ends; nothing is thrown on
 * an OkHttp thread.
 *
 * <p>Run alone, printing each case's figures: {@code HOSTILE_REPORT=1 mvn -B -ntp -o -pl okhttp-adapter -am test
 * -Dtest=HostileBodyTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("small-heap")
@ExtendWith(NoLeakedConnections.class)
class HostileBodyTest {
  /** Every default: 256 KiB decoded, 1 MiB compressed, 10 s. */
  private static final ErrorDecoder DEFAULTS = ErrorDecoder.ofDefaults();
  /** For the cases only the clock ends, shortened so that they are quick. */
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(1);
  private static final ErrorDecoder QUICK = ErrorDecoder.builder().bodyReadTimeout(READ_TIMEOUT).build();
  /** okio's segments read a little ahead of what the SDK consumed. */
  private static final long READ_AHEAD = 64 * 1024;
  /** The server stops here whatever the client does, so a broken bound fails instead of hanging. */
  private static final long SERVER_CAP = 8L << 30;
  private static final Duration SERVER_TIME_CAP = Duration.ofSeconds(15);

  private static final byte[] EMPTY_BLOCK = {0x00, 0x00, 0x00, (byte) 0xff, (byte) 0xff};

  enum Install { ADD_TO, PLAIN }

  enum Path {
    EXECUTE, ENQUEUE, ASYNC_CALLER,
    /** An AsyncCaller on a client without the SDK's interceptor: the caller decodes itself. */
    ASYNC_CALLER_ON_A_BARE_CLIENT
  }

  enum Bomb {
    GZIP_ENDLESS_FNAME("gzip", () -> HostileServer.endless(gzipHeader(8), new byte[] {'a'})),
    GZIP_ENDLESS_FCOMMENT("gzip", () -> HostileServer.endless(gzipHeader(16), new byte[] {'a'})),
    GZIP_MEMBERS_OF_FEXTRA_ONLY("gzip", () -> HostileServer.endless(new byte[0], emptyMemberWithMaxExtra())),
    GZIP_OF_EMPTY_BLOCKS("gzip", () -> HostileServer.endless(gzipHeader(0), EMPTY_BLOCK)),
    DEFLATE_OF_EMPTY_BLOCKS("deflate", () -> HostileServer.endless(new byte[] {0x78, (byte) 0x9c}, EMPTY_BLOCK)),
    /** 16 KB on the wire whose outer gzip holds 16 MiB of an endless inner gzip. */
    GZIP_GZIP_INNER_BOMB("gzip, gzip", () -> HostileServer.once(ContentEncodingTest.gzip(emptyGzipPrefix(16 << 20)))),
    UNKNOWN_CODING("br", () -> HostileServer.endless(new byte[0], "not brotli ".getBytes(StandardCharsets.UTF_8))),
    TRICKLE_FOREVER("", () -> HostileServer.trickle("{\"title\":\"slow\",\"detail\":\"", Duration.ofMillis(20)));

    final String coding;
    final Supplier<HostileServer.Body> body;

    Bomb(String coding, Supplier<HostileServer.Body> body) {
      this.coding = coding;
      this.body = body;
    }

  }

  static Stream<Arguments> cases() {
    return Stream.of(Bomb.values()).flatMap(bomb -> Stream.of(Install.values())
        .flatMap(install -> Stream.of(Path.values())
            // addTo installs the interceptor: a bare client is the plain install without it.
            .filter(path -> install == Install.PLAIN || path != Path.ASYNC_CALLER_ON_A_BARE_CLIENT)
            .map(path -> Arguments.of(bomb, install, path))));
  }

  private final List<Throwable> uncaught = new CopyOnWriteArrayList<>();
  private Thread.@org.jspecify.annotations.Nullable UncaughtExceptionHandler previousHandler;

  @BeforeEach
  void recordUncaughtExceptions() {
    previousHandler = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler((thread, e) -> uncaught.add(e));
  }

  @AfterEach
  void restoreHandler() {
    Thread.setDefaultUncaughtExceptionHandler(previousHandler);
  }

  @ParameterizedTest(name = "{0}, {1}, {2}")
  @MethodSource("cases")
  void hostileErrorBodyEndsBoundedWithTheTypedException(Bomb bomb, Install install, Path path) throws Exception {
    String head = "HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\n"
        + (bomb.coding.isEmpty() ? "" : "Content-Encoding: " + bomb.coding + "\r\n")
        + "Connection: close\r\n\r\n";
    CountingSocketFactory sockets = new CountingSocketFactory();
    boolean clockEndsIt = bomb == Bomb.TRICKLE_FOREVER;
    ErrorDecoder decoder = clockEndsIt ? QUICK : DEFAULTS;
    ApiErrorsInterceptor errors = ApiErrorsInterceptor.builder().decoder(decoder).build();
    OkHttpClient.Builder builder = TestHttp.clientBuilder()
        .socketFactory(sockets)
        .readTimeout(0, TimeUnit.MILLISECONDS) // no timeout of the client's: the SDK's bounds alone
        .callTimeout(0, TimeUnit.MILLISECONDS);
    OkHttpClient client = TestHttp.track(install == Install.ADD_TO ? errors.addTo(builder)
        : path == Path.ASYNC_CALLER_ON_A_BARE_CLIENT ? builder : builder.addInterceptor(errors));

    try (HostileServer server = new HostileServer(head, bomb.body.get(), SERVER_CAP, SERVER_TIME_CAP)) {
      Request request = new Request.Builder().url(server.url()).build();
      long start = System.nanoTime();

      Throwable failure = catchThrowable(() -> send(path, client, request, decoder).close());

      long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      NoLeakedConnections.awaitCallsEnded(client);
      assertThat(failure).isInstanceOf(ApiException.class);
      ApiException e = (ApiException) failure;
      assertThat(e.status()).isEqualTo(500);
      assertThat(server.requestCount()).isEqualTo(1);
      if (System.getenv("HOSTILE_REPORT") != null) {
        System.out.printf("%-28s %-6s %-12s pulled %,9d B  sent %,11d B  %,5d ms  body %,7d B  max heap %d MiB%n",
            bomb, install, path, sockets.received(), server.bodyBytesSent(), elapsedMillis,
            e.error().rawBody().length, Runtime.getRuntime().maxMemory() >> 20);
      }
      assertThat(uncaught).as("thrown on an OkHttp thread").isEmpty();
      assertThat(e.error().truncated()).isTrue();
      assertThat(sockets.received()).as("bytes pulled from the server")
          .isLessThanOrEqualTo(decoder.maxCompressedBodyBytes() + READ_AHEAD);
      if (clockEndsIt) {
        assertThat(elapsedMillis).isBetween(READ_TIMEOUT.toMillis() - 50, READ_TIMEOUT.toMillis() + 3_000);
        assertThat(e.error().rawBodyText()).startsWith("{\"title\":\"slow\"");
      } else {
        assertThat(elapsedMillis).as("ended by the input bound, not the clock")
            .isLessThan(decoder.bodyReadTimeout().toMillis() / 2);
      }
    }
  }

  static Stream<Arguments> installsAndPaths() {
    return Stream.of(Install.values()).flatMap(install -> Stream.of(Path.values())
        .filter(path -> install == Install.PLAIN || path != Path.ASYNC_CALLER_ON_A_BARE_CLIENT)
        .map(path -> Arguments.of(install, path)));
  }

  /**
   * A {@code Content-Type} of 200,000 parameters without a value, then a charset: read in
   * one pass on every path (read once per parameter, it took seconds of CPU per error).
   */
  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("installsAndPaths")
  @org.junit.jupiter.api.Timeout(60)
  void aContentTypeOfTwoHundredThousandParametersIsReadInOnePass(Install install, Path path) throws Exception {
    String head = "HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json" + ";".repeat(200_000)
        + "charset=utf-8\r\nConnection: close\r\n\r\n";
    ApiErrorsInterceptor errors = ApiErrorsInterceptor.builder().decoder(DEFAULTS).build();
    OkHttpClient.Builder builder = TestHttp.clientBuilder();
    OkHttpClient client = TestHttp.track(install == Install.ADD_TO ? errors.addTo(builder)
        : path == Path.ASYNC_CALLER_ON_A_BARE_CLIENT ? builder : builder.addInterceptor(errors));
    byte[] body = "{\"title\":\"hostile header\",\"detail\":\"caf\u00e9\"}".getBytes(StandardCharsets.UTF_8);

    try (HostileServer server = new HostileServer(head, HostileServer.once(body), SERVER_CAP, SERVER_TIME_CAP)) {
      Throwable failure = catchThrowable(
          () -> send(path, client, new Request.Builder().url(server.url()).build(), DEFAULTS).close());

      NoLeakedConnections.awaitCallsEnded(client);
      assertThat(failure).isInstanceOfSatisfying(ApiException.class, e -> {
        assertThat(e.status()).isEqualTo(500);
        assertThat(e.error().title()).isEqualTo("hostile header");
        assertThat(e.error().detail()).hasValue("caf\u00e9");
      });
      assertThat(uncaught).as("thrown on an OkHttp thread").isEmpty();
    }
  }

  private static okhttp3.Response send(Path path, OkHttpClient client, Request request, ErrorDecoder decoder)
      throws IOException {
    return switch (path) {
      case EXECUTE -> client.newCall(request).execute();
      case ENQUEUE -> TestHttp.await(TestHttp.enqueue(client.newCall(request)));
      case ASYNC_CALLER -> TestHttp.await(AsyncCaller.of(client).execute(request));
      case ASYNC_CALLER_ON_A_BARE_CLIENT -> TestHttp.await(AsyncCaller.builder(client).decoder(decoder).build().execute(request));
    };
  }

  private static byte[] gzipHeader(int flags) {
    return new byte[] {0x1f, (byte) 0x8b, 8, (byte) flags, 0, 0, 0, 0, 0, (byte) 0xff};
  }

  /** One gzip member of nothing, carrying a 65,535-byte FEXTRA field. */
  private static byte[] emptyMemberWithMaxExtra() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(gzipHeader(4));
    out.write(0xff);
    out.write(0xff);
    out.writeBytes(new byte[0xffff]);
    out.writeBytes(new byte[] {0x01, 0x00, 0x00, (byte) 0xff, (byte) 0xff}); // the final, empty block
    out.writeBytes(new byte[8]); // CRC-32 and size of nothing
    return out.toByteArray();
  }

  /** {@code n} bytes of a gzip stream of empty deflate blocks that never ends. */
  private static byte[] emptyGzipPrefix(int n) {
    byte[] header = gzipHeader(0);
    byte[] out = new byte[n];
    for (int i = 0; i < n; i++) {
      out[i] = i < header.length ? header[i] : EMPTY_BLOCK[(i - header.length) % EMPTY_BLOCK.length];
    }
    return out;
  }
}
