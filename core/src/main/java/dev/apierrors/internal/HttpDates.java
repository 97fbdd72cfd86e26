package dev.apierrors.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses an HTTP-date (RFC 9110 §5.6.7) in any of its three formats:
 *
 * <ul>
 *   <li>IMF-fixdate: {@code Sun, 06 Nov 1994 08:49:37 GMT}
 *   <li>obsolete RFC 850: {@code Sunday, 06-Nov-94 08:49:37 GMT}
 *   <li>ANSI C asctime(): {@code Sun Nov  6 08:49:37 1994}
 * </ul>
 *
 * <p>Read leniently, as RFC 9110 §5.6.7 allows recipients: the day of the month may have
 * one digit ({@code Mon, 3 Jun 2019 12:00:00 GMT}), the zone may be {@code GMT},
 * {@code UTC} or {@code +0000}, and day and month names are matched without regard to
 * case (a sender that gets the case wrong still means the date); a day name that does not
 * match the date's actual weekday is accepted, as RFC 9110 does not ask recipients to
 * check it. An unknown name, an impossible date or time ({@code 31 Feb},
 * {@code 24:00:00}, second 60), any other zone, or anything else gives an empty result:
 * parsing never throws.
 *
 * <p>Two-digit years (RFC 850 format) follow RFC 9110's rule: a timestamp that appears
 * to be more than 50 years in the future is taken to be in the most recent past year
 * with the same last two digits. We apply it as a sliding 100-year window, {@code
 * [reference - 49, reference + 50]}, against a reference year: the
 * year of the {@code now} given to {@link #parse(String, Instant)}, or the current UTC
 * year for {@link #parse(String)}. So with 2026 as reference, {@code 94} is 1994,
 * {@code 76} is 2076 and {@code 77} is 1977.
 *
 * <p>Thread-safety: stateless.
 */
public final class HttpDates {
  private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
  private static final List<String> LONG_DAYS =
      List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday");
  private static final List<String> MONTHS =
      List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");

  /** Values longer than this are not HTTP-dates; checked before any regex work. */
  private static final int MAX_LENGTH = 64;

  private static final String TIME = "(\\d{2}):(\\d{2}):(\\d{2})";
  /** The zones a lenient recipient accepts for UTC; any other zone is not an HTTP-date. */
  private static final String ZONE = " (?:GMT|UTC|\\+0000)";
  private static final Pattern IMF_FIXDATE =
      Pattern.compile("([A-Za-z]{3}), (\\d{1,2}) ([A-Za-z]{3}) (\\d{4}) " + TIME + ZONE);
  private static final Pattern RFC_850 =
      Pattern.compile("([A-Za-z]{6,9}), (\\d{1,2})-([A-Za-z]{3})-(\\d{2}) " + TIME + ZONE);
  private static final Pattern ASCTIME =
      Pattern.compile("([A-Za-z]{3}) ([A-Za-z]{3}) ( \\d|\\d{1,2}) " + TIME + " (\\d{4})");

  private HttpDates() {}

  /**
   * Parses {@code value}, judging two-digit years against the current UTC year.
   *
   * @return the instant, or empty if {@code value} is not a valid HTTP-date
   */
  public static Optional<Instant> parse(String value) {
    return parse(value, Instant.now());
  }

  /**
   * Parses {@code value}, judging two-digit years (RFC 850 format) against the UTC year
   * of {@code now}.
   *
   * @return the instant, or empty if {@code value} is not a valid HTTP-date
   */
  public static Optional<Instant> parse(String value, Instant now) {
    String v = value.strip();
    if (v.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    Matcher m = IMF_FIXDATE.matcher(v);
    if (m.matches()) {
      return build(DAYS, m.group(1), m.group(2), m.group(3), Integer.parseInt(m.group(4)), m, 5);
    }
    m = RFC_850.matcher(v);
    if (m.matches()) {
      int year = twoDigitYear(Integer.parseInt(m.group(4)), referenceYear(now));
      return build(LONG_DAYS, m.group(1), m.group(2), m.group(3), year, m, 5);
    }
    m = ASCTIME.matcher(v);
    if (m.matches()) {
      return build(DAYS, m.group(1), m.group(3).strip(), m.group(2), Integer.parseInt(m.group(7)), m, 4);
    }
    return Optional.empty();
  }

  /**
   * The year in the window {@code [referenceYear - 49, referenceYear + 50]} ending in
   * {@code yy}: RFC 9110 §5.6.7's "more than 50 years in the future means the past",
   * as a sliding window so that it also holds near the end of a century.
   */
  static int twoDigitYear(int yy, int referenceYear) {
    int year = Math.floorDiv(referenceYear, 100) * 100 + yy;
    if (year > referenceYear + 50) {
      return year - 100;
    }
    return year <= referenceYear - 50 ? year + 100 : year;
  }

  private static int referenceYear(Instant now) {
    try {
      return LocalDateTime.ofInstant(now, ZoneOffset.UTC).getYear();
    } catch (DateTimeException e) {
      return 2000; // an instant beyond LocalDateTime's range: any century will do
    }
  }

  private static Optional<Instant> build(
      List<String> dayNames, String day, String dayOfMonth, String month, int year, Matcher m, int timeGroup) {
    int monthIndex = MONTHS.indexOf(month.toLowerCase(Locale.ROOT));
    if (!dayNames.contains(day.toLowerCase(Locale.ROOT)) || monthIndex < 0) {
      return Optional.empty();
    }
    try {
      LocalDateTime dateTime =
          LocalDateTime.of(
              year,
              monthIndex + 1,
              Integer.parseInt(dayOfMonth),
              Integer.parseInt(m.group(timeGroup)),
              Integer.parseInt(m.group(timeGroup + 1)),
              Integer.parseInt(m.group(timeGroup + 2)));
      return Optional.of(dateTime.toInstant(ZoneOffset.UTC));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }
}
