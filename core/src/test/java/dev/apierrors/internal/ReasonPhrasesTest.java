package dev.apierrors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The reason phrase of every status, registered or not, at the edges of 100..999 and beyond. */
class ReasonPhrasesTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "100 | Continue",
      "101 | Switching Protocols",
      "199 | HTTP 199",
      "404 | Not Found",
      "413 | Content Too Large",
      "420 | Enhance Your Calm",
      "429 | Too Many Requests",
      "511 | Network Authentication Required",
      "599 | HTTP 599",
      "999 | HTTP 999",
      "99 | HTTP 99",
      "1000 | HTTP 1000",
      "-1 | HTTP -1"})
  void givesTheRegisteredPhraseElseHttpAndTheNumber(int status, String phrase) {
    assertThat(ReasonPhrases.of(status)).isEqualTo(phrase);
  }
}
