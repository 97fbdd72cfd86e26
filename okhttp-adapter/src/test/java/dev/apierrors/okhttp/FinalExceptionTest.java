package dev.apierrors.okhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.apierrors.ApiException;
import dev.apierrors.AttemptFailure;
import dev.apierrors.BadGatewayException;
import dev.apierrors.RetryPolicy;
import dev.apierrors.ServiceUnavailableException;
import dev.apierrors.okhttp.RetryFixture.InFlight;
import dev.apierrors.okhttp.RetryFixture.Mode;
import io.github.resilience4j.retry.event.RetryEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.Request;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The exception that ends a retried call is clean: no cycle in its cause/suppressed graph
 * (loggers and serializers walk it), {@code attempts} counts every request sent, and the
 * earlier attempts' failures stay readable, oldest first. Both paths, waits recorded.
 */
@ExtendWith(NoLeakedConnections.class)
class FinalExceptionTest {
  private static final RetryPolicy POLICY = RetryOverHttpTest.POLICY;

  @StartStop final MockWebServer server = TestHttp.newServer();

  Request get() {
    return new Request.Builder().url(server.url("/x")).build();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aTypedFailureAfterRetriesCarriesTheEarlierAttempts(Mode mode) throws Exception {
    server.enqueue(RetryOverHttpTest.dropConnection());
    server.enqueue(RetryOverHttpTest.status(503));
    server.enqueue(RetryOverHttpTest.status(502));
    try (RetryFixture fixture = RetryFixture.recorded(mode, POLICY)) {

      Throwable thrown = catchThrowable(() -> fixture.send(get()));

      assertThat(thrown).isInstanceOf(BadGatewayException.class);
      assertThat(((ApiException) thrown).attempts()).isEqualTo(3);
      assertAcyclicAndSerializable(thrown);
      List<AttemptFailure> earlier = attemptFailures(thrown);
      assertThat(earlier).extracting(AttemptFailure::attempt).containsExactly(1, 2);
      assertThat(earlier.get(0).failure()).isNotInstanceOf(ApiException.class);
      assertThat(earlier.get(1).failure()).isInstanceOf(ServiceUnavailableException.class);
      assertThat(earlier).allSatisfy(f -> assertThat(f.decision().isRetry()).isTrue());
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void anIoFailureAfterRetriesIsNotItsOwnSuppressedCause(Mode mode) throws Exception {
    for (int i = 0; i < 3; i++) {
      server.enqueue(RetryOverHttpTest.dropConnection());
    }
    try (RetryFixture fixture = RetryFixture.recorded(mode, POLICY)) {

      Throwable thrown = catchThrowable(() -> fixture.send(get()));

      assertThat(thrown).isInstanceOf(IOException.class).isNotInstanceOf(ApiException.class);
      assertThat(AttemptFailure.attemptsOf(thrown)).isEqualTo(3);
      assertAcyclicAndSerializable(thrown);
      assertThat(attemptFailures(thrown)).extracting(AttemptFailure::attempt).containsExactly(1, 2);
      assertThat(attemptFailures(thrown)).allSatisfy(f -> assertThat(f.failure()).isNotSameAs(thrown));
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aCancelDuringTheWaitCountsOnlyTheRequestsSent(Mode mode) throws Exception {
    server.enqueue(RetryOverHttpTest.status(503));
    server.enqueue(RetryOverHttpTest.status(503, "Retry-After", "30"));
    try (RetryFixture fixture = RetryFixture.realTime(mode,
        POLICY.toBuilder().initialBackoff(Duration.ZERO).build(), TestHttp.clientBuilder())) {
      InFlight inFlight = fixture.start(get());
      awaitRetries(fixture, 2); // now waiting 30 s before the third attempt

      if (mode == Mode.BLOCKING) {
        inFlight.call().cancel();
      } else {
        fixture.client.dispatcher().cancelAll(); // reaches no call: the call waits without one
        inFlight.future().completeExceptionally(new IOException("given up by the caller"));
      }

      Throwable thrown = CancellationTest.failureOf(inFlight);
      assertThat(thrown).isInstanceOf(IOException.class).isNotInstanceOf(ApiException.class);
      if (mode == Mode.BLOCKING) {
        assertThat(AttemptFailure.attemptsOf(thrown)).isEqualTo(2);
        assertAcyclicAndSerializable(thrown);
        assertThat(attemptFailures(thrown)).extracting(AttemptFailure::attempt).containsExactly(1, 2);
        assertThat(attemptFailures(thrown).get(1).decision().isRetry()).as("the cut wait").isFalse();
      }
      assertThat(server.getRequestCount()).isEqualTo(2);
    }
  }

  private static void awaitRetries(RetryFixture fixture, int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (fixture.events.stream().filter(e -> e.getEventType() == RetryEvent.Type.RETRY).count() < count) {
      assertThat(System.nanoTime() - deadline).as("retries not announced within 5 s").isNegative();
      Thread.sleep(5);
    }
    Thread.sleep(50);
  }

  private static List<AttemptFailure> attemptFailures(Throwable t) {
    List<AttemptFailure> found = new ArrayList<>();
    for (Throwable s : t.getSuppressed()) {
      if (s instanceof AttemptFailure f) {
        found.add(f);
      }
    }
    return found;
  }

  /** No throwable reachable through causes and suppressed ones leads back to itself; printing and serializing end. */
  static void assertAcyclicAndSerializable(Throwable root) throws IOException {
    walk(root, Collections.newSetFromMap(new IdentityHashMap<>()));
    StringWriter printed = new StringWriter();
    root.printStackTrace(new PrintWriter(printed));
    assertThat(printed.toString()).doesNotContain("CIRCULAR REFERENCE");
    try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
      out.writeObject(root);
    }
  }

  private static void walk(Throwable t, Set<Throwable> path) {
    assertThat(path.add(t)).as("a cycle through %s", t).isTrue();
    if (t.getCause() != null) {
      walk(t.getCause(), path);
    }
    for (Throwable s : t.getSuppressed()) {
      walk(s, path);
    }
    path.remove(t);
  }
}
