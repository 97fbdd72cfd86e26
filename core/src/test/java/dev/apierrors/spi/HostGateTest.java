package dev.apierrors.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apierrors.ApiError;
import dev.apierrors.ApiException;
import dev.apierrors.HostLimits;
import dev.apierrors.RateLimit;
import dev.apierrors.RetryBudget;
import dev.apierrors.RetryDecision;
import dev.apierrors.RetryPolicy;
import dev.apierrors.ServiceUnavailableException;
import dev.apierrors.TooManyRequestsException;
import dev.apierrors.WaitSource;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The per-host rules, under a clock the test moves. */
class HostGateTest {
  private static final OptionalLong NO_DEADLINE = OptionalLong.empty();
  private static final HostKey API = HostKey.of("https", "api.example.com", 443);
  private static final HostKey OTHER = HostKey.of("https", "other.example.com", 443);

  private final MovableClock clock = new MovableClock();

  private HostGate gate(HostLimits.Builder limits) {
    return HostGate.of(limits.clock(clock).build(), RetryPolicy.ofDefaults());
  }

  private static ApiError refusal(int status, long retryAfterMillis) {
    return ApiError.builder(status).format("empty").title("x").retryAfterMillis(OptionalLong.of(retryAfterMillis)).build();
  }

  private static ApiError withRateLimit(int status, long remaining, long resetMillis) {
    return ApiError.builder(status).format("empty").title("x")
        .rateLimit(RateLimit.of(OptionalLong.of(100), OptionalLong.of(remaining), OptionalLong.of(resetMillis)))
        .build();
  }

  @ParameterizedTest(name = "status {0}")
  @ValueSource(ints = {429, 420, 503})
  void aRefusalWithRetryAfterHoldsBackLaterCallsToThatHostOnly(int status) {
    HostGate gate = gate(HostLimits.builder());
    gate.onError(API, refusal(status, 2_000));

    HostGate.Admission first = gate.admit(API, NO_DEADLINE);
    assertThat(first.waitMillis()).isEqualTo(2_000);
    assertThat(first.waitSource()).contains(WaitSource.HOST_COOL_DOWN);
    assertThat(gate.admit(OTHER, NO_DEADLINE).isNow()).isTrue();
    assertThat(gate.admit(API.withUserKey("token-b"), NO_DEADLINE).isNow()).isTrue();

    clock.advance(1_500);
    assertThat(gate.admit(API, NO_DEADLINE).waitMillis()).isEqualTo(500);
    clock.advance(500);
    assertThat(gate.admit(API, NO_DEADLINE).isNow()).isTrue();
  }

  @ParameterizedTest(name = "status {0}")
  @ValueSource(ints = {400, 404, 500, 502})
  void otherStatusesWithRetryAfterDoNotCoolTheHostDown(int status) {
    HostGate gate = gate(HostLimits.builder());
    gate.onError(API, refusal(status, 2_000));
    assertThat(gate.admit(API, NO_DEADLINE).isNow()).isTrue();
  }

  @Test
  void aLaterCoolDownNeverShortensAnEarlierOne() {
    HostGate gate = gate(HostLimits.builder());
    gate.onError(API, refusal(429, 5_000));
    gate.onError(API, refusal(503, 1_000));
    assertThat(gate.admit(API, NO_DEADLINE).waitMillis()).isEqualTo(5_000);
  }

  @Test
  void failFastRefusesWithTheTypedExceptionCarryingTheWaitLeftWithoutSending() {
    HostGate gate = gate(HostLimits.builder().failFast(true));
    gate.onError(API, refusal(503, 3_000));
    clock.advance(1_000);

    ApiException refusal = gate.admit(API, NO_DEADLINE).refusal().orElseThrow();
    assertThat(refusal).isInstanceOf(ServiceUnavailableException.class);
    assertThat(refusal.attempts()).isZero();
    assertThat(refusal.error().retryAfterMillis()).hasValue(2_000);
    assertThat(refusal.error().format()).isEqualTo(HostLimits.NOT_SENT_FORMAT);
    assertThat(refusal.getMessage()).contains("503 Service Unavailable", "api.example.com", "host-cool-down");
  }

  @Test
  void aWaitAboveMaxRetryAfterOrPastTheDeadlineIsRefusedEvenWhenWaiting() {
    HostGate gate = HostGate.of(HostLimits.builder().clock(clock).build(),
        RetryPolicy.builder().maxRetryAfter(Duration.ofSeconds(10)).build());
    gate.onError(API, refusal(429, 30_000));
    assertThat(gate.admit(API, NO_DEADLINE).refusal()).get().isInstanceOf(TooManyRequestsException.class);

    HostGate short1 = gate(HostLimits.builder());
    short1.onError(API, refusal(429, 2_000));
    assertThat(short1.admit(API, OptionalLong.of(1_999)).refusal()).isPresent();
    assertThat(short1.admit(API, OptionalLong.of(5_000)).waitMillis()).isEqualTo(2_000);
  }

