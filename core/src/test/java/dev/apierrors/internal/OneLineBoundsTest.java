package dev.apierrors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The edges of the 2,000-character line: what still fits when only a few characters are
 * left, when a list item is still started, and the characters right beside the escaped ranges.
 */
class OneLineBoundsTest {
  private static final List<String> ITEMS = IntStream.range(0, 5).mapToObj(i -> "item-" + i).toList();

  /**
   * A line {@code T{a=xxx, b=xxx, ..., p=xxx} of exactly {@code length} characters before
   * its closing brace (six values of 300 characters, then one that pads).
   */
  private static OneLine lineOf(int length) {
    OneLine line = OneLine.of("T");
    for (int i = 0; i < 6; i++) {
      line.add(String.valueOf((char) ('a' + i)), "x".repeat(OneLine.MAX_VALUE_LENGTH));
    }
    line.add("p", "y".repeat(length - 1828));
    assertThat(line.toString()).hasSize(length + 1).endsWith("y}");
    return line;
  }

  private static String body(OneLine line) {
    String s = line.toString();
    return s.substring(0, s.length() - 1);
  }

  @Test
  void aFieldNeedsRoomForItsSeparatorAndOneCharacter() {
    // 1,995 characters: ", " and "f" fit before the room kept for "…}"
    OneLine fits = lineOf(1_995);
    String before = body(fits);
    assertThat(fits.flag("f", true).toString()).isEqualTo(before + ", f}").hasSize(1_999);

    // 1,996: the separator and a character don't fit: the line is cut and stays cut
    OneLine full = lineOf(1_996);
    String full1996 = body(full);
    assertThat(full.flag("f", true).flag("g", true).add("h", "v").toString()).isEqualTo(full1996 + "…}");
  }

  @Test
  void aNameNeedsRoomForItsEqualsSignAndOneCharacterOfValue() {
    // 1,993 + ", n" leaves 2: "=" and the value's "…" fit
    OneLine line = lineOf(1_993);
    String before = body(line);
    assertThat(line.add("n", "abc").toString()).isEqualTo(before + ", n=…}").hasSize(1_999);

    // 1,994 + ", n" leaves 1: no room for "=": cut after the name
    OneLine tighter = lineOf(1_994);
    String before1994 = body(tighter);
    assertThat(tighter.add("n", "abc").toString()).isEqualTo(before1994 + ", n…}");
  }

  @Test
  void nothingIsAddedOnceTheLineIsCut() {
    OneLine line = lineOf(1_996).add("x", "y"); // cut: no room for ", x"
    String cut = line.toString();

    String after = line.add("a", "more").add("n", 7L).flag("f", true)
        .list("l", Collections.nCopies(1_000, "z")).map("m", java.util.Map.of("k", "v"))
        .entries("e", 3, ITEMS.iterator()).toString();

    assertThat(after).isEqualTo(cut).endsWith("…}").hasSizeLessThanOrEqualTo(OneLine.MAX_LENGTH);
  }

  /**
   * {@code , l=[} takes 5 characters; then an item is started only while the room left,
   * less 32 for the summary and 2 for a separator after the first item, is at least 24.
   */
  @ParameterizedTest(name = "line of {0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        // room before the first item: 1998 - (length + 5)
        "1937 | l=[item-0, … 4 more]", // room 56: the first item starts
        "1938 | l=[… 5 more]", // room 55: none does
        // the first item takes 6: the second starts when 58 are left before it
        "1929 | l=[item-0, item-1, … 3 more]", // 64 then 58
        "1930 | l=[item-0, … 4 more]", // 63 then 57
      })
  void aListItemIsStartedOnlyWithRoomForItAndTheSummary(int length, String expected) {
    OneLine line = lineOf(length);
    String before = body(line);

    assertThat(line.list("l", ITEMS).toString()).isEqualTo(before + ", " + expected + "}");
  }

  @Test
  void entriesOfSizeZeroAddNothing() {
    assertThat(OneLine.of("T").entries("e", 0, Collections.emptyIterator()).add("a", 1L).toString())
        .isEqualTo("T{a=1}");
    assertThat(OneLine.of("T").entries("e", 7, ITEMS.iterator()).toString())
        .isEqualTo("T{e={item-0, item-1, item-2, item-3, item-4, … 2 more}}");
  }

  @ParameterizedTest(name = "max {0}")
  @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
  void textWithNoRoomIsEmpty(int max) {
    assertThat(OneLine.text("abc", Set.of(), max)).isEmpty();
    assertThat(OneLine.text("abc", Set.of("abc"), max)).isEmpty();
  }

  @Test
  void textOfOneCharacterRoom() {
    assertThat(OneLine.text("a", Set.of(), 1)).isEqualTo("a");
    assertThat(OneLine.text("ab", Set.of(), 1)).isEqualTo("…");
    assertThat(OneLine.text("\n", Set.of(), 2)).isEqualTo("\\n");
    assertThat(OneLine.text("\n", Set.of(), 1)).isEqualTo("…");
  }

  @ParameterizedTest(name = "[{index}] U+{0}")
  @CsvSource({"001f, \\u001f", "0080, \\u0080", "202a, \\u202a", "202b, \\u202b", "2067, \\u2067", "200f, \\u200f"})
  void escapesTheEdgesOfEachControlRange(String hex, String escaped) {
    char c = (char) Integer.parseInt(hex, 16);

    assertThat(OneLine.escape("a" + c + "b")).isEqualTo("a" + escaped + "b");
  }

  @ParameterizedTest(name = "U+{0}")
  @ValueSource(strings = {"0020", "007e", "00a0", "2027", "202f", "2065", "206a", "200d", "2010", "e000"})
  void keepsTheCharactersJustOutsideThem(String hex) {
    String text = "a" + (char) Integer.parseInt(hex, 16) + "b";

    assertThat(OneLine.escape(text)).isEqualTo(text);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // a high surrogate at the very end is lone: escaped, never read past the end
        "a\uD83D      | a\\ud83d",
        "\uD83D       | \\ud83d",
        "\uD83D\uDE00 | \uD83D\uDE00",
        "\uDE00\uD83D | \\ude00\\ud83d",
      })
  void aSurrogateIsPairedOnlyWithTheNextCharacter(String text, String expected) {
    assertThat(OneLine.escape(text)).isEqualTo(expected);
    assertThat(OneLine.text(text, Set.of(), 100)).isEqualTo(expected);
  }
}
