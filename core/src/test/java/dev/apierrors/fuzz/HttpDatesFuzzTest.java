package dev.apierrors.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.apierrors.internal.HttpDates;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;

/**
 * Fuzzes {@link HttpDates}. Properties:
 *
 * <ul>
 *   <li>nothing throws, whatever the value and the clock (including {@link Instant#MIN} and
 *       {@link Instant#MAX}, beyond every calendar);
 *   <li>a parsed date is a whole second in the years 0 to 9999;
 *   <li>round trip: the parsed instant written back as an IMF-fixdate and as an asctime
 *       date (day and month names in any case) parses to the same instant, and as an RFC
 *       850 date too when its year lies in the two-digit-year window around the clock.
 * </ul>
 *
 * <p>The input is one value (UTF-8); {@code mvn test} replays the seeds in
 * {@code src/test/resources/dev/apierrors/fuzz/HttpDatesFuzzTestInputs/}. To fuzz, see
 * docs/fuzzing.md.
 */
class HttpDatesFuzzTest {
  private static final Instant NOW = HeaderInput.DEFAULT_NOW;
  private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  private static final String[] LONG_DAYS = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"
  };
  private static final String[] MONTHS = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
  };

  @FuzzTest(maxDuration = "10m")
  @DictionaryEntries({
    "Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994",
    " GMT", " UTC", " +0000", "Feb", "29", "31", "23:59:59", "24:00:00", "9999", "0000", ", ", "-",
  })
  void parsedDatesAreValidAndRoundTrip(byte[] data) {
    String value = new String(data, StandardCharsets.UTF_8);

    Optional<Instant> parsed = HttpDates.parse(value, NOW);
    HttpDates.parse(value);
    HttpDates.parse(value, Instant.MIN);
    HttpDates.parse(value, Instant.MAX);
    HttpDates.parse(value, Instant.EPOCH);

    if (parsed.isEmpty()) {
      return;
    }
    Instant instant = parsed.get();
    assertThat(instant.getNano()).isZero();
    LocalDateTime t = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    assertThat(t.getYear()).isBetween(0, 9999);

    String day = DAYS[t.getDayOfWeek().ordinal()];
    String month = MONTHS[t.getMonthValue() - 1];
    String time = String.format(Locale.ROOT, "%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
    String imf = String.format(Locale.ROOT, "%s, %02d %s %04d %s GMT", day, t.getDayOfMonth(), month, t.getYear(), time);
    String asctime = String.format(Locale.ROOT, "%s %s %2d %s %04d", day, month, t.getDayOfMonth(), time, t.getYear());
    for (String date : new String[] {imf, asctime, imf.toUpperCase(Locale.ROOT), lowerNames(asctime)}) {
      assertThat(HttpDates.parse(date, NOW)).as(date).hasValue(instant);
    }
    int reference = LocalDateTime.ofInstant(NOW, ZoneOffset.UTC).getYear();
    if (t.getYear() >= reference - 49 && t.getYear() <= reference + 50) {
      String rfc850 = String.format(Locale.ROOT, "%s, %02d-%s-%02d %s GMT",
          LONG_DAYS[t.getDayOfWeek().ordinal()], t.getDayOfMonth(), month, t.getYear() % 100, time);
      assertThat(HttpDates.parse(rfc850, NOW)).as(rfc850).hasValue(instant);
    }
  }

  private static String lowerNames(String asctime) {
    return asctime.substring(0, 7).toLowerCase(Locale.ROOT) + asctime.substring(7);
  }
}
