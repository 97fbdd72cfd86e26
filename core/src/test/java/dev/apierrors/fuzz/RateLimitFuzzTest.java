package dev.apierrors.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.apierrors.RateLimit;
import dev.apierrors.internal.RateLimitParser;
import dev.apierrors.spi.HttpHeaders;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fuzzes {@link RateLimitParser} over all its header families. Properties:
 *
 * <ul>
 *   <li>nothing throws; a result is present exactly when a family's header is; every
 *       member is non-negative;
 *   <li>only the first family present counts: dropping every other header except
 *       {@code Date} changes nothing;
 *   <li>folding each rate-limit field's values into one comma-separated value (as RFC 9110
 *       §5.3 allows for list fields) changes nothing;
 *   <li>for the {@code RateLimit-*} and {@code X-RateLimit-*} families, a model computed
 *       with exact arithmetic: whole-number counts, reset by magnitude (delta-seconds below
 *       10^9, epoch seconds below 10^12, epoch milliseconds above, a fraction rounded half
 *       up to the millisecond), epochs measured from a valid {@code Date}, never negative,
 *       saturating.
 * </ul>
 *
 * <p>The input is header lines (see {@link HeaderInput}); {@code mvn test} replays the
 * seeds in {@code src/test/resources/dev/apierrors/fuzz/RateLimitFuzzTestInputs/}. To
 * fuzz, see docs/fuzzing.md.
 */
class RateLimitFuzzTest {
  private static final List<String> STRUCTURED = List.of("RateLimit", "RateLimit-Policy");
  private static final List<String> PREFIXES = List.of("RateLimit-", "X-RateLimit-");
  private static final List<String> MEMBERS = List.of("Limit", "Remaining", "Reset");
  private static final List<String> ALL_NAMES = allNames();
  private static final Pattern WHOLE = Pattern.compile("[0-9]+");
  private static final Pattern DECIMAL = Pattern.compile("([0-9]+)(\\.[0-9]+)?");
  private static final BigInteger EPOCH_SECONDS_FROM = BigInteger.TEN.pow(9);
  private static final BigInteger EPOCH_MILLIS_FROM = BigInteger.TEN.pow(12);

  @FuzzTest(maxDuration = "10m")
  @DictionaryEntries({
    "RateLimit: ", "RateLimit-Policy: ", "RateLimit-Limit: ", "RateLimit-Remaining: ",
    "RateLimit-Reset: ", "X-RateLimit-Limit: ", "X-RateLimit-Remaining: ", "X-RateLimit-Reset: ",
    "Date: ", "@now: ", ";r=", ";t=", ";q=", ";w=", "\"default\"", "limit=", "remaining=", "reset=",
    "1700000000", "1700000000000", "9223372036854775807", "Mon, 01 Jun 2026 11:00:00 GMT",
  })
  void rateLimitFollowsTheFirstFamilyPresent(byte[] data) {
    HeaderInput input = HeaderInput.of(data);
    HttpHeaders headers = input.headers();
    Instant now = input.now();

    Optional<RateLimit> actual = RateLimitParser.parse(headers, now);

    assertThat(actual.isPresent()).isEqualTo(ALL_NAMES.stream().anyMatch(headers::contains));
    if (actual.isEmpty()) {
      return;
    }
    RateLimit rateLimit = actual.get();
    for (OptionalLong member : List.of(rateLimit.limit(), rateLimit.remaining(), rateLimit.resetMillis())) {
      member.ifPresent(v -> assertThat(v).isNotNegative());
    }

    List<String> family = family(headers);
    HttpHeaders familyOnly =
        input.headersWhere(f -> HeaderInput.named(f, family) || HeaderInput.named(f, List.of("Date")));
    assertThat(RateLimitParser.parse(familyOnly, now)).hasValue(rateLimit);
    assertThat(RateLimitParser.parse(folded(input), now)).hasValue(rateLimit);

    if (family != STRUCTURED) {
      String prefix = family.get(0).substring(0, family.get(0).length() - "Limit".length());
      expectCount(rateLimit.limit(), headers.firstValue(prefix + "Limit"));
      expectCount(rateLimit.remaining(), headers.firstValue(prefix + "Remaining"));
      expectReset(rateLimit.resetMillis(), headers.firstValue(prefix + "Reset"), headers, now);
    }
  }

  private static List<String> family(HttpHeaders headers) {
    if (STRUCTURED.stream().anyMatch(headers::contains)) {
      return STRUCTURED;
    }
    for (String prefix : PREFIXES) {
      List<String> names = MEMBERS.stream().map(m -> prefix + m).toList();
      if (names.stream().anyMatch(headers::contains)) {
        return names;
      }
    }
    throw new AssertionError("a result without any rate-limit header: " + headers);
  }

  /** The same fields with each rate-limit field's values folded into one, comma-separated. */
  private static HttpHeaders folded(HeaderInput input) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    HttpHeaders.Builder builder = HttpHeaders.builder();
    for (HeaderInput.Field f : input.fields()) {
      if (HeaderInput.named(f, ALL_NAMES)) {
        values.computeIfAbsent(f.name().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(f.value().strip());
      } else {
        builder.add(f.name(), f.value());
      }
    }
    values.forEach((name, list) -> builder.add(name, String.join(", ", list)));
    return builder.build();
  }

  /** A whole number is that number (saturating); a non-number or a fraction is absent. */
  private static void expectCount(OptionalLong actual, Optional<String> value) {
    if (value.isEmpty() || !startsWithDigit(value.get())) {
      assertThat(actual).isEmpty();
    } else if (WHOLE.matcher(value.get()).matches()) {
      assertThat(actual).hasValue(Millis.clamp(new BigInteger(value.get())));
    } else if (DECIMAL.matcher(value.get()).matches()) {
      assertThat(actual).isEmpty();
    }
  }

  private static void expectReset(OptionalLong actual, Optional<String> value, HttpHeaders headers, Instant now) {
    if (value.isEmpty() || !startsWithDigit(value.get())) {
      assertThat(actual).isEmpty();
      return;
    }
    Matcher m = DECIMAL.matcher(value.get());
    if (!m.matches()) {
      return; // a number followed by more: which prefixes count is the parser's documented leniency
    }
    BigInteger whole = new BigInteger(m.group(1));
    BigDecimal number = new BigDecimal(value.get());
    if (whole.compareTo(EPOCH_SECONDS_FROM) < 0) {
      assertThat(actual).hasValue(Millis.clamp(toMillis(number.movePointRight(3))));
      return;
    }
    BigInteger target = whole.compareTo(EPOCH_MILLIS_FROM) < 0 ? toMillis(number.movePointRight(3)) : toMillis(number);
    if (target.compareTo(Millis.MAX) >= 0) {
      assertThat(actual).hasValue(Long.MAX_VALUE); // too far to say: stays saturated
    } else {
      assertThat(actual).hasValue(Millis.clamp(target.subtract(Millis.baseMillis(headers, now))));
    }
  }

  private static BigInteger toMillis(BigDecimal millis) {
    return millis.setScale(0, RoundingMode.HALF_UP).toBigIntegerExact();
  }

  private static boolean startsWithDigit(String s) {
    return !s.isEmpty() && s.charAt(0) >= '0' && s.charAt(0) <= '9';
  }

  private static List<String> allNames() {
    List<String> names = new ArrayList<>(STRUCTURED);
    PREFIXES.forEach(p -> MEMBERS.forEach(m -> names.add(p + m)));
    return List.copyOf(names);
  }
}