  @Test
  void aRateLimitWithNothingLeftCoolsTheHostDownUntilTheReset() {
    HostGate gate = gate(HostLimits.builder());
    gate.onError(API, withRateLimit(403, 0, 7_000));
    assertThat(gate.admit(API, NO_DEADLINE).waitMillis()).isEqualTo(7_000);

    HostGate fromSuccess = gate(HostLimits.builder());
    fromSuccess.onSuccess(API, HttpHeaders.of("X-RateLimit-Limit", "60", "X-RateLimit-Remaining", "0",
        "X-RateLimit-Reset", "30"));
    HostGate.Admission admission = fromSuccess.admit(API, NO_DEADLINE);
    assertThat(admission.waitMillis()).isEqualTo(30_000);
    assertThat(fromSuccess.limits().failFast()).isFalse();
  }

  @Test
  void coolDownOffIgnoresEverySignal() {
    HostGate gate = gate(HostLimits.builder().coolDown(false));
    gate.onError(API, refusal(429, 2_000));
    gate.onError(API, withRateLimit(429, 0, 2_000));
    assertThat(gate.admit(API, NO_DEADLINE).isNow()).isTrue();
  }

  @Test
  void pacingSpreadsWhatIsLeftOverTheTimeToTheReset() {
    HostGate gate = gate(HostLimits.builder().pacing(true));
    gate.onError(API, withRateLimit(400, 10, 60_000)); // 10 left over 60 s: one per 6 s

    assertThat(gate.admit(API, NO_DEADLINE).isNow()).isTrue();
    HostGate.Admission second = gate.admit(API, NO_DEADLINE);
    assertThat(second.waitMillis()).isEqualTo(6_000);
    assertThat(second.waitSource()).contains(WaitSource.PACING);
    assertThat(gate.admit(API, NO_DEADLINE).waitMillis()).isEqualTo(12_000);
    clock.advance(60_000);
    assertThat(gate.admit(API, NO_DEADLINE).isNow()).as("the window reset").isTrue();
  }

  @Test
  void readmittingAfterAPacedWaitLooksAtACoolDownBegunMeanwhileAndReservesNoSlot() {
    HostGate gate = gate(HostLimits.builder().pacing(true));
    gate.onError(API, withRateLimit(400, 10, 60_000)); // one per 6 s
    assertThat(gate.admit(API, NO_DEADLINE).isNow()).isTrue();
    HostGate.Admission paced = gate.admit(API, NO_DEADLINE);
    assertThat(paced.waitMillis()).isEqualTo(6_000);
    assertThat(paced.recheck()).as("a paced slot is reserved: readmit, not admit").isFalse();

    clock.advance(6_000);
    assertThat(gate.readmit(API, NO_DEADLINE).isNow()).as("no cool-down: the slot goes").isTrue();
    assertThat(gate.admit(API, NO_DEADLINE).waitMillis()).as("readmit reserved no slot").isEqualTo(6_000);

    gate.onError(API, refusal(429, 2_000)); // another call's refusal during a paced wait
    HostGate.Admission held = gate.readmit(API, NO_DEADLINE);
    assertThat(held.waitMillis()).isEqualTo(2_000);
    assertThat(held.waitSource()).contains(WaitSource.HOST_COOL_DOWN);
    assertThat(held.recheck()).as("after a cool-down, admit afresh").isTrue();
    assertThat(gate.readmit(API, OptionalLong.of(1_000)).refusal()).as("past the deadline").isPresent();
  }

  @Test
  void readmittingWhenTheCoolDownEndsSendsAtOnceEvenFailingFast() {
    HostGate gate = gate(HostLimits.builder().pacing(true).failFast(true));
    gate.onError(API, refusal(503, 2_000));
    clock.advance(1_999);
    assertThat(gate.readmit(API, NO_DEADLINE).refusal()).as("1 ms left, failing fast").isPresent();
    clock.advance(1);
    assertThat(gate.readmit(API, NO_DEADLINE).isNow()).isTrue();
  }

  @Test
  void readmittingWithCoolDownOffSendsAtOnce() {
    HostGate gate = gate(HostLimits.builder().coolDown(false).pacing(true));
    gate.onError(API, refusal(429, 2_000));
    assertThat(gate.readmit(API, NO_DEADLINE).isNow()).isTrue();
  }

