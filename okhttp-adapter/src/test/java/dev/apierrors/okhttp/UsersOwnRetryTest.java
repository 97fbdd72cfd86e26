package dev.apierrors.okhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.apierrors.ApiException;
import dev.apierrors.AttemptFailure;
import dev.apierrors.RetryPolicy;
import dev.apierrors.ServiceUnavailableException;
import dev.apierrors.TooManyRequestsException;
import dev.apierrors.okhttp.RetryFixture.Mode;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.event.RetryEvent;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A user's own resilience4j {@code Retry} keeps what they configured, applied to the typed
 * exception itself, and the SDK's rules still apply on top: a failure is retried only when
 * both agree, and the events report the wait actually used. Both paths, waits recorded.
 */
@ExtendWith(NoLeakedConnections.class)
class UsersOwnRetryTest {
  /** 100 ms doubling, no jitter, 502 retried too, 5 attempts. */
  private static final RetryPolicy POLICY = RetryOverHttpTest.POLICY.toBuilder().maxAttempts(5).build();

  @StartStop final MockWebServer server = TestHttp.newServer();

  /**
   * One case: the user's configuration, what the server answers (status, or 0 for a
   * dropped connection), the method, and what must happen.
   */
  record Case(String name, RetryConfig config, String method, int[] statuses, int requests,
      Class<? extends Throwable> outcome, List<String> retries) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> table() {
    return Stream.of(
        new Case("ignoreExceptions(503) is kept", RetryConfig.custom()
            .ignoreExceptions(ServiceUnavailableException.class).build(),
            "GET", new int[] {503, 200}, 1, ServiceUnavailableException.class, List.of()),
        new Case("retryExceptions(429) retries 429 but not 503", RetryConfig.custom()
            .retryExceptions(TooManyRequestsException.class).build(),
            "GET", new int[] {429, 503, 200}, 2, ServiceUnavailableException.class, List.of("1:100:backoff")),
        new Case("retryOnException(false) retries nothing", RetryConfig.custom()
            .retryOnException(e -> false).build(),
            "GET", new int[] {503, 200}, 1, ServiceUnavailableException.class, List.of()),
        new Case("its maxAttempts(2) below the policy's 5", RetryConfig.custom().maxAttempts(2).build(),
            "GET", new int[] {503, 503, 200}, 2, ServiceUnavailableException.class, List.of("1:100:backoff")),
        new Case("the policy's wait, not its own 500 ms", RetryConfig.ofDefaults(),
            "GET", new int[] {503, 503, 200}, 3, null, List.of("1:100:backoff", "2:200:backoff")),
        new Case("a 404 is not retried, and no retry is announced", RetryConfig.ofDefaults(),
            "GET", new int[] {404, 200}, 1, ApiException.class, List.of()),
        new Case("the SDK's idempotency rule on top: POST 502", RetryConfig.ofDefaults(),
            "POST", new int[] {502, 200}, 1, ApiException.class, List.of()),
        new Case("the SDK's refusal rule on top: POST 429 retried", RetryConfig.ofDefaults(),
            "POST", new int[] {429, 200}, 2, null, List.of("1:100:backoff")),
        new Case("retryExceptions(IOException) covers an I/O failure", RetryConfig.custom()
            .retryExceptions(IOException.class).ignoreExceptions(ApiException.class).build(),
            "GET", new int[] {0, 503, 200}, 2, ServiceUnavailableException.class, List.of("1:100:backoff")));
  }

