package dev.apierrors.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apierrors.ApiError;
import dev.apierrors.ApiException;
import dev.apierrors.AttemptFailure;
import dev.apierrors.RequestFacts;
import dev.apierrors.RetryPolicy;
import io.github.resilience4j.retry.Retry;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * How a retried call ends: stopped while an attempt was in flight ({@code endedBy}), during
 * the wait before a retry ({@code endedDuringWait}), or by a failure ({@code failureToThrow});
 * what the exception carries, how many attempts it counts, and that its graph has no cycle.
 */
class RetrySessionEndingsTest {
  private static final OptionalLong NO_DEADLINE = OptionalLong.empty();
  private static final RetryPolicy POLICY = RetryPolicy.builder()
      .initialBackoff(Duration.ofMillis(100)).maxBackoff(Duration.ofMillis(1_000)).jitter(false).build();

  private final Retry retry = POLICY.toRetry("endings");

  private RetrySession session() {
    return RetrySession.start(POLICY, retry, RequestFacts.of("GET"));
  }

  private static ApiException error(int status) {
    return ApiException.of(ApiError.builder(status).build(), 1);
  }

  private static List<AttemptFailure> records(Throwable end) {
    List<AttemptFailure> records = new ArrayList<>();
    for (Throwable s : end.getSuppressed()) {
      records.add((AttemptFailure) s);
    }
    return records;
  }

  /** Walks causes and suppressed exceptions; false when {@code t} is reached again from itself. */
  private static boolean acyclic(Throwable t, Set<Throwable> onPath) {
    if (!onPath.add(t)) {
      return false;
    }
    List<Throwable> next = new ArrayList<>(Arrays.asList(t.getSuppressed()));
    if (t.getCause() != null) {
      next.add(t.getCause());
    }
    for (Throwable n : next) {
      if (!acyclic(n, onPath)) {
        return false;
      }
    }
    onPath.remove(t);
    return true;
  }

  private static boolean acyclic(Throwable t) {
    return acyclic(t, Collections.newSetFromMap(new IdentityHashMap<>()));
  }

  @Test
  void aCallEndedDuringItsFirstAttemptIsJustWhatEndedIt() {
    InterruptedIOException cancel = new InterruptedIOException("interrupted");
    assertThat(session().endedDuringWait(cancel)).isSameAs(cancel);
    assertThat(cancel.getSuppressed()).isEmpty();
    assertThat(AttemptFailure.attemptsOf(cancel)).isEqualTo(1);
  }

  @Test
  void aWaitCutShortCountsOnlyTheRequestsSent() {
    RetrySession session = session();
    ApiException first = error(503);
    ApiException second = error(503);
    session.onFailure(first, NO_DEADLINE);
    session.onFailure(second, NO_DEADLINE); // attempt 3 is awaited

    InterruptedIOException cancel = new InterruptedIOException("interrupted");
    IOException end = session.endedDuringWait(cancel);

    assertThat(end).isSameAs(cancel);
    assertThat(AttemptFailure.attemptsOf(end)).isEqualTo(2);
    List<AttemptFailure> records = records(end);
    assertThat(records).extracting(AttemptFailure::attempt).containsExactly(1, 2);
    assertThat(records.get(0).failure()).isSameAs(first);
    assertThat(records.get(0).decision().isRetry()).isTrue();
    assertThat(records.get(1).failure()).isSameAs(second);
    assertThat(records.get(1).decision().isRetry()).isFalse();
    assertThat(records.get(1).decision().reason())
        .isEqualTo("the wait before the retry was cut short (InterruptedIOException)");
  }

  @Test
  void aWaitCutShortAfterAStopKeepsTheStopAsItWas() {
    RetrySession session = session();
    session.onFailure(error(503), NO_DEADLINE);
    session.onFailure(error(404), NO_DEADLINE); // not retried

    IOException end = session.endedDuringWait(new InterruptedIOException("interrupted"));

    assertThat(AttemptFailure.attemptsOf(end)).isEqualTo(2);
    assertThat(records(end)).extracting(r -> r.decision().reason())
        .containsExactly("status 503 is retried for every method", "status 404 is not in retryOn");
  }

