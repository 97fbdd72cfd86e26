package dev.apierrors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Edges of the Retry-After and HTTP-date readers: a zero fraction taken off delay-seconds
 * only, and two-digit years judged against an instant beyond any calendar year.
 */
class HeaderDateEdgesTest {

  @ParameterizedTest(name = "[{index}] ''{0}'' -> ''{1}''")
  @CsvSource(
      delimiter = '|',
      value = {
        "2.0   | 2",
        "2.    | 2",
        "2.000 | 2",
        "12.0  | 12",
        // Not a zero fraction: unchanged.
        ".0    | .0",
        ".     | .",
        "1.5   | 1.5",
        "2.01  | 2.01",
        "2.10  | 2.10",
        "20    | 20",
        "Wed, 21 Oct 2015 07:28:00 GMT | Wed, 21 Oct 2015 07:28:00 GMT",
      })
  void onlyATrailingPointAndZerosAreDropped(String value, String expected) {
    assertThat(RetryAfterParser.withoutZeroFraction(value)).isEqualTo(expected);
  }

  @Test
  void twoDigitYearsAgainstAnInstantPastTheCalendarAreJudgedAgainstTheYear2000() {
    // Instant.MAX is no LocalDateTime: the reference year is then 2000, so 94 is 1994, 49 is 2049.
    assertThat(HttpDates.parse("Sunday, 06-Nov-94 08:49:37 GMT", Instant.MAX))
        .contains(Instant.parse("1994-11-06T08:49:37Z"));
    assertThat(HttpDates.parse("Saturday, 06-Nov-49 08:49:37 GMT", Instant.MAX))
        .contains(Instant.parse("2049-11-06T08:49:37Z"));
    assertThat(HttpDates.parse("Sunday, 06-Nov-94 08:49:37 GMT", Instant.MIN))
        .contains(Instant.parse("1994-11-06T08:49:37Z"));
  }
}