  static Stream<Arguments> cases() {
    return Stream.of(Mode.values()).flatMap(mode -> table().map(c -> Arguments.of(mode, c)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void theUsersRetryAndThePolicyMustBothAgree(Mode mode, Case c) throws IOException {
    for (int status : c.statuses) {
      server.enqueue(status == 0 ? RetryOverHttpTest.dropConnection()
          : status == 200 ? RetryOverHttpTest.ok() : RetryOverHttpTest.status(status));
    }
    Retry own = Retry.of("own", c.config);
    try (RetryFixture fixture = RetryFixture.recorded(mode, POLICY, own)) {
      Request request = new Request.Builder().url(server.url("/u"))
          .method(c.method, c.method.equals("GET") ? null : RequestBody.create("{}", MediaType.get("application/json")))
          .build();

      Throwable failure = null;
      try (Response response = fixture.send(request)) {
        assertThat(response.code()).isEqualTo(200);
      } catch (IOException e) {
        failure = e;
      }

      if (c.outcome == null) {
        assertThat(failure).isNull();
      } else {
        assertThat(failure).isInstanceOf(c.outcome);
        assertThat(AttemptFailure.attemptsOf(failure)).isEqualTo(c.requests);
      }
      if (Arrays.stream(c.statuses).noneMatch(status -> status == 0)) {
        assertThat(server.getRequestCount()).as("requests sent").isEqualTo(c.requests);
      }
      assertThat(fixture.retries()).as("retry events: attempt, wait, source").isEqualTo(c.retries);
      assertThat(fixture.waits()).as("waits made").containsExactlyElementsOf(
          c.retries.stream().map(r -> Long.parseLong(r.split(":")[1])).toList());
      assertThat(fixture.events).last().extracting(RetryEvent::getEventType).isEqualTo(
          c.outcome == null ? RetryEvent.Type.SUCCESS
              : c.requests == 1 ? RetryEvent.Type.IGNORED_ERROR : RetryEvent.Type.ERROR);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void theMaxRetryAfterRuleStillAppliesWhateverTheRetrySays(Mode mode) {
    server.enqueue(RetryOverHttpTest.status(429, "Retry-After", "120"));
    server.enqueue(RetryOverHttpTest.ok());
    try (RetryFixture fixture = RetryFixture.recorded(mode, POLICY, Retry.ofDefaults("own"))) {

      Throwable failure = catchThrowable(() -> fixture.send(new Request.Builder().url(server.url("/u")).build()));

      assertThat(failure).isInstanceOf(TooManyRequestsException.class);
      assertThat(server.getRequestCount()).isEqualTo(1);
      assertThat(fixture.retries()).isEmpty();
    }
  }

  /** A Retry of the user's asking for a retry of every 202 (an answer still in progress). */
  private static Retry retryingAccepted(int maxAttempts) {
    return Retry.of("own", RetryConfig.<Object>custom()
        .maxAttempts(maxAttempts)
        .retryOnResult(result -> result instanceof Response r && r.code() == 202)
        .build());
  }

  private static void enqueue(MockWebServer server, int... statuses) {
    for (int status : statuses) {
      server.enqueue(new MockResponse.Builder().code(status).body(status == 200 ? "done" : "pending").build());
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void retryOnResultIsKeptWithThePolicysWaits(Mode mode) throws IOException {
    enqueue(server, 202, 202, 200);
    try (RetryFixture fixture = RetryFixture.recorded(mode, POLICY, retryingAccepted(3))) {

      assertThat(RetryOverHttpTest.body(fixture.send(new Request.Builder().url(server.url("/r")).build())))
          .isEqualTo("done");

      assertThat(server.getRequestCount()).isEqualTo(3);
      assertThat(fixture.retries()).containsExactly("1:100:backoff", "2:200:backoff");
      assertThat(fixture.events).last().extracting(RetryEvent::getEventType).isEqualTo(RetryEvent.Type.SUCCESS);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void retryOnResultEndsWithTheLastResultWhenTheAttemptsAreUsedUp(Mode mode) throws IOException {
    enqueue(server, 202, 202, 202, 200);
    try (RetryFixture fixture = RetryFixture.recorded(mode, POLICY, retryingAccepted(3))) {

      try (Response last = fixture.send(new Request.Builder().url(server.url("/r")).build())) {
        assertThat(last.code()).isEqualTo(202);
        assertThat(last.body().string()).isEqualTo("pending");
      }

      assertThat(server.getRequestCount()).isEqualTo(3);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void retryOnResultDoesNotResendWhatTheSdkWouldNot(Mode mode) throws IOException {
    enqueue(server, 202, 200);
    Request post = new Request.Builder().url(server.url("/r"))
        .post(RequestBody.create("{}", MediaType.get("application/json"))).build();
    try (RetryFixture fixture = RetryFixture.recorded(mode, POLICY, retryingAccepted(3))) {

      try (Response response = fixture.send(post)) {
        assertThat(response.code()).as("POST without Idempotency-Key: not sent again").isEqualTo(202);
      }

      assertThat(server.getRequestCount()).isEqualTo(1);
      assertThat(fixture.retries()).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aResultPredicateForAnotherTypeNeverBreaksTheCall(Mode mode) throws IOException {
    enqueue(server, 200);
    Retry wrongType = Retry.of("own", RetryConfig.<String>custom().retryOnResult(String::isEmpty).build());
    try (RetryFixture fixture = RetryFixture.recorded(mode, POLICY, wrongType)) {

      assertThat(RetryOverHttpTest.body(fixture.send(new Request.Builder().url(server.url("/r")).build())))
          .isEqualTo("done");

      assertThat(server.getRequestCount()).isEqualTo(1);
    }
  }
}
