package dev.apierrors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apierrors.spi.HttpHeaders;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which parts of credential headers and cookies become secrets, and how they are scrubbed. */
class RedactionSecretValuesTest {
  private static final String M = Redaction.MASK;

  static Stream<Arguments> requestHeaders() {
    return Stream.of(
        // the credentials after the scheme, whatever their length; the whole value from 4 characters
        Arguments.of("Authorization", "Bearer abc", List.of("Bearer abc", "abc")),
        Arguments.of("Authorization", "  Bearer   abcd  ", List.of("Bearer   abcd", "abcd")),
        Arguments.of("Authorization", "abcd", List.of("abcd")),
        Arguments.of("Authorization", "abc", List.of()),
        Arguments.of("Authorization", "Bearer ", List.of("Bearer")),
        Arguments.of("Proxy-Authorization", "Basic cHJveHk=", List.of("Basic cHJveHk=", "cHJveHk=")),
        // each cookie value from 4 characters, a cookie without a name included
        Arguments.of("Cookie", "sid=abcd", List.of("sid=abcd", "abcd")),
        Arguments.of("Cookie", "sid=abc", List.of("sid=abc")),
        Arguments.of("Cookie", "=s3cr3tvalue", List.of("=s3cr3tvalue", "s3cr3tvalue")),
        Arguments.of("Cookie", "a=1; b=wxyz; flag", List.of("a=1; b=wxyz; flag", "b=wxyz; flag", "wxyz")),
        // not a credential header
        Arguments.of("X-Api-Version", "2024-01-01", List.of()));
  }

  @ParameterizedTest(name = "[{index}] {0}: {1}")
  @MethodSource("requestHeaders")
  void collectsTheCredentialsOfRequestHeaders(String name, String value, List<String> expected) {
    Set<String> secrets = Redaction.secretValues(HttpHeaders.of(name, value), HttpHeaders.empty(), null);

    assertThat(secrets).containsExactlyElementsOf(expected);
  }

  static Stream<Arguments> setCookies() {
    return Stream.of(
        // the whole value and the cookie's own value; never its attributes
        Arguments.of("sid=abcd; Domain=example.com; Path=/", List.of("sid=abcd; Domain=example.com; Path=/", "abcd")),
        Arguments.of("sid=abcdef", List.of("sid=abcdef", "abcdef")),
        Arguments.of(";Domain=example.com", List.of(";Domain=example.com")),
        Arguments.of("=abcdef; Secure", List.of("=abcdef; Secure", "abcdef")),
        Arguments.of("id=xyz; Path=/", List.of("id=xyz; Path=/")));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("setCookies")
  void collectsTheCookieValueOfSetCookieButNotItsAttributes(String value, List<String> expected) {
    Set<String> secrets = Redaction.secretValues(HttpHeaders.empty(), HttpHeaders.of("Set-Cookie", value), null);

    assertThat(secrets).containsExactlyElementsOf(expected);
  }

  @Test
  void scrubsTheLongestSecretFirstWhateverOrderTheyCameIn() {
    Set<String> shortFirst = new LinkedHashSet<>(List.of("abcd", "abcdefgh", "cdef"));

    assertThat(Redaction.scrub("[abcdefgh] [abcd] [cdef]", shortFirst)).isEqualTo("[" + M + "] [" + M + "] [" + M + "]");
  }

  @Test
  void scrubsEveryOccurrence() {
    assertThat(Redaction.scrub("s3cr3t-s3cr3t s3cr3t", Set.of("s3cr3t"))).isEqualTo(M + "-" + M + " " + M);
  }

  @Test
  void aShortBearerCredentialIsStillScrubbed() {
    Set<String> secrets = Redaction.secretValues(HttpHeaders.of("Authorization", "Bearer abc"), HttpHeaders.empty(), null);

    assertThat(Redaction.scrub("token abc was refused", secrets)).isEqualTo("token " + M + " was refused");
  }
  @ParameterizedTest(name = "[{index}] {0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {
      "https://api.example.com/v1/orders?expand=items",
      "https://api.example.com/v1/orders",
      "https://api.example.com/v1?token=abcd1234&x=1",
      "https://api.example.com/v1?x=1#access_token=frag5678",
      "https://api.example.com/v1?API%5FKEY=enc%2Fvalue",
      "https://api.example.com/v1?Key=caseless9&sig=ab",
      "https://api.example.com/v1?tok+en=abcd1234",
      "https://api.example.com/v1?\u00e9=abcd1234",
      "https://u:pw12345@api.example.com/",
      "?#&?",
      ""})
  void theUrlsSecretsAloneAreTheSecretsOfTheUrlWithNoHeaders(String url) {
    assertThat(Redaction.urlSecretValues(url))
        .containsExactlyElementsOf(Redaction.secretValues(HttpHeaders.empty(), HttpHeaders.empty(), url));
  }

  @Test
  void aUrlWithNoSecretParameterHasNoSecretsAndBuildsNoSet() {
    assertThat(Redaction.urlSecretValues("https://api.example.com/v1/orders?expand=items&page=2"))
        .isSameAs(Set.of());
  }
  @ParameterizedTest(name = "[{index}] request {0}, response {1}")
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
      "Authorization       | X-Request-Id | true",
      "proxy-authorization | X-Request-Id | true",
      "COOKIE              | X-Request-Id | true",
      "Accept              | Set-Cookie   | true",
      "Accept              | set-cookie   | true",
      "Set-Cookie          | X-Request-Id | false",
      "Accept              | Cookie       | false",
      "Accept              | X-Request-Id | false"})
  void theCredentialFieldsAreThoseTheCollectionReads(String requestField, String responseField, boolean has) {
    HttpHeaders request = HttpHeaders.of(requestField, "Bearer s3cr3t-value", "Accept", "application/json");
    HttpHeaders response = HttpHeaders.of(responseField, "sid=s3cr3t-value; Path=/");

    assertThat(Redaction.hasCredentialFields(request, response)).isEqualTo(has);
    // What the check says there is nothing to look for, the collection finds nothing in.
    assertThat(Redaction.secretValues(request, response, null).isEmpty()).isEqualTo(!has);
  }
}
