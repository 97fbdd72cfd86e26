package dev.apierrors.okhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.apierrors.AttemptFailure;
import dev.apierrors.RetryPolicy;
import dev.apierrors.ServiceUnavailableException;
import dev.apierrors.TooManyRequestsException;
import dev.apierrors.okhttp.RetryFixture.InFlight;
import dev.apierrors.okhttp.RetryFixture.Mode;
import dev.apierrors.okhttp.RetryFixture.Outcome;
import io.github.resilience4j.retry.event.RetryEvent;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Waits in real time: they really happen, end promptly on cancel and interrupt, and never
 * reach the call's deadline. Each test takes at most about a second.
 */
@ExtendWith(NoLeakedConnections.class)
class RetryWaitsTest {
  private static final long PROMPTLY_MILLIS = 1_000;

  @StartStop final MockWebServer server = TestHttp.newServer();

  Request get() {
    return new Request.Builder().url(server.url("/w")).build();
  }

  RetryFixture fixture(Mode mode) {
    return RetryFixture.realTime(mode, RetryPolicy.ofDefaults(), TestHttp.clientBuilder());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void reallyWaitsTheRetryAfterSecond(Mode mode) throws IOException {
    server.enqueue(RetryOverHttpTest.status(429, "Retry-After", "1"));
    server.enqueue(RetryOverHttpTest.ok());
    try (RetryFixture fixture = fixture(mode)) {
      long start = System.nanoTime();

      assertThat(RetryOverHttpTest.body(fixture.send(get()))).isEqualTo("done");

      assertThat(elapsedMillis(start)).isGreaterThanOrEqualTo(1_000);
      assertThat(fixture.waits()).containsExactly(1_000L);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void retriesWhenTheWaitEndsBeforeTheDeadline(Mode mode) throws IOException {
    server.enqueue(RetryOverHttpTest.status(503, "retry-after-ms", "300"));
    server.enqueue(RetryOverHttpTest.ok());
    try (RetryFixture fixture = RetryFixture.realTime(mode, RetryPolicy.ofDefaults(),
        TestHttp.clientBuilder().callTimeout(5, TimeUnit.SECONDS))) {

      assertThat(RetryOverHttpTest.body(fixture.send(get()))).isEqualTo("done");
      assertThat(server.getRequestCount()).isEqualTo(2);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void neverOversleepsTheDeadline(Mode mode) {
    server.enqueue(RetryOverHttpTest.status(503, "Retry-After", "3"));
    server.enqueue(RetryOverHttpTest.ok());
    try (RetryFixture fixture = RetryFixture.realTime(mode, RetryPolicy.ofDefaults(),
        TestHttp.clientBuilder().callTimeout(1_500, TimeUnit.MILLISECONDS))) {
      long start = System.nanoTime();

      ServiceUnavailableException e = catchThrowableOfType(ServiceUnavailableException.class, () -> fixture.send(get()));

      assertThat(elapsedMillis(start)).isLessThan(PROMPTLY_MILLIS);
      assertThat(e.attempts()).isEqualTo(1);
      assertThat(e.error().retryAfterMillis()).hasValue(3_000);
      assertThat(fixture.waits()).isEmpty();
      assertThat(server.getRequestCount()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void cancelDuringAWaitEndsItPromptly(Mode mode) throws Exception {
    server.enqueue(RetryOverHttpTest.status(503, "Retry-After", "30"));
    server.enqueue(RetryOverHttpTest.ok());
    try (RetryFixture fixture = fixture(mode)) {
      InFlight inFlight = fixture.start(get());
      awaitRetryEvent(fixture);
      long start = System.nanoTime();

      if (mode == Mode.BLOCKING) {
        inFlight.call().cancel();
        Outcome outcome = outcomeOf(inFlight);
        assertThat(outcome.failure).isInstanceOf(IOException.class).hasMessage("Canceled");
        assertThat(AttemptFailure.attemptsOf(outcome.failure)).isEqualTo(1);
        assertThat(outcome.failure.getSuppressed()).singleElement()
            .isInstanceOfSatisfying(AttemptFailure.class, f -> assertThat(f.failure())
                .isInstanceOf(ServiceUnavailableException.class));
      } else {
        assertThat(inFlight.future().cancel(true)).isTrue();
        assertThat(fixture.pendingScheduledWaits()).as("the pending wait is cancelled").isZero();
      }

      assertThat(elapsedMillis(start)).isLessThan(PROMPTLY_MILLIS);
      assertThat(server.getRequestCount()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void cancelDuringAnAttemptEndsTheCallWithoutRetry(Mode mode) throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).headersDelay(10, TimeUnit.SECONDS).build());
    server.enqueue(RetryOverHttpTest.ok());
    try (RetryFixture fixture = fixture(mode)) {
      InFlight inFlight = fixture.start(get());
      assertThat(server.takeRequest(5, TimeUnit.SECONDS)).isNotNull();
      long start = System.nanoTime();

      if (mode == Mode.BLOCKING) {
        inFlight.call().cancel();
        assertThat(outcomeOf(inFlight).failure).isInstanceOf(IOException.class);
      } else {
        assertThat(inFlight.future().cancel(true)).isTrue();
      }
      NoLeakedConnections.awaitCallsEnded(fixture.client);

      assertThat(elapsedMillis(start)).isLessThan(PROMPTLY_MILLIS);
      assertThat(server.getRequestCount()).isEqualTo(1);
      assertThat(fixture.events).extracting(RetryEvent::getEventType).doesNotContain(RetryEvent.Type.RETRY);
    }
  }

  @Test
  void interruptDuringABlockingWaitThrowsInterruptedIoExceptionAndKeepsTheFlag() throws Exception {
    server.enqueue(RetryOverHttpTest.status(429, "Retry-After", "30"));
    try (RetryFixture fixture = fixture(Mode.BLOCKING)) {
      InFlight inFlight = fixture.start(get());
      awaitRetryEvent(fixture);
      long start = System.nanoTime();

      inFlight.thread().interrupt();
      Outcome outcome = outcomeOf(inFlight);

      assertThat(elapsedMillis(start)).isLessThan(PROMPTLY_MILLIS);
      assertThat(outcome.failure).isInstanceOf(InterruptedIOException.class);
      assertThat(outcome.interrupted).as("interrupt flag kept").isTrue();
      assertThat(outcome.failure.getSuppressed()).singleElement().isInstanceOfSatisfying(AttemptFailure.class,
          f -> assertThat(f.failure()).isInstanceOf(TooManyRequestsException.class));
      assertThat(AttemptFailure.attemptsOf(outcome.failure)).isEqualTo(1);
      assertThat(server.getRequestCount()).isEqualTo(1);
    }
  }

  private static void awaitRetryEvent(RetryFixture fixture) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (fixture.events.stream().noneMatch(e -> e.getEventType() == RetryEvent.Type.RETRY)) {
      assertThat(System.nanoTime() - deadline).as("no retry event within 5 s").isNegative();
      Thread.sleep(5);
    }
    Thread.sleep(50); // now inside the wait
  }

  /** The exception a blocking call on its own thread ended with. */
  private static Outcome outcomeOf(InFlight inFlight) throws Exception {
    try {
      inFlight.future().get(5, TimeUnit.SECONDS);
      throw new AssertionError("the call succeeded");
    } catch (ExecutionException e) {
      return (Outcome) e.getCause();
    } catch (CancellationException e) {
      throw new AssertionError(e);
    }
  }

  private static long elapsedMillis(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
  }
}
