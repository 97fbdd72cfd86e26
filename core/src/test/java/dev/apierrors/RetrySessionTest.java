package dev.apierrors;

import dev.apierrors.spi.RetrySession;



import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.event.RetryEvent;
import io.github.resilience4j.retry.event.RetryOnRetryEvent;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RetrySessionTest {
  private static final OptionalLong NO_DEADLINE = OptionalLong.empty();

  private final RetryPolicy policy = RetryPolicy.builder()
      .initialBackoff(Duration.ofMillis(100))
      .maxBackoff(Duration.ofMillis(1_000))
      .jitter(false)
      .build();
  private final List<RetryEvent> events = new CopyOnWriteArrayList<>();
  private Retry retry;

  @BeforeEach
  void recordEvents() {
    retry = policy.toRetry("test");
    retry.getEventPublisher().onEvent(events::add);
  }

  @Test
  void publishesEachRetryWithAttemptCauseWaitAndSource() {
    RetrySession session = RetrySession.start(policy, retry, RequestFacts.of("GET"));
    ApiException busy = RetryPolicyDecisionTest.withRetryAfter(503, 250);
    ConnectException refused = new ConnectException("Connection refused");

    RetryDecision first = session.onFailure(busy, NO_DEADLINE);
    RetryDecision second = session.onFailure(refused, NO_DEADLINE);
    session.onSuccess();

    assertThat(first.waitSource()).contains(WaitSource.RETRY_AFTER);
    assertThat(second.waitSource()).contains(WaitSource.BACKOFF);
    assertThat(session.attempt()).isEqualTo(3);
    assertThat(events).extracting(RetryEvent::getEventType).containsExactly(
        RetryEvent.Type.RETRY, RetryEvent.Type.RETRY, RetryEvent.Type.SUCCESS);

    RetryOnRetryEvent e1 = (RetryOnRetryEvent) events.get(0);
    assertThat(e1.getNumberOfRetryAttempts()).isEqualTo(1);
    assertThat(e1.getWaitInterval()).isEqualTo(Duration.ofMillis(250));
    AttemptFailure f1 = (AttemptFailure) e1.getLastThrowable();
    assertThat(f1.attempt()).isEqualTo(1);
    assertThat(f1.failure()).isSameAs(busy);
    assertThat(f1.getCause()).isSameAs(busy);
    assertThat(f1.status()).hasValue(503);
    assertThat(f1.decision()).isEqualTo(first);
    assertThat(f1.getMessage()).isEqualTo("attempt 1 failed: 503 Service Unavailable; "
        + "retry in 250 ms (retry-after): status 503 is retried for every method");
    assertThat(f1.getStackTrace()).isEmpty();

    RetryOnRetryEvent e2 = (RetryOnRetryEvent) events.get(1);
    assertThat(e2.getNumberOfRetryAttempts()).isEqualTo(2);
    assertThat(e2.getWaitInterval()).isEqualTo(Duration.ofMillis(200));
    AttemptFailure f2 = (AttemptFailure) e2.getLastThrowable();
    assertThat(f2.failure()).isSameAs(refused);
    assertThat(f2.status()).isEmpty();
    assertThat(f2.decision().waitSource()).contains(WaitSource.BACKOFF);
    assertThat(f2.getMessage()).startsWith("attempt 2 failed: ConnectException: Connection refused; retry in 200 ms (backoff)");

    assertThat(events.get(2).getNumberOfRetryAttempts()).isEqualTo(2);
    assertThat(retry.getMetrics().getNumberOfSuccessfulCallsWithRetryAttempt()).isEqualTo(1);
  }

  @Test
  void exhaustedRetriesEndWithTheLastExceptionCarryingTheAttempts() {
    RetrySession session = RetrySession.start(policy, retry, RequestFacts.of("POST"));
    ApiException last = null;
    RetryDecision decision;
    do {
      last = RetryPolicyDecisionTest.error(429);
      decision = session.onFailure(last, NO_DEADLINE);
    } while (decision.isRetry());

    IOException thrown = session.failureToThrow(last);

    assertThat(thrown).isInstanceOf(TooManyRequestsException.class);
    assertThat(((ApiException) thrown).attempts()).isEqualTo(3);
    assertThat(AttemptFailure.attemptsOf(thrown)).isEqualTo(3);
    assertThat(decision.reason()).isEqualTo("maxAttempts (3) reached");
    assertThat(events).extracting(RetryEvent::getEventType).containsExactly(
        RetryEvent.Type.RETRY, RetryEvent.Type.RETRY, RetryEvent.Type.ERROR);
    assertThat(events.get(2).getNumberOfRetryAttempts()).isEqualTo(3);
    assertThat(((AttemptFailure) events.get(2).getLastThrowable()).failure()).isSameAs(last);
    assertThat(retry.getMetrics().getNumberOfFailedCallsWithRetryAttempt()).isEqualTo(1);
  }

  @Test
  void lastIoFailureCarriesTheAttemptsAsASuppressedAttemptFailure() {
    RetrySession session = RetrySession.start(policy, retry, RequestFacts.of("GET"));
    IOException failure;
    do {
      failure = new ConnectException("Connection refused");
    } while (session.onFailure(failure, NO_DEADLINE).isRetry());

    IOException thrown = session.failureToThrow(failure);

    assertThat(thrown).isSameAs(failure);
    assertThat(AttemptFailure.attemptsOf(thrown)).isEqualTo(3);
    // The earlier attempts, each with its own failure: none of them is the thrown one (no cycle).
    assertThat(thrown.getSuppressed()).hasSize(2).allSatisfy(s -> assertThat(s)
        .isInstanceOfSatisfying(AttemptFailure.class, f -> assertThat(f.failure()).isNotSameAs(thrown)));
    assertThat(thrown.getSuppressed()).extracting(s -> ((AttemptFailure) s).attempt()).containsExactly(1, 2);
    assertThat(session.failureToThrow(failure).getSuppressed()).hasSize(2);
  }

  @Test
  void aFailureNotRetriedAtOnceIsAnIgnoredErrorWithOneAttempt() {
    RetrySession session = RetrySession.start(policy, retry, RequestFacts.of("GET"));
    ApiException notFound = RetryPolicyDecisionTest.error(404);

    RetryDecision decision = session.onFailure(notFound, NO_DEADLINE);
    IOException thrown = session.failureToThrow(notFound);

    assertThat(decision.isRetry()).isFalse();
    assertThat(thrown).isSameAs(notFound);
    assertThat(AttemptFailure.attemptsOf(new ConnectException("x"))).isEqualTo(1);
    assertThat(events).extracting(RetryEvent::getEventType).containsExactly(RetryEvent.Type.IGNORED_ERROR);
    assertThat(retry.getMetrics().getNumberOfFailedCallsWithoutRetryAttempt()).isEqualTo(1);
  }

  @Test
  void aNonRetryableFailureAfterRetriesIsAnError() {
    RetrySession session = RetrySession.start(policy, retry, RequestFacts.of("GET"));

    session.onFailure(RetryPolicyDecisionTest.error(503), NO_DEADLINE);
    RetryDecision decision = session.onFailure(RetryPolicyDecisionTest.error(404), NO_DEADLINE);

    assertThat(decision.isRetry()).isFalse();
    assertThat(session.failureToThrow(RetryPolicyDecisionTest.error(404)).attempts()).isEqualTo(2);
    assertThat(events).extracting(RetryEvent::getEventType)
        .containsExactly(RetryEvent.Type.RETRY, RetryEvent.Type.ERROR);
  }

  @Test
  void aRetryWithFewerAttemptsStopsEarlier() {
    Retry strict = Retry.of("strict", RetryConfig.custom().maxAttempts(2).build());
    RetrySession session = RetrySession.start(
        policy.toBuilder().maxAttempts(5).build(), strict, RequestFacts.of("GET"));

    assertThat(session.onFailure(RetryPolicyDecisionTest.error(503), NO_DEADLINE).isRetry()).isTrue();
    RetryDecision second = session.onFailure(RetryPolicyDecisionTest.error(503), NO_DEADLINE);

    assertThat(second.isRetry()).isFalse();
    assertThat(second.reason()).contains("'strict'", "allows 2 attempts");
    assertThat(session.attempt()).isEqualTo(2);
  }

  @Test
  void successAtOnceCountsAsSuccessWithoutRetry() {
    RetrySession.start(policy, retry, RequestFacts.of("GET")).onSuccess();

    assertThat(events).isEmpty();
    assertThat(retry.getMetrics().getNumberOfSuccessfulCallsWithoutRetryAttempt()).isEqualTo(1);
  }

  @Test
  void attemptFailureMessageIsOneBoundedLineWithoutTheCredentials() {
    ApiError error = ApiError.builder(503).detail("x".repeat(900)).build();
    RetrySession session = RetrySession.start(policy, retry, RequestFacts.of("GET"));

    session.onFailure(ApiException.of(error, 1), NO_DEADLINE);

    String message = events.get(0).getLastThrowable().getMessage();
    assertThat(message).hasSizeLessThanOrEqualTo(ApiException.MAX_MESSAGE_LENGTH).doesNotContain("\n");
  }

  @Test
  void aRetryOfItsOwnConfigurationGetsEventsWithThePolicysWaitAndNoRetryForWhatThePolicyRefuses() {
    Retry own = Retry.ofDefaults("own"); // waits 500 ms, retries every exception
    List<RetryEvent> seen = new CopyOnWriteArrayList<>();
    own.getEventPublisher().onEvent(seen::add);

    RetrySession busy = RetrySession.start(policy, own, RequestFacts.of("GET"));
    busy.onFailure(RetryPolicyDecisionTest.error(503), NO_DEADLINE);
    RetrySession absent = RetrySession.start(policy, own, RequestFacts.of("GET"));
    absent.onFailure(RetryPolicyDecisionTest.error(404), NO_DEADLINE);

    assertThat(seen).extracting(RetryEvent::getEventType)
        .containsExactly(RetryEvent.Type.RETRY, RetryEvent.Type.IGNORED_ERROR);
    assertThat(((RetryOnRetryEvent) seen.get(0)).getWaitInterval()).isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void declineTurnsTheRetryIntoAGiveUpAndReturnsTheExceptionToThrow() {
    RetrySession session = RetrySession.start(policy, retry, RequestFacts.of("GET"));
    ApiException busy = RetryPolicyDecisionTest.error(503);

    assertThat(session.decide(busy, NO_DEADLINE).isRetry()).isTrue();
    IOException end = session.decline("the scheduler is shut down");

    assertThat(end).isSameAs(busy);
    assertThat(AttemptFailure.attemptsOf(end)).isEqualTo(1);
    assertThat(events).extracting(RetryEvent::getEventType).containsExactly(RetryEvent.Type.IGNORED_ERROR);
    assertThat(((AttemptFailure) events.get(0).getLastThrowable()).decision().reason())
        .isEqualTo("the scheduler is shut down");
  }

  @Test
  void aThrowingConsumerNeverChangesTheDecision() {
    retry.getEventPublisher().onRetry(e -> {
      throw new IllegalStateException("consumer bug");
    });
    RetrySession session = RetrySession.start(policy, retry, RequestFacts.of("GET"));

    RetryDecision decision = session.onFailure(RetryPolicyDecisionTest.error(503), NO_DEADLINE);
    session.onSuccess();

    assertThat(decision.isRetry()).isTrue();
    assertThat(session.attempt()).isEqualTo(2);
    assertThat(retry.getMetrics().getNumberOfSuccessfulCallsWithRetryAttempt()).isEqualTo(1);
  }

  @Test
  void aResultThePredicateRejectsIsRetriedAsAnIdempotentRequestsIoFailure() {
    Retry own = Retry.of("own", RetryConfig.<Object>custom().retryOnResult("pending"::equals).build());
    RetrySession get = RetrySession.start(policy, own, RequestFacts.of("GET"));
    RetrySession post = RetrySession.start(policy, own, RequestFacts.of("POST"));

    assertThat(get.decideResult("done", NO_DEADLINE).isRetry()).isFalse();
    RetryDecision pending = get.decideResult("pending", NO_DEADLINE);
    assertThat(post.decideResult("pending", NO_DEADLINE).isRetry()).isFalse();

    assertThat(pending.isRetry()).isTrue();
    assertThat(pending.waitDuration()).isEqualTo(Duration.ofMillis(100));
    assertThat(RetrySession.hasResultPredicate(own)).isTrue();
    assertThat(RetrySession.hasResultPredicate(retry)).isFalse();
  }
}
