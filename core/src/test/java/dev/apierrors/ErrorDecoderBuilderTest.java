package dev.apierrors;

import dev.apierrors.spi.ErrorBody;
import dev.apierrors.spi.ErrorFields;
import dev.apierrors.spi.ErrorFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ErrorDecoderBuilderTest {

  @ParameterizedTest
  @ValueSource(ints = {-1, Integer.MIN_VALUE, 64 * 1024 * 1024 + 1, Integer.MAX_VALUE})
  void maxBodyBytesOutOfRangeIsRejected(int maxBodyBytes) {
    assertThatThrownBy(() -> ErrorDecoder.builder().maxBodyBytes(maxBodyBytes))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxBodyBytes must be between 0 and 67108864 (64 MiB), was " + maxBodyBytes);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 262144, 64 * 1024 * 1024})
  void maxBodyBytesInRangeIsKept(int maxBodyBytes) {
    assertThat(ErrorDecoder.builder().maxBodyBytes(maxBodyBytes).build().maxBodyBytes()).isEqualTo(maxBodyBytes);
  }

  @Test
  void defaultsAre256KibAndTheSystemClock() {
    ErrorDecoder decoder = ErrorDecoder.ofDefaults();

    assertThat(decoder.maxBodyBytes()).isEqualTo(262144).isEqualTo(ErrorDecoder.DEFAULT_MAX_BODY_BYTES);
    assertThat(decoder.clock().getZone()).isEqualTo(ZoneOffset.UTC);
    assertThat(decoder.customFormats()).isEmpty();
  }

  @Test
  void nullClockIsRejected() {
    assertThatThrownBy(() -> ErrorDecoder.builder().clock(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("clock");
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "   "})
  void formatWithoutANameIsRejected(@Nullable String name) {
    ErrorFormat nameless = new NamedFormat(name);

    assertThatThrownBy(() -> ErrorDecoder.builder().addFormat(nameless))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("an ErrorFormat needs a non-blank name()");
  }

  @Test
  void nullFormatIsRejected() {
    assertThatThrownBy(() -> ErrorDecoder.builder().addFormat(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("format");
  }

  @Test
  void bodyReadingBoundsDefaultToFourTimesTheBodyLimitAndTenSeconds() {
    ErrorDecoder decoder = ErrorDecoder.ofDefaults();

    assertThat(decoder.maxCompressedBodyBytes()).isEqualTo(4L * 262144);
    assertThat(decoder.bodyReadTimeout()).isEqualTo(Duration.ofSeconds(10))
        .isEqualTo(ErrorDecoder.DEFAULT_BODY_READ_TIMEOUT);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 1000, 16383})
  void theDerivedCompressedLimitIsAtLeast64Kib(int maxBodyBytes) {
    assertThat(ErrorDecoder.builder().maxBodyBytes(maxBodyBytes).build().maxCompressedBodyBytes())
        .isEqualTo(65536);
  }

  @Test
  void anExplicitCompressedLimitStaysWhateverTheBodyLimit() {
    ErrorDecoder decoder = ErrorDecoder.builder().maxCompressedBodyBytes(5000).maxBodyBytes(1 << 20).build();

    assertThat(decoder.maxCompressedBodyBytes()).isEqualTo(5000);
    assertThat(decoder.toBuilder().maxBodyBytes(10).build().maxCompressedBodyBytes()).isEqualTo(5000);
  }

  @Test
  void aDerivedCompressedLimitFollowsTheBodyLimitThroughToBuilder() {
    ErrorDecoder decoder = ErrorDecoder.builder().maxBodyBytes(100_000).build();

    assertThat(decoder.toBuilder().maxBodyBytes(1 << 20).build().maxCompressedBodyBytes()).isEqualTo(4L << 20);
  }

  @ParameterizedTest
  @ValueSource(longs = {-1, Long.MIN_VALUE, (1L << 30) + 1})
  void compressedLimitOutOfRangeIsRejected(long limit) {
    assertThatThrownBy(() -> ErrorDecoder.builder().maxCompressedBodyBytes(limit))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxCompressedBodyBytes must be between 0 and 1073741824 (1 GiB), was " + limit);
  }

  @ParameterizedTest
  @ValueSource(strings = {"PT0S", "PT-1S", "P2D"})
  void bodyReadTimeoutOutOfRangeIsRejected(String timeout) {
    assertThatThrownBy(() -> ErrorDecoder.builder().bodyReadTimeout(Duration.parse(timeout)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("bodyReadTimeout must be above 0 and at most 1 day");
  }

  @Test
  void nullBodyReadTimeoutIsRejected() {
    assertThatThrownBy(() -> ErrorDecoder.builder().bodyReadTimeout(null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void toBuilderKeepsEverySetting() {
    Clock clock = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    ErrorFormat custom = new NamedFormat("acme");
    ErrorDecoder decoder = ErrorDecoder.builder().maxBodyBytes(1024).clock(clock).addFormat(custom)
        .maxCompressedBodyBytes(3000).bodyReadTimeout(Duration.ofSeconds(3)).build();

    ErrorDecoder copy = decoder.toBuilder().build();

    assertThat(copy.maxBodyBytes()).isEqualTo(1024);
    assertThat(copy.maxCompressedBodyBytes()).isEqualTo(3000);
    assertThat(copy.bodyReadTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(copy.clock()).isSameAs(clock);
    assertThat(copy.customFormats()).containsExactly(custom);
  }

  @Test
  void decodingNullIsRejected() {
    assertThatThrownBy(() -> ErrorDecoder.ofDefaults().decode(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("response");
  }

  /** A format that never matches, with the given name. */
  private record NamedFormat(@Nullable String name) implements ErrorFormat {
    @Override
    public Optional<ErrorFields> decode(ErrorBody body) {
      return Optional.empty();
    }
  }
}
