package dev.apierrors.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.apierrors.internal.RequestIdParser;
import dev.apierrors.spi.HttpHeaders;
import java.util.List;
import java.util.Optional;

/**
 * Fuzzes {@link RequestIdParser} against its documented order: the first non-blank value
 * of {@code X-Request-Id}, {@code Request-Id}, {@code X-Correlation-Id},
 * {@code X-Amzn-RequestId}, {@code x-ms-request-id}, {@code X-GitHub-Request-Id},
 * {@code CF-Ray}, trimmed; header names match without regard to case; nothing throws, and
 * other headers never matter.
 *
 * <p>The input is header lines (see {@link HeaderInput}); {@code mvn test} replays the
 * seeds in {@code src/test/resources/dev/apierrors/fuzz/RequestIdFuzzTestInputs/}. To
 * fuzz, see docs/fuzzing.md.
 */
class RequestIdFuzzTest {
  private static final List<String> ORDER =
      List.of(
          "X-Request-Id", "Request-Id", "X-Correlation-Id", "X-Amzn-RequestId",
          "x-ms-request-id", "X-GitHub-Request-Id", "CF-Ray");

  @FuzzTest(maxDuration = "10m")
  @DictionaryEntries({
    "X-Request-Id: ", "Request-Id: ", "X-Correlation-Id: ", "X-Amzn-RequestId: ", "x-ms-request-id: ",
    "X-GitHub-Request-Id: ", "CF-Ray: ", "x-request-id: ", "traceparent: ", "\t", "\u00a0", "\u2028",
  })
  void requestIdIsTheFirstNonBlankInOrder(byte[] data) {
    HeaderInput input = HeaderInput.of(data);
    HttpHeaders headers = input.headers();

    Optional<String> actual = RequestIdParser.parse(headers);

    Optional<String> expected = Optional.empty();
    search:
    for (String name : ORDER) {
      for (HeaderInput.Field f : input.fields()) {
        if (HeaderInput.named(f, List.of(name)) && !f.value().isBlank()) {
          expected = Optional.of(f.value().strip());
          break search;
        }
      }
    }
    assertThat(actual).isEqualTo(expected);
    assertThat(RequestIdParser.parse(input.headersWhere(f -> HeaderInput.named(f, ORDER)))).isEqualTo(actual);
  }
}
