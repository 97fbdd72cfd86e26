package dev.apierrors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apierrors.spi.HttpHeaders;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class RedactionTest {
  private static final String M = Redaction.MASK;

  static Stream<Arguments> secretParamNamesInEveryCase() {
    return Redaction.SECRET_PARAMS.stream()
        .flatMap(
            name ->
                Stream.of(
                    name,
                    name.toUpperCase(Locale.ROOT),
                    Character.toUpperCase(name.charAt(0)) + name.substring(1)))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("secretParamNamesInEveryCase")
  void masksEverySecretParamNameInAnyCase(String name) {
    String url = "https://api.example.com/v1/items?page=2&" + name + "=s3cr3tValue&sort=asc";
    assertThat(Redaction.redactUrl(url))
        .isEqualTo("https://api.example.com/v1/items?page=2&" + name + "=" + M + "&sort=asc");
    assertThat(Redaction.isSecretParam(name)).isTrue();
    assertThat(Redaction.secretValues(HttpHeaders.empty(), HttpHeaders.empty(), url)).containsExactly("s3cr3tValue");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // no query, nothing to do
        "https://h/p                                  | https://h/p",
        "https://h/p?                                 | https://h/p?",
        "https://h/p#frag                             | https://h/p#frag",
        // innocent params stay, names that merely contain a secret name stay
        "https://h/p?q=token&tokens=1&monkey=2        | https://h/p?q=token&tokens=1&monkey=2",
        // encoded names
        "https://h/p?access%5Ftoken=abcd              | https://h/p?access%5Ftoken=" + M,
        "https://h/p?%6Bey=abcd                       | https://h/p?%6Bey=" + M,
        "https://h/p?API%5FKEY=abcd&x=1               | https://h/p?API%5FKEY=" + M + "&x=1",
        "https://h/p?%zz=1&key=abcd                   | https://h/p?%zz=1&key=" + M,
        // repeated params, empty values, flags without value
        "https://h/p?key=a1b2&key=c3d4&key=           | https://h/p?key=" + M + "&key=" + M + "&key=" + M,
        "https://h/p?token&x=1                        | https://h/p?token&x=1",
        // user-info
        "https://user:pa55@h.example/p?x=1            | https://" + M + "@h.example/p?x=1",
        "https://user@h.example                       | https://" + M + "@h.example",
        "https://a@b:c@h.example/p                    | https://" + M + "@h.example/p",
        "https://h.example/p?email=a@b.c              | https://h.example/p?email=a@b.c",
        // fragment: kept, but its secret params are masked too (OAuth implicit flow)
        "https://h/p?key=abcd#section                 | https://h/p?key=" + M + "#section",
        "https://h/cb#access_token=abcd&state=xyz     | https://h/cb#access_token=" + M + "&state=xyz",
        "https://h/cb?a=1#token=abcd                  | https://h/cb?a=1#token=" + M,
        "https://h/cb#x?token=abcd                    | https://h/cb#x?token=" + M,
        "https://h/cb?a=1?token=abcd                  | https://h/cb?a=1?token=" + M,
        // a second # in the fragment separates pairs too: no secret hides behind "x#"
        "https://h/cb#x#token=abcd                    | https://h/cb#x#token=" + M,
        "https://h/cb?a=1#b=2#access_token=abcd&s=1   | https://h/cb?a=1#b=2#access_token=" + M + "&s=1",
        "https://h/cb#frag#more                       | https://h/cb#frag#more",
        // relative URLs
        "/v1/items?sig=abcd                           | /v1/items?sig=" + M,
      })
  void redactsUrls(String url, String expected) {
    assertThat(Redaction.redactUrl(url)).isEqualTo(expected);
  }

  @Test
  void collectsSecretParamValuesRawAndDecodedFromQueryAndFragment() {
    Set<String> secrets =
        Redaction.secretValues(
            HttpHeaders.empty(),
            HttpHeaders.empty(),
            "https://h/p?page=2&Access_Token=a%2Bb%2Fc%3D&key=abc&x=1#token=fragSecret");
    assertThat(secrets).containsExactlyInAnyOrder("a%2Bb%2Fc%3D", "a+b/c=", "fragSecret");
  }

  @Test
  void collectsSecretParamValuesBehindASecondHashInTheFragment() {
    assertThat(Redaction.urlSecretValues("https://h/cb#x#token=fragSecret&state=1"))
        .containsExactly("fragSecret");
  }

  static Stream<Arguments> credentialHeaders() {
    return Stream.of(
        Arguments.of(HttpHeaders.of("Authorization", "Bearer xyz"), HttpHeaders.empty(),
            "got Bearer xyz then xyz alone", "got " + M + " then " + M + " alone"),
        Arguments.of(HttpHeaders.of("authorization", "Bearer\teyJhbGciOiJIUzI1NiJ9.payload.sig"), HttpHeaders.empty(),
            "token eyJhbGciOiJIUzI1NiJ9.payload.sig rejected", "token " + M + " rejected"),
        Arguments.of(HttpHeaders.of("Authorization", "Basic dXNlcjpwYXNz"), HttpHeaders.empty(),
            "header was 'Basic dXNlcjpwYXNz'", "header was '" + M + "'"),
        Arguments.of(HttpHeaders.of("Proxy-Authorization", "Basic cHJveHk6cGFzcw=="), HttpHeaders.empty(),
            "proxy cHJveHk6cGFzcw== denied", "proxy " + M + " denied"),
        Arguments.of(HttpHeaders.of("Cookie", "session=abc123def; theme=dark"), HttpHeaders.empty(),
            "cookie session=abc123def; theme=dark and abc123def", "cookie " + M + " and " + M),
        Arguments.of(HttpHeaders.of("Cookie", "sid=s3ss10n"), HttpHeaders.empty(),
            "unknown session s3ss10n", "unknown session " + M),
        Arguments.of(HttpHeaders.empty(), HttpHeaders.of("Set-Cookie", "sid=n3wS3ss; Path=/; HttpOnly"),
            "set sid=n3wS3ss; Path=/; HttpOnly, value n3wS3ss", "set " + M + ", value " + M),
        Arguments.of(HttpHeaders.empty(),
            HttpHeaders.of("Set-Cookie", "a=firstVal; Secure", "set-cookie", "b=secondVal"),
            "firstVal secondVal", M + " " + M),
        // Nothing secret: text unchanged.
        Arguments.of(HttpHeaders.of("Accept", "application/json"), HttpHeaders.of("Content-Type", "text/plain"),
            "application/json is fine", "application/json is fine"));
  }

  @ParameterizedTest(name = "[{index}] {0} {1}")
  @MethodSource("credentialHeaders")
  void scrubsCredentialHeaderValuesWholeAndAlone(
      HttpHeaders request, HttpHeaders response, String text, String expected) {
    Set<String> secrets = Redaction.secretValues(request, response, null);
    assertThat(Redaction.scrub(text, secrets)).isEqualTo(expected);
  }

  @Test
  void scrubsLongerSecretsFirstSoNoPartIsLeft() {
    assertThat(Redaction.scrub("abcd abcdefgh", Set.of("abcd", "abcdefgh"))).isEqualTo(M + " " + M);
    assertThat(Redaction.scrub("", Set.of("abcd"))).isEmpty();
    assertThat(Redaction.scrub("abcd", Set.of())).isEqualTo("abcd");
    assertThat(Redaction.scrub("abcd", Set.of(""))).isEqualTo("abcd");
  }

  @Test
  void leavesShortParamValuesAndCookieValuesInFreeText() {
    // Too likely to hit innocent text ("key=1" would mask every "1"); redactUrl still masks them in URLs.
    Set<String> secrets =
        Redaction.secretValues(HttpHeaders.of("Cookie", "a=1"), HttpHeaders.empty(), "https://h/?key=1");
    assertThat(secrets).doesNotContain("1");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', value = {
      "Unexpected status line: HTTP/1.1 5x3 Bearer sk-1234 | Unexpected status line: HTTP/1.1 5x3 Bearer [REDACTED]",
      "HTTP/1.1 500 basic dXNlcjpwYXNz, then | HTTP/1.1 500 basic [REDACTED], then",
      "sent Authorization: Digest a=1, b=2 | sent Authorization: [REDACTED]",
      "sent cookie=session=abc; x=y | sent cookie=[REDACTED]",
      "GET /x?API_KEY=abc&page=2 | GET /x?API_KEY=[REDACTED]&page=2",
      "sig = abc;rest | sig = [REDACTED];rest",
      "mykey=abc stays | mykey=abc stays",
      "connection reset | connection reset",
  })
  void masksCredentialShapesInTransportText(String text, String masked) {
    assertThat(Redaction.scrubShapes(text)).isEqualTo(masked);
  }
}
