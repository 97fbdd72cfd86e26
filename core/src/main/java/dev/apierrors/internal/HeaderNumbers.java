package dev.apierrors.internal;

import dev.apierrors.spi.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.OptionalLong;

/**
 * Number and time arithmetic shared by the header parsers: saturating digit parsing and
 * "milliseconds from the response until an instant".
 */
final class HeaderNumbers {
  private static final HeaderName DATE = HeaderName.of("Date");

  private HeaderNumbers() {}

  /**
   * Parses {@code s} (already stripped) as 1*DIGIT, saturating at {@link Long#MAX_VALUE};
   * empty if {@code s} is empty or holds anything but ASCII digits (signs, dots, spaces).
   */
  static OptionalLong parseDigits(String s) {
    if (s.isEmpty()) {
      return OptionalLong.empty();
    }
    long result = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return OptionalLong.empty();
      }
      result = saturatingAdd(saturatingMultiply(result, 10), c - '0');
    }
    return OptionalLong.of(result);
  }

  /** {@code a × b} for {@code a >= 0} and {@code b > 0}, saturating at {@link Long#MAX_VALUE}. */
  static long saturatingMultiply(long a, long b) {
    return a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
  }

  /** {@code a + b} for non-negative operands, saturating at {@link Long#MAX_VALUE}. */
  static long saturatingAdd(long a, long b) {
    long sum = a + b;
    return sum < 0 ? Long.MAX_VALUE : sum; // two non-negative longs overflow to a negative
  }

  /**
   * The instant an absolute time in a response is measured from: the response's
   * {@code Date} header when it is a valid HTTP-date (the server's clock, so clock skew
   * between client and server does not matter), else {@code now}.
   */
  static Instant base(HttpHeaders headers, Instant now) {
    for (String date : DATE.allValues(headers)) {
      var parsed = HttpDates.parse(date, now);
      if (parsed.isPresent()) {
        return parsed.get();
      }
    }
    return now;
  }

  /**
   * Milliseconds from {@code base} until the epoch-millisecond {@code target}; 0 if past;
   * saturating. A target of {@link Long#MAX_VALUE} is itself saturated ("too far to
   * say"), so it stays {@link Long#MAX_VALUE} rather than shrinking by {@code base}.
   */
  static long millisUntil(long targetEpochMillis, Instant base) {
    if (targetEpochMillis == Long.MAX_VALUE) {
      return Long.MAX_VALUE;
    }
    return millisUntil(Instant.ofEpochMilli(targetEpochMillis), base);
  }

  /**
   * Milliseconds from {@code base} until {@code target}, both taken down to the
   * millisecond; 0 if past; saturating.
   */
  static long millisUntil(Instant target, Instant base) {
    // Through a Duration, which holds the difference of any two instants: neither may go
    // through toEpochMilli(), which throws beyond about 292 million years, and a two-digit
    // year read against an extreme clock lies out there; nor may a base beyond that range
    // be clamped to Long.MIN_VALUE first, or the wait comes out short instead of saturating.
    Duration until =
        Duration.between(base.truncatedTo(ChronoUnit.MILLIS), target.truncatedTo(ChronoUnit.MILLIS));
    if (until.isNegative()) {
      return 0;
    }
    try {
      return until.toMillis();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }
}
