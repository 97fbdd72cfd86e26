package dev.apierrors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link RetryBudget}'s checks, at each bound, and its defaults. */
class RetryBudgetValidationTest {

  @ParameterizedTest(name = "({0}, {1}, {2}, {3}) is a budget")
  @CsvSource({
      "1, 1, 1, 0",       // the smallest of each
      "10, 10, 10, 10",   // costs equal to the capacity
      "500, 5, 10, 1",
  })
  void acceptsValuesAtTheirBounds(int capacity, int retryCost, int timeoutRetryCost, int successRefund) {
    RetryBudget budget = new RetryBudget(capacity, retryCost, timeoutRetryCost, successRefund);
    assertThat(budget.capacity()).isEqualTo(capacity);
    assertThat(budget.retryCost()).isEqualTo(retryCost);
    assertThat(budget.timeoutRetryCost()).isEqualTo(timeoutRetryCost);
    assertThat(budget.successRefund()).isEqualTo(successRefund);
  }

  @ParameterizedTest(name = "({0}, {1}, {2}, {3}): {4}")
  @CsvSource(delimiter = '|', value = {
      "0 | 1 | 1 | 0 | capacity must be >= 1, was 0",
      "-5 | 1 | 1 | 0 | capacity must be >= 1, was -5",
      "10 | 0 | 1 | 0 | retryCost must be in 1..10, was 0",
      "10 | 11 | 1 | 0 | retryCost must be in 1..10, was 11",
      "10 | 1 | 0 | 0 | timeoutRetryCost must be in 1..10, was 0",
      "10 | 1 | 11 | 0 | timeoutRetryCost must be in 1..10, was 11",
      "10 | 1 | 1 | -1 | successRefund must be >= 0, was -1",
  })
  void rejectsValuesOutOfBoundsSayingWhich(int capacity, int retryCost, int timeoutRetryCost, int successRefund,
      String message) {
    assertThatThrownBy(() -> new RetryBudget(capacity, retryCost, timeoutRetryCost, successRefund))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void theDefaultsAre500Tokens5ARetry10AfterATimeoutAnd1ASuccess() {
    assertThat(RetryBudget.ofDefaults()).isEqualTo(new RetryBudget(500, 5, 10, 1));
    assertThat(HostLimits.ofDefaults().retryBudget()).contains(RetryBudget.ofDefaults());
  }
}
