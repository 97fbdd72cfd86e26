package dev.apierrors.okhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.apierrors.ApiException;
import dev.apierrors.AttemptFailure;
import dev.apierrors.BadGatewayException;
import dev.apierrors.RetryPolicy;
import dev.apierrors.ServiceUnavailableException;
import dev.apierrors.TooManyRequestsException;
import dev.apierrors.WaitSource;
import dev.apierrors.okhttp.RetryFixture.Mode;
import io.github.resilience4j.retry.event.RetryEvent;
import io.github.resilience4j.retry.event.RetryOnRetryEvent;
import java.io.IOException;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every retry rule of the contract over real HTTP, on the blocking and the non-blocking
 * path alike. Waits are recorded, not slept.
 */
@ExtendWith(NoLeakedConnections.class)
class RetryOverHttpTest {
  @StartStop final MockWebServer server = TestHttp.newServer();

  /** Fast and predictable: 100 ms doubling up to 1 s, no jitter, 502 retried too. */
  static final RetryPolicy POLICY = RetryPolicy.builder()
      .initialBackoff(Duration.ofMillis(100))
      .maxBackoff(Duration.ofSeconds(1))
      .retryOn(429, 420, 503, 502)
      .jitter(false)
      .build();

  static MockResponse status(int code, String... headerPairs) {
    MockResponse.Builder b = new MockResponse.Builder().code(code).body("status " + code);
    for (int i = 0; i < headerPairs.length; i += 2) {
      b.addHeader(headerPairs[i], headerPairs[i + 1]);
    }
    return b.build();
  }

  static MockResponse ok() {
    return new MockResponse.Builder().code(200).body("done").build();
  }

  static MockResponse dropConnection() {
    return new MockResponse.Builder().onRequestStart(new SocketEffect.CloseSocket()).build();
  }

  Request get() {
    return new Request.Builder().url(server.url("/r")).build();
  }

  Request post() {
    return new Request.Builder().url(server.url("/r")).post(RequestBody.create("{}", MediaType.get("application/json"))).build();
  }

