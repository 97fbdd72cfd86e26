package dev.apierrors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apierrors.ApiError;
import dev.apierrors.ApiException;
import dev.apierrors.AttemptFailure;
import dev.apierrors.RequestFacts;
import dev.apierrors.RetryDecision;
import dev.apierrors.RetryPolicy;
import dev.apierrors.WaitSource;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a policy's resilience4j configuration answers resilience4j: whether a failure is
 * retryable (its predicate) and the wait before each attempt (its interval, -1 for none).
 */
class RetryBridgeJudgmentTest {
  /** Backoff 500 ms, then 1 s; three attempts. */
  private static final RetryPolicy POLICY = RetryPolicy.builder().jitter(false).build();

  private static RetryBridge bridgeOf(RetryConfig config) {
    assertThat(RetryBridge.isBridged(config)).isTrue();
    return (RetryBridge) config.getIntervalBiFunction();
  }

  private static ApiException error(int status) {
    return ApiException.of(ApiError.builder(status).request("GET", "https://api.example.com/r").build(), 1);
  }

  @ParameterizedTest(name = "maxAttempts {0}, status {1} -> retryable {2}")
  @CsvSource({"1, 503, true", "2, 503, true", "3, 503, true", "1, 404, false", "3, 404, false"})
  void aFailureIsRetryableWhateverTheAttemptsLeftResilience4jCountsThose(int maxAttempts, int status, boolean retryable) {
    RetryBridge bridge = bridgeOf(POLICY.toBuilder().maxAttempts(maxAttempts).build().toRetryConfig());
    assertThat(bridge.test(error(status))).isEqualTo(retryable);
  }

  @Test
  void whatIsNotAnIoFailureIsNeverRetried() {
    RetryBridge bridge = bridgeOf(POLICY.toRetryConfig());
    assertThat(bridge.test(new IllegalStateException("bug"))).isFalse();
    assertThat(bridge.apply(1, Either.left(new IllegalStateException("bug")))).isEqualTo(-1L);
  }

  @Test
  void anIoFailureOfAnUnknownRequestIsNotRetriedOneOfAKnownGetIs() {
    assertThat(bridgeOf(POLICY.toRetryConfig()).test(new ConnectException("refused"))).isFalse();
    assertThat(bridgeOf(POLICY.toRetryConfig(RequestFacts.of("GET"))).test(new ConnectException("refused"))).isTrue();
  }

  @ParameterizedTest(name = "attempt {0} of a 503 -> wait {1}")
  @CsvSource({"1, 500", "2, 1000", "3, -1", "4, -1"})
  void theIntervalIsThePolicysBackoffAndMinusOneOnceTheAttemptsAreUsedUp(int attempt, long wait) {
    RetryBridge bridge = bridgeOf(POLICY.toRetryConfig());
    assertThat(bridge.apply(attempt, Either.left(error(503)))).isEqualTo(wait);
  }

  @Test
  void anUnknownAttemptCountsAsTheFirstAndAResultGetsNoInterval() {
    RetryBridge bridge = bridgeOf(POLICY.toRetryConfig());
    assertThat(bridge.apply(null, Either.left(error(503)))).isEqualTo(500L);
    assertThat(bridge.apply(1, Either.left(error(404)))).isEqualTo(-1L);
    assertThat(bridge.apply(1, Either.right("a result"))).isEqualTo(-1L);
  }

  @Test
  void aSessionsRecordCarriesItsDecisionAndEndsARetriedCallAsAnError() {
    RetryBridge bridge = bridgeOf(POLICY.toRetryConfig());
    IOException failure = new ConnectException("refused");
    AttemptFailure retried = AttemptFailure.of(1, failure,
        RetryDecision.retryAfter(Duration.ofMillis(250), WaitSource.RETRY_AFTER, "x"));
    AttemptFailure stoppedAtOnce = AttemptFailure.of(1, failure, RetryDecision.stop("x"));
    AttemptFailure stoppedLater = AttemptFailure.of(2, failure, RetryDecision.stop("x"));

    assertThat(bridge.test(retried)).isTrue();
    assertThat(bridge.test(stoppedAtOnce)).as("ignored: never retried").isFalse();
    assertThat(bridge.test(stoppedLater)).as("an error after retries").isTrue();
    assertThat(bridge.apply(5, Either.left(retried))).as("the decided wait, whatever the attempt").isEqualTo(250L);
    assertThat(bridge.apply(2, Either.left(stoppedLater))).isEqualTo(-1L);
  }

  @Test
  void namesThePolicyAndTheRequestItJudgesFor() {
    RetryPolicy one = RetryPolicy.none();
    assertThat(bridgeOf(one.toRetryConfig())).hasToString("RetryBridge{" + one + "}");
    RequestFacts get = RequestFacts.of("GET");
    assertThat(bridgeOf(one.toRetryConfig(get))).hasToString("RetryBridge{" + one + ", " + get + "}");
    assertThat(RetryBridge.isBridged(RetryConfig.ofDefaults())).isFalse();
  }
}
