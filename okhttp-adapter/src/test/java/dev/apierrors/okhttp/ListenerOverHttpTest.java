package dev.apierrors.okhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.apierrors.ApiErrorsListener;
import dev.apierrors.ApiErrorsListener.ErrorDecoded;
import dev.apierrors.ApiErrorsListener.GaveUp;
import dev.apierrors.ApiErrorsListener.RetryScheduled;
import dev.apierrors.ApiErrorsListener.Succeeded;
import dev.apierrors.NotFoundException;
import dev.apierrors.RetryPolicy;
import dev.apierrors.ServiceUnavailableException;
import dev.apierrors.WaitSource;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.stream.Stream;

/** The listener is told of every outcome, on both call paths, and can never break a call. */
@ExtendWith(NoLeakedConnections.class)
class ListenerOverHttpTest {
  @StartStop final MockWebServer server = TestHttp.newServer();

  /** The two paths: the interceptor on a blocking call, and the non-blocking caller. */
  enum Path {
    BLOCKING {
      @Override
      Response send(OkHttpClient client, Request request) throws IOException {
        return client.newCall(request).execute();
      }
    },
    NON_BLOCKING {
      @Override
      Response send(OkHttpClient client, Request request) throws IOException {
        return TestHttp.await(AsyncCaller.of(client).execute(request));
      }
    };

    abstract Response send(OkHttpClient client, Request request) throws IOException;
  }

  /** Records every event, in order. */
  static final class Recorder implements ApiErrorsListener {
    final List<Object> events = new CopyOnWriteArrayList<>();

    @Override
    public void onError(ErrorDecoded event) {
      events.add(event);
    }

    @Override
    public void onRetry(RetryScheduled event) {
      events.add(event);
    }

    @Override
    public void onGiveUp(GaveUp event) {
      events.add(event);
    }

    @Override
    public void onSuccess(Succeeded event) {
      events.add(event);
    }
  }

  private static final RetryPolicy FAST = RetryPolicy.builder()
      .initialBackoff(Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(5)).jitter(false).build();

  private OkHttpClient client(ApiErrorsListener listener, RetryPolicy policy) {
    return TestHttp.track(ApiErrorsInterceptor.builder().retryPolicy(policy).listener(listener).build()
        .addTo(TestHttp.clientBuilder()));
  }

  private Request get() {
    return new Request.Builder().url(server.url("/orders?api_key=k3y")).build();
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void aCallRetriedToSuccessTellsEachErrorEachRetryAndTheSuccess(Path path) throws Exception {
    server.enqueue(new MockResponse.Builder().code(503).build());
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "0").build());
    server.enqueue(new MockResponse.Builder().code(200).body("ok").build());
    Recorder recorder = new Recorder();

    try (Response response = path.send(client(recorder, FAST), get())) {
      assertThat(response.body().string()).isEqualTo("ok");
    }

