package dev.apierrors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What the poll policy's builder accepts, refuses and reports back. */
class PollPolicySettingsTest {

  @Test
  void theDefaultsAreThoseDocumented() {
    PollPolicy defaults = PollPolicy.ofDefaults();
    assertThat(defaults.maxPolls()).isEqualTo(60);
    assertThat(defaults.initialBackoff()).isEqualTo(Duration.ofMillis(500));
    assertThat(defaults.maxBackoff()).isEqualTo(Duration.ofSeconds(30));
    assertThat(defaults.maxRetryAfter()).isEqualTo(Duration.ofSeconds(60));
    assertThat(defaults.timeout()).isEmpty();
    assertThat(defaults.followResult()).isFalse();
    assertThat(defaults.maxBodyBytes()).isEqualTo(64 * 1024);
    assertThat(defaults.clock()).isNotNull();
    assertThat(defaults).hasToString("PollPolicy{maxPolls=60, initialBackoff=PT0.5S, maxBackoff=PT30S,"
        + " maxRetryAfter=PT1M, timeout=none, followResult=false}");
  }

  @Test
  void everySettingIsReadBackAndTheBuilderChains() {
    Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
    PollPolicy policy = PollPolicy.builder()
        .maxPolls(7)
        .initialBackoff(Duration.ofMillis(20))
        .maxBackoff(Duration.ofSeconds(3))
        .maxRetryAfter(Duration.ofSeconds(9))
        .timeout(Duration.ofMinutes(2))
        .followResult(true)
        .maxBodyBytes(1024)
        .clock(clock)
        .build();
    assertThat(policy.maxPolls()).isEqualTo(7);
    assertThat(policy.initialBackoff()).isEqualTo(Duration.ofMillis(20));
    assertThat(policy.maxBackoff()).isEqualTo(Duration.ofSeconds(3));
    assertThat(policy.maxRetryAfter()).isEqualTo(Duration.ofSeconds(9));
    assertThat(policy.timeout()).contains(Duration.ofMinutes(2));
    assertThat(policy.followResult()).isTrue();
    assertThat(policy.maxBodyBytes()).isEqualTo(1024);
    assertThat(policy.clock()).isSameAs(clock);
    assertThat(policy).hasToString("PollPolicy{maxPolls=7, initialBackoff=PT0.02S, maxBackoff=PT3S,"
        + " maxRetryAfter=PT9S, timeout=PT2M, followResult=true}");
  }

  @Test
  void followResultCanBeTurnedOffAgain() {
    assertThat(PollPolicy.builder().followResult(true).followResult(false).build().followResult()).isFalse();
  }

  @Test
  void theBackoffOfARetryPolicyIsTaken() {
    RetryPolicy retry = RetryPolicy.builder().initialBackoff(Duration.ofMillis(40)).maxBackoff(Duration.ofMillis(900))
        .build();
    PollPolicy policy = PollPolicy.builder().backoff(retry).maxPolls(2).build();
    assertThat(policy.initialBackoff()).isEqualTo(Duration.ofMillis(40));
    assertThat(policy.maxBackoff()).isEqualTo(Duration.ofMillis(900));
    assertThat(policy.maxPolls()).isEqualTo(2);
  }

