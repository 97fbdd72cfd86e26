package dev.apierrors.internal;

import dev.apierrors.spi.HttpHeaders;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads how long a server asked the client to wait, in milliseconds, from the first
 * usable source of:
 *
 * <ol>
 *   <li>{@code retry-after-ms} (non-negative integer milliseconds; OpenAI, Azure),
 *   <li>{@code x-ms-retry-after-ms} (the same, Azure's older name),
 *   <li>{@code Retry-After} (RFC 9110 §10.2.3): delay-seconds, or an HTTP-date in any of
 *       the three formats (read leniently, see {@link HttpDates}) measured from the
 *       response's {@code Date} header when it is valid, else from {@code now}; a date in
 *       the past gives 0. Delay-seconds may end in a point and only zeros ({@code 2.0}).
 * </ol>
 *
 * <p>Of several fields with the same name, the last is read, as OkHttp reads them: its
 * own follow-up of a 503 and this decoder then agree on the wait.
 *
 * <p>A value that is empty, negative, fractional ({@code 1.5}) or otherwise unparseable makes that
 * header count as absent, so the next source is tried. Surrounding whitespace is
 * ignored. Huge values saturate at {@link Long#MAX_VALUE}; nothing here overflows or
 * throws. Thread-safety: stateless.
 */
public final class RetryAfterParser {
  private static final List<HeaderName> MILLIS_HEADERS =
      List.of(HeaderName.of("retry-after-ms"), HeaderName.of("x-ms-retry-after-ms"));
  private static final HeaderName RETRY_AFTER = HeaderName.of("Retry-After");

  private RetryAfterParser() {}

  /** The requested wait in milliseconds, or empty when no header gives a usable one. */
  public static OptionalLong parseMillis(HttpHeaders headers, Instant now) {
    return parseMillis(headers, Now.of(now));
  }

  /** As {@link #parseMillis(HttpHeaders, Instant)}; {@code now} is read only for an HTTP-date. */
  public static OptionalLong parseMillis(HttpHeaders headers, Now now) {
    for (int i = 0; i < MILLIS_HEADERS.size(); i++) { // indexed: no iterator per error
      Optional<String> value = last(headers, MILLIS_HEADERS.get(i));
      if (value.isPresent()) {
        OptionalLong millis = HeaderNumbers.parseDigits(value.get().strip());
        if (millis.isPresent()) {
          return millis;
        }
      }
    }
    Optional<String> retryAfter = last(headers, RETRY_AFTER);
    if (retryAfter.isEmpty()) {
      return OptionalLong.empty();
    }
    String value = retryAfter.get().strip();
    OptionalLong seconds = HeaderNumbers.parseDigits(withoutZeroFraction(value));
    if (seconds.isPresent()) {
      return OptionalLong.of(HeaderNumbers.saturatingMultiply(seconds.getAsLong(), 1000));
    }
    Optional<Instant> date = HttpDates.parse(value, now.get());
    if (date.isPresent()) {
      return OptionalLong.of(HeaderNumbers.millisUntil(date.get(), HeaderNumbers.base(headers, now.get())));
    }
    return OptionalLong.empty();
  }

  private static Optional<String> last(HttpHeaders headers, HeaderName name) {
    List<String> values = name.allValues(headers);
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(values.size() - 1));
  }

  /**
   * {@code value} without a trailing point and only zeros ({@code 2.}, {@code 2.0},
   * {@code 2.00} are 2 s, as OpenFeign reads them; Shopify sends {@code 2.0}); any other
   * value unchanged, so {@code 1.5} and {@code .0} still fail as delay-seconds.
   */
  static String withoutZeroFraction(String value) {
    int point = value.indexOf('.');
    if (point <= 0) {
      return value;
    }
    for (int i = point + 1; i < value.length(); i++) {
      if (value.charAt(i) != '0') {
        return value;
      }
    }
    return value.substring(0, point);
  }
}
