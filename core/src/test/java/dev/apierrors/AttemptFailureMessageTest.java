package dev.apierrors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
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
}
