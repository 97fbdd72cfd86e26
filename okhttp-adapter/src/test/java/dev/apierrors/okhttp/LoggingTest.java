package dev.apierrors.okhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.apierrors.ApiErrorsListener;
import dev.apierrors.NotFoundException;
import dev.apierrors.RetryPolicy;
import java.lang.System.Logger.Level;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What the SDK logs through System.Logger: one DEBUG line per decision, WARNING for a bad callback, never a secret. */
@ExtendWith(NoLeakedConnections.class)
class LoggingTest {
  private static final String TOKEN = "s3cr3t-t0ken";
  private static final String KEY = "k3y-v4lue";

  @StartStop final MockWebServer server = TestHttp.newServer();

  @BeforeEach
  void clear() {
    CapturingLoggerFinder.clear();
  }

  private Request request() {
    return new Request.Builder().url(server.url("/v1/charges?api_key=" + KEY))
        .header("Authorization", "Bearer " + TOKEN).build();
  }

  private OkHttpClient client(ApiErrorsListener listener) {
    return TestHttp.track(ApiErrorsInterceptor.builder()
        .retryPolicy(RetryPolicy.builder().initialBackoff(Duration.ofMillis(1)).jitter(false).build())
        .listener(listener).build().addTo(TestHttp.clientBuilder()));
  }

  @ParameterizedTest
  @EnumSource(ListenerOverHttpTest.Path.class)
  void eachRetryAndGiveUpIsOneDebugLineWithNoSecret(ListenerOverHttpTest.Path path) throws Exception {
    server.enqueue(new MockResponse.Builder().code(503).body("token " + TOKEN + " rejected").build());
    server.enqueue(new MockResponse.Builder().code(200).build());
    server.enqueue(new MockResponse.Builder().code(404).build());
    OkHttpClient client = client(ApiErrorsListener.none());

    try (Response ok = path.send(client, request())) {
      assertThat(ok.code()).isEqualTo(200);
    }
    assertThat(catchThrowable(() -> path.send(client, request()))).isInstanceOf(NotFoundException.class);

    assertThat(CapturingLoggerFinder.lines()).filteredOn(l -> l.logger().equals("dev.apierrors.retry"))
        .extracting(CapturingLoggerFinder.Line::message)
        .anySatisfy(m -> assertThat(m).contains("retry GET", "attempt 1", "status 503", "backoff"))
        .anySatisfy(m -> assertThat(m).contains("give up GET", "status 404"));
    assertThat(CapturingLoggerFinder.lines()).allSatisfy(line -> {
      assertThat(line.message()).doesNotContain(TOKEN, KEY, "\n", "\r");
      assertThat(line.level()).as("nothing at INFO or above on the normal error path").isEqualTo(Level.DEBUG);
    });
  }

  @ParameterizedTest
  @EnumSource(ListenerOverHttpTest.Path.class)
  void aThrowingListenerIsOneWarningLine(ListenerOverHttpTest.Path path) throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).build());
    ApiErrorsListener throwing = new ApiErrorsListener() {
      @Override
      public void onSuccess(Succeeded event) {
        throw new IllegalStateException("listener failed with " + TOKEN + "\nforged line");
      }
    };

    try (Response ok = path.send(client(throwing), request())) {
      assertThat(ok.code()).isEqualTo(200);
    }

    assertThat(CapturingLoggerFinder.lines()).filteredOn(l -> l.level() == Level.WARNING).singleElement()
        .satisfies(line -> {
          assertThat(line.logger()).isEqualTo("dev.apierrors.listener");
          assertThat(line.message()).contains("IllegalStateException", "onSuccess").doesNotContain(TOKEN, "\n");
        });
  }
}
