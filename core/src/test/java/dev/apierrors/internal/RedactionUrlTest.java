package dev.apierrors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apierrors.spi.HttpHeaders;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Where a URL's user-info, query and fragment start and end, at the edges of the string. */
class RedactionUrlTest {
  private static final String M = Redaction.MASK;

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // a relative reference that is only a query or only a fragment
        "?token=abcd                         | ?token=" + M,
        "?x=1&token=abcd                     | ?x=1&token=" + M,
        "#access_token=abcd&state=s          | #access_token=" + M + "&state=s",
        "?key=abcd#sig=efgh                  | ?key=" + M + "#sig=" + M,
        // an empty pair first: the separator is kept and the next pair still read
        "https://h/p?&token=abcd             | https://h/p?&token=" + M,
        "https://h/p?&&key=abcd&x=1          | https://h/p?&&key=" + M + "&x=1",
        "https://h/p#&token=abcd             | https://h/p#&token=" + M,
        "https://h/p??sig=abcd               | https://h/p??sig=" + M,
        // user-info that is empty, or a URL that starts with its scheme separator
        "https://@h.example/p                | https://" + M + "@h.example/p",
        "://user:pass@h.example/p            | ://" + M + "@h.example/p",
        "@x://user:pass@h.example            | @x://" + M + "@h.example",
        // an '@' after the authority is not user-info
        "https://medium.example/@someone     | https://medium.example/@someone",
        "https://h.example/@a?key=abcd       | https://h.example/@a?key=" + M,
        "https://h.example?@a                | https://h.example?@a",
        "https://h.example#@a                | https://h.example#@a",
        "https://u:p@h.example               | https://" + M + "@h.example",
        // the longest secret name, and names one character longer or shorter
        "https://h/p?client_secret=abcd      | https://h/p?client_secret=" + M,
        "https://h/p?client_secrets=abcd     | https://h/p?client_secrets=abcd",
        "https://h/p?lient_secret=abcd       | https://h/p?lient_secret=abcd",
        // case mapping beyond ASCII: the Kelvin sign lowercases to 'k'
        "https://h/p?\u212Aey=abcd           | https://h/p?\u212Aey=" + M,
        // an encoded name, and a '+' in a name (a space once decoded: not a secret name)
        "https://h/p?api%5fkey=abcd          | https://h/p?api%5fkey=" + M,
        "https://h/p?api+key=abcd            | https://h/p?api+key=abcd",
      })
  void redactsAtTheEdgesOfTheUrl(String url, String expected) {
    assertThat(Redaction.redactUrl(url)).isEqualTo(expected);
  }

  /** The common case costs nothing: the very same string comes back, nothing is built. */
  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "https://api.example.com/v1/items",
        "https://api.example.com/v1/items?page=2&sort=asc",
        "https://api.example.com/v1/items?page=2#section",
        "https://api.example.com/v1/items?tokens=1&monkey=2&ke=3",
        "https://api.example.com/v1/items?client_secretx=1",
        "?q=1",
        "#top",
      })
  void returnsTheSameUrlWhenNothingCanBeSecret(String url) {
    assertThat(Redaction.redactUrl(url)).isSameAs(url);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(
      strings = {
        "https://h/p?%6Bey=1", // decoding may reveal a secret name
        "https://h/p?a+b=1", // decoding
        "https://h/p?\u00e9=1", // case mapping beyond ASCII
        "https://h/p?\u0080=1",
        "https://h/p?key=1",
        "https://h/p?KEY",
      })
  void buildsANewStringWhenANameMayBeSecretEvenIfItTurnsOutNotToBe(String url) {
    assertThat(Redaction.redactUrl(url)).isNotSameAs(url);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "?key=abcd                   | abcd",
        "?key=abcd#x                 | abcd",
        "#token=abcd                 | abcd",
        "#x?token=abcd               | abcd",
        "?a=1#x?token=abcd           | abcd",
        "https://h/p?&key=abcd       | abcd",
        "https://h/p?x=1&&key=abcd   | abcd",
        "https://h/p#&token=abcd     | abcd",
        "https://h/p?\u212Aey=abcd   | abcd",
        "https://h/p#a#b?token=abcd  | abcd",
        "https://h/p#token=abcd?x=1  | abcd",
      })
  void collectsSecretParamValuesWhereverTheQueryOrFragmentStarts(String url, String secret) {
    assertThat(Redaction.secretValues(HttpHeaders.empty(), HttpHeaders.empty(), url)).containsExactly(secret);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // values of 4 characters or more are masked in free text; shorter ones are not
        "https://h/p?key=abcd        | abcd",
        "https://h/p?key=abc         | ''",
        "https://h/p?key=ab%20cd      | ab%20cd,ab cd",
        "https://h/p?key=a%20        | a%20",
      })
  void collectsParamValuesOfFourCharactersOrMore(String url, String expected) {
    Set<String> secrets = Redaction.secretValues(HttpHeaders.empty(), HttpHeaders.empty(), url);

    assertThat(secrets).containsExactly(expected.isEmpty() ? new String[0] : expected.split(","));
  }

  @Test
  void collectsNothingFromAUrlWithoutSecretParams() {
    assertThat(Redaction.secretValues(HttpHeaders.empty(), HttpHeaders.empty(), "https://h/p?page=abcdef#top"))
        .isEmpty();
    assertThat(Redaction.secretValues(HttpHeaders.empty(), HttpHeaders.empty(), null)).isEmpty();
  }
}
