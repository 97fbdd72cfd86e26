package dev.apierrors.okhttp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * With a plain {@code addInterceptor}, the SDK asks for gzip itself (so that OkHttp's
 * unbounded gunzip never sees an error body) and gunzips successful responses exactly as
 * OkHttp would have.
 */
@ExtendWith(NoLeakedConnections.class)
class TransparentGzipTest {
  @StartStop final MockWebServer server = TestHttp.newServer();

  private final OkHttpClient client = TestHttp.client();

  private static MockResponse gzipped(int status, String text) {
    return new MockResponse.Builder().code(status).setHeader("Content-Type", "text/plain")
        .setHeader("Content-Encoding", "gzip")
        .body(new Buffer().write(ContentEncodingTest.gzip(text.getBytes(StandardCharsets.UTF_8)))).build();
  }

  @Test
  void aGzipSuccessIsGunzippedAsOkHttpWouldHave() throws Exception {
    server.enqueue(gzipped(200, "hello"));
    Request request = new Request.Builder().url(server.url("/")).build();

    try (Response response = client.newCall(request).execute()) {
      assertThat(response.body().string()).isEqualTo("hello");
      assertThat(response.header("Content-Encoding")).isNull();
      assertThat(response.header("Content-Length")).isNull();
      assertThat(response.request().header("Accept-Encoding")).isNull();
      assertThat(response.networkResponse().header("Content-Encoding")).isEqualTo("gzip");
    }
    assertThat(server.takeRequest().getHeaders().get("Accept-Encoding")).isEqualTo("gzip");
  }

  @Test
  void anAsyncCallerOnAClientWithoutTheInterceptorGunzipsASuccessToo() throws Exception {
    server.enqueue(gzipped(200, "hello"));
    OkHttpClient bare = TestHttp.track(TestHttp.clientBuilder());

    try (Response response = TestHttp.await(AsyncCaller.of(bare).execute(
        new Request.Builder().url(server.url("/")).build()))) {
      assertThat(response.body().string()).isEqualTo("hello");
      assertThat(response.header("Content-Encoding")).isNull();
    }
    assertThat(server.takeRequest().getHeaders().get("Accept-Encoding")).isEqualTo("gzip");
  }

  @Test
  void theCallersOwnAcceptEncodingLeavesTheBodyAsSent() throws Exception {
    server.enqueue(gzipped(200, "hello"));
    Request request = new Request.Builder().url(server.url("/")).header("Accept-Encoding", "gzip").build();

    try (Response response = client.newCall(request).execute()) {
      assertThat(response.header("Content-Encoding")).isEqualTo("gzip");
      assertThat(response.body().bytes()).isEqualTo(ContentEncodingTest.gzip("hello".getBytes(StandardCharsets.UTF_8)));
    }
  }

  @Test
  void aRangeRequestIsNotAskedForGzip() throws Exception {
    server.enqueue(new MockResponse.Builder().code(206).body("ell").build());
    Request request = new Request.Builder().url(server.url("/")).header("Range", "bytes=1-3").build();

    try (Response response = client.newCall(request).execute()) {
      assertThat(response.body().string()).isEqualTo("ell");
    }
    RecordedRequest recorded = server.takeRequest();
    assertThat(recorded.getHeaders().get("Accept-Encoding")).isNull();
  }

  @Test
  void aHeadResponseLabelledGzipIsLeftAlone() throws IOException {
    server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Encoding", "gzip").build());
    Request request = new Request.Builder().url(server.url("/")).head().build();

    try (Response response = client.newCall(request).execute()) {
      assertThat(response.header("Content-Encoding")).isEqualTo("gzip");
      assertThat(response.body().bytes()).isEmpty();
    }
  }

  @Test
  void aNoContentResponseLabelledGzipIsLeftAlone() throws IOException {
    server.enqueue(new MockResponse.Builder().code(204).setHeader("Content-Encoding", "gzip").build());
    Request request = new Request.Builder().url(server.url("/")).build();

    try (Response response = client.newCall(request).execute()) {
      assertThat(response.code()).isEqualTo(204);
      assertThat(response.body().bytes()).isEmpty();
    }
  }
}
