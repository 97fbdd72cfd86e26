package dev.apierrors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RetryPolicyBuilderTest {

  @Test
  void hasTheContractDefaults() {
    RetryPolicy policy = RetryPolicy.ofDefaults();

    assertThat(policy.maxAttempts()).isEqualTo(3);
    assertThat(policy.initialBackoff()).isEqualTo(Duration.ofMillis(500));
    assertThat(policy.maxBackoff()).isEqualTo(Duration.ofSeconds(30));
    assertThat(policy.maxRetryAfter()).isEqualTo(Duration.ofSeconds(60));
    assertThat(policy.retryOn()).containsExactly(420, 429, 503);
    assertThat(policy.jitter()).isTrue();
    assertThat(policy).isEqualTo(RetryPolicy.builder().build());
    assertThat(policy).hasToString("RetryPolicy{maxAttempts=3, initialBackoff=PT0.5S, maxBackoff=PT30S,"
        + " maxRetryAfter=PT1M, retryOn=[420, 429, 503], jitter=true}");
  }

  @Test
  void toBuilderKeepsEverySetting() {
    RetryPolicy policy = RetryPolicy.builder()
        .maxAttempts(7)
        .initialBackoff(Duration.ofMillis(10))
        .maxBackoff(Duration.ofMillis(20))
        .maxRetryAfter(Duration.ofMillis(30))
        .retryOn(Set.of(500, 502))
        .jitter(false)
        .build();

    assertThat(policy.toBuilder().build()).isEqualTo(policy).hasSameHashCodeAs(policy);
    assertThat(policy.toBuilder().maxAttempts(8).build()).isNotEqualTo(policy);
  }

  @Test
  void retryOnReplacesTheDefaultsAndAcceptsRepeats() {
    assertThat(RetryPolicy.builder().retryOn(502, 502, 500).build().retryOn()).containsExactly(500, 502);
    assertThat(RetryPolicy.builder().retryOn().build().retryOn()).isEmpty();
  }

  static Stream<Arguments> invalidSettings() {
    return Stream.of(
        Arguments.of((UnaryOperator<RetryPolicy.Builder>) b -> b.maxAttempts(0),
            "maxAttempts must be >= 1 (the first attempt counts), was 0"),
        Arguments.of((UnaryOperator<RetryPolicy.Builder>) b -> b.maxAttempts(-3),
            "maxAttempts must be >= 1 (the first attempt counts), was -3"),
        Arguments.of((UnaryOperator<RetryPolicy.Builder>) b -> b.initialBackoff(Duration.ofMillis(-1)),
            "initialBackoff must not be negative, was PT-0.001S"),
        Arguments.of((UnaryOperator<RetryPolicy.Builder>) b -> b.maxBackoff(Duration.ofSeconds(-1)),
            "maxBackoff must not be negative, was PT-1S"),
        Arguments.of((UnaryOperator<RetryPolicy.Builder>) b -> b.maxRetryAfter(Duration.ofSeconds(-2)),
            "maxRetryAfter must not be negative, was PT-2S"),
        Arguments.of((UnaryOperator<RetryPolicy.Builder>) b -> b.initialBackoff(Duration.ofSeconds(31)),
            "initialBackoff (PT31S) must not exceed maxBackoff (PT30S)"),
        Arguments.of((UnaryOperator<RetryPolicy.Builder>) b -> b.retryOn(503, 99),
            "retryOn statuses must be HTTP statuses in 100..599, got 99"),
        Arguments.of((UnaryOperator<RetryPolicy.Builder>) b -> b.retryOn(Set.of(600)),
            "retryOn statuses must be HTTP statuses in 100..599, got 600"));
  }

  @ParameterizedTest
  @MethodSource("invalidSettings")
  void rejectsInvalidSettingsAtBuildWithAClearMessage(UnaryOperator<RetryPolicy.Builder> setting, String message) {
    RetryPolicy.Builder builder = setting.apply(RetryPolicy.builder());

    assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
  }

  @Test
  void rejectsNullsAtOnce() {
    assertThatThrownBy(() -> RetryPolicy.builder().initialBackoff(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("initialBackoff");
    assertThatThrownBy(() -> RetryPolicy.builder().random(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> RequestFacts.of(" ")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("method must not be blank");
  }

  @Test
  void requestFactsKnowWhichRequestsAreIdempotent() {
    assertThat(RequestFacts.of("PUT").isIdempotent()).isTrue();
    assertThat(RequestFacts.of("PATCH").isIdempotent()).isFalse();
    assertThat(RequestFacts.of("PATCH").withIdempotencyKey(true).isIdempotent()).isTrue();
    assertThat(RequestFacts.of("POST").withOneShotBody(true))
        .hasToString("RequestFacts{method=POST, oneShotBody}")
        .isEqualTo(RequestFacts.of("POST").withOneShotBody(true));
  }

  @Test
  void isARetryConfigForResilience4j() {
    RetryPolicy policy = RetryPolicy.builder().maxAttempts(5).build();

    assertThat(policy.toRetryConfig().getMaxAttempts()).isEqualTo(5);
    assertThat(policy.toRetryConfig().isFailAfterMaxAttempts()).isFalse();
    assertThat(policy.toRetry("payments").getName()).isEqualTo("payments");
    assertThat(policy.toRetry("payments").getRetryConfig().getMaxAttempts()).isEqualTo(5);
  }
}