  static Stream<Arguments> accepted() {
    return Stream.of(
        Arguments.of("maxPolls 1", (Consumer<PollPolicy.Builder>) b -> b.maxPolls(1),
            (Consumer<PollPolicy>) p -> assertThat(p.maxPolls()).isEqualTo(1)),
        Arguments.of("maxBodyBytes 0", (Consumer<PollPolicy.Builder>) b -> b.maxBodyBytes(0),
            (Consumer<PollPolicy>) p -> assertThat(p.maxBodyBytes()).isZero()),
        Arguments.of("timeout 1 ns", (Consumer<PollPolicy.Builder>) b -> b.timeout(Duration.ofNanos(1)),
            (Consumer<PollPolicy>) p -> assertThat(p.timeout()).contains(Duration.ofNanos(1))),
        Arguments.of("maxBackoff equal to initialBackoff",
            (Consumer<PollPolicy.Builder>) b -> b.initialBackoff(Duration.ofSeconds(2)).maxBackoff(Duration.ofSeconds(2)),
            (Consumer<PollPolicy>) p -> assertThat(p.maxBackoff()).isEqualTo(p.initialBackoff())),
        Arguments.of("zero backoffs and maxRetryAfter",
            (Consumer<PollPolicy.Builder>) b -> b.initialBackoff(Duration.ZERO).maxBackoff(Duration.ZERO)
                .maxRetryAfter(Duration.ZERO),
            (Consumer<PollPolicy>) p -> assertThat(p.maxRetryAfter()).isZero()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("accepted")
  void boundaryValuesAreAccepted(String name, Consumer<PollPolicy.Builder> setting, Consumer<PollPolicy> check) {
    PollPolicy.Builder builder = PollPolicy.builder();
    setting.accept(builder);
    check.accept(builder.build());
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of("maxPolls 0", (Consumer<PollPolicy.Builder>) b -> b.maxPolls(0), "maxPolls must be >= 1, was 0"),
        Arguments.of("maxPolls -1", (Consumer<PollPolicy.Builder>) b -> b.maxPolls(-1), "maxPolls must be >= 1, was -1"),
        Arguments.of("maxBodyBytes -1", (Consumer<PollPolicy.Builder>) b -> b.maxBodyBytes(-1),
            "maxBodyBytes must be >= 0, was -1"),
        Arguments.of("timeout zero", (Consumer<PollPolicy.Builder>) b -> b.timeout(Duration.ZERO),
            "timeout must be positive, was PT0S"),
        Arguments.of("timeout negative", (Consumer<PollPolicy.Builder>) b -> b.timeout(Duration.ofSeconds(-1)),
            "timeout must be positive, was PT-1S"),
        Arguments.of("maxBackoff negative", (Consumer<PollPolicy.Builder>) b -> b.maxBackoff(Duration.ofMillis(-1)),
            "maxBackoff must not be negative, was PT-0.001S"),
        Arguments.of("maxRetryAfter negative",
            (Consumer<PollPolicy.Builder>) b -> b.maxRetryAfter(Duration.ofMillis(-1)),
            "maxRetryAfter must not be negative, was PT-0.001S"),
        Arguments.of("maxBackoff 1 ms below initialBackoff",
            (Consumer<PollPolicy.Builder>) b -> b.initialBackoff(Duration.ofMillis(10)).maxBackoff(Duration.ofMillis(9))
                .build(),
            "maxBackoff (PT0.009S) is below initialBackoff (PT0.01S)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void badSettingsAreRefusedWithTheValue(String name, Consumer<PollPolicy.Builder> setting, String message) {
    assertThatThrownBy(() -> setting.accept(PollPolicy.builder()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void nullSettingsAreRefusedByName() {
    assertThatThrownBy(() -> PollPolicy.builder().timeout(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("timeout");
    assertThatThrownBy(() -> PollPolicy.builder().clock(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("clock");
    assertThatThrownBy(() -> PollPolicy.builder().statusUrl(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("statusUrl");
    assertThatThrownBy(() -> PollPolicy.builder().state(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("state");
    assertThatThrownBy(() -> PollPolicy.builder().initialBackoff(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("initialBackoff");
  }

  @Test
  void userFunctionsThatReturnNullAreReported() {
    PollPolicy policy = PollPolicy.builder().statusUrl(v -> null).state(v -> null).build();
    dev.apierrors.spi.ResponseView view = dev.apierrors.spi.ResponseView.builder(202).build();
    assertThatThrownBy(() -> policy.statusUrl(view)).isInstanceOf(NullPointerException.class)
        .hasMessage("the statusUrl function returned null");
    assertThatThrownBy(() -> policy.stateOf(view)).isInstanceOf(NullPointerException.class)
        .hasMessage("the state function returned null");
  }

  @Test
  void aBlankUrlFromTheUserFunctionIsNoUrl() {
    PollPolicy policy = PollPolicy.builder().statusUrl(v -> Optional.of("   ")).build();
    assertThat(policy.statusUrl(dev.apierrors.spi.ResponseView.builder(202).build())).isEmpty();
    PollPolicy empty = PollPolicy.builder().statusUrl(v -> Optional.of("")).build();
    assertThat(empty.statusUrl(dev.apierrors.spi.ResponseView.builder(202).build())).isEmpty();
  }
}
