package dev.apierrors.examples.snippets;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.apierrors.ApiError;
import dev.apierrors.ApiException;
import dev.apierrors.ErrorConversionException;
import dev.apierrors.ErrorDecoder;
import dev.apierrors.spi.JacksonValueConverter;
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
 * Snippet: read the members your API adds to its errors, as plain Java values
 * ({@link ApiError#extensions()}), one at a time as your type
 * ({@link ApiError#extension(String, Class)}), or the whole body as your own record
 * ({@link ApiError#bodyAs(Class)}), converted by your own Jackson mapper
 * ({@link JacksonValueConverter}) so its modules and naming strategy apply.
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

  /**
   * A client whose errors convert through your own mapper (here: one that fails on unknown
   * members would reject RFC 9457's extra members, so this one ignores them, as the SDK's
   * default does). Jackson 3 users take {@code Jackson3ValueConverter.of(jsonMapper)}.
   */
  public static OkHttpClient clientWithYourMapper(ObjectMapper yourMapper) {
    ErrorDecoder decoder = ErrorDecoder.builder()
        .valueConverter(JacksonValueConverter.of(yourMapper))
        .build();
    return ApiErrorsInterceptor.builder().decoder(decoder).build()
        .addTo(new OkHttpClient.Builder())
        .build();
  }

  /** The balance member alone, as an Integer. */
  public static Optional<Integer> balance(ApiError error) {
    return error.extension("balance", Integer.class);
  }

  /**
   * The whole body as {@link OutOfCredit}; empty when the body is not JSON, and empty too
   * (after saying why) when it is JSON of another shape.
   */
  public static Optional<OutOfCredit> outOfCredit(ApiError error) {
    try {
      return error.bodyAs(OutOfCredit.class);
    } catch (ErrorConversionException e) {
      System.out.println("not an OutOfCredit: " + e.getMessage());
      return Optional.empty();
    }
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
      OkHttpClient client = clientWithYourMapper(JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build());
      try (Response response = client.newCall(new Request.Builder().url(server.url("/account/12345/msgs")).build()).execute()) {
        System.out.println("got " + response.code());
      } catch (ApiException e) {
        System.out.println("extensions: " + e.error().extensions());
        System.out.println("balance:    " + balance(e.error()).orElse(null));
        System.out.println("as record:  " + outOfCredit(e.error()).orElse(null));
      } finally {
        Servers.shutdown(client);
      }
    }
  }
}