  @Test
  void callsSpacedWiderThanTheIntervalNeverWait() {
    HostGate gate = gate(HostLimits.builder().pacing(true));
    gate.onSuccess(API, HttpHeaders.of("RateLimit-Limit", "100", "RateLimit-Remaining", "50", "RateLimit-Reset", "10"));
    for (int i = 0; i < 20; i++) {
      assertThat(gate.admit(API, NO_DEADLINE).isNow()).isTrue();
      clock.advance(250); // interval is 200 ms
    }
  }

  @Test
  void withPacingABurstToANewHostWaitsForTheFirstResponseToSayHowFast() {
    HostGate gate = gate(HostLimits.builder().pacing(true));
    assertThat(gate.admit(API, NO_DEADLINE).isNow()).as("the first call finds out").isTrue();
    HostGate.Admission second = gate.admit(API, NO_DEADLINE);
    assertThat(second.waitMillis()).isBetween(1L, 20L);
    assertThat(second.recheck()).isTrue();
    assertThat(second.waitSource()).contains(WaitSource.PACING);

    gate.onSuccess(API, HttpHeaders.of("RateLimit-Limit", "100", "RateLimit-Remaining", "99", "RateLimit-Reset", "1"));
    HostGate.Admission paced = gate.admit(API, NO_DEADLINE);
    assertThat(paced.isNow()).isTrue();
    HostGate.Admission next = gate.admit(API, NO_DEADLINE);
    assertThat(next.waitMillis()).isEqualTo(10);
    assertThat(next.recheck()).as("its slot is reserved: send after the wait").isFalse();
  }

  @Test
  void aHostWithoutRateLimitHeadersIsNotHeldBackByPacing() {
    HostGate gate = gate(HostLimits.builder().pacing(true));
    assertThat(gate.admit(API, NO_DEADLINE).isNow()).isTrue();
    gate.onSuccess(API, HttpHeaders.empty());
    for (int i = 0; i < 10; i++) {
      assertThat(gate.admit(API, NO_DEADLINE).isNow()).isTrue();
    }
  }

  @Test
  void pacingGoesOnPastTheWindowsResetAtTheSameInterval() {
    HostGate gate = gate(HostLimits.builder().pacing(true));
    gate.onSuccess(API, HttpHeaders.of("RateLimit-Limit", "10", "RateLimit-Remaining", "10", "RateLimit-Reset", "1"));
    long last = 0;
    for (int i = 0; i < 30; i++) {
      last = gate.admit(API, NO_DEADLINE).waitMillis();
    }
    assertThat(last).as("30 calls at 10 per second: the last goes 2.9 s from now").isEqualTo(2_900);
  }

  @Test
  void pacingWithFailFastRefusesOnlyCallsFasterThanTheRateAndNeverLocksTheHostOut() {
    HostGate gate = gate(HostLimits.builder().pacing(true).failFast(true));
    gate.onError(API, withRateLimit(400, 10, 60_000)); // one call per 6 s
    assertThat(gate.admit(API, NO_DEADLINE).isNow()).isTrue();
    clock.advance(1_000);
    assertThat(gate.admit(API, NO_DEADLINE).refusal()).as("5 s early").isPresent();
    for (int i = 0; i < 5; i++) {
      clock.advance(6_000);
      assertThat(gate.admit(API, NO_DEADLINE).isNow()).as("call %d at the allowed rate", i).isTrue();
    }
  }

  @Test
  void aPacingSlotBeyondMaxRetryAfterIsNotWaitedForNorTaken() {
    HostGate gate = HostGate.of(HostLimits.builder().pacing(true).clock(clock).build(),
        RetryPolicy.builder().maxRetryAfter(Duration.ofSeconds(10)).build());
    gate.onError(API, withRateLimit(400, 1, 60_000)); // one call per 60 s
    assertThat(gate.admit(API, NO_DEADLINE).isNow()).isTrue();
    HostGate.Admission tooFar = gate.admit(API, NO_DEADLINE);
    assertThat(tooFar.isNow()).as("goes now: the server decides").isTrue();
    assertThat(tooFar.refusal()).isEmpty();
  }

  @Test
  void aServerGivenWaitExemptsOnlyRefusalsFromTheBudget() {
    HostGate gate = gate(HostLimits.builder().retryBudget(new RetryBudget(10, 5, 10, 1)));
    RetryDecision serverWait = RetryDecision.retryAfter(Duration.ofSeconds(1), WaitSource.RETRY_AFTER, "x");
    ApiException badGateway = ApiException.of(refusal(502, 1_000), 1);
    assertThat(gate.budget(API, badGateway, serverWait).isRetry()).isTrue();
    assertThat(gate.budget(API, badGateway, serverWait).isRetry()).isTrue();
    assertThat(gate.budget(API, badGateway, serverWait).isRetry()).as("a 502 drains it, Retry-After or not").isFalse();
    ApiException tooMany = ApiException.of(refusal(429, 1_000), 1);
    assertThat(gate.budget(API, tooMany, serverWait).isRetry()).as("a 429 with Retry-After costs nothing").isTrue();
  }

