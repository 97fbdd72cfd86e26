package dev.apierrors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apierrors.ApiErrorsListener.ErrorDecoded;
import dev.apierrors.ApiErrorsListener.GaveUp;
import dev.apierrors.ApiErrorsListener.RetryScheduled;
import dev.apierrors.ApiErrorsListener.Succeeded;
import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The counts the listener events and the long-running-operation exceptions accept, and what
 * the exceptions keep: messages, redacted status URLs, class, attempts and stack trace across
 * {@code withAttempts}.
 */
class ListenerEventsAndOperationExceptionsTest {
  private static final ApiError FAILED_STATUS =
      ApiError.builder(200).format("plain_text").title("OK").code("Failed").build();
  private static final RetryDecision RETRY =
      RetryDecision.retryAfter(Duration.ofMillis(5), WaitSource.BACKOFF, "retry");

  @ParameterizedTest(name = "attempt {0}")
  @ValueSource(ints = {0, -1})
  void eventsOfAnAttemptRefuseAnAttemptBelowOne(int attempt) {
    String message = "attempt must be >= 1, was " + attempt;
    assertThatThrownBy(() -> new ErrorDecoded("GET", "h", attempt, FAILED_STATUS, ApiException.class))
        .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    assertThatThrownBy(() -> new RetryScheduled("GET", "h", attempt, OptionalInt.empty(), "IOException", RETRY))
        .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    assertThatThrownBy(() -> new Succeeded("GET", "h", attempt, 200))
        .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
  }

  @Test
  void eventsAcceptTheFirstAttemptAndAGiveUpBeforeAnyAttempt() {
    assertThat(new ErrorDecoded("GET", "h", 1, FAILED_STATUS, ApiException.class).attempt()).isEqualTo(1);
    assertThat(new RetryScheduled("GET", "h", 1, OptionalInt.empty(), "IOException", RETRY).attempt()).isEqualTo(1);
    assertThat(new Succeeded("GET", "h", 1, 204).attempts()).isEqualTo(1);
    assertThat(new GaveUp("GET", "h", 0, OptionalInt.empty(), "HostCoolDownException", "cool-down").attempts())
        .isZero();
    assertThatThrownBy(() -> new GaveUp("GET", "h", -1, OptionalInt.empty(), "IOException", "x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("attempts must be >= 0, was -1");
  }

  @ParameterizedTest(name = "attempts {0} -> accepted {1}")
  @CsvSource({"-1, false", "0, false", "1, true", "2, true"})
  void anIncompleteOperationCountsAtLeastTheFirstRequest(int attempts, boolean accepted) {
    if (accepted) {
      OperationIncompleteException e = new OperationIncompleteException("maxPolls", attempts, "/operations/1");
      assertThat(e.attempts()).isEqualTo(attempts);
    } else {
      assertThatThrownBy(() -> new OperationIncompleteException("maxPolls", attempts, "/operations/1"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("attempts must be >= 1, was " + attempts);
    }
  }

  @Test
  void anIncompleteOperationSaysWhyAndWhereToPollLaterWithoutItsSecrets() {
    OperationIncompleteException e = new OperationIncompleteException("still running after maxPolls (3) polls", 4,
        "https://api.example/operations/9?sig=abcdef123456&x=1");
    assertThat(e).hasMessage("operation still running: still running after maxPolls (3) polls");
    assertThat(e.attempts()).isEqualTo(4);
    assertThat(e.statusUrl()).startsWith("https://api.example/operations/9?").contains("x=1")
        .doesNotContain("abcdef123456");
    OperationIncompleteException plain = new OperationIncompleteException("deadline", 1, "/operations/2");
    assertThat(plain.statusUrl()).isEqualTo("/operations/2");
  }

  @Test
  void aFailedOperationKeepsItsClassErrorAndStackAcrossWithAttempts() {
    OperationFailedException e = new OperationFailedException(FAILED_STATUS, 2);
    ApiException copy = e.withAttempts(5);
    assertThat(copy).isExactlyInstanceOf(OperationFailedException.class).isNotSameAs(e);
    assertThat(copy.attempts()).isEqualTo(5);
    assertThat(e.attempts()).isEqualTo(2);
    assertThat(copy.error()).isSameAs(FAILED_STATUS);
    assertThat(copy.getMessage()).isEqualTo(e.getMessage());
    assertThat(copy.getStackTrace()).containsExactly(e.getStackTrace());
  }

  @Test
  void anErrorInSuccessKeepsTheStackWhereItWasFirstThrown() {
    ErrorInSuccessException e = thrownHere();
    ApiException copy = e.withAttempts(2);
    assertThat(copy.getStackTrace()).containsExactly(e.getStackTrace());
    assertThat(copy.getStackTrace()[0].getMethodName()).isEqualTo("thrownHere");
  }

  private static ErrorInSuccessException thrownHere() {
    return new ErrorInSuccessException(FAILED_STATUS, 1, "slack");
  }

  @Test
  void aFailedOperationRefusesANegativeCount() {
    assertThatThrownBy(() -> new OperationFailedException(FAILED_STATUS, -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatCode(() -> new OperationFailedException(FAILED_STATUS, 0)).doesNotThrowAnyException();
  }
}
