package dev.apierrors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HtmlTextTest {
  static Stream<Arguments> pages() {
    return Stream.of(
        Arguments.of("<html><head><title>502 Bad Gateway</title></head><body><h1>ignored</h1></body></html>",
            "502 Bad Gateway"),
        Arguments.of("<TITLE lang=en>\n  Service\n\tUnavailable  </TITLE>", "Service Unavailable"),
        Arguments.of("<title></title><h1>Not <em>Found</em></h1>", "Not Found"),
        Arguments.of("<title>   </title><body><h1 class=\"big\">Oops</h1><h1>second</h1>", "Oops"),
        Arguments.of("<h1>&lt;b&gt; &amp; &quot;q&quot; &apos;a&apos;&nbsp;x</h1>", "<b> & \"q\" 'a' x"),
        Arguments.of("<title>&#65;&#x42;&#X43; &#128512; &#0; &#xD800; &#99999999;</title>", "ABC 😀 \uFFFD \uFFFD &#99999999;"),
        Arguments.of("<title>&unknown; &amp &;</title>", "&unknown; &amp &;"),
        Arguments.of("<titlex>no</titlex><h10>no</h10><h1/>", null),
        Arguments.of("<title>unterminated", "unterminated"),
        Arguments.of("<title>line<br>break</title>", "line break"),
        Arguments.of("<html><body><p>no heading</p></body></html>", null),
        Arguments.of("", null),
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
  void summaryIsTheTitleElseTheFirstH1(String html, String expected) {
    assertThat(HtmlText.summary(html)).isEqualTo(expected);
  }

  @Test
  void hugeTitleIsClipped() {
    String html = "<title>" + "word ".repeat(100_000) + "</title>";

    assertThat(HtmlText.summary(html)).hasSizeLessThanOrEqualTo(BodyText.MAX_DETAIL_CHARS);
  }
}
