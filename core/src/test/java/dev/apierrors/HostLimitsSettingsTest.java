package dev.apierrors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apierrors.spi.HostStateStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link HostLimits}: what each setting gives back, and how the limits describe themselves. */
class HostLimitsSettingsTest {

  static Stream<Arguments> descriptions() {
    return Stream.of(
        Arguments.of((UnaryOperator<HostLimits.Builder>) b -> b,
            "HostLimits{coolDown=true, pacing=false, retryBudget=RetryBudget[capacity=500, retryCost=5,"
                + " timeoutRetryCost=10, successRefund=1]}"),
        Arguments.of((UnaryOperator<HostLimits.Builder>) b -> b.failFast(true).noRetryBudget(),
            "HostLimits{coolDown=true (fail fast), pacing=false, retryBudget=none}"),
        Arguments.of((UnaryOperator<HostLimits.Builder>) b -> b.coolDown(false).pacing(true).noRetryBudget(),
            "HostLimits{coolDown=false, pacing=true, retryBudget=none}"),
        Arguments.of((UnaryOperator<HostLimits.Builder>) b -> b.coolDown(false).retryBudget(new RetryBudget(9, 3, 3, 0)),
            "HostLimits{coolDown=false, pacing=false, retryBudget=RetryBudget[capacity=9, retryCost=3,"
                + " timeoutRetryCost=3, successRefund=0]}"),
        Arguments.of((UnaryOperator<HostLimits.Builder>) b -> b.coolDown(false).noRetryBudget().failFast(true),
            "HostLimits.none()"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("descriptions")
  void describesWhatIsSharedInOneLine(UnaryOperator<HostLimits.Builder> settings, String expected) {
    HostLimits limits = settings.apply(HostLimits.builder()).build();
    assertThat(limits).hasToString(expected);
    assertThat(limits.enabled()).isEqualTo(!expected.equals("HostLimits.none()"));
  }

  @Test
  void givesBackTheStoreAndTheClockItWasGiven() {
    HostStateStore store = HostStateStore.inProcess();
    Clock clock = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);
    HostLimits limits = HostLimits.builder().store(store).clock(clock).build();
    assertThat(limits.store()).containsSame(store);
    assertThat(limits.clock()).isSameAs(clock);
    assertThat(HostLimits.ofDefaults().store()).as("a new in-process store per client").isEmpty();
    assertThat(HostLimits.ofDefaults().clock()).isEqualTo(Clock.systemUTC());
  }

  @Test
  void rejectsNullsAtOnceNamingTheSetting() {
    HostLimits.Builder b = HostLimits.builder();
    assertThatThrownBy(() -> b.store(null)).isInstanceOf(NullPointerException.class).hasMessage("store");
    assertThatThrownBy(() -> b.clock(null)).isInstanceOf(NullPointerException.class).hasMessage("clock");
    assertThatThrownBy(() -> b.retryBudget(null)).isInstanceOf(NullPointerException.class).hasMessage("retryBudget");
  }
}
