package dev.apierrors.examples.snippets;

import dev.apierrors.ApiException;
import dev.apierrors.examples.support.Servers;
import dev.apierrors.okhttp.ApiErrorsInterceptor;
import java.io.IOException;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Snippet: install the SDK on the OkHttp client you already have. Every 4xx/5xx response
 * then becomes a typed {@link ApiException}; other responses pass through untouched.
 */
public final class WrapOkHttpClient {
  private WrapOkHttpClient() {}

  /** The one line to copy: a client like yours, with the SDK's interceptor added. */
  public static OkHttpClient withApiErrors(OkHttpClient yours) {
    return ApiErrorsInterceptor.create().addTo(yours.newBuilder()).build();
  }

  /** Runs the snippet against a local server answering 404 with a problem document. */
  public static void main(String[] args) throws IOException {
    try (MockWebServer server = Servers.startLoopbackServer()) {
      server.enqueue(new MockResponse.Builder().code(404)
          .addHeader("Content-Type", "application/problem+json")
          .body("{\"title\":\"User not found\",\"detail\":\"No user with id 42\"}")
          .build());
      OkHttpClient client = withApiErrors(new OkHttpClient());
      try (Response response = client.newCall(new Request.Builder().url(server.url("/users/42")).build()).execute()) {
        System.out.println("got " + response.code());
      } catch (ApiException e) {
        System.out.println(e.getClass().getSimpleName() + ": " + e.getMessage());
      } finally {
        Servers.shutdown(client);
      }
    }
  }
}
