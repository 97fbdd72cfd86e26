package dev.apierrors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Where an element and a character reference end, at the edges of the page. */
class HtmlTextEdgesTest {
  static Stream<Arguments> pages() {
    return Stream.of(
        // The element ends at its closing tag, even one cut at the end of the page.
        Arguments.of("<title>a</title>b", "a"),
        Arguments.of("<title>x</title", "x"),
        Arguments.of("<title>abc<", "abc"),
        // An opening tag that never closes has no text.
        Arguments.of("<title", null),
        // Numeric references: up to 7 digits, the last code point, junk left as written.
        Arguments.of("<title>&#0000065;</title>", "A"),
        Arguments.of("<title>&#00000065;</title>", "&#00000065;"),
        Arguments.of("<title>&#x10FFFF;</title>", "\uDBFF\uDFFF"),
        Arguments.of("<title>&#x110000;</title>", "\uFFFD"),
        Arguments.of("<title>&#;</title>", "&#;"),
        Arguments.of("<title>&#xZZ;</title>", "&#xZZ;"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pages")
  void summaryStopsAtTheRightPlace(String html, String expected) {
    assertThat(HtmlText.summary(html)).isEqualTo(expected);
  }
}
