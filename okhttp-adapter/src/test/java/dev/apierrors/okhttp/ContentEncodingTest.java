package dev.apierrors.okhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.apierrors.ApiException;
import dev.apierrors.ErrorDecoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okhttp3.Request;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Compressed error bodies. OkHttp decompresses transparently only when it asked for gzip
 * itself; when the caller sets {@code Accept-Encoding}, the adapter undoes the coding.
 */
@ExtendWith(NoLeakedConnections.class)
class ContentEncodingTest {
  private static final String PROBLEM =
      "{\"type\":\"https://example.com/probs/quota\",\"title\":\"Quota exceeded\",\"detail\":\"Try tomorrow\"}";

  /** 16 MiB of zeros in ~16 KB; made once for the class. */
  private static final byte[] GZIP_BOMB = gzip(new byte[16 * 1024 * 1024]);

  @StartStop final MockWebServer server = TestHttp.newServer();

  private Request request(String acceptEncoding) {
    return new Request.Builder().url(server.url("/")).header("Accept-Encoding", acceptEncoding).build();
  }

  private static MockResponse compressed(int status, String coding, byte[] body) {
    return new MockResponse.Builder().code(status)
        .setHeader("Content-Type", "application/problem+json")
        .setHeader("Content-Encoding", coding)
        .body(new Buffer().write(body)).build();
  }

  @ParameterizedTest
  @EnumSource(CallMode.class)
  void gzipBodyIsDecompressedWhenTheCallerSetAcceptEncoding(CallMode mode) {
    server.enqueue(compressed(429, "gzip", gzip(PROBLEM.getBytes(StandardCharsets.UTF_8))));

    ApiException e = catchThrowableOfType(ApiException.class, () -> mode.call(request("gzip")));

    assertThat(e.error().format()).isEqualTo("problem_json");
    assertThat(e.error().title()).isEqualTo("Quota exceeded");
    assertThat(e.error().rawBodyText()).isEqualTo(PROBLEM);
  }

  @ParameterizedTest
  @EnumSource(CallMode.class)
  void gzipBodyIsDecompressedByOkHttpWhenItAskedForGzipItself(CallMode mode) throws Exception {
    server.enqueue(compressed(429, "gzip", gzip(PROBLEM.getBytes(StandardCharsets.UTF_8))));

    ApiException e = catchThrowableOfType(ApiException.class,
        () -> mode.call(new Request.Builder().url(server.url("/")).build()));

    RecordedRequest recorded = server.takeRequest();
    assertThat(recorded.getHeaders().get("Accept-Encoding")).isEqualTo("gzip");
    assertThat(e.error().detail()).hasValue("Try tomorrow");
  }

  @ParameterizedTest
  @EnumSource(CallMode.class)
  void deflateBodyIsInflatedWhetherZlibWrappedOrRaw(CallMode mode) {
    byte[] json = PROBLEM.getBytes(StandardCharsets.UTF_8);
    server.enqueue(compressed(400, "deflate", deflate(json, false)));
    server.enqueue(compressed(400, "deflate", deflate(json, true)));

    ApiException zlib = catchThrowableOfType(ApiException.class, () -> mode.call(request("deflate")));
    ApiException raw = catchThrowableOfType(ApiException.class, () -> mode.call(request("deflate")));

    assertThat(zlib.error().rawBodyText()).isEqualTo(PROBLEM);
    assertThat(raw.error().rawBodyText()).isEqualTo(PROBLEM);
  }

  @Test
  void stackedCodingsAreUndoneInReverseOrder() {
    byte[] twice = gzip(deflate(PROBLEM.getBytes(StandardCharsets.UTF_8), false));
    server.enqueue(compressed(400, "deflate, gzip", twice));

    ApiException e = catchThrowableOfType(ApiException.class, () -> CallMode.EXECUTE.call(request("gzip, deflate")));

    assertThat(e.error().title()).isEqualTo("Quota exceeded");
  }

