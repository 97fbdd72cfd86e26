package dev.apierrors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apierrors.Challenge;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class WwwAuthenticateParserTest {

  private static Challenge c(String scheme, String... params) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < params.length; i += 2) {
      map.put(params[i], params[i + 1]);
    }
    return Challenge.of(scheme, null, map);
  }

  private static Challenge t68(String scheme, String token68) {
    return Challenge.of(scheme, token68, Map.of());
  }

  static Stream<Arguments> values() {
    return Stream.of(
        Arguments.of("Bearer realm=\"example\", error=\"invalid_token\", error_description=\"The access token expired\"",
            List.of(c("Bearer", "realm", "example", "error", "invalid_token",
                "error_description", "The access token expired"))),
        Arguments.of("Basic realm=\"admin\", charset=\"UTF-8\"",
            List.of(c("Basic", "realm", "admin", "charset", "UTF-8"))),
        Arguments.of("Negotiate", List.of(c("Negotiate"))),
        Arguments.of("Newauth realm=\"apps\", type=1, title=\"Login to \\\"apps\\\"\", Basic realm=\"simple\"",
            List.of(c("Newauth", "realm", "apps", "type", "1", "title", "Login to \"apps\""),
                c("Basic", "realm", "simple"))),
        Arguments.of("Negotiate YII=", List.of(t68("Negotiate", "YII="))),
        Arguments.of("Negotiate YIIabc+/-._~==, Basic", List.of(t68("Negotiate", "YIIabc+/-._~=="), c("Basic"))),
        Arguments.of("Negotiate abc", List.of(t68("Negotiate", "abc"))),
        Arguments.of("Basic, Bearer", List.of(c("Basic"), c("Bearer"))),
        Arguments.of("Basic realm=x, Bearer, Digest realm=y, nonce=\"n,1\"",
            List.of(c("Basic", "realm", "x"), c("Bearer"), c("Digest", "realm", "y", "nonce", "n,1"))),
        Arguments.of("Bearer REALM=\"a\", Error=invalid_token", List.of(c("Bearer", "realm", "a", "error", "invalid_token"))),
        Arguments.of("Bearer realm = \"a\" ,\terror =\ttok", List.of(c("Bearer", "realm", "a", "error", "tok"))),
        Arguments.of("Bearer realm=\"a\", realm=\"b\"", List.of(c("Bearer", "realm", "a"))),
        Arguments.of("Bearer realm=\"\"", List.of(c("Bearer", "realm", ""))),
        Arguments.of("Bearer realm=\"a\\\\b\"", List.of(c("Bearer", "realm", "a\\b"))),
        Arguments.of("  ,  Basic  ,, ", List.of(c("Basic"))),
        // Garbage: skip what cannot be parsed, keep what can.
        Arguments.of(",,,", List.of()),
        Arguments.of("", List.of()),
        Arguments.of("   ", List.of()),
        Arguments.of("=x", List.of()),
        Arguments.of("\"quoted\", Basic", List.of(c("Basic"))),
        Arguments.of("Bearer realm=\"unterminated", List.of(c("Bearer"))),
        Arguments.of("Bearer error=bad, realm=\"unterminated", List.of(c("Bearer", "error", "bad"))),
        // "realm=" is no auth-param (a token value needs a character) but is a token68.
        Arguments.of("Bearer realm=, error=x", List.of(t68("Bearer", "realm="))),
        Arguments.of("Bearer error=x, realm=, scope=y", List.of(c("Bearer", "error", "x", "scope", "y"))),
        Arguments.of("Bearer realm=\"a\" junk, error=x", List.of(c("Bearer", "realm", "a", "error", "x"))),
        Arguments.of("Bearer =x, Basic", List.of(c("Bearer"), c("Basic"))),
        Arguments.of("realm=\"x\", Basic", List.of(c("Basic"))),
        Arguments.of("Bearer a b c, Basic", List.of(c("Bearer"), c("Basic"))),
        Arguments.of("Bearer realm=\"a\", @@@, error=x",
            List.of(c("Bearer", "realm", "a"))),
        Arguments.of("Bearer\u0000 realm=x, Basic", List.of(c("Basic"))),
        Arguments.of("Bearér realm=x", List.of()));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("values")
  void parsesChallengesAndSkipsGarbage(String value, List<Challenge> expected) {
    assertThat(WwwAuthenticateParser.parse(List.of(value))).containsExactlyElementsOf(expected);
  }

  @Test
  void readsEveryHeaderValueInOrder() {
    assertThat(WwwAuthenticateParser.parse(List.of("Basic realm=\"a\"", "=junk", "Bearer error=x, Negotiate")))
        .containsExactly(c("Basic", "realm", "a"), c("Bearer", "error", "x"), c("Negotiate"));
    assertThat(WwwAuthenticateParser.parse(List.of())).isEmpty();
  }

  @Test
  void paramLookupIsCaseInsensitiveAndToken68IsExposed() {
    List<Challenge> parsed = WwwAuthenticateParser.parse(List.of("bearer Error=\"invalid_token\", Negotiate YII="));
    assertThat(parsed.get(0).isScheme("Bearer")).isTrue();
    assertThat(parsed.get(0).param("ERROR")).contains("invalid_token");
    assertThat(parsed.get(1).token68()).contains("YII=");
  }

  @Test
  void capsChallengesAndParams() {
    String many = String.join(", ", java.util.Collections.nCopies(1000, "Basic"));
    assertThat(WwwAuthenticateParser.parse(List.of(many))).hasSize(WwwAuthenticateParser.MAX_CHALLENGES);
    assertThat(WwwAuthenticateParser.parse(List.of(many, many))).hasSize(WwwAuthenticateParser.MAX_CHALLENGES);

    List<String> params = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      params.add("p" + i + "=" + i);
    }
    List<Challenge> parsed = WwwAuthenticateParser.parse(List.of("Bearer " + String.join(", ", params) + ", Basic"));
    assertThat(parsed).hasSize(2);
    assertThat(parsed.get(0).params()).hasSize(WwwAuthenticateParser.MAX_PARAMS).containsEntry("p63", "63");
    assertThat(parsed.get(1)).isEqualTo(c("Basic"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Bearer realm=\"", "Bearer realm=\"\\", "\\", "\"", "Basic ,", "Basic =", "Basic a=", "a=b=c",
        "Bearer realm=\"x\"\"y\"", "Basic\t\tNegotiate", ",=,=,=\"", "Negotiate ==="
      })
  void neverThrowsOnShortGarbage(String value) {
    assertThat(WwwAuthenticateParser.parse(List.of(value))).isNotNull();
  }

  @Test
  void handlesVeryLongValuesInLinearTime() {
    String quote = "Bearer realm=\"" + "a\\\"".repeat(200_000) + "\"";
    assertThat(WwwAuthenticateParser.parse(List.of(quote)).get(0).param("realm").orElseThrow()).hasSize(400_000);
    assertThat(WwwAuthenticateParser.parse(List.of("=".repeat(500_000)))).isEmpty();
    assertThat(WwwAuthenticateParser.parse(List.of(",".repeat(500_000) + "Basic"))).containsExactly(c("Basic"));
    assertThat(WwwAuthenticateParser.parse(List.of("Bearer " + "x=\"".repeat(100_000))))
        .containsExactly(c("Bearer", "x", "x="));
    assertThat(WwwAuthenticateParser.parse(List.of("Bearer " + "x=y ".repeat(100_000)))).hasSize(1);
    assertThat(WwwAuthenticateParser.parse(List.of("A".repeat(500_000)))).hasSize(1);
  }
}
