package dev.apierrors.okhttp;

import dev.apierrors.ApiException;
import dev.apierrors.ErrorDecoder;
import dev.apierrors.spi.BoundedBody;
import dev.apierrors.spi.HttpHeaders;
import dev.apierrors.spi.ResponseView;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Timeout;

/**
 * The one place where an OkHttp error response is read, closed and decoded, for the
 * interceptor and the non-blocking path alike.
 *
 * <p>Uses only API common to OkHttp 4.12 and 5.x: {@code Response.body()} is nullable
 * in 4.12 (and {@code Response.close()} throws there when it is null), so the body is
 * checked and closed directly.
 */
final class ErrorResponses {
  /** OkHttp follows up at most 20 times; a longer chain of prior responses is not counted further. */
  private static final int MAX_PRIOR_RESPONSES = 20;

  private ErrorResponses() {}

  /**
   * Reads the body within the decoder's bounds ({@link BoundedBody#read(java.io.InputStream,
   * HttpHeaders, ErrorDecoder)}: decoded bytes, compressed input, read time), closes the
   * response, and returns the typed exception for it. Its attempts are 1, plus the
   * requests OkHttp itself sent again for this one ({@link #okHttpResends(Response)}).
   * Never throws: whatever the body holds or does, the exception is returned.
   *
   * @param callRequest the request as the caller made it: its credentials are masked in
   *     the exception's message and {@code toString()}s, as are those of every request
   *     behind {@code response} (see {@link SentSecrets})
   */
  static ApiException toException(Request callRequest, Response response, ErrorDecoder decoder) {
    ResponseBody body = response.body();
    ResponseView view;
    try {
      Request sent = response.request();
      HttpHeaders headers = NetworkShield.originalHeaders(response.headers());
      ResponseView.Builder b = ResponseView.builder(response.code())
          .request(sent.method(), sent.url().toString())
          .secrets(SentSecrets.of(callRequest, response))
          .headers(headers);
      if (body != null) {
        b.body(readBounded(body, headers, decoder));
      }
      view = b.build();
    } finally {
      // Before decoding: the connection (and any buffer below the body) is let go at once.
      if (body != null) {
        abandon(body);
      }
    }
    ApiException e = decoder.toException(view);
    int resends = okHttpResends(response);
    return resends == 0 ? e : e.withAttempts(1 + resends);
  }

  /**
   * {@code chain.proceed(request)} from an application interceptor, with two protections
   * against OkHttp's own handling below it:
   * <ul>
   *   <li>with a plain {@code addInterceptor}, its transparent gzip is done here
   *       ({@link TransparentGzip}), so that an error body reaches the SDK as sent and is
   *       decompressed bounded; a successful one is gunzipped as OkHttp would have (with
   *       {@code addTo} the {@link NetworkShield} does this below, and nothing is rebuilt);
   *   <li>a {@link NumberFormatException} from below becomes an {@link IOException}: OkHttp's
   *       follow-up of a 503 throws one when {@code Retry-After} is a number too large for
   *       an {@code int}, and {@code execute()} must end in an {@code IOException}
   *       ({@link ApiErrorsInterceptor#addTo} prevents it: the response is then decoded).
   * </ul>
   */
  static Response proceed(Interceptor.Chain chain, Request request, ErrorPolicy policy) throws IOException {
    // With addTo() the network shield already keeps error bodies out of OkHttp's gunzip:
    // the request is sent as it is, and the success path allocates nothing.
    Request asked = CallStart.passed(chain.call()) ? request : TransparentGzip.ask(request);
    Response response;
    try {
      response = chain.proceed(asked);
    } catch (NumberFormatException e) {
      throw new IOException("OkHttp could not follow up the response (e.g. a 503 whose Retry-After is too"
          + " large for it); install the SDK with ApiErrorsInterceptor.addTo() to decode such responses", e);
    }
    return policy.isError(response.code()) ? response : TransparentGzip.undo(request, asked, response);
  }

  /**
   * How many times OkHttp sent the request again below the SDK for this response: its
   * prior responses that were 503s or 408s (OkHttp's follow-ups of {@code Retry-After: 0}
   * and of a 408). Always 0 with {@link ApiErrorsInterceptor#addTo}, which prevents them.
   */
  static int okHttpResends(Response response) {
    int resends = 0;
    Response prior = response.priorResponse();
    for (int i = 0; prior != null && i < MAX_PRIOR_RESPONSES; i++) {
      if (prior.code() == 503 || prior.code() == 408) {
        resends++;
      }
      prior = prior.priorResponse();
    }
    return resends;
  }

  /**
   * Closes a body that may not have been read to its end, without reading any more of it.
   * OkHttp's {@code close()} of an unfinished HTTP/1 body would read and drop the rest for
   * up to 100 ms to save the connection; an already-passed deadline on the body's source
   * makes that first read fail at once, so the connection is discarded instead (HTTP/2:
   * only the stream is reset). A body read to its end has no rest: nothing is read, the
   * deadline has no effect, and the connection is reused.
   */
  static void abandon(ResponseBody body) {
    try {
      body.source().timeout().deadlineNanoTime(System.nanoTime());
    } catch (RuntimeException e) {
      // A body whose source cannot be had is closed all the same.
    } finally {
      body.close();
    }
  }

  private static BoundedBody readBounded(ResponseBody body, HttpHeaders headers, ErrorDecoder decoder) {
    try {
      // okio's deadline ends a read blocked on the network (the socket is closed under it);
      // BoundedBody checks the same bound between reads. An earlier deadline stays.
      Timeout timeout = body.source().timeout();
      long deadline = System.nanoTime() + decoder.bodyReadTimeout().toNanos();
      if (!timeout.hasDeadline() || timeout.deadlineNanoTime() - deadline > 0) {
        timeout.deadline(decoder.bodyReadTimeout().toNanos(), TimeUnit.NANOSECONDS);
      }
      return BoundedBody.read(body.byteStream(), headers, decoder);
    } catch (RuntimeException e) {
      // E.g. a body already closed: decode the response without it.
      return BoundedBody.empty();
    }
  }
}
