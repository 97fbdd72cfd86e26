package dev.apierrors.okhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.apierrors.ApiException;
import dev.apierrors.BadGatewayException;
import dev.apierrors.ErrorDecoder;
import dev.apierrors.InternalServerErrorException;
import dev.apierrors.ServiceUnavailableException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okio.BufferedSink;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Broken, slow and huge responses: each has one clear outcome, and no connection leaks. */
@ExtendWith(NoLeakedConnections.class)
class FaultsTest {
  private static final String BODY_1000 = "x".repeat(1000);

  @StartStop final MockWebServer server = TestHttp.newServer();

  private Request get() {
    return new Request.Builder().url(server.url("/")).build();
  }

  @ParameterizedTest
  @EnumSource(CallMode.class)
  void disconnectBeforeTheRequestIsReadIsAnIoFailureNotAnApiError(CallMode mode) {
    server.enqueue(new MockResponse.Builder().onRequestStart(new SocketEffect.CloseSocket()).build());

    Throwable failure = catchThrowable(() -> mode.call(get()));

    assertThat(failure).isInstanceOf(IOException.class).isNotInstanceOf(ApiException.class);
  }

  @ParameterizedTest
  @EnumSource(CallMode.class)
  void disconnectAfterTheRequestBeforeAnyResponseIsAnIoFailureNotAnApiError(CallMode mode) {
    server.enqueue(new MockResponse.Builder().code(500).onResponseStart(new SocketEffect.CloseSocket()).build());

    Throwable failure = catchThrowable(() -> mode.call(get()));

    assertThat(failure).isInstanceOf(IOException.class).isNotInstanceOf(ApiException.class);
  }

  @ParameterizedTest
  @EnumSource(CallMode.class)
  void disconnectDuringTheErrorBodyStillGivesTheTypedExceptionWithWhatArrived(CallMode mode) {
    // MockWebServer cuts the connection once half of the body is written.
    server.enqueue(new MockResponse.Builder().code(502).setHeader("Content-Type", "text/plain")
        .body(BODY_1000).onResponseBody(new SocketEffect.CloseSocket()).build());

    BadGatewayException e = catchThrowableOfType(BadGatewayException.class, () -> mode.call(get()));

    assertThat(e.error().format()).isEqualTo("plain_text");
    assertThat(e.error().rawBody()).hasSizeLessThan(1000);
    assertThat(BODY_1000).startsWith(e.error().rawBodyText());
    assertThat(e.error().truncated()).isFalse();
  }

  @ParameterizedTest
  @EnumSource(CallMode.class)
  void aTricklingErrorBodyIsReadToItsEndAndDecoded(CallMode mode) {
    String body = "{\"message\":\"" + "slow ".repeat(20).strip() + "\"}";
    server.enqueue(new MockResponse.Builder().code(503).setHeader("Content-Type", "application/json")
        .body(body).throttleBody(16, 5, TimeUnit.MILLISECONDS).build());

    ServiceUnavailableException e = catchThrowableOfType(ServiceUnavailableException.class, () -> mode.call(get()));

    assertThat(e.error().format()).isEqualTo("message");
    assertThat(e.error().rawBodyText()).isEqualTo(body);
  }

  @ParameterizedTest
  @EnumSource(CallMode.class)
  void noResponseWithinTheReadTimeoutIsASocketTimeout(CallMode mode) {
    server.enqueue(new MockResponse.Builder().code(500).headersDelay(5, TimeUnit.SECONDS).build());

    Throwable failure = catchThrowable(() -> mode.call(
        TestHttp.clientBuilder().readTimeout(100, TimeUnit.MILLISECONDS), ApiErrorsInterceptor.create(), get()));

    assertThat(failure).isInstanceOf(InterruptedIOException.class).isNotInstanceOf(ApiException.class);
  }

  @ParameterizedTest
  @EnumSource(CallMode.class)
  void anErrorBodyThatStallsPastTheReadTimeoutGivesTheTypedExceptionWithWhatArrived(CallMode mode) {
    server.enqueue(new MockResponse.Builder().code(500).body(BODY_1000)
        .onResponseBody(SocketEffect.Stall.INSTANCE).build());

    // Long enough that the headers, sent at once, arrive in time on a loaded machine.
    InternalServerErrorException e = catchThrowableOfType(InternalServerErrorException.class, () -> mode.call(
        TestHttp.clientBuilder().readTimeout(750, TimeUnit.MILLISECONDS), ApiErrorsInterceptor.create(), get()));

    assertThat(e.error().rawBody()).hasSizeLessThan(1000);
    assertThat(BODY_1000).startsWith(e.error().rawBodyText());
  }

  @ParameterizedTest
  @EnumSource(CallMode.class)
  void aHundredMegabyteErrorBodyIsCutAtTheLimitAndTheServersWriteIsCut(CallMode mode) throws Exception {
    StreamingBody huge = new StreamingBody(100L * 1024 * 1024);
    server.enqueue(new MockResponse.Builder().code(500).setHeader("Content-Type", "text/plain")
        .body(huge).build());

    InternalServerErrorException e = catchThrowableOfType(InternalServerErrorException.class, () -> mode.call(get()));

    assertThat(e.error().rawBody()).hasSize(ErrorDecoder.DEFAULT_MAX_BODY_BYTES);
    assertThat(e.error().truncated()).isTrue();
    assertThat(huge.finished.await(10, TimeUnit.SECONDS)).as("server write ended").isTrue();
    assertThat(huge.failure.get()).as("the server's write failed: the client closed the connection")
        .isInstanceOf(IOException.class);
    // What the server got written is the limit plus what the sockets' kernel buffers held
    // (a few MB on loopback), not what OkHttp would drain to save the connection (tens of MB).
    assertThat(huge.written.get()).isLessThan(huge.length / 5);
  }

