package dev.apierrors.okhttp;

import java.util.Locale;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.GzipSource;
import okio.Okio;

/**
 * OkHttp's transparent gzip, done by the SDK's application interceptor instead of below
 * it. OkHttp asks for gzip itself when the caller did not, and then gunzips every response
 * with okio's {@code GzipSource}, before any application interceptor sees the body: that
 * source buffers a gzip header's file name or comment without limit, so a hostile error
 * response could fill the heap. Asking for gzip here turns OkHttp's own gunzip off (it
 * decompresses only what it asked for): error bodies then reach the SDK compressed and are
 * decompressed bounded; successful ones are gunzipped here exactly as OkHttp would have
 * (same condition, same {@code GzipSource}, {@code Content-Encoding} and
 * {@code Content-Length} removed, the caller's request in {@code response.request()}); a
 * successful response that is not gzip-encoded is returned as it came.
 *
 * <p>The body of a successful response is still not read: it is wrapped, lazily, as OkHttp
 * wraps it.
 */
final class TransparentGzip {
  private TransparentGzip() {}

  /** {@code request} asking for gzip when OkHttp would have asked for it itself; else {@code request}. */
  static Request ask(Request request) {
    if (request.header("Accept-Encoding") != null || request.header("Range") != null) {
      return request;
    }
    return request.newBuilder().header("Accept-Encoding", "gzip").build();
  }

  /**
   * The successful response as OkHttp's transparent gzip would have given it for
   * {@code callersRequest}, when {@code asked} is the request {@link #ask} made for it.
   */
  static Response undo(Request callersRequest, Request asked, Response response) {
    if (asked == callersRequest) {
      return response; // the caller chose the encoding: nothing is undone, as with OkHttp
    }
    ResponseBody body = response.body();
    String coding = response.header("Content-Encoding");
    if (body == null || coding == null || !coding.toLowerCase(Locale.ROOT).equals("gzip") || !promisesBody(response)) {
      // Returned as it came, not copied: its request() names the Accept-Encoding asked for,
      // as sent on the wire.
      return response;
    }
    return response.newBuilder()
        .request(callersRequest)
        .headers(response.headers().newBuilder().removeAll("Content-Encoding").removeAll("Content-Length").build())
        .body(ResponseBody.create(Okio.buffer(new GzipSource(body.source())), body.contentType(), -1L))
        .build();
  }

  /** OkHttp's rule for a response that has a body (RFC 9110): not HEAD, not 1xx, 204 or 304. */
  private static boolean promisesBody(Response response) {
    int code = response.code();
    return !response.request().method().equals("HEAD")
        && (code < 100 || code >= 200) && code != 204 && code != 304;
  }
}
