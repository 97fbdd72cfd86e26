package dev.apierrors.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apierrors.ApiError;
import dev.apierrors.HostLimits;
import dev.apierrors.RateLimit;
import dev.apierrors.RetryPolicy;
import dev.apierrors.WaitSource;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Pacing at its edges: the deadline that just allows a slot, the first call to a new host,
 * and the responses that say there is nothing to pace by (which end the probing).
 */
class HostPacingEdgesTest {
  private static final OptionalLong NO_DEADLINE = OptionalLong.empty();
  private static final HostKey API = HostKey.of("https", "api.example.com", 443);

  private final ManualClock clock = new ManualClock(1_700_000_000_000L);

  private HostGate pacedGate() {
    return HostGate.of(HostLimits.builder().pacing(true).clock(clock).build(), RetryPolicy.ofDefaults());
  }

  private static ApiError withRateLimit(int status, OptionalLong remaining, OptionalLong reset) {
    return ApiError.builder(status).format("empty").title("x")
        .rateLimit(RateLimit.of(OptionalLong.of(100), remaining, reset)).build();
  }

  @Test
  void theFirstCallToAHostGoesAtOnceWithoutAWaitSource() {
    HostGate gate = pacedGate();
    HostGate.Admission first = gate.admit(API, NO_DEADLINE);
    assertThat(first.isNow()).isTrue();
    assertThat(first.waitSource()).isEmpty();
    assertThat(first.recheck()).isFalse();
    assertThat(first).hasToString("Admission{now}");
  }

  @ParameterizedTest(name = "deadline in {0} ms -> wait {1} ms (-1: go now, taking no slot)")
  @CsvSource({"6001, 6000", "60000, 6000", "6000, -1", "100, -1"})
  void aPacingSlotIsWaitedForOnlyWhenItComesBeforeTheDeadline(long deadline, long expectedWait) {
    HostGate gate = pacedGate();
    gate.onError(API, withRateLimit(400, OptionalLong.of(10), OptionalLong.of(60_000))); // one per 6 s
    assertThat(gate.admit(API, NO_DEADLINE).isNow()).isTrue();

    HostGate.Admission second = gate.admit(API, OptionalLong.of(deadline));

    if (expectedWait < 0) {
      assertThat(second.isNow()).as("goes now: the server decides").isTrue();
      assertThat(second.refusal()).isEmpty();
      assertThat(gate.admit(API, NO_DEADLINE).waitMillis()).as("the slot was left for others").isEqualTo(6_000);
    } else {
      assertThat(second.waitMillis()).isEqualTo(expectedWait);
      assertThat(second.waitSource()).contains(WaitSource.PACING);
      assertThat(second.recheck()).isFalse();
      assertThat(second.isNow()).isFalse();
      assertThat(gate.admit(API, NO_DEADLINE).waitMillis()).as("the slot was taken").isEqualTo(12_000);
    }
  }

  @Test
  void anErrorWithoutARateLimitEndsTheProbingOfANewHost() {
    HostGate gate = pacedGate();
    assertThat(gate.admit(API, NO_DEADLINE).isNow()).as("this call finds out").isTrue();
    assertThat(gate.admit(API, NO_DEADLINE).recheck()).as("others wait for it").isTrue();

    gate.onError(API, ApiError.builder(500).format("empty").title("x").build());

    assertThat(gate.admit(API, NO_DEADLINE).isNow()).as("nothing to pace by").isTrue();
  }

  @ParameterizedTest(name = "remaining {0}, reset {1} (-1: absent)")
  @CsvSource({"5, -1", "-1, 5000", "5, 0", "-1, -1"})
  void aRateLimitMissingItsRemainingOrResetEndsTheProbingAndPacesNothing(long remaining, long reset) {
    HostGate gate = pacedGate();
    assertThat(gate.admit(API, NO_DEADLINE).isNow()).isTrue();

    gate.onError(API, withRateLimit(400,
        remaining < 0 ? OptionalLong.empty() : OptionalLong.of(remaining),
        reset < 0 ? OptionalLong.empty() : OptionalLong.of(reset)));

    for (int i = 0; i < 5; i++) {
      HostGate.Admission admission = gate.admit(API, NO_DEADLINE);
      assertThat(admission.isNow()).as("call %d", i).isTrue();
      assertThat(admission.waitSource()).isEmpty();
    }
  }

  @Test
  void anExhaustedRateLimitHoldsCallsByTheCoolDownThenLetsThemGoUnprobed() {
    HostGate gate = pacedGate();
    assertThat(gate.admit(API, NO_DEADLINE).isNow()).as("this call finds out, for up to 1 s").isTrue();

    gate.onError(API, withRateLimit(403, OptionalLong.of(0), OptionalLong.of(500)));
    HostGate.Admission held = gate.admit(API, NO_DEADLINE);
    assertThat(held.waitMillis()).isEqualTo(500);
    assertThat(held.waitSource()).contains(WaitSource.HOST_COOL_DOWN);

    clock.advance(500);
    HostGate.Admission after = gate.admit(API, NO_DEADLINE);
    assertThat(after.isNow()).as("the limit is known: no probing left to wait for").isTrue();
    assertThat(after.recheck()).isFalse();
  }

  @Test
  void pacingWorksWithTheCoolDownOff() {
    HostGate gate = HostGate.of(HostLimits.builder().coolDown(false).pacing(true).clock(clock).build(),
        RetryPolicy.ofDefaults());
    gate.onSuccess(API, HttpHeaders.of("RateLimit-Limit", "10", "RateLimit-Remaining", "10", "RateLimit-Reset", "60"));
    assertThat(gate.admit(API, NO_DEADLINE).isNow()).isTrue();
    assertThat(gate.admit(API, NO_DEADLINE).waitMillis()).isEqualTo(6_000);
  }

  @Test
  void aNonPacedClientRecordsNothingForErrorsWithoutARateLimit() {
    HostGate gate = HostGate.of(HostLimits.builder().clock(clock).build(), RetryPolicy.ofDefaults());
    gate.onError(API, ApiError.builder(500).format("empty").title("x").build());
    gate.onSuccess(API, HttpHeaders.empty());
    assertThat(gate.toString()).endsWith("HostStateStore.inProcess(0 hosts)}");
  }
}
