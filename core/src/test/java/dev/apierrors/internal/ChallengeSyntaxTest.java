package dev.apierrors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apierrors.Challenge;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Edge cases of the {@code WWW-Authenticate} grammar: where tokens, values and junk end. */
class ChallengeSyntaxTest {
  private static Challenge params(String scheme, String... namesAndValues) {
    Map<String, String> params = new java.util.LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      params.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return Challenge.of(scheme, null, params);
  }

  static Stream<Arguments> values() {
    return Stream.of(
        // Every boundary character of tchar and token68 is accepted.
        Arguments.of("azAZ09 azAZ09!#$%&'*+-.^_`|~=v", List.of(params("azAZ09", "azaz09!#$%&'*+-.^_`|~", "v"))),
        Arguments.of("Basic azAZ09-._~+/==", List.of(Challenge.of("Basic", "azAZ09-._~+/==", Map.of()))),
        // Characters just outside those ranges end a token.
        Arguments.of("Basic a@b", List.of(Challenge.of("Basic", null, Map.of()))),
        Arguments.of("Basic a{b, Bearer", List.of(Challenge.of("Basic", null, Map.of()), params("Bearer"))),
        Arguments.of("Basic a[b", List.of(Challenge.of("Basic", null, Map.of()))),
        Arguments.of("Basic a:b", List.of(Challenge.of("Basic", null, Map.of()))),
        // A parameter name, or a name and '=', that ends the value: no parameter, no failure.
        Arguments.of("Bearer a!", List.of(params("Bearer"))),
        Arguments.of("Bearer a!=", List.of(params("Bearer"))),
        Arguments.of("Bearer a=b, c=", List.of(params("Bearer", "a", "b"))),
        Arguments.of("Bearer a!=b", List.of(params("Bearer", "a!", "b"))),
        // A value that is junk is skipped up to the next comma; the next parameter still counts.
        Arguments.of("Bearer a=@x, b=1", List.of(params("Bearer", "b", "1"))),
        // Junk is skipped as a whole, quoted commas and escaped quotes included.
        Arguments.of("Bearer a=@\"x\\\",y\", b=1", List.of(params("Bearer", "b", "1"))),
        Arguments.of("Bearer a=@\"x,y\", b=1", List.of(params("Bearer", "b", "1"))),
        // Whitespace after a token68 before the comma still ends it.
        Arguments.of("Basic abc== , Bearer realm=x",
            List.of(Challenge.of("Basic", "abc==", Map.of()), params("Bearer", "realm", "x"))));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("values")
  void parsesEdgeCasesOfTheGrammar(String value, List<Challenge> expected) {
    assertThat(WwwAuthenticateParser.parse(List.of(value))).isEqualTo(expected);
  }
}
