package dev.apierrors.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apierrors.ApiError;
import dev.apierrors.HostLimits;
import dev.apierrors.RateLimit;
import dev.apierrors.RetryBudget;
import dev.apierrors.RetryPolicy;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * What the gate writes to a store of the user's (one shared by a fleet is a network round
 * trip per write): only what changes the host's state.
 */
class HostGateStoreCallsTest {
  private static final HostKey API = HostKey.of("https", "api.example.com", 443);
  private static final long NOW = 1_700_000_000_000L;

  private final RecordingStore store = new RecordingStore();
  private final ManualClock clock = new ManualClock(NOW);

  private HostGate gate(HostLimits.Builder limits) {
    return HostGate.of(limits.store(store).clock(clock).build(), RetryPolicy.ofDefaults());
  }

  @Test
  void aSuccessRefundsTheBudgetOnlyWhenItHasSomethingToRefund() {
    gate(HostLimits.builder().retryBudget(new RetryBudget(10, 5, 5, 0))).onSuccess(API, HttpHeaders.empty());
    assertThat(store.writes).isEmpty();

    gate(HostLimits.builder().retryBudget(new RetryBudget(10, 5, 5, 2))).onSuccess(API, HttpHeaders.empty());
    assertThat(store.writes).containsExactly("deposit api.example.com 2 of 10");
  }

  @Test
  void anExhaustedRateLimitCoolsTheHostDownUntilItsResetAndEndsTheProbing() {
    HostGate gate = gate(HostLimits.builder().pacing(true).noRetryBudget());
    gate.onError(API, ApiError.builder(503).format("empty").title("x")
        .rateLimit(RateLimit.of(OptionalLong.of(10), OptionalLong.of(0), OptionalLong.of(2_000))).build());
    assertThat(store.writes).containsExactly("coolDown api.example.com +2000 503", "unpaced api.example.com");
  }

  @Test
  void aRateLimitWithRequestsLeftPacesTheHostWithoutACoolDown() {
    HostGate gate = gate(HostLimits.builder().pacing(true).noRetryBudget());
    gate.onError(API, ApiError.builder(400).format("empty").title("x")
        .rateLimit(RateLimit.of(OptionalLong.of(10), OptionalLong.of(4), OptionalLong.of(2_000))).build());
    assertThat(store.writes).containsExactly("pace api.example.com 500 +2000");
  }

  /** Delegates to an in-process store and records each write. */
  private static final class RecordingStore implements HostStateStore {
    final List<String> writes = new CopyOnWriteArrayList<>();
    private final HostStateStore delegate = HostStateStore.inProcess();

    @Override
    public long coolDownUntil(HostKey host) {
      return delegate.coolDownUntil(host);
    }

    @Override
    public void coolDown(HostKey host, long untilMillis, int status) {
      writes.add("coolDown " + host.label() + " +" + (untilMillis - NOW) + " " + status);
      delegate.coolDown(host, untilMillis, status);
    }

    @Override
    public int coolDownStatus(HostKey host) {
      return delegate.coolDownStatus(host);
    }

    @Override
    public void pace(HostKey host, long intervalMillis, long untilMillis) {
      writes.add("pace " + host.label() + " " + intervalMillis + " +" + (untilMillis - NOW));
      delegate.pace(host, intervalMillis, untilMillis);
    }

    @Override
    public void unpaced(HostKey host) {
      writes.add("unpaced " + host.label());
      delegate.unpaced(host);
    }

    @Override
    public long firstContact(HostKey host, long nowMillis, long probeMillis) {
      return delegate.firstContact(host, nowMillis, probeMillis);
    }

    @Override
    public long reserveSendSlot(HostKey host, long nowMillis, long maxWaitMillis) {
      return delegate.reserveSendSlot(host, nowMillis, maxWaitMillis);
    }

    @Override
    public boolean withdraw(HostKey host, int tokens, int capacity) {
      writes.add("withdraw " + host.label() + " " + tokens + " of " + capacity);
      return delegate.withdraw(host, tokens, capacity);
    }

    @Override
    public void deposit(HostKey host, int tokens, int capacity) {
      writes.add("deposit " + host.label() + " " + tokens + " of " + capacity);
      delegate.deposit(host, tokens, capacity);
    }
  }
}
