package dev.apierrors.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apierrors.ApiError;
import dev.apierrors.ApiException;
import dev.apierrors.HostLimits;
import dev.apierrors.RateLimit;
import dev.apierrors.RetryPolicy;
import dev.apierrors.WaitSource;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The host cool-down at its edges: the instant it ends, the longest wait allowed, the deadline, overflow. */
class HostCoolDownEdgesTest {
  private static final long START = 1_700_000_000_000L;
  private static final OptionalLong NO_DEADLINE = OptionalLong.empty();
  private static final HostKey API = HostKey.of("https", "api.example.com", 443);
  /** Waits up to 10 s. */
  private static final RetryPolicy POLICY = RetryPolicy.builder().maxRetryAfter(Duration.ofSeconds(10)).build();

  private final ManualClock clock = new ManualClock(START);

  private HostGate gate(HostLimits.Builder limits) {
    return HostGate.of(limits.clock(clock).build(), POLICY);
  }

  private static ApiError refusal(int status, long retryAfterMillis) {
    return ApiError.builder(status).format("empty").title("x")
        .retryAfterMillis(OptionalLong.of(retryAfterMillis)).build();
  }

  private static ApiError exhausted(int status, long resetMillis) {
    return ApiError.builder(status).format("empty").title("x")
        .rateLimit(RateLimit.of(OptionalLong.of(100), OptionalLong.of(0), OptionalLong.of(resetMillis)))
        .build();
  }

  @Test
  void aCoolDownThatEndsNowLetsTheCallGoAtOnceEvenInFailFastMode() {
    HostGate gate = gate(HostLimits.builder().failFast(true));
    gate.onError(API, refusal(429, 2_000));
    clock.advance(1_999);
    assertThat(gate.admit(API, NO_DEADLINE).refusal()).as("1 ms left").isPresent();

    clock.advance(1);
    HostGate.Admission admission = gate.admit(API, NO_DEADLINE);
    assertThat(admission.isNow()).isTrue();
    assertThat(admission.refusal()).isEmpty();
    assertThat(admission.waitSource()).isEmpty();
    assertThat(admission.recheck()).isFalse();
    assertThat(gate.coolDownLeft(API)).isZero();
  }

  @ParameterizedTest(name = "Retry-After {0} ms, deadline in {1} ms (-1: none) -> {2}")
  @CsvSource({
      "10000, -1, wait",    // exactly maxRetryAfter: waited
      "10001, -1, refuse",  // above it
      "2000, 2001, wait",   // ends 1 ms before the deadline
      "2000, 2000, refuse", // would reach the deadline
      "2000, 1999, refuse",
  })
  void aCoolDownIsWaitedUpToMaxRetryAfterAndUntilJustBeforeTheDeadline(long retryAfter, long deadline, String expected) {
    HostGate gate = gate(HostLimits.builder());
    gate.onError(API, refusal(503, retryAfter));

    HostGate.Admission admission = gate.admit(API, deadline < 0 ? NO_DEADLINE : OptionalLong.of(deadline));

    if (expected.equals("wait")) {
      assertThat(admission.waitMillis()).isEqualTo(retryAfter);
      assertThat(admission.waitSource()).contains(WaitSource.HOST_COOL_DOWN);
      assertThat(admission.recheck()).as("a cool-down may be extended meanwhile").isTrue();
      assertThat(admission.isNow()).isFalse();
      assertThat(admission.refusal()).isEmpty();
    } else {
      ApiException refused = admission.refusal().orElseThrow();
      assertThat(refused.status()).isEqualTo(503);
      assertThat(refused.error().retryAfterMillis()).hasValue(retryAfter);
      assertThat(admission.isNow()).isFalse();
      assertThat(admission.waitMillis()).isZero();
      assertThat(admission.waitSource()).isEmpty();
    }
  }

  @Test
  void coolDownLeftCountsDownToZero() {
    HostGate gate = gate(HostLimits.builder());
    assertThat(gate.coolDownLeft(API)).isZero();
    gate.onError(API, refusal(503, 3_000));
    assertThat(gate.coolDownLeft(API)).isEqualTo(3_000);
    clock.advance(1_000);
    assertThat(gate.coolDownLeft(API)).isEqualTo(2_000);
    clock.advance(5_000);
    assertThat(gate.coolDownLeft(API)).as("never negative").isZero();
  }

  @Test
  void aClientWithCoolDownOffIgnoresTheCoolDownsOfAStoreItShares() {
    HostStateStore shared = HostStateStore.inProcess();
    HostGate cooling = gate(HostLimits.builder().store(shared));
    HostGate ignoring = gate(HostLimits.builder().store(shared).coolDown(false));
    cooling.onError(API, refusal(429, 5_000));

    assertThat(cooling.coolDownLeft(API)).isEqualTo(5_000);
    assertThat(ignoring.coolDownLeft(API)).isZero();
    assertThat(ignoring.admit(API, NO_DEADLINE).isNow()).isTrue();
  }

  @Test
  void aWaitTooLongToAddToTheClockHoldsTheHostBackAsLongAsItCan() {
    HostGate gate = gate(HostLimits.builder());
    gate.onError(API, refusal(429, Long.MAX_VALUE));

    assertThat(gate.coolDownLeft(API)).isEqualTo(Long.MAX_VALUE - START);
    ApiException refused = gate.admit(API, NO_DEADLINE).refusal().orElseThrow();
    assertThat(refused.error().retryAfterMillis()).hasValue(Long.MAX_VALUE - START);
  }

  @Test
  void aNegativeServerWaitStartsNoCoolDown() {
    HostGate gate = gate(HostLimits.builder());
    gate.onError(API, refusal(429, -5_000));

    assertThat(gate.coolDownLeft(API)).isZero();
    assertThat(gate.admit(API, NO_DEADLINE).isNow()).isTrue();
  }

  @ParameterizedTest(name = "a {0} with nothing remaining -> refused as {1}")
  @CsvSource({"403, 429", "500, 429", "429, 429", "420, 420", "503, 503"})
  void anExhaustedRateLimitRefusesWithItsRefusalStatusElse429(int status, int refusedAs) {
    HostGate gate = gate(HostLimits.builder().failFast(true));
    gate.onError(API, exhausted(status, 7_000));

    ApiException refused = gate.admit(API, NO_DEADLINE).refusal().orElseThrow();
    assertThat(refused.status()).isEqualTo(refusedAs);
    assertThat(refused.error().retryAfterMillis()).hasValue(7_000);
    assertThat(refused.getMessage()).contains("not sent: api.example.com asked its clients to wait (host-cool-down), 7000 ms left");
  }

  @Test
  void anExhaustedRateLimitWhoseResetIsNowStartsNoCoolDown() {
    HostGate gate = gate(HostLimits.builder().failFast(true));
    gate.onError(API, exhausted(429, 0));
    gate.onSuccess(API, HttpHeaders.of("RateLimit-Limit", "10", "RateLimit-Remaining", "0", "RateLimit-Reset", "0"));

    assertThat(gate.admit(API, NO_DEADLINE).isNow()).isTrue();
    assertThat(gate.toString()).as("nothing recorded").contains("HostStateStore.inProcess(0 hosts)");
  }
}
