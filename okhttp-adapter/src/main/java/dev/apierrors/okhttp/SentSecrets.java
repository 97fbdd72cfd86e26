package dev.apierrors.okhttp;

import dev.apierrors.ApiException;
import dev.apierrors.spi.HttpHeaders;
import dev.apierrors.spi.Secrets;
import java.io.IOException;
import okhttp3.Headers;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * Collects the credentials of every request that went out for a call, so that none of
 * them reaches a message, a {@code toString()} or an event.
 *
 * <p>An application interceptor sees only the request as the caller made it:
 * {@code response.request()} is reset by OkHttp to the last hop as the application saw it.
 * The rest is on the response itself: {@code networkResponse().request()} is the request
 * as it left on the network (cookies from the {@code CookieJar}, headers added by network
 * interceptors and by an {@code Authenticator}), and the {@code priorResponse()} chain holds
 * each redirect and authentication hop, whose own network requests and {@code Set-Cookie}s
 * count too. This works with a plain {@code addInterceptor} as well as with
 * {@code addTo}. When the call fails without a response, an application interceptor knows
 * only the caller's request: {@link Secrets#scrub(IOException)} then also masks anything
 * shaped like a credential in the failure's messages, and with {@code addTo} the
 * {@link NetworkShield} has already masked the credentials of the request as it left on
 * the network ({@link #scrub}).
 */
final class SentSecrets {
  /** More hops than OkHttp ever follows (20): a bound on the walk, whatever the chain. */
  private static final int MAX_HOPS = 64;

  private SentSecrets() {}

  /** The credentials of {@code callRequest} and of every request behind {@code response}. */
  static Secrets of(Request callRequest, Response response) {
    Secrets.Builder b = Secrets.builder();
    add(b, callRequest);
    Response hop = response;
    for (int i = 0; hop != null && i < MAX_HOPS; i++, hop = hop.priorResponse()) {
      add(b, hop, callRequest);
      Response network = hop.networkResponse();
      if (network != null) {
        add(b, network, callRequest);
      }
    }
    return b.build();
  }

  /** {@code failure} with the credentials of {@code callRequest} (and credential shapes) masked. */
  static IOException scrub(IOException failure, Request callRequest) {
    if (failure instanceof ApiException) {
      return failure; // it masks its own: nothing to collect for it
    }
    Secrets.Builder b = Secrets.builder();
    add(b, callRequest);
    return b.build().scrub(failure);
  }

  /**
   * The credentials of {@code response}'s request and its {@code Set-Cookie}s. The request
   * is skipped when it is {@code callRequest} itself (already added): the usual case for
   * the last hop of a call that was not rebuilt below the SDK.
   */
  private static void add(Secrets.Builder b, Response response, Request callRequest) {
    Request request = response.request();
    if (request != callRequest) {
      add(b, request);
    }
    HttpHeaders setCookies = only(response.headers(), "Set-Cookie", null, null);
    if (!setCookies.isEmpty()) {
      b.responseHeaders(setCookies);
    }
  }

  private static void add(Secrets.Builder b, Request request) {
    b.request(request.url().toString(),
        only(request.headers(), "Authorization", "Proxy-Authorization", "Cookie"));
  }

  /** The fields with these names (compared without regard to case), in order. */
  private static HttpHeaders only(Headers headers, String name, @Nullable String name2, @Nullable String name3) {
    HttpHeaders.@Nullable Builder b = null; // most requests and responses have none: nothing built then
    for (int i = 0, n = headers.size(); i < n; i++) {
      String field = headers.name(i);
      if (field.equalsIgnoreCase(name) || field.equalsIgnoreCase(name2) || field.equalsIgnoreCase(name3)) {
        if (b == null) {
          b = HttpHeaders.builder();
        }
        b.add(field, headers.value(i));
      }
    }
    return b == null ? HttpHeaders.empty() : b.build();
  }
}
