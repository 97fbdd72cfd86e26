package dev.apierrors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apierrors.RateLimit;
import dev.apierrors.spi.HttpHeaders;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code RateLimit} item's name matched to a {@code RateLimit-Policy} name at the edges
 * of unquoting: an empty quoted name, and a backslash right before the closing quote (it
 * escapes nothing, so it stays).
 */
class RateLimitPolicyNameEdgesTest {
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

  @ParameterizedTest(name = "[{index}] RateLimit ''{0}'', policy ''{1}''")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\'',
      value = {
        // "" is the empty name, that of a policy whose bare item is empty.
        "\"\";r=5      | o;q=1, ;q=100       | 100 | 5",
        "\"\";r=5      | o;q=1, \"\";q=100   | 100 | 5",
        // "p\" is p and a backslash: the policy named p\ (unquoted, the backslash is plain).
        "\"p\\\"       | o;q=1, p\\;q=100    | 100 | -1",
        "\"p\\\"       | o;q=1, p;q=100      | 1   | -1",
        // An escaped character inside the quotes is the character itself.
        "\"p\\q\";r=2  | o;q=1, pq;q=100     | 100 | 2",
      })
  void theItemIsMatchedToThePolicyOfItsUnquotedName(String rateLimit, String policy, long limit, long remaining) {
    HttpHeaders headers = HttpHeaders.of("RateLimit", rateLimit, "RateLimit-Policy", policy);

    assertThat(RateLimitParser.parse(headers, NOW)).contains(RateLimit.of(
        OptionalLong.of(limit), remaining < 0 ? OptionalLong.empty() : OptionalLong.of(remaining), OptionalLong.empty()));
  }
}