  @Test
  void aCallStoppedDuringAnAttemptCarriesThatAttemptsOwnFailureOnce() {
    RetrySession session = session();
    ApiException busy = error(503);
    session.onFailure(busy, NO_DEADLINE); // attempt 2 in flight
    IOException cutShort = new IOException("body cut short");
    IOException cancel = new IOException("Canceled");

    IOException end = session.endedBy(cancel, cutShort);
    assertThat(session.endedBy(cancel, cutShort)).as("asked twice: nothing doubled").isSameAs(end);

    assertThat(AttemptFailure.attemptsOf(end)).isEqualTo(2);
    List<AttemptFailure> records = records(end);
    assertThat(records).extracting(AttemptFailure::attempt).containsExactly(1, 2);
    assertThat(records.get(0).failure()).isSameAs(busy);
    assertThat(records.get(1).failure()).isSameAs(cutShort);
    assertThat(records.get(1).decision().reason()).isEqualTo("the call was stopped (IOException)");
    assertThat(acyclic(end)).isTrue();
  }

  @Test
  void aCallStoppedWithoutAFailureOfItsOwnCarriesTheEarlierAttemptsOnly() {
    RetrySession session = session();
    session.onFailure(error(503), NO_DEADLINE);
    IOException cancel = new IOException("Canceled");
    IOException alsoCancel = new IOException("Canceled");

    assertThat(session.endedBy(cancel, null)).isSameAs(cancel);
    assertThat(session.endedBy(alsoCancel, alsoCancel)).isSameAs(alsoCancel);

    assertThat(records(cancel)).extracting(AttemptFailure::attempt).containsExactly(1);
    assertThat(records(alsoCancel)).extracting(AttemptFailure::attempt).containsExactly(1);
    assertThat(AttemptFailure.attemptsOf(cancel)).as("attempt 2 was in flight").isEqualTo(2);
  }

  @Test
  void anOwnFailureCausedByWhatEndsTheCallIsLeftOutRatherThanMakeACycle() {
    RetrySession session = session();
    IOException cancel = new IOException("Canceled");
    IOException cutShort = new IOException("body cut short", cancel);

    IOException end = session.endedBy(cancel, cutShort);

    assertThat(end.getSuppressed()).isEmpty();
    assertThat(acyclic(end)).isTrue();
  }

  @Test
  void aRetryPublishedButNeverSentCountsOnlyTheAttemptsMadeUpToTheFailureThrown() {
    RetrySession session = session();
    ApiException busy = error(503);
    session.onFailure(busy, NO_DEADLINE); // retry published, then e.g. the host refuses the resend
    assertThat(session.attempt()).isEqualTo(2);

    ApiException thrown = session.failureToThrow(busy);
    assertThat(thrown).isSameAs(busy);
    assertThat(thrown.attempts()).isEqualTo(1);

    session.decide(error(502), NO_DEADLINE); // a decision pending about another failure
    assertThat(session.failureToThrow(busy).attempts()).isEqualTo(1);
  }

  @Test
  void aFailureDecidedButNotYetPublishedCountsItsOwnAttempt() {
    RetrySession session = session();
    ApiException notFound = error(404);
    session.decide(notFound, NO_DEADLINE);

    ApiException thrown = session.failureToThrow(notFound);

    assertThat(thrown).isSameAs(notFound);
    assertThat(thrown.attempts()).isEqualTo(1);
  }

  @Test
  void aFailureWhoseCausesLoopStillEndsTheCall() {
    IOException a = new IOException("a");
    IOException b = new IOException("b", a);
    a.initCause(b); // a -> b -> a -> ...
    RetrySession session = session();
    session.onFailure(a, NO_DEADLINE);
    ConnectException last = new ConnectException("refused");

    IOException end = session.failureToThrow(last);

    assertThat(end).isSameAs(last);
    assertThat(records(end)).extracting(AttemptFailure::failure).containsExactly(a);
  }

  @Test
  void anEarlierAttemptsFailureThrownAgainDoesNotCarryItself() {
    RetrySession session = session();
    ConnectException first = new ConnectException("refused");
    ConnectException second = new ConnectException("refused again");
    session.onFailure(first, NO_DEADLINE);
    session.onFailure(second, NO_DEADLINE);

    IOException end = session.failureToThrow(first);

    assertThat(records(end)).extracting(AttemptFailure::failure).containsExactly(second);
    assertThat(acyclic(end)).isTrue();
  }
}
