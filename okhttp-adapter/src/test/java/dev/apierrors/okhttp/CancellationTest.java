package dev.apierrors.okhttp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apierrors.ApiException;
import dev.apierrors.AttemptFailure;
import dev.apierrors.RetryPolicy;
import dev.apierrors.okhttp.RetryFixture.InFlight;
import dev.apierrors.okhttp.RetryFixture.Mode;
import dev.apierrors.okhttp.RetryFixture.Outcome;
import io.github.resilience4j.retry.event.RetryEvent;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A call cancelled by any means is never sent again and ends with an {@link IOException}
 * (never a typed exception, never a later success); a cancel or an interrupt during an
 * error body's read wins over the few bytes that arrived. On both paths, and as a race
 * repeated 200 times.
 */
@ExtendWith(NoLeakedConnections.class)
class CancellationTest {
  /** Retries at once (waits recorded, not slept), up to 5 attempts. */
  private static final RetryPolicy POLICY = RetryPolicy.builder()
      .maxAttempts(5)
      .initialBackoff(Duration.ofMillis(100))
      .maxBackoff(Duration.ofSeconds(1))
      .jitter(false)
      .build();

  @StartStop final MockWebServer server = TestHttp.newServer();

  /** How a user cancels a call. */
  enum CancelBy {
    /** {@code Call.cancel()} on the OkHttp call in flight (for the async path: the attempt's call). */
    CALL_CANCEL {
      @Override
      void cancel(RetryFixture fixture, InFlight inFlight) {
        fixture.client.dispatcher().runningCalls().forEach(Call::cancel);
      }
    },
    /** {@code client.dispatcher().cancelAll()}. */
    DISPATCHER_CANCEL_ALL {
      @Override
      void cancel(RetryFixture fixture, InFlight inFlight) {
        fixture.client.dispatcher().cancelAll();
      }
    },
    /** Cancelling the future (the non-blocking path), interrupting the thread (the blocking one). */
    FUTURE_OR_INTERRUPT {
      @Override
      void cancel(RetryFixture fixture, InFlight inFlight) {
        if (fixture.mode == Mode.NON_BLOCKING) {
          inFlight.future().cancel(true);
        } else {
          inFlight.thread().interrupt();
        }
      }
    };

    abstract void cancel(RetryFixture fixture, InFlight inFlight);
  }