  static String body(Response response) throws IOException {
    try (response) {
      return response.body().string();
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void retriesOn503ThenSucceeds(Mode mode) throws IOException {
    server.enqueue(status(503));
    server.enqueue(ok());
    try (RetryFixture fixture = RetryFixture.recorded(mode, POLICY)) {

      assertThat(body(fixture.send(get()))).isEqualTo("done");

      assertThat(server.getRequestCount()).isEqualTo(2);
      assertThat(fixture.waits()).containsExactly(100L);
      assertThat(fixture.retries()).containsExactly("1:100:backoff");
      assertThat(fixture.events).extracting(RetryEvent::getEventType)
          .containsExactly(RetryEvent.Type.RETRY, RetryEvent.Type.SUCCESS);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void waitsTheRetryAfterSecondsThenSucceeds(Mode mode) throws IOException {
    server.enqueue(status(429, "Retry-After", "2"));
    server.enqueue(ok());
    try (RetryFixture fixture = RetryFixture.recorded(mode, POLICY)) {

      assertThat(body(fixture.send(get()))).isEqualTo("done");

      assertThat(fixture.waits()).containsExactly(2_000L);
      assertThat(fixture.retries()).containsExactly("1:2000:retry-after");
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void waitsTheRetryAfterMilliseconds(Mode mode) throws IOException {
    server.enqueue(status(503, "retry-after-ms", "150"));
    server.enqueue(status(503, "x-ms-retry-after-ms", "40"));
    server.enqueue(ok());
    try (RetryFixture fixture = RetryFixture.recorded(mode, POLICY)) {

      assertThat(body(fixture.send(get()))).isEqualTo("done");

      assertThat(fixture.waits()).containsExactly(150L, 40L);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void waitsForTheRateLimitResetWhenNoRequestIsLeft(Mode mode) throws IOException {
    server.enqueue(status(429, "X-RateLimit-Limit", "100", "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", "3"));
    server.enqueue(ok());
    try (RetryFixture fixture = RetryFixture.recorded(mode, POLICY)) {

      assertThat(body(fixture.send(get()))).isEqualTo("done");

      assertThat(fixture.waits()).containsExactly(3_000L);
      assertThat(fixture.retries()).containsExactly("1:3000:rate-limit-reset");
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void backsOffExponentiallyAndThrowsTheLastErrorWithTheAttempts(Mode mode) throws IOException {
    for (int i = 0; i < 5; i++) {
      server.enqueue(status(503));
    }
    try (RetryFixture fixture = RetryFixture.recorded(mode, POLICY.toBuilder().maxAttempts(5).build())) {

      ServiceUnavailableException e = catchThrowableOfType(ServiceUnavailableException.class, () -> fixture.send(get()));

      assertThat(e.attempts()).isEqualTo(5);
      assertThat(server.getRequestCount()).isEqualTo(5);
      assertThat(fixture.waits()).containsExactly(100L, 200L, 400L, 800L);
      assertThat(fixture.retries()).containsExactly("1:100:backoff", "2:200:backoff", "3:400:backoff", "4:800:backoff");
      assertThat(fixture.events).last().satisfies(last -> {
        assertThat(last.getEventType()).isEqualTo(RetryEvent.Type.ERROR);
        assertThat(last.getNumberOfRetryAttempts()).isEqualTo(5);
      });
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void exhaustedRetriesThrowTheLastTypedExceptionWithMaxAttempts(Mode mode) {
    server.enqueue(status(429, "Retry-After", "0"));
    // Not "Retry-After: 0" on a 503: OkHttp itself resends that once (RetryAndFollowUpInterceptor).
    server.enqueue(status(503, "Retry-After", "1"));
    server.enqueue(status(502));
    try (RetryFixture fixture = RetryFixture.recorded(mode, POLICY)) {

      BadGatewayException e = catchThrowableOfType(BadGatewayException.class, () -> fixture.send(get()));

      assertThat(e.attempts()).isEqualTo(3);
      assertThat(e.error().rawBodyText()).isEqualTo("status 502");
      assertThat(server.getRequestCount()).isEqualTo(3);
      assertThat(fixture.waits()).containsExactly(0L, 1_000L);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void doesNotSleepAServerWaitAboveTheCapAndCarriesIt(Mode mode) {
    server.enqueue(status(429, "Retry-After", "120"));
    server.enqueue(ok());
    try (RetryFixture fixture = RetryFixture.recorded(mode, POLICY)) {

      TooManyRequestsException e = catchThrowableOfType(TooManyRequestsException.class, () -> fixture.send(get()));

      assertThat(e.attempts()).isEqualTo(1);
      assertThat(e.error().retryAfterMillis()).hasValue(120_000);
      assertThat(fixture.waits()).isEmpty();
      assertThat(server.getRequestCount()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void doesNotRetryPostOn502(Mode mode) {
    server.enqueue(status(502));
    server.enqueue(ok());
    try (RetryFixture fixture = RetryFixture.recorded(mode, POLICY)) {

      BadGatewayException e = catchThrowableOfType(BadGatewayException.class, () -> fixture.send(post()));

      assertThat(e.attempts()).isEqualTo(1);
      assertThat(server.getRequestCount()).isEqualTo(1);
      assertThat(fixture.events).extracting(RetryEvent::getEventType).containsExactly(RetryEvent.Type.IGNORED_ERROR);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void retriesPostOn502WithAnIdempotencyKey(Mode mode) throws Exception {
    server.enqueue(status(502));
    server.enqueue(ok());
    try (RetryFixture fixture = RetryFixture.recorded(mode, POLICY)) {

      Request keyed = post().newBuilder().header("Idempotency-Key", "k-1").build();

      assertThat(body(fixture.send(keyed))).isEqualTo("done");
      assertThat(server.takeRequest().getBody().utf8()).isEqualTo("{}");
      assertThat(server.takeRequest().getBody().utf8()).isEqualTo("{}");
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void retriesPostOn429(Mode mode) throws IOException {
    server.enqueue(status(429));
    server.enqueue(ok());
    try (RetryFixture fixture = RetryFixture.recorded(mode, POLICY)) {

      assertThat(body(fixture.send(post()))).isEqualTo("done");
      assertThat(server.getRequestCount()).isEqualTo(2);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void neverResendsAOneShotBody(Mode mode) {
    server.enqueue(status(429));
    server.enqueue(ok());
    RequestBody oneShot = new RequestBody() {
      @Override
      public MediaType contentType() {
        return MediaType.get("text/plain");
      }

      @Override
      public void writeTo(BufferedSink sink) throws IOException {
        sink.writeUtf8("streamed once");
      }

      @Override
      public boolean isOneShot() {
        return true;
      }
    };
    Request request = new Request.Builder().url(server.url("/r")).put(oneShot).header("Idempotency-Key", "k").build();
    try (RetryFixture fixture = RetryFixture.recorded(mode, POLICY)) {

      TooManyRequestsException e = catchThrowableOfType(TooManyRequestsException.class, () -> fixture.send(request));

      assertThat(e.attempts()).isEqualTo(1);
      assertThat(server.getRequestCount()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void retriesAnIoFailureForGet(Mode mode) throws IOException {
    server.enqueue(dropConnection());
    server.enqueue(ok());
    try (RetryFixture fixture = RetryFixture.recorded(mode, POLICY)) {

      assertThat(body(fixture.send(get()))).isEqualTo("done");

      assertThat(fixture.retries()).containsExactly("1:100:backoff");
      AttemptFailure cause = (AttemptFailure) fixture.events.get(0).getLastThrowable();
      assertThat(cause.status()).isEmpty();
      assertThat(cause.failure()).isNotInstanceOf(ApiException.class);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void doesNotRetryAnIoFailureForPost(Mode mode) {
    server.enqueue(dropConnection());
    server.enqueue(ok());
    try (RetryFixture fixture = RetryFixture.recorded(mode, POLICY)) {

      Throwable thrown = catchThrowable(() -> fixture.send(post()));

      assertThat(thrown).isInstanceOf(IOException.class).isNotInstanceOf(ApiException.class);
      assertThat(AttemptFailure.attemptsOf(thrown)).isEqualTo(1);
      assertThat(fixture.waits()).isEmpty();
      assertThat(fixture.retries()).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void lastIoFailureCarriesTheAttempts(Mode mode) {
    server.enqueue(dropConnection());
    server.enqueue(dropConnection());
    server.enqueue(dropConnection());
    try (RetryFixture fixture = RetryFixture.recorded(mode, POLICY)) {

      Throwable thrown = catchThrowable(() -> fixture.send(get()));

      assertThat(thrown).isInstanceOf(IOException.class).isNotInstanceOf(ApiException.class);
      assertThat(AttemptFailure.attemptsOf(thrown)).isEqualTo(3);
      assertThat(fixture.waits()).containsExactly(100L, 200L);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void publishesEachRetryWithItsAttemptCauseWaitAndSource(Mode mode) throws IOException {
    server.enqueue(status(503, "retry-after-ms", "30"));
    server.enqueue(status(429, "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", "1"));
    server.enqueue(status(502));
    server.enqueue(ok());
    try (RetryFixture fixture = RetryFixture.recorded(mode, POLICY.toBuilder().maxAttempts(4).build())) {

      assertThat(body(fixture.send(get()))).isEqualTo("done");

      assertThat(fixture.retries()).containsExactly("1:30:retry-after", "2:1000:rate-limit-reset", "3:400:backoff");
      RetryOnRetryEvent first = (RetryOnRetryEvent) fixture.events.get(0);
      AttemptFailure cause = (AttemptFailure) first.getLastThrowable();
      assertThat(first.getName()).isEqualTo("test");
      assertThat(cause.attempt()).isEqualTo(1);
      assertThat(cause.status()).hasValue(503);
      assertThat(cause.failure()).isInstanceOf(ServiceUnavailableException.class);
      assertThat(cause.decision().waitSource()).contains(WaitSource.RETRY_AFTER);
      assertThat(first.getWaitInterval()).isEqualTo(Duration.ofMillis(30));
      assertThat(fixture.events).last().extracting(RetryEvent::getEventType).isEqualTo(RetryEvent.Type.SUCCESS);
      assertThat(fixture.retry.getMetrics().getNumberOfSuccessfulCallsWithRetryAttempt()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void passesErrorsThatAreNotRetriedAtOnce(Mode mode) {
    server.enqueue(status(404));
    try (RetryFixture fixture = RetryFixture.recorded(mode, POLICY)) {

      ApiException e = catchThrowableOfType(ApiException.class, () -> fixture.send(get()));

      assertThat(e.status()).isEqualTo(404);
      assertThat(e.attempts()).isEqualTo(1);
      assertThat(server.getRequestCount()).isEqualTo(1);
    }
  }
}
