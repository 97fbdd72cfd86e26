package dev.apierrors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apierrors.spi.HttpHeaders;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class RetryAfterParserTest {
  /** The local clock in these tests. */
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

  /** A server clock 1 hour behind the local one: dates are measured from it when valid. */
  private static final String SERVER_DATE = "Mon, 01 Jun 2026 11:00:00 GMT";

  private static OptionalLong parse(String... namesAndValues) {
    return RetryAfterParser.parseMillis(HttpHeaders.of(namesAndValues), NOW);
  }

  /** Expected "" means empty. */
  @ParameterizedTest(name = "[{index}] Retry-After ''{0}'' -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "120                            | 120000",
        "0                              | 0",
        "' 7 '                          | 7000",
        "'\t7\t'                        | 7000",
        "007                            | 7000",
        "-5                             | ''",
        "+5                             | ''",
        "1.5                            | ''",
        "1e3                            | ''",
        "soon                           | ''",
        "''                             | ''",
        "'   '                          | ''",
        "12 34                          | ''",
        "0x10                           | ''",
        "١٢                             | ''",
        "9223372036854775               | 9223372036854775000",
        "9223372036854776               | 9223372036854775807",
        "9223372036854775807            | 9223372036854775807",
        "123456789012345678901234567890 | 9223372036854775807",
        // HTTP-dates measured from NOW (no Date header): future, and past -> 0.
        "Mon, 01 Jun 2026 12:02:00 GMT  | 120000",
        "Monday, 01-Jun-26 12:00:30 GMT | 30000",
        "Mon Jun  1 12:00:05 2026       | 5000",
        "Mon, 01 Jun 2026 11:59:00 GMT  | 0",
        "Sunday, 06-Nov-94 08:49:37 GMT | 0",
        "Sun Nov  6 08:49:37 1994       | 0",
        "Mon, 01 Jun 2026 12:00:00 GMT  | 0",
        // The latest HTTP-date: 9999-12-31T23:59:59Z minus NOW.
        "Fri, 31 Dec 9999 23:59:59 GMT  | 251621985599000",
        "Mon, 31 Jun 2026 12:00:00 GMT  | ''",
        "Xyz, 01 Jun 2026 12:02:00 GMT  | ''",
      })
  void readsRetryAfterRelativeToNow(String value, String expected) {
    assertThat(parse("Retry-After", value)).isEqualTo(expectation(expected));
  }

  /** With a valid Date header, dates are measured from the server's clock, not NOW. */
  @ParameterizedTest(name = "[{index}] Retry-After ''{0}'' with Date ''{1}'' -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Mon, 01 Jun 2026 11:02:00 GMT  | " + SERVER_DATE + " | 120000",
        "Monday, 01-Jun-26 11:00:30 GMT | " + SERVER_DATE + " | 30000",
        "Mon Jun  1 11:00:05 2026       | " + SERVER_DATE + " | 5000",
        // In the future of NOW but in the past of a server clock that is ahead.
        "Mon, 01 Jun 2026 12:02:00 GMT  | Mon, 01 Jun 2026 13:00:00 GMT | 0",
        "Monday, 01-Jun-26 12:02:00 GMT | Mon, 01 Jun 2026 13:00:00 GMT | 0",
        "Mon Jun  1 12:02:00 2026       | Mon, 01 Jun 2026 13:00:00 GMT | 0",
        // Past of NOW, future of the server's clock.
        "Mon, 01 Jun 2026 11:30:00 GMT  | " + SERVER_DATE + " | 1800000",
        // The Date header may itself be in any of the three formats.
        "Mon, 01 Jun 2026 11:02:00 GMT  | Monday, 01-Jun-26 11:00:00 GMT | 120000",
        "Mon, 01 Jun 2026 11:02:00 GMT  | Mon Jun  1 11:00:00 2026 | 120000",
        // An invalid Date header falls back to NOW.
        "Mon, 01 Jun 2026 12:02:00 GMT  | yesterday | 120000",
        "Mon, 01 Jun 2026 12:02:00 GMT  | '' | 120000",
        "Mon, 01 Jun 2026 12:02:00 GMT  | Mon, 32 Jun 2026 11:00:00 GMT | 120000",
        // delay-seconds do not depend on Date.
        "120                            | " + SERVER_DATE + " | 120000",
      })
  void measuresDatesFromValidDateHeader(String value, String date, long expected) {
    assertThat(parse("Retry-After", value, "Date", date)).hasValue(expected);
  }

  /** Delay-seconds with a point and only zeros (Shopify's 2.0), and every other fraction. */
  @ParameterizedTest(name = "[{index}] Retry-After ''{0}'' -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "2.0       | 2000",
        "2.        | 2000",
        "2.00      | 2000",
        "' 2.0 '   | 2000",
        "0.0       | 0",
        "120.000   | 120000",
        "1.5       | ''",
        "2.01      | ''",
        "-1.0      | ''",
        "-0.0      | ''",
        ".0        | ''",
        ".         | ''",
        "2.0.0     | ''",
        "2..0      | ''",
        "2.0s      | ''",
        "'2. 0'    | ''",
        "+2.0      | ''",
        "1e0.0     | ''",
      })
  void readsDelaySecondsWithAZeroFraction(String value, String expected) {
    assertThat(parse("Retry-After", value)).isEqualTo(expectation(expected));
  }

  /** Lenient HTTP-dates in Retry-After and in Date: one-digit days, UTC and +0000 zones. */
  @ParameterizedTest(name = "[{index}] Retry-After ''{0}'' with Date ''{1}'' -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Mon, 1 Jun 2026 12:02:00 GMT     | ''                              | 120000",
        "Mon, 1 Jun 2026 12:02:00 UTC     | ''                              | 120000",
        "Mon, 1 Jun 2026 12:02:00 +0000   | ''                              | 120000",
        "Mon, 01 Jun 2026 11:02:00 GMT    | Mon, 1 Jun 2026 11:00:00 UTC    | 120000",
        "Mon, 01 Jun 2026 11:02:00 GMT    | Mon, 1 Jun 2026 11:00:00 +0000  | 120000",
        "Mon, 1 Jun 2026 11:02:00 UTC     | Mon, 1 Jun 2026 11:00:00 GMT    | 120000",
        // Another zone is no HTTP-date: no wait in Retry-After, the local clock for Date.
        "Mon, 1 Jun 2026 12:02:00 CET     | ''                              | ''",
        "Mon, 1 Jun 2026 12:02:00 +0100   | ''                              | ''",
        "Mon, 01 Jun 2026 12:02:00 GMT    | Mon, 1 Jun 2026 11:00:00 CEST   | 120000",
        "Mon, 01 Jun 2026 12:02:00 GMT    | Mon, 1 Jun 2026 11:00:00 -0500  | 120000",
      })
  void readsLenientDatesInRetryAfterAndDate(String value, String date, String expected) {
    assertThat(parse("Retry-After", value, "Date", date)).isEqualTo(expectation(expected));
  }

  static Stream<Arguments> precedence() {
    return Stream.of(
        Arguments.of(new String[] {"retry-after-ms", "1500", "Retry-After", "120"}, "1500"),
        Arguments.of(new String[] {"Retry-After-Ms", " 1500 ", "Retry-After", "120"}, "1500"),
        Arguments.of(new String[] {"retry-after-ms", "0"}, "0"),
        Arguments.of(new String[] {"x-ms-retry-after-ms", "250", "Retry-After", "120"}, "250"),
        Arguments.of(new String[] {"x-ms-retry-after-ms", "250", "retry-after-ms", "100"}, "100"),
        Arguments.of(new String[] {"retry-after-ms", "1.5", "x-ms-retry-after-ms", "250"}, "250"),
        Arguments.of(new String[] {"retry-after-ms", "-1", "Retry-After", "2"}, "2000"),
        Arguments.of(new String[] {"retry-after-ms", "soon", "Retry-After", "2"}, "2000"),
        Arguments.of(new String[] {"retry-after-ms", "", "Retry-After", "2"}, "2000"),
        Arguments.of(new String[] {"retry-after-ms", "1.5"}, ""),
        Arguments.of(
            new String[] {"retry-after-ms", "x", "x-ms-retry-after-ms", "y", "Retry-After", "z"}, ""),
        Arguments.of(new String[] {"retry-after-ms", "123456789012345678901234567890"}, "9223372036854775807"),
        // The largest values that still fit, digit by digit: no early saturation.
        Arguments.of(new String[] {"retry-after-ms", "9223372036854775800"}, "9223372036854775800"),
        Arguments.of(new String[] {"retry-after-ms", "9223372036854775807"}, "9223372036854775807"),
        Arguments.of(new String[] {"retry-after-ms", "9223372036854775808"}, "9223372036854775807"),
        Arguments.of(new String[] {"retry-after-ms", "Mon, 01 Jun 2026 12:02:00 GMT"}, ""),
        // The last of repeated fields, as OkHttp reads it for its own 503 follow-up.
        Arguments.of(new String[] {"Retry-After", "5", "Retry-After", "9"}, "9000"),
        Arguments.of(new String[] {"Date", SERVER_DATE}, ""),
        Arguments.of(new String[] {}, ""));
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @MethodSource("precedence")
  void prefersMillisecondHeadersAndSkipsBadValues(String[] headers, String expected) {
    assertThat(parse(headers)).isEqualTo(expectation(expected));
  }

  @ParameterizedTest(name = "[{index}] now={0}")
  @CsvSource({"-1000000000-01-01T00:00:00Z", "+1000000000-12-31T23:59:59Z", "1970-01-01T00:00:00Z"})
  void neverThrowsForExtremeClocks(String now) {
    Instant clock = Instant.parse(now);
    OptionalLong result =
        RetryAfterParser.parseMillis(HttpHeaders.of("Retry-After", "Sun, 06 Nov 1994 08:49:37 GMT"), clock);
    assertThat(result).isPresent();
    assertThat(result.getAsLong()).isNotNegative();
  }

  /** Found by RetryAfterFuzzTest: a clock near Instant.MIN gave a short wait, not a saturated one. */
  @ParameterizedTest(name = "[{index}] now={0}, Retry-After ''{1}'' -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "-1000000000-01-01T00:00:00Z | Fri, 31 Dec 0000 23:59:59 GMT | 9223372036854775807",
        "-1000000000-01-01T00:00:00Z | Fri, 31 Dec 9999 23:59:59 GMT | 9223372036854775807",
        "-292275055-05-16T16:47:04.192Z | Sat, 01 Jan 0000 00:00:00 GMT | 9223309869635575808",
        "+1000000000-12-31T23:59:59Z | Fri, 31 Dec 9999 23:59:59 GMT | 0",
      })
  void datesMeasuredFromExtremeClocksSaturateExactly(String now, String value, long expected) {
    assertThat(RetryAfterParser.parseMillis(HttpHeaders.of("Retry-After", value), Instant.parse(now)))
        .hasValue(expected);
  }

  /**
   * Found by RetryAfterFuzzTest: a two-digit year read against a clock near Instant.MIN is
   * a date some 999 million years back, whose epoch milliseconds do not fit in a long;
   * measuring the wait threw ArithmeticException.
   */
  @ParameterizedTest(name = "[{index}] now={0}s, Retry-After ''{1}'' -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        // -999777797-08-10T22:01:44Z; 10 is read as the year -999777790, 94 as -999777806.
        "-31550002098659896 | Sunday, 06-Nov-10 08:49:37 GMT | 228480473000",
        "-31550002098659896 | Sunday, 06-Nov-94 08:49:37 GMT | 0",
      })
  void twoDigitYearsAgainstAnExtremeClockGiveAWait(long nowEpochSecond, String value, long expected) {
    Instant now = Instant.ofEpochSecond(nowEpochSecond);
    assertThat(RetryAfterParser.parseMillis(HttpHeaders.of("Retry-After", value), now)).hasValue(expected);
  }

  private static OptionalLong expectation(String expected) {
    return expected.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(expected));
  }
}