  Request get() {
    return new Request.Builder().url(server.url("/c")).build();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aCallCancelledInFlightIsNeverSentAgain_callCancel(Mode mode) throws Exception {
    cancelledInFlightIsNeverSentAgain(mode, CancelBy.CALL_CANCEL);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aCallCancelledInFlightIsNeverSentAgain_dispatcherCancelAll(Mode mode) throws Exception {
    cancelledInFlightIsNeverSentAgain(mode, CancelBy.DISPATCHER_CANCEL_ALL);
  }

  private void cancelledInFlightIsNeverSentAgain(Mode mode, CancelBy by) throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).body("late").headersDelay(10, TimeUnit.SECONDS).build());
    server.enqueue(RetryOverHttpTest.ok());
    try (RetryFixture fixture = RetryFixture.recorded(mode, POLICY)) {
      InFlight inFlight = fixture.start(get());
      assertThat(server.takeRequest(5, TimeUnit.SECONDS)).isNotNull();

      by.cancel(fixture, inFlight);

      Throwable failure = failureOf(inFlight);
      assertThat(failure).isInstanceOf(IOException.class).isNotInstanceOf(ApiException.class);
      NoLeakedConnections.awaitCallsEnded(fixture.client);
      assertThat(fixture.pendingScheduledWaits()).isZero();
      assertThat(server.getRequestCount()).as("requests the server saw").isEqualTo(1);
      assertThat(fixture.events).extracting(RetryEvent::getEventType).doesNotContain(RetryEvent.Type.RETRY);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void cancelAllDuringAnErrorResponseEndsWithIoExceptionNotTheTypedOneNorALaterSuccess(Mode mode)
      throws Exception {
    // The error's headers arrive at once, its body trickles: the cancel lands during the read.
    server.enqueue(new MockResponse.Builder().code(503)
        .setHeader("Content-Type", "application/problem+json")
        .body("{\"title\":\"busy\",\"detail\":\"" + "x".repeat(4_000) + "\"}")
        .throttleBody(64, 50, TimeUnit.MILLISECONDS)
        .build());
    server.enqueue(RetryOverHttpTest.ok());
    try (RetryFixture fixture = RetryFixture.recorded(mode, POLICY)) {
      InFlight inFlight = fixture.start(get());
      assertThat(server.takeRequest(5, TimeUnit.SECONDS)).isNotNull();
      Thread.sleep(100); // the headers and the first bytes of the body have arrived

      fixture.client.dispatcher().cancelAll();

      Throwable failure = failureOf(inFlight);
      assertThat(failure).isInstanceOf(IOException.class).isNotInstanceOf(ApiException.class);
      assertThat(AttemptFailure.attemptsOf(failure)).isEqualTo(1);
      NoLeakedConnections.awaitCallsEnded(fixture.client);
      assertThat(server.getRequestCount()).isEqualTo(1);
    }
  }

  @Test
  void interruptDuringAnErrorBodysReadEndsWithInterruptedIoExceptionAndKeepsTheFlag() throws Exception {
    server.enqueue(new MockResponse.Builder().code(503)
        .body("{\"title\":\"busy\",\"detail\":\"" + "x".repeat(4_000) + "\"}")
        .throttleBody(64, 50, TimeUnit.MILLISECONDS)
        .build());
    server.enqueue(RetryOverHttpTest.ok());
    try (RetryFixture fixture = RetryFixture.recorded(Mode.BLOCKING, POLICY)) {
      InFlight inFlight = fixture.start(get());
      assertThat(server.takeRequest(5, TimeUnit.SECONDS)).isNotNull();
      Thread.sleep(100);

      inFlight.thread().interrupt();

      Outcome outcome = outcomeOf(inFlight);
      assertThat(outcome.failure).isInstanceOf(InterruptedIOException.class);
      assertThat(outcome.interrupted).as("interrupt flag kept").isTrue();
      assertThat(server.getRequestCount()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void cancelDuringTheErrorBodysReadWithoutRetryEndsWithIoException(Mode mode) throws Exception {
    server.enqueue(new MockResponse.Builder().code(404)
        .body("{\"message\":\"" + "x".repeat(4_000) + "\"}")
        .throttleBody(64, 50, TimeUnit.MILLISECONDS)
        .build());
    try (RetryFixture fixture = RetryFixture.recorded(mode, RetryPolicy.none())) {
      InFlight inFlight = fixture.start(get());
      assertThat(server.takeRequest(5, TimeUnit.SECONDS)).isNotNull();
      Thread.sleep(100);

      CancelBy.CALL_CANCEL.cancel(fixture, inFlight);

      assertThat(failureOf(inFlight)).isInstanceOf(IOException.class).isNotInstanceOf(ApiException.class);
      NoLeakedConnections.awaitCallsEnded(fixture.client);
    }
  }

  /**
   * The race: a call retrying 503s quickly (1 ms waits, for real) is cancelled at a random
   * moment, 200 times per path and per way of cancelling: it always ends with an
   * IOException, and once it has ended no further request reaches the server.
   */
  @ParameterizedTest
  @EnumSource(Mode.class)
  void cancelRaceRepeated200Times(Mode mode) throws Exception {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        // Each attempt stays in flight about as long as the wait between attempts: a cancel
        // of the running calls (CALL_CANCEL) then lands about half the time. Answered at
        // once on loopback, an attempt was in flight so briefly that a call could run all
        // its 1,000 attempts between cancels, and end with the 503 instead.
        return new MockResponse.Builder().code(503).setHeader("retry-after-ms", "1").body("busy")
            .headersDelay(1, TimeUnit.MILLISECONDS).build();
      }
    });
    RetryPolicy manyQuickRetries = RetryPolicy.builder().maxAttempts(1_000).build();
    for (CancelBy by : new CancelBy[] {CancelBy.CALL_CANCEL, mode == Mode.NON_BLOCKING
        ? CancelBy.FUTURE_OR_INTERRUPT : CancelBy.DISPATCHER_CANCEL_ALL}) {
      AtomicInteger sent = new AtomicInteger(); // requests the client wrote, counted as they start
      OkHttpClient.Builder counting = TestHttp.clientBuilder().eventListener(new EventListener() {
        @Override
        public void requestHeadersStart(Call call) {
          sent.incrementAndGet();
        }
      });
      try (RetryFixture fixture = RetryFixture.realTime(mode, manyQuickRetries, counting)) {
        for (int run = 0; run < 200; run++) {
          int before = server.getRequestCount();
          InFlight inFlight = fixture.start(get());
          awaitRequests(before + 1 + ThreadLocalRandom.current().nextInt(3));
          LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(TimeUnit.MILLISECONDS.toNanos(2)));

          assertThat(cancelUntilEnded(by, fixture, inFlight)).as("%s run %d ended", by, run).isTrue();

          Throwable failure = failureOf(inFlight);
          assertThat(failure).as("%s run %d", by, run).isNotInstanceOf(ApiException.class);
          if (!(failure instanceof CancellationException)) {
            assertThat(failure).isInstanceOf(IOException.class);
          }
          NoLeakedConnections.awaitCallsEnded(fixture.client);
          int seen = sent.get();
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5)); // five times the wait: a resend would show
          assertThat(fixture.pendingScheduledWaits()).isZero();
          assertThat(sent.get()).as("requests sent after the end, %s run %d", by, run).isEqualTo(seen);
        }
      }
    }
  }

  /**
   * Cancels (a call-level cancel reaches only a call in flight: during a wait there is
   * none, so it is tried again briefly) until the outcome is known.
   */
  private static boolean cancelUntilEnded(CancelBy by, RetryFixture fixture, InFlight inFlight) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < deadline) {
      by.cancel(fixture, inFlight);
      try {
        inFlight.future().get(20, TimeUnit.MILLISECONDS);
        return true;
      } catch (TimeoutException stillRunning) {
        // a wait between attempts: cancel again
      } catch (Exception ended) {
        return true;
      }
    }
    return false;
  }

  private void awaitRequests(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (server.getRequestCount() < count) {
      assertThat(System.nanoTime() - deadline).as("requests not sent within 5 s").isNegative();
      Thread.sleep(0, 200_000);
    }
  }

  /** The exception the call ended with, unwrapped (a cancelled future: its CancellationException). */
  static Throwable failureOf(InFlight inFlight) throws Exception {
    try {
      Response response = inFlight.future().get(10, TimeUnit.SECONDS);
      response.close();
      throw new AssertionError("the call succeeded: " + response);
    } catch (ExecutionException e) {
      return e.getCause() instanceof Outcome o ? o.failure : e.getCause();
    } catch (CancellationException e) {
      return e;
    }
  }

  private static Outcome outcomeOf(InFlight inFlight) throws Exception {
    try {
      inFlight.future().get(10, TimeUnit.SECONDS).close();
      throw new AssertionError("the call succeeded");
    } catch (ExecutionException e) {
      return (Outcome) e.getCause();
    }
  }
}
