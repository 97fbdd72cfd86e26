package dev.apierrors.okhttp;

import dev.apierrors.spi.HttpHeaders;
import java.io.IOException;
import java.util.Locale;
import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * The SDK's network interceptor (installed by {@link ApiErrorsInterceptor#addTo}): it runs
 * below OkHttp's own follow-up and transparent-gzip logic, and hides from that logic the
 * parts of an ERROR response it would act on, so that what the SDK decides is what
 * happens. The originals travel in headers of its own and {@link #originalHeaders(Headers)}
 * puts them back for decoding; the user never sees an error response, so never sees them.
 *
 * <ul>
 *   <li>{@code Content-Encoding}: OkHttp's transparent gunzip (okio's {@code GzipSource})
 *       buffers a gzip header's file name without limit and inflates a body that inflates to
 *       nothing to its end; hidden, the SDK undoes the coding itself, bounded
 *       ({@link dev.apierrors.spi.BoundedBody#read(java.io.InputStream, HttpHeaders,
 *       dev.apierrors.ErrorDecoder)}).
 *   <li>{@code Retry-After} of a 503 or a 408: OkHttp resends a 503 carrying
 *       {@code Retry-After: 0} and a 408 without a positive one, below the SDK, which would
 *       count one attempt for two requests; and it crashes with a
 *       {@link NumberFormatException} on a value too large for an {@code int}. OkHttp is
 *       shown {@code Retry-After: 2147483647}, which it reads as "do not resend", and the
 *       SDK reads every {@code Retry-After} the server sent.
 * </ul>
 *
 * <p>A response that is not an error passes untouched (its status is checked, nothing
 * else), except a 503 or 408 treated as success whose {@code Retry-After} would crash
 * OkHttp: that value is replaced as above, its original kept in
 * {@value #ORIGINAL_RETRY_AFTER}.
 *
 * <p>A failure below it (OkHttp's {@code ProtocolException} quoting a malformed status line
 * that echoes a cookie from the {@code CookieJar}) leaves it with the credentials of the
 * request as it left on the network masked ({@link SentSecrets#scrub}), which no
 * application interceptor can see when there is no response. One network interceptor for
 * both: each interceptor a call passes costs OkHttp a copy of its chain, on every call,
 * successes included. Costs nothing more on a call that does not fail.
 * Thread-safety: immutable.
 */
final class NetworkShield implements Interceptor {
  /** Lists what was hidden: {@code retry-after}, {@code content-encoding}. */
  static final String HIDDEN = "Apierrors-Hidden";
  /** The server's {@code Retry-After} fields, in order, while hidden. */
  static final String ORIGINAL_RETRY_AFTER = "Apierrors-Original-Retry-After";
  /** The server's {@code Content-Encoding} fields, in order, while hidden. */
  static final String ORIGINAL_CONTENT_ENCODING = "Apierrors-Original-Content-Encoding";
  /** What OkHttp sees instead: the largest wait it can parse, which it never follows up. */
  static final String NO_FOLLOW_UP = Integer.toString(Integer.MAX_VALUE);

  private static final String OWN_PREFIX = "apierrors-";

  private final ErrorPolicy policy;

  NetworkShield(ErrorPolicy policy) {
    this.policy = policy;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Response response;
    try {
      response = chain.proceed(request);
    } catch (IOException e) {
      throw SentSecrets.scrub(e, request);
    }
    int code = response.code();
    boolean followedUp = code == 503 || code == 408;
    if (!policy.isError(code)) {
      return followedUp && overflowsInt(response.headers().values("Retry-After")) ? hide(response, false, true) : response;
    }
    boolean encoded = response.header("Content-Encoding") != null;
    if (!encoded && !followedUp && !hasOwnHeaders(response.headers())) {
      return response;
    }
    return hide(response, encoded, followedUp);
  }

  private static Response hide(Response response, boolean contentEncoding, boolean retryAfter) {
    Headers headers = response.headers();
    // newBuilder() keeps the fields as received (no re-validation of odd bytes).
    Headers.Builder b = headers.newBuilder();
    for (String name : headers.names()) {
      if (name.toLowerCase(Locale.ROOT).startsWith(OWN_PREFIX)) {
        b.removeAll(name); // a server's own "Apierrors-" fields must not pass for ours
      }
    }
    if (contentEncoding) {
      b.removeAll("Content-Encoding");
      headers.values("Content-Encoding").forEach(v -> b.addUnsafeNonAscii(ORIGINAL_CONTENT_ENCODING, v));
      b.add(HIDDEN, "content-encoding");
    }
    if (retryAfter) {
      b.removeAll("Retry-After");
      headers.values("Retry-After").forEach(v -> b.addUnsafeNonAscii(ORIGINAL_RETRY_AFTER, v));
      b.add("Retry-After", NO_FOLLOW_UP);
      b.add(HIDDEN, "retry-after");
    }
    return response.newBuilder().headers(b.build()).build();
  }

  private static boolean hasOwnHeaders(Headers headers) {
    for (int i = 0, n = headers.size(); i < n; i++) {
      if (headers.name(i).regionMatches(true, 0, OWN_PREFIX, 0, OWN_PREFIX.length())) {
        return true;
      }
    }
    return false;
  }

  /**
   * The response's fields as the server sent them: what this shield hid is put back (in
   * the order received, after the other fields) and its own fields are left out. Fields
   * of a response it did not touch are returned as they are.
   */
  static HttpHeaders originalHeaders(Headers headers) {
    boolean hidRetryAfter = false;
    boolean hidContentEncoding = false;
    for (String what : headers.values(HIDDEN)) {
      hidRetryAfter |= what.equals("retry-after");
      hidContentEncoding |= what.equals("content-encoding");
    }
    HttpHeaders.Builder b = HttpHeaders.builder();
    for (int i = 0, n = headers.size(); i < n; i++) {
      String name = headers.name(i);
      if (name.regionMatches(true, 0, OWN_PREFIX, 0, OWN_PREFIX.length())
          || (hidRetryAfter && name.equalsIgnoreCase("Retry-After"))) {
        continue;
      }
      b.add(name, headers.value(i));
    }
    if (hidRetryAfter) {
      headers.values(ORIGINAL_RETRY_AFTER).forEach(v -> b.add("Retry-After", v));
    }
    if (hidContentEncoding) {
      headers.values(ORIGINAL_CONTENT_ENCODING).forEach(v -> b.add("Content-Encoding", v));
    }
    return b.build();
  }

  /** Whether OkHttp would call {@code Integer.valueOf} on one of these values and fail. */
  static boolean overflowsInt(Iterable<String> values) {
    for (String value : values) {
      if (overflowsInt(value)) {
        return true;
      }
    }
    return false;
  }

  /** Whether OkHttp would call {@code Integer.valueOf} on this value and fail. */
  static boolean overflowsInt(@Nullable String value) {
    if (value == null || value.isEmpty()) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    int first = 0;
    while (first < value.length() - 1 && value.charAt(first) == '0') {
      first++;
    }
    String digits = value.substring(first);
    return digits.length() > 10 || Long.parseLong(digits) > Integer.MAX_VALUE;
  }

  @Override
  public String toString() {
    return "NetworkShield";
  }
}
