package dev.apierrors.examples.snippets;

import dev.apierrors.ApiError;
import dev.apierrors.ApiException;
import dev.apierrors.examples.support.Servers;
import dev.apierrors.okhttp.ApiErrorsInterceptor;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Snippet: read the members your API adds to its errors, one at a time
 * ({@link ApiError#extension(String, Class)}) or the whole body as your own record
 * ({@link ApiError#bodyAs(Class)}).
 */
public final class ReadExtensions {
  private ReadExtensions() {}

  /**
   * Your API's error shape (RFC 9457's example). Unknown members are ignored.
   *
   * @param type the problem type
   * @param title the summary
   * @param balance the account's balance
   * @param accounts the accounts concerned
   */
  public record OutOfCredit(String type, String title, int balance, List<String> accounts) {
    /** Copies the list. */
    public OutOfCredit {
      accounts = accounts == null ? List.of() : List.copyOf(accounts);
    }
  }

  /** The balance member alone, as an Integer. */
  public static Optional<Integer> balance(ApiError error) {
    return error.extension("balance", Integer.class);
  }

  /** The whole body as {@link OutOfCredit}; empty when the body has another shape. */
  public static Optional<OutOfCredit> outOfCredit(ApiError error) {
    return error.bodyAs(OutOfCredit.class);
  }

  /** The body of the demo's 403: RFC 9457's out-of-credit example. */
  public static MockResponse outOfCreditResponse() {
    return new MockResponse.Builder().code(403)
        .addHeader("Content-Type", "application/problem+json")
        .body("{\"type\":\"https://example.com/probs/out-of-credit\",\"title\":\"You do not have enough credit.\","
            + "\"detail\":\"Your current balance is 30, but that costs 50.\",\"instance\":\"/account/12345/msgs/abc\","
            + "\"balance\":30,\"accounts\":[\"/account/12345\",\"/account/67890\"]}")
        .build();
  }

  /** Runs the snippet against a local server answering with RFC 9457's out-of-credit problem. */
  public static void main(String[] args) throws IOException {
    try (MockWebServer server = Servers.startLoopbackServer()) {
      server.enqueue(outOfCreditResponse());
      OkHttpClient client = ApiErrorsInterceptor.create().addTo(new OkHttpClient.Builder()).build();
      try (Response response = client.newCall(new Request.Builder().url(server.url("/account/12345/msgs")).build()).execute()) {
        System.out.println("got " + response.code());
      } catch (ApiException e) {
        System.out.println("extensions: " + e.error().extensionNames());
        System.out.println("balance:    " + balance(e.error()).orElse(null));
        System.out.println("as record:  " + outOfCredit(e.error()).orElse(null));
      } finally {
        Servers.shutdown(client);
      }
    }
  }
}