  @Test
  void pacingOffByDefault() {
    HostGate gate = gate(HostLimits.builder());
    gate.onError(API, withRateLimit(400, 1, 60_000));
    assertThat(gate.admit(API, NO_DEADLINE).isNow()).isTrue();
    assertThat(gate.admit(API, NO_DEADLINE).isNow()).isTrue();
  }

  @Test
  void theBudgetRunsOutUnderAHostThatAlwaysFailsAndRefillsOnSuccesses() {
    HostGate gate = gate(HostLimits.builder().retryBudget(new RetryBudget(20, 5, 10, 1)));
    RetryDecision backoff = RetryDecision.retryAfter(Duration.ofMillis(100), WaitSource.BACKOFF, "503");
    IOException failure = new IOException("reset");

    for (int i = 0; i < 4; i++) {
      assertThat(gate.budget(API, failure, backoff).isRetry()).isTrue();
    }
    RetryDecision refused = gate.budget(API, failure, backoff);
    assertThat(refused.isRetry()).isFalse();
    assertThat(refused.reason()).contains("retry budget", "api.example.com", "empty");
    assertThat(gate.budget(OTHER, failure, backoff).isRetry()).as("another host's budget").isTrue();

    for (int i = 0; i < 5; i++) {
      gate.onSuccess(API, HttpHeaders.empty());
    }
    assertThat(gate.budget(API, failure, backoff).isRetry()).isTrue();
    assertThat(gate.budget(API, failure, backoff).isRetry()).isFalse();
  }

  @Test
  void aServerGivenWaitCostsNothingAndATimeoutCostsMore() {
    HostGate gate = gate(HostLimits.builder().retryBudget(new RetryBudget(10, 5, 10, 1)));
    RetryDecision serverWait = RetryDecision.retryAfter(Duration.ofSeconds(1), WaitSource.RETRY_AFTER, "429");
    ApiException tooMany = ApiException.of(refusal(429, 1_000), 1);
    for (int i = 0; i < 100; i++) {
      assertThat(gate.budget(API, tooMany, serverWait).isRetry()).isTrue();
    }
    RetryDecision backoff = RetryDecision.retryAfter(Duration.ofMillis(1), WaitSource.BACKOFF, "timeout");
    assertThat(gate.budget(API, new SocketTimeoutException("read timed out"), backoff).isRetry()).isTrue();
    assertThat(gate.budget(API, new IOException(), backoff).isRetry()).as("10 of 10 spent").isFalse();
  }

  @Test
  void stopsPassUnchangedAndNoBudgetMeansThePolicyAloneDecides() {
    HostGate gate = gate(HostLimits.builder().noRetryBudget());
    RetryDecision backoff = RetryDecision.retryAfter(Duration.ofMillis(1), WaitSource.BACKOFF, "x");
    for (int i = 0; i < 1_000; i++) {
      assertThat(gate.budget(API, new IOException(), backoff)).isSameAs(backoff);
    }
    RetryDecision stop = RetryDecision.stop("maxAttempts (3) reached");
    assertThat(gate(HostLimits.builder()).budget(API, new IOException(), stop)).isSameAs(stop);
  }

  @Test
  void noneDoesNothingAndSaysSo() {
    HostGate gate = gate(HostLimits.builder().coolDown(false).noRetryBudget());
    assertThat(gate.enabled()).isFalse();
    assertThat(HostLimits.none().enabled()).isFalse();
    assertThat(HostLimits.ofDefaults().enabled()).isTrue();
    assertThat(HostLimits.none()).hasToString("HostLimits.none()");
  }

  @Test
  void aHostKeyNeverShowsTheUsersKey() {
    HostKey key = HostKey.of("HTTPS", "API.example.com", 8443).withUserKey("sk_live_secret");
    assertThat(key.label()).isEqualTo("api.example.com:8443");
    assertThat(key.toString()).doesNotContain("sk_live_secret").contains("****");
    assertThat(HostKey.of("http", "h", 80).label()).isEqualTo("h");
    assertThat(key).isNotEqualTo(key.withUserKey(null));
  }

  /** A clock the test moves by hand. */
  private static final class MovableClock extends Clock {
    private long millis = 1_700_000_000_000L;

    void advance(long by) {
      millis += by;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis);
    }
  }
}
