package dev.apierrors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apierrors.RateLimit;
import dev.apierrors.spi.HttpHeaders;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Quoting in the structured {@code RateLimit} / {@code RateLimit-Policy} fields. */
class RateLimitStructuredFieldsTest {
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

  /** The limit from a policy whose bare item is the limit (older drafts); "" means absent. */
  @ParameterizedTest(name = "[{index}] RateLimit-Policy ''{0}'' -> limit {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\'',
      value = {
        "\"15\"   | 15",
        "15       | 15",
        "15\"     | ''",
        "\"15     | ''",
        "\"\"     | ''",
        // Escapes inside a quoted parameter value are honoured.
        "p;q=\"\\12\"  | 12",
      })
  void onlyAValueQuotedAtBothEndsIsUnquoted(String policy, String limit) {
    RateLimit rateLimit = RateLimitParser.parse(HttpHeaders.of("RateLimit-Policy", policy), NOW).orElseThrow();
    assertThat(rateLimit.limit())
        .isEqualTo(limit.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(limit)));
  }

  /** A policy is matched by its name with escapes honoured, and quoted separators do not split it. */
  @ParameterizedTest(name = "[{index}] RateLimit ''{0}'', policy ''{1}''")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\'',
      value = {
        "\"a\\\";x\";r=3;t=4     | \"x\";q=5, \"a\\\";x\";q=9 | 9 | 3 | 4000",
        "\"a,b\";r=1;t=2         | \"c\";q=5, \"a,b\";q=7     | 7 | 1 | 2000",
      })
  void matchesThePolicyByItsUnquotedName(String rateLimit, String policy, long limit, long remaining, long reset) {
    HttpHeaders headers = HttpHeaders.of("RateLimit", rateLimit, "RateLimit-Policy", policy);
    assertThat(RateLimitParser.parse(headers, NOW))
        .contains(RateLimit.of(OptionalLong.of(limit), OptionalLong.of(remaining), OptionalLong.of(reset)));
  }
}
