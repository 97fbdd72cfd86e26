package dev.apierrors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** An attempt's message masks the credentials its API error knows of, in the decision's reason too. */
class AttemptFailureMessageTest {
  private static final String SECRET = "sk_live_0123456789abcdef";

  @Test
  void theCredentialsOfTheApiErrorAreMaskedInTheWholeLine() {
    ApiException api = ApiException.of(
        ApiError.builder(429).detail("key " + SECRET + " is rate limited").secrets(Set.of(SECRET)).build(), 1);
    RetryDecision decision = RetryDecision.retryAfter(Duration.ofMillis(5), WaitSource.BACKOFF, "limited for " + SECRET);

    AttemptFailure failure = AttemptFailure.of(2, api, decision);

    assertThat(failure.getMessage())
        .isEqualTo("attempt 2 failed: 429 Too Many Requests: key [REDACTED] is rate limited; "
            + "retry in 5 ms (" + WaitSource.BACKOFF.label() + "): limited for [REDACTED]");
  }

  @Test
  void anIoFailureHasItsCredentialShapesMasked() {
    AttemptFailure failure = AttemptFailure.of(1, new IOException("sent Bearer abc.def"), RetryDecision.stop("done"));

    assertThat(failure.getMessage()).isEqualTo("attempt 1 failed: IOException: sent Bearer [REDACTED]; no retry: done");
  }

  @Test
  void theMessageIsBuiltWhenFirstAskedForAndOnce() {
    AtomicInteger asked = new AtomicInteger();
    IOException failure = new IOException() {
      @Override
      public String getMessage() {
        asked.incrementAndGet();
        return "reset by peer";
      }
    };

    AttemptFailure record = AttemptFailure.of(1, failure, RetryDecision.retryAfter(Duration.ofMillis(5),
        WaitSource.BACKOFF, "transient"));

    assertThat(asked).hasValue(0); // a retried attempt's record is made on every attempt, seldom shown
    assertThat(record.toString()).contains("attempt 1 failed: ").contains("reset by peer");
    assertThat(record.getMessage()).isEqualTo(record.getMessage());
    assertThat(asked).hasValue(1);
  }

  /** A transport's exception whose message fails. */
  static final class BrokenMessageException extends IOException {
    @Override
    public String getMessage() {
      throw new IllegalStateException("broken transport");
    }
  }

  @Test
  void aFailureWhoseMessageThrowsIsShownByItsClass() {
    AttemptFailure record = AttemptFailure.of(3, new BrokenMessageException(), RetryDecision.stop("done"));

    assertThat(record.getMessage()).isEqualTo("attempt 3 failed: BrokenMessageException; no retry: done");
  }
}
