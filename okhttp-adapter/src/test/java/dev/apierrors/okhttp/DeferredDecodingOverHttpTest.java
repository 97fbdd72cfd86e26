package dev.apierrors.okhttp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apierrors.ErrorDecoder;
import dev.apierrors.RetryPolicy;
import dev.apierrors.TooManyRequestsException;
import dev.apierrors.spi.ErrorBody;
import dev.apierrors.spi.ErrorFields;
import dev.apierrors.spi.ErrorFormat;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * On every path that retries, an error response's body is decoded only if someone asks for
 * its error: a retried 429 followed by a success is never parsed, and the exception a call
 * ends with is decoded when its caller reads it, to its own (the last) body.
 */
@ExtendWith(NoLeakedConnections.class)
class DeferredDecodingOverHttpTest {
  @StartStop final MockWebServer server = TestHttp.newServer();

  private final AtomicInteger decodings = new AtomicInteger();

  /** Tried first on every body decoded; matches none. */
  private final ErrorFormat counting = new ErrorFormat() {
    @Override
    public String name() {
      return "counting";
    }

    @Override
    public Optional<ErrorFields> decode(ErrorBody body) {
      decodings.incrementAndGet();
      return Optional.empty();
    }
  };

  private ApiErrorsInterceptor errors() {
    return ApiErrorsInterceptor.builder()
        .decoder(ErrorDecoder.builder().addFormat(counting).build())
        .retryPolicy(RetryPolicy.builder().maxAttempts(3).build())
        .build();
  }

  private static MockResponse tooManyRequests(int attempt) {
    return new MockResponse.Builder().code(429)
        .addHeader("Content-Type", "application/json")
        .addHeader("Retry-After", "0")
        .body("{\"code\":\"ATTEMPT_" + attempt + "\",\"message\":\"Slow down.\"}")
        .build();
  }

  private Request request() {
    return new Request.Builder().url(server.url("/items")).build();
  }

  @ParameterizedTest
  @EnumSource(value = CallMode.class, names = {"EXECUTE", "ENQUEUE", "ASYNC_CALLER"})
  void aRetriedErrorThatNobodyReadsIsNeverDecoded(CallMode mode) throws Exception {
    server.enqueue(tooManyRequests(1));
    server.enqueue(tooManyRequests(2));
    server.enqueue(new MockResponse.Builder().code(200).body("done").build());

    try (Response response = mode.call(errors(), request())) {
      assertThat(response.code()).isEqualTo(200);
      assertThat(response.body().string()).isEqualTo("done");
    }

    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(decodings).hasValue(0);
  }

  @ParameterizedTest
  @EnumSource(value = CallMode.class, names = {"EXECUTE", "ENQUEUE", "ASYNC_CALLER"})
  void onlyTheLastErrorIsDecodedAndOnlyWhenAskedFor(CallMode mode) {
    for (int attempt = 1; attempt <= 3; attempt++) {
      server.enqueue(tooManyRequests(attempt));
    }

    TooManyRequestsException e = null;
    try {
      mode.call(errors(), request()).close();
    } catch (TooManyRequestsException thrown) {
      e = thrown;
    } catch (IOException other) {
      throw new AssertionError(other);
    }
    assertThat(e).isNotNull();

    // Blocking, nothing has asked yet. A future's get() wraps the failure in an
    // ExecutionException, whose message is the failure's toString(): the last error is then
    // decoded there, once. The two retried ones never are.
    assertThat(decodings).hasValue(mode == CallMode.EXECUTE ? 0 : 1);
    assertThat(e.attempts()).isEqualTo(3);
    assertThat(e.status()).isEqualTo(429);
    assertThat(e.error().code()).contains("ATTEMPT_3");
    assertThat(e.error().retryAfterMillis()).hasValue(0);
    assertThat(e.getMessage()).isEqualTo("429 Too Many Requests: Slow down.");
    assertThat(decodings).hasValue(1);
  }
}
