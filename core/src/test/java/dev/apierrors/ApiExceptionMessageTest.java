package dev.apierrors;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The exception message: one line, bidirectional controls and lone surrogates out, cut at 500. */
class ApiExceptionMessageTest {
  private static final String HEAD = "400 T: "; // 7 characters before the detail

  private static String messageOf(String title, String detail) {
    return ApiException.of(ApiError.builder(400).title(title).detail(detail).build(), 1).getMessage();
  }

  @ParameterizedTest(name = "U+{0}")
  @ValueSource(strings = {"200e", "200f", "202a", "202b", "202c", "202d", "202e", "2066", "2067", "2068", "2069"})
  void bidirectionalControlsBecomeASpace(String hex) {
    char c = (char) Integer.parseInt(hex, 16);

    assertThat(messageOf("T", "a" + c + "b")).isEqualTo(HEAD + "a b");
  }

  /** The neighbours of the bidirectional controls are ordinary characters (none is whitespace for Java). */
  @ParameterizedTest(name = "U+{0}")
  @ValueSource(strings = {"200d", "2010", "2029", "2065", "206a", "202f", "00e9", "4e2d"})
  void theirNeighboursAreKept(String hex) {
    char c = (char) Integer.parseInt(hex, 16);
    String expected = Character.isWhitespace(c) ? "a b" : "a" + c + "b";

    assertThat(messageOf("T", "a" + c + "b")).isEqualTo(HEAD + expected);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // a surrogate pair is kept, a lone surrogate anywhere becomes a space
        "a\uD83D\uDE00b      | a\uD83D\uDE00b",
        "\uD83D\uDE00        | \uD83D\uDE00",
        "x \uD83D\uDE00\uD83D\uDE01 y | x \uD83D\uDE00\uD83D\uDE01 y",
        "a\uD83Db            | a b",
        "a\uDE00b            | a b",
        "a\uDE00\uD83Db      | a b",
        "ab\uD83D            | ab",
        "\uD83D              | ''",
      })
  void surrogatePairsAreKeptAndLoneSurrogatesRemoved(String detail, String expected) {
    String message = messageOf("T", detail);

    assertThat(message).isEqualTo(expected.isEmpty() ? "400 T" : HEAD + expected);
  }

  @Test
  void aTitleEndingInALoneHighSurrogateLosesIt() {
    assertThat(messageOf("Oops\uD83D", "d")).isEqualTo("400 Oops: d");
    assertThat(messageOf("Oops\uD83D\uDE00", "d")).isEqualTo("400 Oops\uD83D\uDE00: d");
  }

  @Test
  void aMessageOfExactly500CharactersIsNotCut() {
    String detail = "a".repeat(ApiException.MAX_MESSAGE_LENGTH - HEAD.length());

    assertThat(messageOf("T", detail)).isEqualTo(HEAD + detail).hasSize(500);
    assertThat(messageOf("T", detail + "b")).isEqualTo(HEAD + detail.substring(1) + "…").hasSize(500);
  }

  @Test
  void aCutThatWouldSplitASurrogatePairCutsBeforeIt() {
    // the pair sits at 498-499: the cut at 499 would keep its high half
    String detail = "a".repeat(498 - HEAD.length()) + "\uD83D\uDE00" + "b".repeat(20);

    String message = messageOf("T", detail);

    assertThat(message).isEqualTo(HEAD + "a".repeat(498 - HEAD.length()) + "…").hasSize(499);
  }

  @Test
  void aPairBeforeTheCutIsKeptWhole() {
    // the pair sits at 497-498 and the cut at 499 keeps it whole
    String detail = "a".repeat(497 - HEAD.length()) + "\uD83D\uDE00" + "b".repeat(20);

    String message = messageOf("T", detail);

    assertThat(message).isEqualTo(HEAD + "a".repeat(497 - HEAD.length()) + "\uD83D\uDE00" + "…").hasSize(500);
  }
}
