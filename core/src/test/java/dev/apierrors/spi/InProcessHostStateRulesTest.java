package dev.apierrors.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apierrors.ApiError;
import dev.apierrors.HostLimits;
import dev.apierrors.RetryPolicy;
import java.util.OptionalLong;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The in-process store's rules, each at its edge: times are given, so the test is the clock. */
class InProcessHostStateRulesTest {
  private static final HostKey H = HostKey.of("https", "api.example.com", 443);

  private static HostKey host(int i) {
    return HostKey.of("https", "h" + i + ".example.com", 443);
  }

  @Test
  void anEqualCoolDownKeepsTheStatusOfTheFirstALaterOneReplacesItAnEarlierOneChangesNothing() {
    InProcessHostStateStore store = new InProcessHostStateStore(10);
    store.coolDown(H, 5_000, 429);
    store.coolDown(H, 5_000, 503);
    assertThat(store.coolDownStatus(H)).isEqualTo(429);

    store.coolDown(H, 5_001, 503);
    assertThat(store.coolDownUntil(H)).isEqualTo(5_001);
    assertThat(store.coolDownStatus(H)).isEqualTo(503);

    store.coolDown(H, 4_000, 420);
    assertThat(store.coolDownUntil(H)).isEqualTo(5_001);
    assertThat(store.coolDownStatus(H)).isEqualTo(503);
  }

  @Test
  void oneCallProbesANewHostAtATimeTheOthersAskAgainWithinTwentyMillis() {
    InProcessHostStateStore store = new InProcessHostStateStore(10);
    assertThat(store.firstContact(H, 0, 1_000)).as("this call finds out, until 1000").isZero();
    assertThat(store.firstContact(H, 500, 1_000)).as("asks again in at most 20 ms").isEqualTo(20);
    assertThat(store.firstContact(H, 995, 1_000)).as("the probe's time is up in 5 ms").isEqualTo(5);
    assertThat(store.firstContact(H, 1_000, 1_000)).as("the probe took too long: this call finds out").isZero();
    assertThat(store.firstContact(H, 1_000, 1_000)).as("until 2000").isEqualTo(20);
    assertThat(store.firstContact(H, 1_990, 1_000)).isEqualTo(10);

    store.unpaced(H);
    assertThat(store.firstContact(H, 1_990, 1_000)).as("known: nobody waits").isZero();
  }

  @Test
  void aPacingWhoseWindowAndSlotsAreBehindItReservesNothing() {
    InProcessHostStateStore store = new InProcessHostStateStore(10);
    store.pace(H, 10, 100);
    assertThat(store.reserveSendSlot(H, 90, Long.MAX_VALUE)).isEqualTo(90); // next slot at 100
    assertThat(store.reserveSendSlot(H, 100, Long.MAX_VALUE)).as("window over, slot due: stale").isEqualTo(100);
    assertThat(store.reserveSendSlot(H, 100, Long.MAX_VALUE)).as("nothing was reserved").isEqualTo(100);
  }

  @Test
  void slotsGoOnPastTheWindowUntilTheyAreBehind() {
    InProcessHostStateStore store = new InProcessHostStateStore(10);
    store.pace(H, 10, 15);
    assertThat(store.reserveSendSlot(H, 0, Long.MAX_VALUE)).isZero();
    assertThat(store.reserveSendSlot(H, 0, Long.MAX_VALUE)).isEqualTo(10);
    assertThat(store.reserveSendSlot(H, 0, Long.MAX_VALUE)).as("past the window's end at 15").isEqualTo(20);
    assertThat(store.reserveSendSlot(H, 16, Long.MAX_VALUE)).as("window over, a slot still ahead").isEqualTo(30);
    assertThat(store.reserveSendSlot(H, 50, Long.MAX_VALUE)).as("all slots behind: stale").isEqualTo(50);
  }

  @Test
  void aPaceOfNoIntervalStopsHoldingCallsEvenBehindASlotReservedBefore() {
    InProcessHostStateStore store = new InProcessHostStateStore(10);
    store.pace(H, 10, 1_000);
    assertThat(store.reserveSendSlot(H, 0, Long.MAX_VALUE)).isZero();
    assertThat(store.reserveSendSlot(H, 0, Long.MAX_VALUE)).isEqualTo(10);
    store.pace(H, 0, 1_000); // e.g. 1000 requests left over the next 500 ms
    assertThat(store.reserveSendSlot(H, 0, Long.MAX_VALUE)).isZero();
    assertThat(store.reserveSendSlot(H, 0, Long.MAX_VALUE)).isZero();
  }

  @Test
  void aSlotFartherThanTheCallWaitsIsReturnedButNotTaken() {
    InProcessHostStateStore store = new InProcessHostStateStore(10);
    store.pace(H, 10, 1_000);
    assertThat(store.reserveSendSlot(H, 0, Long.MAX_VALUE)).isZero();
    assertThat(store.reserveSendSlot(H, 0, 9)).isEqualTo(10);
    assertThat(store.reserveSendSlot(H, 0, 10)).as("the same slot: the call above took nothing").isEqualTo(10);
    assertThat(store.reserveSendSlot(H, 0, Long.MAX_VALUE)).isEqualTo(20);
  }

