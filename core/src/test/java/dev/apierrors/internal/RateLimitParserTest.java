package dev.apierrors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apierrors.spi.HttpHeaders;
import dev.apierrors.RateLimit;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class RateLimitParserTest {
  /** Local clock: 2026-06-01T12:00:00Z = epoch second 1780315200. */
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

  /** A server clock one hour behind: epoch second 1780311600. */
  private static final String SERVER_DATE = "Mon, 01 Jun 2026 11:00:00 GMT";

  private static final long MAX = Long.MAX_VALUE;

  private static Optional<RateLimit> parse(String... namesAndValues) {
    return RateLimitParser.parse(HttpHeaders.of(namesAndValues), NOW);
  }

  /** null stands for an absent member. */
  private static RateLimit rl(Long limit, Long remaining, Long resetMillis) {
    return RateLimit.of(opt(limit), opt(remaining), opt(resetMillis));
  }

  private static OptionalLong opt(Long v) {
    return v == null ? OptionalLong.empty() : OptionalLong.of(v);
  }

  private static String[] h(String... namesAndValues) {
    return namesAndValues;
  }

  static Stream<Arguments> families() {
    return Stream.of(
        // (1) IETF structured fields.
        Arguments.of(h("RateLimit", "\"default\";r=0;t=30", "RateLimit-Policy", "\"default\";q=100;w=60"),
            rl(100L, 0L, 30_000L)),
        Arguments.of(h("ratelimit", "\"default\";r=7;t=1", "ratelimit-policy", "\"default\";q=10;w=1"),
            rl(10L, 7L, 1_000L)),
        Arguments.of(h("RateLimit", "\"day\";r=5;t=600",
                "RateLimit-Policy", "\"burst\";q=10;w=1, \"day\";q=1000;w=86400"),
            rl(1000L, 5L, 600_000L)),
        Arguments.of(h("RateLimit", "\"day\";r=5;t=600",
                "RateLimit-Policy", "\"burst\";q=10;w=1", "RateLimit-Policy", "\"day\";q=1000;w=86400"),
            rl(1000L, 5L, 600_000L)),
        Arguments.of(h("RateLimit", "\"other\";r=5;t=600",
                "RateLimit-Policy", "\"burst\";q=10;w=1, \"day\";q=1000;w=86400"),
            rl(10L, 5L, 600_000L)),
        Arguments.of(h("RateLimit", "\"a\";r=1;t=2, \"b\";r=3;t=4", "RateLimit-Policy", "\"b\";q=9, \"a\";q=8"),
            rl(8L, 1L, 2_000L)),
        Arguments.of(h("RateLimit", "default;r=2;t=3", "RateLimit-Policy", "default;q=4;w=60"),
            rl(4L, 2L, 3_000L)),
        Arguments.of(h("RateLimit", " \"default\" ; r=2 ; t=3 "), rl(null, 2L, 3_000L)),
        Arguments.of(h("RateLimit-Policy", "\"default\";q=100;w=60"), rl(100L, null, null)),
        Arguments.of(h("RateLimit-Policy", "100;w=60"), rl(100L, null, null)),
        Arguments.of(h("RateLimit", "\"x;y,z\";r=1;t=2", "RateLimit-Policy", "\"x;y,z\";q=3"),
            rl(3L, 1L, 2_000L)),
        Arguments.of(h("RateLimit", "\"default\";r=abc;t=-1", "RateLimit-Policy", "\"default\";q=1.5"),
            rl(null, null, null)),
        Arguments.of(h("RateLimit", "garbage"), rl(null, null, null)),
        Arguments.of(h("RateLimit", ""), rl(null, null, null)),
        // (1) the older single-header draft.
        Arguments.of(h("RateLimit", "limit=100, remaining=0, reset=30"), rl(100L, 0L, 30_000L)),
        Arguments.of(h("RateLimit", "reset=30, LIMIT = 100 ,remaining=9"), rl(100L, 9L, 30_000L)),
        Arguments.of(h("RateLimit", "limit=100, remaining=x"), rl(100L, null, null)),
        // (2) RateLimit-*.
        Arguments.of(h("RateLimit-Limit", "100", "RateLimit-Remaining", "99", "RateLimit-Reset", "60"),
            rl(100L, 99L, 60_000L)),
        Arguments.of(h("RateLimit-Limit", "100, 100;w=60", "RateLimit-Remaining", " 5 "), rl(100L, 5L, null)),
        Arguments.of(h("RateLimit-Limit", "100;w=60"), rl(100L, null, null)),
        Arguments.of(h("RateLimit-Remaining", "0"), rl(null, 0L, null)),
        Arguments.of(h("RateLimit-Reset", "soon"), rl(null, null, null)),
        Arguments.of(h("RateLimit-Limit", "-1", "RateLimit-Remaining", "1.5", "RateLimit-Reset", "abc"),
            rl(null, null, null)),
        Arguments.of(h("RateLimit-Limit", "100abc", "RateLimit-Remaining", ""), rl(null, null, null)),
        Arguments.of(h("RateLimit-Limit", "123456789012345678901234567890"), rl(MAX, null, null)),
        // (3) X-RateLimit-*.
        Arguments.of(h("X-RateLimit-Limit", "5000", "X-RateLimit-Remaining", "4999", "X-RateLimit-Reset", "1780315230"),
            rl(5000L, 4999L, 30_000L)),
        Arguments.of(h("x-ratelimit-limit", "60", "x-ratelimit-remaining", "0"), rl(60L, 0L, null)),
        Arguments.of(h("X-RateLimit-Reset", "1.5"), rl(null, null, 1_500L)),
        Arguments.of(h("X-RateLimit-Reset", "1780315200.250"), rl(null, null, 250L)),
        // Precedence: the first family present wins, even when it has fewer members.
        Arguments.of(h("X-RateLimit-Limit", "1", "RateLimit-Remaining", "2"), rl(null, 2L, null)),
        Arguments.of(h("X-RateLimit-Limit", "1", "RateLimit-Limit", "2", "RateLimit", "limit=3"),
            rl(3L, null, null)),
        Arguments.of(h("RateLimit-Limit", "2", "RateLimit-Policy", "\"p\";q=4"), rl(4L, null, null)),
        Arguments.of(h("X-RateLimit-Remaining", "1", "X-RateLimit-Limit", "9", "RateLimit-Reset", "5"),
            rl(null, null, 5_000L)));
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @MethodSource("families")
  void readsFirstFamilyPresent(String[] headers, RateLimit expected) {
    assertThat(parse(headers)).contains(expected);
  }

  @Test
  void absentWhenNoFamilyIsPresent() {
    assertThat(parse()).isEmpty();
    assertThat(parse("Retry-After", "5", "X-RateLimit-Used", "3", "RateLimit-Used", "3")).isEmpty();
  }

  /**
   * Reset magnitude: delta-seconds below 10^9, epoch seconds below 10^12, epoch millis
   * from there; measured from NOW when there is no valid Date header.
   */
  @ParameterizedTest(name = "[{index}] reset {0} -> {1} ms")
  @CsvSource({
    "0, 0",
    "30, 30000",
    "999999999, 999999999000",
    "1000000000, 0",
    "1780315200, 0",
    "1780315230, 30000",
    "1780315199, 0",
    "999999999999, 998219684799000",
    "1000000000000, 0",
    "1780315230000, 30000",
    "1780315230500, 30500",
    "123456789012345678901234567890, " + MAX,
  })
  void interpretsResetByMagnitude(String reset, long expectedMillis) {
    for (String name : new String[] {"RateLimit-Reset", "X-RateLimit-Reset"}) {
      assertThat(parse(name, reset).flatMap(r -> box(r.resetMillis()))).as(name).contains(expectedMillis);
    }
    assertThat(parse("RateLimit", "limit=1, remaining=0, reset=" + reset).flatMap(r -> box(r.resetMillis())))
        .contains(expectedMillis);
    assertThat(parse("RateLimit", "\"p\";r=0;t=" + reset).flatMap(r -> box(r.resetMillis())))
        .contains(expectedMillis);
  }

  /** Epochs are measured from a valid Date header (the server's clock), else from NOW. */
  @ParameterizedTest(name = "[{index}] reset {0} with Date ''{1}'' -> {2} ms")
  @CsvSource(
      delimiter = '|',
      value = {
        "1780315200    | " + SERVER_DATE + "                 | 3600000",
        "1780315200000 | " + SERVER_DATE + "                 | 3600000",
        "1780311000    | " + SERVER_DATE + "                 | 0",
        "1780315200    | Monday, 01-Jun-26 11:00:00 GMT     | 3600000",
        "1780315200    | Mon Jun  1 11:00:00 2026           | 3600000",
        "1780315230    | not a date                         | 30000",
        "1780315230    | Mon, 31 Jun 2026 11:00:00 GMT      | 30000",
        "60            | " + SERVER_DATE + "                 | 60000",
      })
  void measuresEpochResetsFromValidDateHeader(String reset, String date, long expectedMillis) {
    assertThat(parse("X-RateLimit-Reset", reset, "Date", date).flatMap(r -> box(r.resetMillis())))
        .contains(expectedMillis);
  }

  @Test
  void survivesHugeAndHostileValues() {
    String huge = "9".repeat(100_000);
    assertThat(parse("RateLimit-Limit", huge, "RateLimit-Remaining", huge, "RateLimit-Reset", huge))
        .contains(rl(MAX, MAX, MAX));
    assertThat(parse("RateLimit", "\"".repeat(10_000) + ";r=1".repeat(10_000))).isPresent();
    assertThat(parse("RateLimit", ",".repeat(100_000), "RateLimit-Policy", ";".repeat(100_000)))
        .contains(rl(null, null, null));
    assertThat(RateLimitParser.parse(HttpHeaders.of("X-RateLimit-Reset", "1780315230"), Instant.MIN))
        .isPresent();
    assertThat(RateLimitParser.parse(HttpHeaders.of("X-RateLimit-Reset", "1780315230"), Instant.MAX))
        .contains(rl(null, null, 0L));
  }

  private static Optional<Long> box(OptionalLong v) {
    return v.isPresent() ? Optional.of(v.getAsLong()) : Optional.empty();
  }
}
