package dev.apierrors.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apierrors.ApiError;
import dev.apierrors.HostLimits;
import dev.apierrors.RetryPolicy;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** What a gate and its admissions say of themselves, and the longest wait a gate allows. */
class HostGateTextTest {
  private static final OptionalLong NO_DEADLINE = OptionalLong.empty();
  private static final HostKey API = HostKey.of("https", "api.example.com", 443).withUserKey("sk_live_secret");

  private final ManualClock clock = new ManualClock(1_700_000_000_000L);

  private HostGate gate(HostLimits.Builder limits) {
    return HostGate.of(limits.clock(clock).build(), RetryPolicy.ofDefaults());
  }

  private static ApiError refusal(long retryAfterMillis) {
    return ApiError.builder(429).format("empty").title("x").retryAfterMillis(OptionalLong.of(retryAfterMillis)).build();
  }

  @Test
  void sendNowIsTheAdmissionOfADriverWhoseGateCannotAnswer() {
    HostGate.Admission now = HostGate.Admission.now();
    assertThat(now.isNow()).isTrue();
    assertThat(now.waitMillis()).isZero();
    assertThat(now.waitSource()).isEmpty();
    assertThat(now.refusal()).isEmpty();
    assertThat(now.recheck()).isFalse();
    assertThat(now).hasToString("Admission{now}");
  }

  @Test
  void aWaitSaysHowLongAndWhy() {
    HostGate gate = gate(HostLimits.builder());
    gate.onError(API, refusal(2_000));
    HostGate.Admission wait = gate.admit(API, NO_DEADLINE);
    assertThat(wait.isNow()).isFalse();
    assertThat(wait).hasToString("Admission{wait 2000 ms (HOST_COOL_DOWN)}");
  }

  @Test
  void aRefusalSaysWhyAndNeverShowsTheUsersKey() {
    HostGate gate = gate(HostLimits.builder().failFast(true));
    gate.onError(API, refusal(2_000));
    HostGate.Admission refused = gate.admit(API, NO_DEADLINE);
    assertThat(refused.isNow()).isFalse();
    assertThat(refused.toString())
        .startsWith("Admission{refused: ")
        .contains("429 Too Many Requests", "not sent: api.example.com asked its clients to wait (host-cool-down), 2000 ms left")
        .doesNotContain("sk_live_secret")
        .endsWith("}");
  }

  @Test
  void aGateNamesItsLimitsAndItsStore() {
    HostGate gate = gate(HostLimits.builder().pacing(true).noRetryBudget());
    assertThat(gate).hasToString("HostGate{HostLimits{coolDown=true, pacing=true, retryBudget=none},"
        + " HostStateStore.inProcess(0 hosts)}");
    gate.onError(API, refusal(2_000));
    assertThat(gate.toString()).doesNotContain("api.example.com").contains("(1 hosts)");
  }

  @Test
  void theLongestWaitIsThePolicysMaxRetryAfter() {
    assertThat(gate(HostLimits.builder()).maxWaitMillis()).isEqualTo(60_000);
    HostGate strict = HostGate.of(HostLimits.ofDefaults(),
        RetryPolicy.builder().maxRetryAfter(Duration.ofMillis(1_500)).build());
    assertThat(strict.maxWaitMillis()).isEqualTo(1_500);
  }
}
