package dev.apierrors.examples.snippets;

import dev.apierrors.ApiException;
import dev.apierrors.ClientErrorException;
import dev.apierrors.NotFoundException;
import dev.apierrors.ServerErrorException;
import dev.apierrors.TooManyRequestsException;
import dev.apierrors.UnauthorizedException;
import dev.apierrors.examples.support.Servers;
import dev.apierrors.okhttp.ApiErrorsInterceptor;
import java.io.IOException;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Snippet: catch the errors you handle by their type, most specific first; the rest by
 * family ({@link ClientErrorException}, {@link ServerErrorException}); every exception
 * carries the decoded error whatever the API's format.
 */
public final class CatchTypedExceptions {
  private CatchTypedExceptions() {}

  /** Fetches {@code url} and says, in words, which catch block handled the outcome. */
  public static String fetch(OkHttpClient client, HttpUrl url) {
    Request request = new Request.Builder().url(url).build();
    try (Response response = client.newCall(request).execute()) {
      return "ok: " + response.code();
    } catch (NotFoundException e) {
      return "NotFoundException: show an empty state (" + e.error().detail().orElse(e.error().title()) + ")";
    } catch (UnauthorizedException e) {
      return "UnauthorizedException: sign in again (code " + e.error().code().orElse("-") + ")";
    } catch (TooManyRequestsException e) {
      return "TooManyRequestsException: slow down, retry in "
          + e.error().retryAfterMillis().orElse(-1) + " ms";
    } catch (ClientErrorException e) {
      return "ClientErrorException: a bug on our side, " + e.getMessage();
    } catch (ServerErrorException e) {
      return "ServerErrorException: their side, " + e.status() + " after " + e.attempts() + " attempt(s)";
    } catch (ApiException e) {
      return "ApiException: " + e.getMessage();
    } catch (IOException e) {
      return "IOException: the network, " + e.getMessage();
    }
  }

  /** Runs the snippet against a local server answering 404, 429, 409 and 502. */
  public static void main(String[] args) throws IOException {
    try (MockWebServer server = Servers.startLoopbackServer()) {
      server.enqueue(new MockResponse.Builder().code(404).body("{\"message\":\"no such order\"}").build());
      server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "30").build());
      server.enqueue(new MockResponse.Builder().code(409).body("{\"code\":\"version_conflict\",\"message\":\"stale\"}").build());
      server.enqueue(new MockResponse.Builder().code(502).addHeader("Content-Type", "text/html")
          .body("<html><title>502 Bad Gateway</title></html>").build());
      OkHttpClient client = ApiErrorsInterceptor.create().addTo(new OkHttpClient.Builder()).build();
      try {
        for (int i = 0; i < 4; i++) {
          System.out.println(fetch(client, server.url("/orders/" + i)));
        }
      } finally {
        Servers.shutdown(client);
      }
    }
  }
}
