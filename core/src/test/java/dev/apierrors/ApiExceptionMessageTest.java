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

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Bad Gateway      | 502 Bad Gateway",
        "bad gateway      | 502 Bad Gateway",
        "502 BAD GATEWAY  | 502 Bad Gateway",
        "502:Bad Gateway  | 502 Bad Gateway: 502:Bad Gateway",
        "503 Bad Gateway  | 502 Bad Gateway: 503 Bad Gateway",
        "502 Bad Gatewa   | 502 Bad Gateway: 502 Bad Gatewa",
        "502  Bad Gateway | 502 Bad Gateway",
      })
  void aDetailThatOnlyRepeatsTheTitleIsLeftOut(String detail, String expected) {
    ApiError error = ApiError.builder(502).title("Bad Gateway").detail(detail).build();

    assertThat(ApiException.of(error, 1).getMessage()).isEqualTo(expected);
  }

  /**
   * Against the rule written out plainly (one line of "status title", then ": detail" unless
   * the detail only repeats the title, with or without the status), on random titles and
   * details of every kind of character the rule treats apart: the message builds no text it
   * does not need, and must still say the same.
   */
  @Test
  void messagesFollowThePlainRuleOnRandomText() {
    java.util.Random random = new java.util.Random(20261202);
    String[] pieces = {"a", "B", "z", " ", "  ", "\t", "\n", "\u0000", "\u007f", "~", "429", "Bad", "bad gateway",
        "\u200e", "\u202e", "\u00e9", "\u4e2d", "\uD83D\uDE00", "\uD83D", "\uDE00", "\u2029", "\u00a0", ":"};
    for (int round = 0; round < 5_000; round++) {
      int status = random.nextBoolean() ? 429 : 502;
      String title = randomText(random, pieces);
      String detail = random.nextInt(5) == 0 ? title : random.nextInt(6) == 0 ? status + " " + title
          : randomText(random, pieces);
      ApiError.Builder builder = ApiError.builder(status);
      if (!title.isBlank()) {
        builder.title(title); // a blank one is refused: the reason phrase stands
      }
      if (!detail.isBlank()) {
        builder.detail(detail);
      }
      ApiError error = builder.build();

      assertThat(ApiException.of(error, 1).getMessage())
          .as("title %s, detail %s", escaped(title), escaped(detail))
          .isEqualTo(plainRule(status, error.title(), error.detail().orElse("")));
    }
  }

  private static String randomText(java.util.Random random, String[] pieces) {
    StringBuilder b = new StringBuilder();
    int n = random.nextInt(6);
    for (int i = 0; i < n; i++) {
      b.append(pieces[random.nextInt(pieces.length)]);
    }
    return b.toString();
  }

  private static String escaped(String s) {
    StringBuilder b = new StringBuilder();
    s.chars().forEach(c -> b.append(c >= ' ' && c <= '~' ? String.valueOf((char) c) : String.format("\\u%04x", c)));
    return b.toString();
  }

  /** The message's rule as the first version wrote it (no secrets here, and short: no cut). */
  private static String plainRule(int status, String title, String detail) {
    String head = plainOneLine(status + " " + title);
    String line = head;
    String oneLineDetail = plainOneLine(detail);
    String oneLineTitle = plainOneLine(title);
    boolean repeats = oneLineDetail.equalsIgnoreCase(oneLineTitle)
        || oneLineDetail.equalsIgnoreCase(status + " " + oneLineTitle);
    if (!oneLineDetail.isEmpty() && !repeats) {
      line = head + ": " + oneLineDetail;
    }
    return line;
  }

  /** Every run of whitespace, controls, bidirectional controls and lone surrogates as one space, stripped. */
  private static final java.util.regex.Pattern NOT_ONE_LINE = java.util.regex.Pattern.compile(
      "[\\p{javaWhitespace}\\p{javaISOControl}\\p{Cs}\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069]+");

  private static String plainOneLine(String text) {
    return NOT_ONE_LINE.matcher(text).replaceAll(" ").strip();
  }

  @Test
  void theMessageBuiltOnFirstAskIsTheSameStringForEveryCallerOnAnyThread() throws Exception {
    ApiException e = ApiException.of(ApiError.builder(409).title("Conflict").detail("version 7 is stale").build(), 1);
    java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      java.util.List<java.util.concurrent.Future<String>> asked = new java.util.ArrayList<>();
      for (int i = 0; i < 16; i++) {
        asked.add(threads.submit(e::getMessage));
      }
      for (java.util.concurrent.Future<String> message : asked) {
        assertThat(message.get()).isEqualTo("409 Conflict: version 7 is stale");
      }
    } finally {
      threads.shutdown();
    }
    assertThat(e.getLocalizedMessage()).isSameAs(e.getMessage());
    assertThat(e).hasToString("dev.apierrors.ConflictException: 409 Conflict: version 7 is stale");
    assertThat(e.withAttempts(3).getMessage()).isEqualTo(e.getMessage());
  }
}
