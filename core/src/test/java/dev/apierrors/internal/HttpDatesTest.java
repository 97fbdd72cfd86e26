package dev.apierrors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HttpDatesTest {
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

  @ParameterizedTest(name = "[{index}] ''{0}'' -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Sun, 06 Nov 1994 08:49:37 GMT     | 1994-11-06T08:49:37Z",
        "Sunday, 06-Nov-94 08:49:37 GMT    | 1994-11-06T08:49:37Z",
        "Sun Nov  6 08:49:37 1994          | 1994-11-06T08:49:37Z",
        "Sun Nov 16 08:49:37 1994          | 1994-11-16T08:49:37Z",
        "'  Sun, 06 Nov 1994 08:49:37 GMT ' | 1994-11-06T08:49:37Z",
        "'\tSun Nov  6 08:49:37 1994\n'     | 1994-11-06T08:49:37Z",
        "sun, 06 nov 1994 08:49:37 GMT     | 1994-11-06T08:49:37Z",
        "Thu, 01 Jan 1970 00:00:00 GMT     | 1970-01-01T00:00:00Z",
        "Fri, 31 Dec 9999 23:59:59 GMT     | 9999-12-31T23:59:59Z",
        "Thu, 29 Feb 2024 00:00:00 GMT     | 2024-02-29T00:00:00Z",
        "Wednesday, 29-Feb-24 10:00:00 GMT | 2024-02-29T10:00:00Z",
        "Mon, 06 Nov 1994 08:49:37 GMT     | 1994-11-06T08:49:37Z",
      })
  void parsesEveryFormat(String value, String expected) {
    assertThat(HttpDates.parse(value, NOW)).contains(Instant.parse(expected));
    assertThat(HttpDates.parse(value)).contains(Instant.parse(expected));
  }

  /** What RFC 9110 §5.6.7 lets a recipient accept: a one-digit day, and UTC named three ways. */
  @ParameterizedTest(name = "[{index}] ''{0}'' -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Mon, 3 Jun 2019 12:00:00 GMT      | 2019-06-03T12:00:00Z",
        "Mon, 3 Jun 2019 12:00:00 UTC      | 2019-06-03T12:00:00Z",
        "Mon, 3 Jun 2019 12:00:00 +0000    | 2019-06-03T12:00:00Z",
        "Mon, 03 Jun 2019 12:00:00 UTC     | 2019-06-03T12:00:00Z",
        "Mon, 03 Jun 2019 12:00:00 +0000   | 2019-06-03T12:00:00Z",
        "Sun, 6 Nov 1994 08:49:37 GMT      | 1994-11-06T08:49:37Z",
        "Monday, 3-Jun-19 12:00:00 GMT     | 2019-06-03T12:00:00Z",
        "Monday, 3-Jun-19 12:00:00 UTC     | 2019-06-03T12:00:00Z",
        "Monday, 03-Jun-19 12:00:00 +0000  | 2019-06-03T12:00:00Z",
        "Sun Nov 6 08:49:37 1994           | 1994-11-06T08:49:37Z",
      })
  void readsOneDigitDaysAndUtcZonesLeniently(String value, String expected) {
    assertThat(HttpDates.parse(value, NOW)).contains(Instant.parse(expected));
  }

  @ParameterizedTest(name = "[{index}] ''{0}''")
  @ValueSource(
      strings = {
        "Mon, 3 Jun 2019 12:00:00 CET",
        "Mon, 3 Jun 2019 12:00:00 EST",
        "Mon, 3 Jun 2019 12:00:00 Z",
        "Mon, 3 Jun 2019 12:00:00 +0100",
        "Mon, 3 Jun 2019 12:00:00 -0000",
        "Mon, 3 Jun 2019 12:00:00 +00:00",
        "Mon, 3 Jun 2019 12:00:00 UT",
        "Mon, 3 Jun 2019 12:00:00 GMT+1",
        "Monday, 3-Jun-19 12:00:00 PST",
        "Mon, 103 Jun 2019 12:00:00 GMT",
        "Mon,  3 Jun 2019 12:00:00 GMT",
        "Sun Nov   6 08:49:37 1994",
      })
  void rejectsAnyOtherZoneOrDayShape(String value) {
    assertThat(HttpDates.parse(value, NOW)).isEmpty();
  }

  @ParameterizedTest(name = "[{index}] ''{0}''")
  @ValueSource(
      strings = {
        "",
        "   ",
        "soon",
        "120",
        "Sun, 06 Nov 1994 08:49:37",
        "Sun, 06 Nov 94 08:49:37 GMT",
        "Xyz, 06 Nov 1994 08:49:37 GMT",
        "Sun, 06 Foo 1994 08:49:37 GMT",
        "Sun, 30 Feb 1994 08:49:37 GMT",
        "Sun, 29 Feb 2023 08:49:37 GMT",
        "Sun, 32 Jan 1994 08:49:37 GMT",
        "Sun, 00 Jan 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994 24:00:00 GMT",
        "Sun, 06 Nov 1994 08:60:00 GMT",
        "Sun, 06 Nov 1994 08:49:60 GMT",
        "Sunday, 06-Nov-1994 08:49:37 GMT",
        "Sundae, 06-Nov-94 08:49:37 GMT",
        "Sun, 06-Nov-94 08:49:37 GMT",
        "Sun Nov  6 08:49:37 94",
        "Sun Nov 31 08:49:37 1994",
        "Sun Nov  6 08:49:37 1994 GMT",
        "Sun, 06 Nov 1994 08:49:37 GMT trailing",
        "Sun,  06 Nov 1994 08:49:37 GMT",
        "Sun, ０６ Nov 1994 08:49:37 GMT",
      })
  void rejectsInvalidDates(String value) {
    assertThat(HttpDates.parse(value, NOW)).isEmpty();
  }

  @Test
  void rejectsVeryLongValuesWithoutWork() {
    assertThat(HttpDates.parse("Sun, 06 Nov 1994 08:49:37 GMT" + " ".repeat(10) + "x".repeat(100_000), NOW))
        .isEmpty();
  }

  /** RFC 9110 §5.6.7: more than 50 years in the future means the previous century. */
  @ParameterizedTest(name = "[{index}] {0} with reference {1} -> {2}")
  @CsvSource({
    "94, 2026, 1994",
    "26, 2026, 2026",
    "76, 2026, 2076",
    "77, 2026, 1977",
    "00, 2026, 2000",
    "99, 2026, 1999",
    "49, 2099, 2149",
    "50, 2099, 2050",
    "49, 2000, 2049",
    "50, 2000, 2050",
    "51, 2000, 1951",
  })
  void interpretsTwoDigitYearsWithinFiftyYears(int yy, int referenceYear, int expected) {
    assertThat(HttpDates.twoDigitYear(yy, referenceYear)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "[{index}] {0} seen in {1} -> {2}")
  @CsvSource({
    "'Monday, 01-Jan-70 00:00:00 GMT', 2026-06-01T00:00:00Z, 2070-01-01T00:00:00Z",
    "'Monday, 01-Jan-70 00:00:00 GMT', 2019-06-01T00:00:00Z, 1970-01-01T00:00:00Z",
    "'Friday, 01-Jan-77 00:00:00 GMT', 2026-06-01T00:00:00Z, 1977-01-01T00:00:00Z",
  })
  void judgesTwoDigitYearsAgainstNow(String value, String now, String expected) {
    assertThat(HttpDates.parse(value, Instant.parse(now))).contains(Instant.parse(expected));
  }

  @Test
  void neverThrowsForExtremeNow() {
    assertThat(HttpDates.parse("Sunday, 06-Nov-94 08:49:37 GMT", Instant.MAX)).isPresent();
    assertThat(HttpDates.parse("Sunday, 06-Nov-94 08:49:37 GMT", Instant.MIN)).isPresent();
  }
}
