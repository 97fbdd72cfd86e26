package dev.apierrors.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apierrors.ApiError;
import dev.apierrors.ApiException;
import dev.apierrors.RequestFacts;
import dev.apierrors.RetryDecision;
import dev.apierrors.RetryPolicy;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A consumer or predicate of the user's that throws never changes the call's outcome: it is
 * logged (logger {@code dev.apierrors.retry}, {@code WARNING}, one line naming the Retry,
 * what threw and the exception's class, never its message) and the call goes on.
 */
class RetrySessionConsumerFailureLogTest {
  private static final OptionalLong NO_DEADLINE = OptionalLong.empty();
  private static final RetryPolicy POLICY = RetryPolicy.builder()
      .initialBackoff(Duration.ofMillis(100)).maxBackoff(Duration.ofMillis(1_000)).jitter(false).build();

  /** Held strongly: JUL keeps loggers weakly. */
  private final Logger log = Logger.getLogger("dev.apierrors.retry");
  private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
  private final Handler handler = new Handler() {
    @Override
    public void publish(LogRecord record) {
      logged.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  @BeforeEach
  void listen() {
    log.addHandler(handler);
  }

  @AfterEach
  void stopListening() {
    log.removeHandler(handler);
  }

  private List<String> lines() {
    assertThat(logged).allSatisfy(r -> assertThat(r.getLevel()).isEqualTo(Level.WARNING));
    return logged.stream().map(LogRecord::getMessage).toList();
  }

  private static ApiException error(int status) {
    return ApiException.of(ApiError.builder(status).build(), 1);
  }

  private static RuntimeException bug() {
    return new IllegalStateException("secret-token-in-message");
  }

  @Test
  void throwingConsumersOfAPolicysRetryAreLoggedByEvent() {
    Retry retry = POLICY.toRetry("payments");
    retry.getEventPublisher().onRetry(e -> { throw bug(); });
    retry.getEventPublisher().onError(e -> { throw bug(); });
    retry.getEventPublisher().onSuccess(e -> { throw bug(); });

    RetrySession retried = RetrySession.start(POLICY, retry, RequestFacts.of("GET"));
    assertThat(retried.onFailure(error(503), NO_DEADLINE).isRetry()).isTrue();
    retried.onSuccess();
    RetrySession failed = RetrySession.start(POLICY, retry, RequestFacts.of("GET"));
    failed.onFailure(error(503), NO_DEADLINE);
    assertThat(failed.onFailure(error(404), NO_DEADLINE).isRetry()).isFalse();

    assertThat(lines()).containsExactly(
        "apierrors: a retry event consumer of the resilience4j Retry 'payments' threw java.lang.IllegalStateException; the call goes on",
        "apierrors: a success event consumer of the resilience4j Retry 'payments' threw java.lang.IllegalStateException; the call goes on",
        "apierrors: a retry event consumer of the resilience4j Retry 'payments' threw java.lang.IllegalStateException; the call goes on",
        "apierrors: an error event consumer of the resilience4j Retry 'payments' threw java.lang.IllegalStateException; the call goes on");
    assertThat(String.join("\n", lines())).doesNotContain("secret-token-in-message");
  }

  @Test
  void throwingConsumersOfARetryOfItsOwnAreLoggedByEventType() {
    Retry own = Retry.of("own", RetryConfig.ofDefaults());
    own.getEventPublisher().onEvent(e -> { throw bug(); });

    RetrySession session = RetrySession.start(POLICY, own, RequestFacts.of("GET"));
    session.onFailure(error(503), NO_DEADLINE);
    session.onSuccess();
    RetrySession.start(POLICY, own, RequestFacts.of("GET")).onFailure(error(404), NO_DEADLINE);

    assertThat(lines()).containsExactly(
        "apierrors: a retry event consumer of the resilience4j Retry 'own' threw java.lang.IllegalStateException; the call goes on",
        "apierrors: a success event consumer of the resilience4j Retry 'own' threw java.lang.IllegalStateException; the call goes on",
        "apierrors: an ignored_error event consumer of the resilience4j Retry 'own' threw java.lang.IllegalStateException; the call goes on");
  }

  @Test
  void throwingPredicatesAreLoggedAndCountAsNo() {
    Retry own = Retry.of("own", RetryConfig.<Object>custom()
        .retryOnException(e -> { throw bug(); })
        .retryOnResult(r -> ((String) r).isEmpty())
        .build());
    RetrySession session = RetrySession.start(POLICY, own, RequestFacts.of("GET"));

    assertThat(session.decideResult(42, NO_DEADLINE)).isEqualTo(RetryDecision.stop("the result is accepted"));
    assertThat(session.onFailure(new ConnectException("refused"), NO_DEADLINE).isRetry()).isFalse();

    assertThat(lines()).containsExactly(
        "apierrors: the result predicate of the resilience4j Retry 'own' threw java.lang.ClassCastException; the call goes on",
        "apierrors: the exception predicate of the resilience4j Retry 'own' threw java.lang.IllegalStateException; the call goes on");
  }
}
