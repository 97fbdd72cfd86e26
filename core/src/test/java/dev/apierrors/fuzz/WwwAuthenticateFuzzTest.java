package dev.apierrors.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.apierrors.Challenge;
import dev.apierrors.internal.WwwAuthenticateParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Fuzzes {@link WwwAuthenticateParser}. Properties:
 *
 * <ul>
 *   <li>nothing throws; at most 64 challenges of at most 64 parameters each;
 *   <li>every challenge is well formed: a token scheme, and either a token68
 *       ({@code 1*token68char *"="}) with no parameters, or lower-case token parameter names;
 *   <li>round trip: writing the challenges back in canonical form (values as quoted
 *       strings, escaped) and parsing that gives the same challenges, so the parser keeps
 *       every parameter value exactly, whatever characters it holds;
 *   <li>a value that is itself canonical parses the same whether the challenges come in
 *       one field or one field each.
 * </ul>
 *
 * <p>The input is the header's field values, one per line; {@code mvn test} replays the
 * seeds in {@code src/test/resources/dev/apierrors/fuzz/WwwAuthenticateFuzzTestInputs/}. To
 * fuzz, see docs/fuzzing.md.
 */
class WwwAuthenticateFuzzTest {
  private static final int MAX_CHALLENGES = 64;
  private static final int MAX_PARAMS = 64;
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");
  private static final Pattern TOKEN68 = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

  @FuzzTest(maxDuration = "10m")
  @DictionaryEntries({
    "Bearer", "Basic", "Digest", "Negotiate", "realm=", "error=", "scope=", "error_description=",
    "charset=\"UTF-8\"", "\"", "\\\"", ", ", "=", "==", "\t",
  })
  void challengesAreWellFormedAndRoundTrip(byte[] data) {
    List<String> values = Arrays.asList(new String(data, StandardCharsets.UTF_8).split("\n", -1));

    List<Challenge> challenges = WwwAuthenticateParser.parse(values);

    assertThat(challenges).hasSizeLessThanOrEqualTo(MAX_CHALLENGES);
    for (Challenge c : challenges) {
      assertThat(c.scheme()).matches(TOKEN);
      assertThat(c.params()).hasSizeLessThanOrEqualTo(MAX_PARAMS);
      c.token68().ifPresent(token68 -> {
        assertThat(token68).matches(TOKEN68);
        assertThat(c.params()).isEmpty();
      });
      c.params().keySet().forEach(name -> assertThat(name).matches(TOKEN).isEqualTo(name.toLowerCase(Locale.ROOT)));
    }

    String canonical = String.join(", ", challenges.stream().map(WwwAuthenticateFuzzTest::write).toList());
    assertThat(WwwAuthenticateParser.parse(List.of(canonical))).isEqualTo(challenges);
    List<String> oneFieldEach = new ArrayList<>();
    challenges.forEach(c -> oneFieldEach.add(write(c)));
    assertThat(WwwAuthenticateParser.parse(oneFieldEach)).isEqualTo(challenges);
  }

  /** A challenge in canonical form: {@code scheme token68} or {@code scheme a="..", b=".."}. */
  private static String write(Challenge c) {
    if (c.token68().isPresent()) {
      return c.scheme() + ' ' + c.token68().get();
    }
    StringBuilder sb = new StringBuilder(c.scheme());
    String separator = " ";
    for (Map.Entry<String, String> p : c.params().entrySet()) {
      sb.append(separator).append(p.getKey()).append("=\"");
      sb.append(p.getValue().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
      separator = ", ";
    }
    return sb.toString();
  }
}
