package dev.apierrors.benchmarks;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Okio;

/**
 * Responses as OkHttp hands them to an application interceptor, built without a network.
 * An error body is a stream over the bytes (read through okio's buffers, as a socket's
 * bytes would be), with its {@code Content-Length}, so the SDK's bounded read does the
 * work it does on a real call.
 */
final class Canned {
  /** A client that is never used to send: it only makes the {@code Call} a chain reports. */
  static final OkHttpClient IDLE_CLIENT = new OkHttpClient();

  static final Request REQUEST = new Request.Builder()
      .url(Views.URL)
      .header("Authorization", "Bearer benchmark-token-0123456789abcdef")
      .header("Accept", "application/json")
      .build();

  private Canned() {}

  /** The response headers a typical API sends with an error. */
  static Headers errorHeaders(Bodies.Body body, long contentLength) {
    return new Headers.Builder()
        .add("Content-Type", body.contentType())
        .add("Content-Length", Long.toString(contentLength))
        .add("Date", "Tue, 01 Dec 2026 21:50:00 GMT")
        .add("X-Request-Id", "req_8f2b1c9d0e")
        .build();
  }

  /** A fresh error response streaming {@code bytes} (a response body can be read once). */
  static Response error(Request request, int status, Headers headers, byte[] bytes, MediaType type) {
    ResponseBody body = ResponseBody.create(
        Okio.buffer(Okio.source(new ByteArrayInputStream(bytes))), type, bytes.length);
    return new Response.Builder()
        .request(request)
        .protocol(Protocol.HTTP_1_1)
        .code(status)
        .message("Error")
        .headers(headers)
        .body(body)
        .sentRequestAtMillis(1)
        .receivedResponseAtMillis(2)
        .build();
  }

  /** A 200 whose body is never read on the success path. */
  static Response ok(Request request) {
    return new Response.Builder()
        .request(request)
        .protocol(Protocol.HTTP_1_1)
        .code(200)
        .message("OK")
        .header("Content-Type", "application/json")
        .body(ResponseBody.create("{\"id\":42}".getBytes(StandardCharsets.UTF_8), MediaType.get("application/json")))
        .build();
  }
}