  @Test
  void anErrorBodyReadToItsEndLeavesTheConnectionForTheNextCall() throws Exception {
    OkHttpClient client = TestHttp.client();
    server.enqueue(TestHttp.response(400, "text/plain", "short"));
    server.enqueue(TestHttp.response(200, "text/plain", "ok"));

    catchThrowableOfType(ApiException.class, () -> client.newCall(get()).execute());
    try (Response second = client.newCall(get()).execute()) {
      assertThat(second.body().string()).isEqualTo("ok");
    }

    RecordedRequest first = server.takeRequest();
    RecordedRequest next = server.takeRequest();
    assertThat(next.getConnectionIndex()).isEqualTo(first.getConnectionIndex());
  }

  @Test
  void anErrorBodyCutAtTheLimitIsNotReadFurtherAndItsConnectionIsDiscarded() throws Exception {
    int limit = 1024;
    OkHttpClient client = TestHttp.track(TestHttp.clientBuilder().addInterceptor(ApiErrorsInterceptor.builder()
        .decoder(ErrorDecoder.builder().maxBodyBytes(limit).build()).build()));
    server.enqueue(TestHttp.response(400, "text/plain", "y".repeat(10 * limit)));
    server.enqueue(TestHttp.response(200, "text/plain", "ok"));

    ApiException e = catchThrowableOfType(ApiException.class, () -> client.newCall(get()).execute());
    try (Response second = client.newCall(get()).execute()) {
      assertThat(second.body().string()).isEqualTo("ok");
    }

    assertThat(e.error().rawBody()).hasSize(limit);
    assertThat(e.error().truncated()).isTrue();
    RecordedRequest first = server.takeRequest();
    RecordedRequest next = server.takeRequest();
    assertThat(next.getConnectionIndex()).isNotEqualTo(first.getConnectionIndex());
  }

  @Test
  void overHttp2AnErrorBodyCutAtTheLimitResetsOnlyItsStream() throws Exception {
    server.setProtocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE));
    OkHttpClient client = TestHttp.track(TestHttp.clientBuilder()
        .protocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE))
        .addInterceptor(ApiErrorsInterceptor.builder()
            .decoder(ErrorDecoder.builder().maxBodyBytes(1024).build()).build()));
    server.enqueue(TestHttp.response(500, "text/plain", "z".repeat(1024 * 1024)));
    server.enqueue(TestHttp.response(200, "text/plain", "ok"));

    ApiException e = catchThrowableOfType(ApiException.class, () -> client.newCall(get()).execute());
    try (Response second = client.newCall(get()).execute()) {
      assertThat(second.protocol()).isEqualTo(Protocol.H2_PRIOR_KNOWLEDGE);
      assertThat(second.body().string()).isEqualTo("ok");
    }

    assertThat(e.error().rawBody()).hasSize(1024);
    assertThat(e.error().truncated()).isTrue();
    RecordedRequest first = server.takeRequest();
    RecordedRequest next = server.takeRequest();
    assertThat(next.getConnectionIndex()).isEqualTo(first.getConnectionIndex());
  }

  @Test
  void aBodyLimitOfZeroDecodesTheStatusAlone() {
    OkHttpClient client = TestHttp.track(TestHttp.clientBuilder().addInterceptor(ApiErrorsInterceptor.builder()
        .decoder(ErrorDecoder.builder().maxBodyBytes(0).build()).build()));
    server.enqueue(TestHttp.response(500, "application/json", "{\"message\":\"hidden\"}"));

    ApiException e = catchThrowableOfType(ApiException.class, () -> client.newCall(get()).execute());

    assertThat(e.error().rawBody()).isEmpty();
    assertThat(e.error().truncated()).isTrue();
    assertThat(e.getMessage()).isEqualTo("500 Internal Server Error");
  }

  /** A body streamed in 8 KiB writes, never held whole, that records how far it got. */
  static final class StreamingBody implements MockResponseBody {
    final long length;
    final AtomicLong written = new AtomicLong();
    final AtomicReference<@Nullable IOException> failure = new AtomicReference<>();
    final CountDownLatch finished = new CountDownLatch(1);
    private final byte[] chunk = "0123456789abcdef".repeat(512).getBytes(StandardCharsets.US_ASCII);

    StreamingBody(long length) {
      this.length = length;
    }

    @Override
    public long getContentLength() {
      return length;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      try {
        while (written.get() < length) {
          int n = (int) Math.min(chunk.length, length - written.get());
          sink.write(chunk, 0, n);
          sink.flush();
          written.addAndGet(n);
        }
      } catch (IOException e) {
        failure.set(e);
        throw e;
      } finally {
        finished.countDown();
      }
    }
  }
}
