package dev.apierrors.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apierrors.HostLimits;
import dev.apierrors.RetryBudget;
import dev.apierrors.RetryDecision;
import dev.apierrors.RetryPolicy;
import dev.apierrors.WaitSource;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** What a retry costs the host's budget, by failure, and what the budget says when empty. */
class HostRetryBudgetCostTest {
  private static final HostKey API = HostKey.of("https", "api.example.com", 443);
  private static final RetryDecision BACKOFF = RetryDecision.retryAfter(Duration.ofMillis(10), WaitSource.BACKOFF, "x");

  private static HostGate gate(RetryBudget budget) {
    return HostGate.of(HostLimits.builder().retryBudget(budget).build(), RetryPolicy.ofDefaults());
  }

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of("a connection reset", new IOException("Connection reset"), 5),
        Arguments.of("a socket timeout", new SocketTimeoutException("Read timed out"), 2),
        Arguments.of("the call's timeout (OkHttp's \"timeout\")", new InterruptedIOException("timeout"), 2),
        Arguments.of("a cancel", new InterruptedIOException("Canceled"), 5),
        Arguments.of("an interrupt without a message", new InterruptedIOException(), 5));
  }

  @ParameterizedTest(name = "{0}: {2} retries from 10 tokens")
  @MethodSource("failures")
  void aTimeoutCostsTheTimeoutCostAnyOtherFailureTheRetryCost(String name, IOException failure, int retries) {
    HostGate gate = gate(new RetryBudget(10, 2, 5, 1));
    for (int i = 0; i < retries; i++) {
      assertThat(gate.budget(API, failure, BACKOFF)).as("retry %d", i + 1).isSameAs(BACKOFF);
    }
    assertThat(gate.budget(API, failure, BACKOFF).isRetry()).as("the budget is spent").isFalse();
  }

  @Test
  void anEmptyBudgetSaysWhatARetryCostsAndWhatASuccessRefunds() {
    HostGate gate = gate(new RetryBudget(4, 4, 4, 0));
    assertThat(gate.budget(API, new IOException(), BACKOFF).isRetry()).isTrue();

    RetryDecision stop = gate.budget(API, new IOException(), BACKOFF);

    assertThat(stop.isRetry()).isFalse();
    assertThat(stop.reason()).isEqualTo("the retry budget of api.example.com is empty (a retry costs 4 of 4 tokens,"
        + " a success refunds 0): the host is failing too often to retry");
  }

  @Test
  void aBudgetThatRefundsNothingStaysEmptyAfterSuccesses() {
    HostGate gate = gate(new RetryBudget(5, 5, 5, 0));
    assertThat(gate.budget(API, new IOException(), BACKOFF).isRetry()).isTrue();
    for (int i = 0; i < 10; i++) {
      gate.onSuccess(API, HttpHeaders.empty());
    }
    assertThat(gate.budget(API, new IOException(), BACKOFF).isRetry()).isFalse();
  }
}
