package dev.apierrors.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apierrors.ApiError;
import dev.apierrors.ApiException;
import dev.apierrors.AttemptFailure;
import dev.apierrors.RequestFacts;
import dev.apierrors.RetryDecision;
import dev.apierrors.RetryPolicy;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.event.RetryEvent;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A session driving a {@code Retry} with a configuration of its own (not made by the
 * policy): its exception and result predicates have a say, and its events are published
 * straight to its consumers.
 */
class RetrySessionOwnRetryTest {
  private static final OptionalLong NO_DEADLINE = OptionalLong.empty();
  private static final RetryPolicy POLICY = RetryPolicy.builder().maxAttempts(3)
      .initialBackoff(Duration.ofMillis(100)).maxBackoff(Duration.ofMillis(1_000)).jitter(false).build();

  private final List<RetryEvent> events = new CopyOnWriteArrayList<>();

  private Retry own(RetryConfig config) {
    Retry retry = Retry.of("own", config);
    retry.getEventPublisher().onEvent(events::add);
    return retry;
  }

  private static ApiException error(int status) {
    return ApiException.of(ApiError.builder(status).build(), 1);
  }

  private List<RetryEvent.Type> types() {
    return events.stream().map(RetryEvent::getEventType).toList();
  }

  @Test
  void theSessionKeepsThePolicyItDecidesBy() {
    assertThat(RetrySession.start(POLICY, own(RetryConfig.ofDefaults()), RequestFacts.of("GET")).policy()).isSameAs(POLICY);
  }

  @Test
  void aFailureTheRetrysPredicateRefusesIsNotRetriedAndTheReasonSaysWhose() {
    Retry retry = own(RetryConfig.custom().retryOnException(e -> e instanceof ConnectException).build());
    RetrySession session = RetrySession.start(POLICY, retry, RequestFacts.of("GET"));

    RetryDecision decision = session.onFailure(error(503), NO_DEADLINE);

    assertThat(decision.isRetry()).isFalse();
    assertThat(decision.reason()).isEqualTo("the resilience4j Retry 'own' does not retry ServiceUnavailableException");
    assertThat(types()).containsExactly(RetryEvent.Type.IGNORED_ERROR);
  }

  @Test
  void aPredicateThatThrowsCountsAsARefusal() {
    Retry retry = own(RetryConfig.custom().retryOnException(e -> {
      throw new IllegalStateException("predicate bug");
    }).build());
    RetrySession session = RetrySession.start(POLICY, retry, RequestFacts.of("GET"));

    RetryDecision decision = session.onFailure(new ConnectException("refused"), NO_DEADLINE);

    assertThat(decision.isRetry()).isFalse();
    assertThat(decision.reason()).isEqualTo("the resilience4j Retry 'own' does not retry ConnectException");
  }

  @Test
  void retriesThenAFailureNotRetriedPublishRetryEventsThenAnError() {
    RetrySession session = RetrySession.start(POLICY, own(RetryConfig.ofDefaults()), RequestFacts.of("GET"));
    session.onFailure(error(503), NO_DEADLINE);
    session.onFailure(error(503), NO_DEADLINE);
    RetryDecision last = session.onFailure(error(503), NO_DEADLINE);

    assertThat(last.reason()).isEqualTo("maxAttempts (3) reached");
    assertThat(types()).containsExactly(RetryEvent.Type.RETRY, RetryEvent.Type.RETRY, RetryEvent.Type.ERROR);
    assertThat(events.get(2).getNumberOfRetryAttempts()).isEqualTo(3);
  }

  @Test
  void aSuccessAfterRetriesIsPublishedWithTheRetriesMadeAndTheLastFailure() {
    RetrySession session = RetrySession.start(POLICY, own(RetryConfig.ofDefaults()), RequestFacts.of("GET"));
    ConnectException refused = new ConnectException("refused");
    session.onFailure(error(503), NO_DEADLINE);
    session.onFailure(refused, NO_DEADLINE);
    session.onSuccess();

    assertThat(types()).containsExactly(RetryEvent.Type.RETRY, RetryEvent.Type.RETRY, RetryEvent.Type.SUCCESS);
    RetryEvent success = events.get(2);
    assertThat(success.getNumberOfRetryAttempts()).isEqualTo(2);
    assertThat(((AttemptFailure) success.getLastThrowable()).failure()).isSameAs(refused);
  }

  @Test
  void aSuccessAtOncePublishesNothing() {
    RetrySession.start(POLICY, own(RetryConfig.ofDefaults()), RequestFacts.of("GET")).onSuccess();
    assertThat(events).isEmpty();
  }

  @Test
  void aResultTheRetryRejectsIsRetriedUntilTheRetrysOwnMaxAttempts() {
    Retry retry = own(RetryConfig.<Object>custom().retryOnResult("pending"::equals).maxAttempts(2).build());
    RetrySession session = RetrySession.start(POLICY.toBuilder().maxAttempts(5).build(), retry, RequestFacts.of("GET"));

    RetryDecision first = session.decideResult("pending", NO_DEADLINE);
    assertThat(first.isRetry()).isTrue();
    AttemptFailure pending = session.pending().orElseThrow();
    assertThat(pending.attempt()).isEqualTo(1);
    assertThat(pending.decision()).isEqualTo(first);
    IOException marker = pending.failure();
    assertThat(marker).hasMessage("the resilience4j Retry 'own' does not accept the result (retryOnResult)");
    assertThat(marker.getStackTrace()).isEmpty();
    assertThat(marker.fillInStackTrace()).isSameAs(marker);
    session.publish();
    assertThat(session.pending()).isEmpty();
    assertThat(session.attempt()).isEqualTo(2);

    RetryDecision second = session.decideResult("pending", NO_DEADLINE);
    assertThat(second.isRetry()).isFalse();
    assertThat(second.reason()).isEqualTo("the resilience4j Retry 'own' allows 2 attempts");
    assertThat(session.pending()).as("a stop is not recorded: the result is returned").isEmpty();
    assertThatThrownBy(session::publish).isInstanceOf(IllegalStateException.class)
        .hasMessage("no decision to publish: call decide() first");
    assertThat(types()).containsExactly(RetryEvent.Type.RETRY);
  }

  @Test
  void withoutAResultPredicateOrWithOneThatThrowsTheResultIsAccepted() {
    RetrySession plain = RetrySession.start(POLICY, POLICY.toRetry("plain"), RequestFacts.of("GET"));
    assertThat(plain.decideResult("anything", NO_DEADLINE)).isEqualTo(RetryDecision.stop("the result is accepted"));

    Retry typed = own(RetryConfig.<Object>custom().retryOnResult(r -> ((String) r).isEmpty()).build());
    RetrySession session = RetrySession.start(POLICY, typed, RequestFacts.of("GET"));
    assertThat(session.decideResult(42, NO_DEADLINE)).isEqualTo(RetryDecision.stop("the result is accepted"));
    assertThat(session.pending()).isEmpty();
  }
}