    assertThat(recorder.events).hasSize(5);
    ErrorDecoded first = (ErrorDecoded) recorder.events.get(0);
    assertThat(first.attempt()).isEqualTo(1);
    assertThat(first.error().status()).isEqualTo(503);
    assertThat(first.exceptionType()).isEqualTo(ServiceUnavailableException.class);
    assertThat(first.method()).isEqualTo("GET");
    assertThat(first.host()).isEqualTo(server.getHostName() + ":" + server.getPort());
    RetryScheduled firstRetry = (RetryScheduled) recorder.events.get(1);
    assertThat(firstRetry.attempt()).isEqualTo(1);
    assertThat(firstRetry.status()).hasValue(503);
    assertThat(firstRetry.waitSource()).isEqualTo(WaitSource.BACKOFF);
    assertThat(((ErrorDecoded) recorder.events.get(2)).attempt()).isEqualTo(2);
    RetryScheduled secondRetry = (RetryScheduled) recorder.events.get(3);
    assertThat(secondRetry.waitSource()).isEqualTo(WaitSource.RETRY_AFTER);
    assertThat(secondRetry.waitDuration()).isZero();
    Succeeded done = (Succeeded) recorder.events.get(4);
    assertThat(done.attempts()).isEqualTo(3);
    assertThat(done.status()).isEqualTo(200);
    assertThat(recorder.events).allSatisfy(e -> assertThat(e.toString()).doesNotContain("k3y"));
    assertThat(first.host()).doesNotContain("/", "?");
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void anErrorNotRetriedIsToldAndSoIsTheGiveUp(Path path) {
    server.enqueue(new MockResponse.Builder().code(404).body("{\"message\":\"no such order\"}").build());
    Recorder recorder = new Recorder();

    Throwable thrown = catchThrowable(() -> path.send(client(recorder, FAST), get()));

    assertThat(thrown).isInstanceOf(NotFoundException.class);
    assertThat(recorder.events).hasSize(2);
    assertThat(((ErrorDecoded) recorder.events.get(0)).error().detail()).contains("no such order");
    GaveUp gaveUp = (GaveUp) recorder.events.get(1);
    assertThat(gaveUp.attempts()).isEqualTo(1);
    assertThat(gaveUp.status()).hasValue(404);
    assertThat(gaveUp.failure()).isEqualTo("NotFoundException");
    assertThat(gaveUp.reason()).contains("404");
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void withoutARetryPolicyErrorsAndSuccessesAreStillTold(Path path) throws Exception {
    server.enqueue(new MockResponse.Builder().code(500).build());
    server.enqueue(new MockResponse.Builder().code(204).build());
    Recorder recorder = new Recorder();
    OkHttpClient client = client(recorder, RetryPolicy.none());

    assertThat(catchThrowable(() -> path.send(client, get()))).isInstanceOf(IOException.class);
    try (Response response = path.send(client, get())) {
      assertThat(response.code()).isEqualTo(204);
    }

    assertThat(recorder.events).extracting(e -> e.getClass().getSimpleName())
        .containsExactly("ErrorDecoded", "GaveUp", "Succeeded");
    assertThat(((GaveUp) recorder.events.get(1)).reason()).isEqualTo("no retry policy");
  }

  static Stream<Arguments> throwingListeners() {
    return CallbackFailure.withEach(Path.values());
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("throwingListeners")
  void aListenerThatThrowsChangesNoOutcome(Path path, CallbackFailure failure)
      throws Exception {
    ApiErrorsListener throwing = new ApiErrorsListener() {
      private void fail() {
        failure.raise();
      }

      @Override
      public void onError(ErrorDecoded event) {
        fail();
      }

      @Override
      public void onRetry(RetryScheduled event) {
        fail();
      }

      @Override
      public void onGiveUp(GaveUp event) {
        fail();
      }

      @Override
      public void onSuccess(Succeeded event) {
        fail();
      }
    };
    OkHttpClient client = client(throwing, FAST);

    server.enqueue(new MockResponse.Builder().code(503).build());
    server.enqueue(new MockResponse.Builder().code(200).body("ok").build());
    try (Response response = path.send(client, get())) {
      assertThat(response.body().string()).isEqualTo("ok");
    }
    server.enqueue(new MockResponse.Builder().code(404).build());
    assertThat(catchThrowable(() -> path.send(client, get()))).isExactlyInstanceOf(NotFoundException.class);
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void aCallCancelledDuringItsRetryWaitIsToldAsOneGiveUp(Path path) throws Exception {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "5").build());
    Recorder recorder = new Recorder();
    OkHttpClient client = client(recorder, RetryPolicy.ofDefaults());
    Request request = get();
    java.util.concurrent.CompletableFuture<Response> future;
    okhttp3.Call call = client.newCall(request);
    if (path == Path.NON_BLOCKING) {
      future = AsyncCaller.of(client).execute(request);
    } else {
      future = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
        try {
          return call.execute();
        } catch (IOException e) {
          throw new java.util.concurrent.CompletionException(e);
        }
      });
    }
    for (int i = 0; i < 400 && recorder.events.stream().noneMatch(RetryScheduled.class::isInstance); i++) {
      Thread.sleep(5);
    }
    if (path == Path.NON_BLOCKING) {
      future.cancel(true);
    } else {
      call.cancel();
    }
    for (int i = 0; i < 400 && recorder.events.stream().noneMatch(GaveUp.class::isInstance); i++) {
      Thread.sleep(5);
    }
    Thread.sleep(50);

    assertThat(recorder.events).filteredOn(GaveUp.class::isInstance).singleElement()
        .satisfies(e -> assertThat(((GaveUp) e).attempts()).isEqualTo(1));
    assertThat(server.getRequestCount()).isEqualTo(1);
  }
}