  @ParameterizedTest
  @EnumSource(CallMode.class)
  void gzipBombCostsNoMoreThanTheLimitOfDecompressedBytes(CallMode mode) {
    int limit = 64 * 1024;
    byte[] bomb = GZIP_BOMB;
    server.enqueue(compressed(500, "gzip", bomb));
    ApiErrorsInterceptor errors = ApiErrorsInterceptor.builder()
        .decoder(ErrorDecoder.builder().maxBodyBytes(limit).build()).build();

    ApiException e = catchThrowableOfType(ApiException.class, () -> mode.call(errors, request("gzip")));

    assertThat(bomb.length).isLessThan(limit);
    assertThat(e.error().rawBody()).hasSize(limit);
    assertThat(e.error().truncated()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(CallMode.class)
  void gzipBodyCutByADisconnectKeepsWhatWasDecompressed(CallMode mode) {
    String text = "line of an error page that goes on\n".repeat(400);
    byte[] stored = gzipStored(text.getBytes(StandardCharsets.UTF_8)); // incompressible framing: cut lands mid-text
    server.enqueue(new MockResponse.Builder().code(503).setHeader("Content-Type", "text/plain")
        .setHeader("Content-Encoding", "gzip").body(new Buffer().write(stored))
        .onResponseBody(new SocketEffect.CloseSocket()).build());

    ApiException e = catchThrowableOfType(ApiException.class, () -> mode.call(request("gzip")));

    assertThat(e.error().rawBodyText()).isNotEmpty();
    assertThat(text).startsWith(e.error().rawBodyText());
    assertThat(e.error().rawBody().length).isLessThan(text.length());
  }

  @Test
  void bodyLabelledGzipThatIsNotGzipIsDecodedAsSent() {
    server.enqueue(new MockResponse.Builder().code(400).setHeader("Content-Encoding", "gzip")
        .body("plain words after all").build());

    ApiException e = catchThrowableOfType(ApiException.class, () -> CallMode.EXECUTE.call(request("gzip")));

    assertThat(e.error().detail()).hasValue("plain words after all");
  }

  @Test
  void emptyBodyLabelledGzipIsEmpty() {
    server.enqueue(new MockResponse.Builder().code(404).setHeader("Content-Encoding", "gzip").build());

    ApiException e = catchThrowableOfType(ApiException.class, () -> CallMode.EXECUTE.call(request("gzip")));

    assertThat(e.error().format()).isEqualTo("empty");
  }

  @Test
  void corruptGzipGivesTheTypedExceptionWithWhatWasDecompressed() {
    byte[] body = gzip(PROBLEM.getBytes(StandardCharsets.UTF_8));
    byte[] corrupt = Arrays.copyOf(body, body.length);
    for (int i = 12; i < corrupt.length - 8; i++) {
      corrupt[i] = (byte) 0xff;
    }
    server.enqueue(compressed(500, "gzip", corrupt));

    ApiException e = catchThrowableOfType(ApiException.class, () -> CallMode.EXECUTE.call(request("gzip")));

    assertThat(e.status()).isEqualTo(500);
    assertThat(PROBLEM).startsWith(e.error().rawBodyText());
  }

  @Test
  void unknownCodingIsLeftAsIs() {
    server.enqueue(new MockResponse.Builder().code(400).setHeader("Content-Encoding", "br")
        .body("not brotli at all").build());

    ApiException e = catchThrowableOfType(ApiException.class, () -> CallMode.EXECUTE.call(request("br")));

    assertThat(e.error().rawBodyText()).isEqualTo("not brotli at all");
  }

  static byte[] gzip(byte[] data) {
    return gzip(data, Deflater.DEFAULT_COMPRESSION);
  }

  /** gzip with no compression, so a cut half-way through the bytes is half-way through the text. */
  static byte[] gzipStored(byte[] data) {
    return gzip(data, Deflater.NO_COMPRESSION);
  }

  private static byte[] gzip(byte[] data, int level) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(out) {
      {
        def.setLevel(level);
      }
    }) {
      gz.write(data);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return out.toByteArray();
  }

  static byte[] deflate(byte[] data, boolean raw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, raw);
    try (OutputStream d = new DeflaterOutputStream(out, deflater)) {
      d.write(data);
    } catch (IOException e) {
      throw new AssertionError(e);
    } finally {
      deflater.end();
    }
    return out.toByteArray();
  }
}
