package dev.apierrors.examples.snippets;

import dev.apierrors.ApiException;
import dev.apierrors.examples.support.Servers;
import dev.apierrors.okhttp.ApiErrorsInterceptor;
import dev.apierrors.okhttp.AsyncCaller;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * Snippet: the non-blocking path. {@link AsyncCaller} returns a {@link CompletableFuture};
 * an error response completes it exceptionally with the typed exception, which
 * {@code handle} sees unwrapped. No thread waits for the response.
 */
public final class AsyncCall {
  private AsyncCall() {}

  /** Fetches {@code url} without blocking; the future says what happened, in words. */
  public static CompletableFuture<String> fetch(AsyncCaller caller, HttpUrl url) {
    return caller.execute(new Request.Builder().url(url).build())
        .handle((response, failure) -> {
          if (failure instanceof ApiException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
          }
          if (failure != null) {
            return failure.getClass().getSimpleName() + ": " + failure.getMessage();
          }
          try (response) {
            return "ok: " + response.code();
          }
        });
  }

  /** Runs the snippet against a local server answering 200, then 404. */
  public static void main(String[] args) throws IOException {
    try (MockWebServer server = Servers.startLoopbackServer()) {
      server.enqueue(new MockResponse.Builder().code(200).body("{}").build());
      server.enqueue(new MockResponse.Builder().code(404).body("{\"message\":\"gone fishing\"}").build());
      OkHttpClient client = ApiErrorsInterceptor.create().addTo(new OkHttpClient.Builder()).build();
      AsyncCaller caller = AsyncCaller.of(client);
      try {
        CompletableFuture<String> first = fetch(caller, server.url("/a"));
        CompletableFuture<String> second = first.thenCompose(done -> fetch(caller, server.url("/b")));
        System.out.println(first.join());
        System.out.println(second.join());
      } finally {
        Servers.shutdown(client);
      }
    }
  }
}