  @Test
  void theBudgetPaysUpToWhatItHoldsAndRefillsUpToItsCapacity() {
    InProcessHostStateStore store = new InProcessHostStateStore(10);
    assertThat(store.withdraw(H, 4, 10)).isTrue();
    assertThat(store.withdraw(H, 6, 10)).as("exactly what is left").isTrue();
    assertThat(store.withdraw(H, 1, 10)).isFalse();
    store.deposit(H, 3, 10);
    assertThat(store.withdraw(H, 4, 10)).as("3 held").isFalse();
    assertThat(store.withdraw(H, 3, 10)).isTrue();
    store.deposit(H, 100, 10);
    assertThat(store.withdraw(H, 10, 10)).as("full, not more").isTrue();
    assertThat(store.withdraw(H, 1, 10)).isFalse();
  }

  @Test
  void idleHostsAreDroppedOnceTheStoreHoldsAsManyAsItKeeps() {
    InProcessHostStateStore store = new InProcessHostStateStore(2);
    store.unpaced(host(1));
    assertThat(store).hasToString("HostStateStore.inProcess(1 hosts)");
    store.unpaced(host(2));
    assertThat(store).hasToString("HostStateStore.inProcess(2 hosts)");
    store.unpaced(host(3));
    assertThat(store).as("both idle ones dropped").hasToString("HostStateStore.inProcess(1 hosts)");
    store.unpaced(host(3));
    assertThat(store).as("a known host is not new").hasToString("HostStateStore.inProcess(1 hosts)");
  }

  static Stream<Arguments> busyStates() {
    long later = System.currentTimeMillis() + 3_600_000;
    return Stream.of(
        Arguments.of("in a cool-down", (BiConsumer<InProcessHostStateStore, HostKey>) (s, h) -> s.coolDown(h, later, 429)),
        Arguments.of("in a pacing window", (BiConsumer<InProcessHostStateStore, HostKey>) (s, h) -> s.pace(h, 10, later)),
        Arguments.of("with a slot ahead", (BiConsumer<InProcessHostStateStore, HostKey>) (s, h) -> {
          s.pace(h, 3_600_000, later);
          s.reserveSendSlot(h, System.currentTimeMillis(), Long.MAX_VALUE);
          s.pace(h, 3_600_000, 0); // the window is over; the reserved slot is still ahead
        }),
        Arguments.of("with a budget spent", (BiConsumer<InProcessHostStateStore, HostKey>) (s, h) -> s.withdraw(h, 1, 10)),
        Arguments.of("being probed", (BiConsumer<InProcessHostStateStore, HostKey>)
            (s, h) -> s.firstContact(h, System.currentTimeMillis(), 3_600_000)));
  }

  @ParameterizedTest(name = "a host {0} is kept")
  @MethodSource("busyStates")
  void aHostWithStateStillInForceIsNeverDropped(String name, BiConsumer<InProcessHostStateStore, HostKey> busy) {
    InProcessHostStateStore store = new InProcessHostStateStore(2);
    busy.accept(store, host(0));
    store.unpaced(host(1));
    store.unpaced(host(2)); // two held: the idle one goes, the busy one stays
    assertThat(store).hasToString("HostStateStore.inProcess(2 hosts)");
  }

  @Test
  void aHostCoolingDownUnderTheLimitsClockIsNotDroppedAsIdle() {
    ManualClock clock = new ManualClock(1_000_000L);
    InProcessHostStateStore store = new InProcessHostStateStore(2);
    HostGate gate = HostGate.of(HostLimits.builder().store(store).clock(clock).build(), RetryPolicy.ofDefaults());
    gate.onError(H, ApiError.builder(429).format("empty").title("x").retryAfterMillis(OptionalLong.of(5_000)).build());

    store.unpaced(host(1));
    store.unpaced(host(2)); // the store is full: idle hosts are dropped

    assertThat(gate.admit(H, OptionalLong.empty()).waitMillis()).isEqualTo(5_000);
  }

  @Test
  void aHostWhoseCoolDownEndedByTheLimitsClockIsDroppedWhenTheStoreIsFull() {
    ManualClock clock = new ManualClock(1_000_000L);
    InProcessHostStateStore store = new InProcessHostStateStore(2);
    HostGate gate = HostGate.of(HostLimits.builder().store(store).clock(clock).build(), RetryPolicy.ofDefaults());
    gate.onError(H, ApiError.builder(429).format("empty").title("x").retryAfterMillis(OptionalLong.of(5_000)).build());
    store.unpaced(host(1));

    clock.advance(5_000);
    assertThat(gate.admit(H, OptionalLong.empty()).waitMillis()).isZero();
    store.unpaced(host(2)); // full: every record is idle by the limits' clock now

    assertThat(store).hasToString("HostStateStore.inProcess(1 hosts)");
  }

  @Test
  void aStoreUsedDirectlyJudgesIdlenessByTheTimesItIsTold() {
    InProcessHostStateStore store = new InProcessHostStateStore(2);
    store.coolDown(H, 2_000_000L, 429);
    store.firstContact(host(1), 1_000_000L, 1_000); // the users' clock reads 1,000,000

    store.unpaced(host(2)); // full: by that clock, H still cools down

    assertThat(store.coolDownUntil(H)).isEqualTo(2_000_000L);
  }

  @Test
  void aSendSlotReservedTellsTheStoreTheTimeToo() {
    InProcessHostStateStore store = new InProcessHostStateStore(2);
    store.coolDown(H, 2_000_000L, 429);
    store.reserveSendSlot(host(1), 1_000_000L, 0);
    store.unpaced(host(1));

    store.unpaced(host(2));

    assertThat(store.coolDownUntil(H)).isEqualTo(2_000_000L);
  }
}
