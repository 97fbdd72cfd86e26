package dev.apierrors.fuzz;

import dev.apierrors.spi.HttpHeaders;
import dev.apierrors.internal.HttpDates;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;

/**
 * Exact arithmetic for the header fuzzers' models: what a wait "should" be, computed with
 * {@link BigInteger} so that the model cannot overflow where the parser must saturate.
 */
final class Millis {
  static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);
  static final BigInteger THOUSAND = BigInteger.valueOf(1000);

  private Millis() {}

  /** {@code value} clamped to {@code [0, Long.MAX_VALUE]}. */
  static long clamp(BigInteger value) {
    return value.signum() < 0 ? 0 : value.min(MAX).longValueExact();
  }

  /** The instant in epoch milliseconds, rounded down, as {@link Instant#toEpochMilli} would. */
  static BigInteger epochMillis(Instant instant) {
    return BigInteger.valueOf(instant.getEpochSecond())
        .multiply(THOUSAND)
        .add(BigInteger.valueOf(instant.getNano() / 1_000_000));
  }

  /** What an absolute time is measured from: the first valid {@code Date}, else {@code now}. */
  static BigInteger baseMillis(HttpHeaders headers, Instant now) {
    for (String date : headers.allValues("Date")) {
      Optional<Instant> parsed = HttpDates.parse(date, now);
      if (parsed.isPresent()) {
        return epochMillis(parsed.get());
      }
    }
    return epochMillis(now);
  }
}
