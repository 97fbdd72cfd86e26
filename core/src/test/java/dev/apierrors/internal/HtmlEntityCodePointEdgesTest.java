package dev.apierrors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Numeric character references at the edges of the surrogate range and of Unicode. */
class HtmlEntityCodePointEdgesTest {

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "&#xD7FF;   | \uD7FF",
        "&#xD800;   | \uFFFD",
        "&#xDBFF;   | \uFFFD",
        "&#xDC00;   | \uFFFD",
        "&#xDFFF;   | \uFFFD",
        "&#57343;   | \uFFFD",
        "&#xE000;   | \uE000",
        "&#x1F600;  | \uD83D\uDE00",
        "&#x10FFFF; | \uDBFF\uDFFF",
        "&#1114112; | \uFFFD",
      })
  void aSurrogateOrOutOfRangeCodePointIsTheReplacementCharacter(String entity, String expected) {
    assertThat(HtmlText.decodeEntities(entity)).isEqualTo(expected);
  }
}
