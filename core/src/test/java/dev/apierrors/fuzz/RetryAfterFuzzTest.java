package dev.apierrors.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.apierrors.internal.HttpDates;
import dev.apierrors.internal.RetryAfterParser;
import dev.apierrors.spi.HttpHeaders;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fuzzes {@link RetryAfterParser} against a model of its documented rules, computed with
 * exact arithmetic: {@code retry-after-ms}, then {@code x-ms-retry-after-ms}, then
 * {@code Retry-After}, the last of repeated fields each (delay-seconds or an HTTP-date
 * measured from a valid {@code Date}, else from the clock); a wait is never negative and
 * saturates at {@link Long#MAX_VALUE} instead of overflowing; nothing throws.
 *
 * <p>The input is header lines (see {@link HeaderInput}); {@code mvn test} replays the
 * seeds in {@code src/test/resources/dev/apierrors/fuzz/RetryAfterFuzzTestInputs/}. To
 * fuzz, see docs/fuzzing.md.
 */
class RetryAfterFuzzTest {
  private static final List<String> MILLIS_HEADERS = List.of("retry-after-ms", "x-ms-retry-after-ms");
  private static final Pattern DIGITS = Pattern.compile("[0-9]+");
  /** Delay-seconds with a point and only zeros ({@code 2.0}): read as seconds or ignored, by version. */
  private static final Pattern ZERO_FRACTION = Pattern.compile("([0-9]+)\\.0*");

  @FuzzTest(maxDuration = "10m")
  @DictionaryEntries({
    "Retry-After: ", "retry-after-ms: ", "x-ms-retry-after-ms: ", "Date: ", "@now: ",
    "Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994",
    "9223372036854775807", "9223372036854776", ".0", " UTC", " +0000", "-",
  })
  void waitFollowsTheDocumentedSources(byte[] data) {
    HeaderInput input = HeaderInput.of(data);
    HttpHeaders headers = input.headers();
    Instant now = input.now();

    OptionalLong actual = RetryAfterParser.parseMillis(headers, now);

    actual.ifPresent(millis -> assertThat(millis).isNotNegative());
    for (String name : MILLIS_HEADERS) {
      Optional<String> value = last(headers, name);
      if (value.isPresent() && DIGITS.matcher(value.get()).matches()) {
        assertThat(actual).hasValue(Millis.clamp(new BigInteger(value.get())));
        return;
      }
      if (value.isPresent() && value.get().contains(".")) {
        return; // a fractional form: which ones a millisecond header accepts is not pinned here
      }
    }
    Optional<String> retryAfter = last(headers, "Retry-After");
    if (retryAfter.isEmpty()) {
      assertThat(actual).isEmpty();
      return;
    }
    String value = retryAfter.get();
    if (DIGITS.matcher(value).matches()) {
      assertThat(actual).hasValue(Millis.clamp(new BigInteger(value).multiply(Millis.THOUSAND)));
      return;
    }
    Matcher zeroFraction = ZERO_FRACTION.matcher(value);
    if (zeroFraction.matches()) {
      long seconds = Millis.clamp(new BigInteger(zeroFraction.group(1)).multiply(Millis.THOUSAND));
      assertThat(actual.isEmpty() || actual.getAsLong() == seconds)
          .as("Retry-After %s gives %s", value, actual)
          .isTrue();
      return;
    }
    Optional<Instant> date = HttpDates.parse(value, now);
    if (date.isPresent()) {
      BigInteger until = Millis.epochMillis(date.get()).subtract(Millis.baseMillis(headers, now));
      assertThat(actual).hasValue(Millis.clamp(until));
    } else {
      assertThat(actual).isEmpty();
    }
  }

  /** Of several fields with the same name the last counts, as OkHttp reads them. */
  private static Optional<String> last(HttpHeaders headers, String name) {
    List<String> values = headers.allValues(name);
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(values.size() - 1));
  }
}
