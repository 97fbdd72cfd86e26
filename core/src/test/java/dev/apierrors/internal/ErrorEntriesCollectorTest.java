package dev.apierrors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apierrors.ErrorEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The compact list of entries: chunk edges, sharing by content, and the sharing table's cap. */
class ErrorEntriesCollectorTest {
  private static final int ROWS_PER_CHUNK = ErrorEntries.CHUNK / 4;

  @ParameterizedTest(name = "{0} rows")
  @ValueSource(ints = {1, 2, 3, 4, 5, ROWS_PER_CHUNK - 1, ROWS_PER_CHUNK, ROWS_PER_CHUNK + 1, 3 * ROWS_PER_CHUNK + 7})
  void everyRowReadsBackInOrderAcrossChunks(int rows) {
    ErrorEntries.Collector collector = new ErrorEntries.Collector();
    for (int i = 0; i < rows; i++) {
      collector.add(ErrorEntry.of("f" + i, i % 2 == 0 ? null : "c", null, "d" + (i % 5)));
    }
    ErrorEntries entries = collector.build();

    assertThat(entries).hasSize(rows);
    for (int i = 0; i < rows; i++) {
      assertThat(entries.get(i)).isEqualTo(ErrorEntry.of("f" + i, i % 2 == 0 ? null : "c", null, "d" + (i % 5)));
    }
  }

  @Test
  void aValueFromCharactersMeetsTheEqualStringAlreadyKept() {
    ErrorEntries.Collector collector = new ErrorEntries.Collector();
    String kept = collector.share(new String("could not be exported"));
    char[] chars = "xxcould not be exportedyy".toCharArray();

    assertThat(collector.share(chars, 2, kept.length())).isSameAs(kept);
    assertThat(collector.share("could not be exported")).isSameAs(kept);
    assertThat(collector.share(chars, 2, 5)).isEqualTo("could");
  }

  /** The UTF-8 bytes of a JSON input. */
  private static byte[] utf8(String json) {
    return json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void aStringWithTheBytesOfItsColumnsPlainValueIsThatValue() {
    ErrorEntries.Collector collector = new ErrorEntries.Collector();
    char[] chars = "must be a well-formed email".toCharArray();
    String kept = collector.share(3, chars, 0, chars.length);

    assertThat(collector.sameAsLast(3, utf8("{\"m\":\"must be a well-formed email\"}"), 6)).isSameAs(kept);
    // Another column, or not exactly those bytes then a quote: not recognised, so decoded.
    assertThat(collector.sameAsLast(4, utf8("{\"m\":\"must be a well-formed email\"}"), 6)).isNull();
    assertThat(collector.sameAsLast(3, utf8("{\"m\":\"must be a well-formed email!\"}"), 6)).isNull();
    assertThat(collector.sameAsLast(3, utf8("{\"m\":\"must be a well-formed emai\"}"), 6)).isNull();
    assertThat(collector.sameAsLast(3, utf8("{\"m\":\"must be a well-formed email\\\"\"}"), 6)).isNull();
    // Cut right after the value, before its closing quote: it may go on.
    assertThat(collector.sameAsLast(3, utf8("{\"m\":\"must be a well-formed email"), 6)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"caf\u00e9", "say \"hi\"", "back\\slash", "tab\there", "del\u007f"})
  void aValueThatIsNotItsOwnJsonIsNeverRecognisedFromBytes(String value) {
    ErrorEntries.Collector collector = new ErrorEntries.Collector();
    char[] chars = value.toCharArray();
    collector.share(0, chars, 0, chars.length);

    // Its bytes (as Latin-1, one a character) then a quote: still not taken for it.
    byte[] input = ("\"" + value + "\"").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    assertThat(collector.sameAsLast(0, input, 1)).isNull();
  }

  @Test
  void aColumnJudgedNotWorthSharingIsNotRecognisedFromBytes() {
    ErrorEntries.Collector collector = new ErrorEntries.Collector();
    for (int i = 0; i < ErrorEntries.Collector.COLUMN_PROBE; i++) {
      char[] chars = ("row " + i).toCharArray();
      collector.share(2, chars, 0, chars.length);
    }
    String last = "row " + (ErrorEntries.Collector.COLUMN_PROBE - 1);

    assertThat(collector.sameAsLast(2, utf8("\"" + last + "\""), 1)).isNull();
  }

  /** The last values are kept in a few slots, the oldest replaced first: a slot's characters are its value's. */
  @Test
  void aValueMeetsItsOwnEqualAfterTheRecentSlotsHaveTurnedOver() {
    ErrorEntries.Collector collector = new ErrorEntries.Collector();
    String[] values = {"aaa", "bbb", "ccc", "ddd", "eee", "fff"};
    for (int round = 0; round < 2; round++) {
      for (String v : values) {
        char[] chars = v.toCharArray();
        // Twice in a row: the second time it is found among the recent values.
        assertThat(collector.share(chars, 0, chars.length)).isEqualTo(v);
        assertThat(collector.share(chars, 0, chars.length)).isEqualTo(v);
      }
    }
  }

  @Test
  void aLongValueIsNeverLookedUp() {
    ErrorEntries.Collector collector = new ErrorEntries.Collector();
    String longValue = "v".repeat(ErrorEntries.Collector.SHARED_MAX_LENGTH + 1);
    String first = collector.share(longValue);
    char[] chars = longValue.toCharArray();

    assertThat(collector.share(chars, 0, chars.length)).isEqualTo(longValue).isNotSameAs(first);
  }

  @Test
  void pastTheCapNewValuesAreStillRightButNotKept() {
    ErrorEntries.Collector collector = new ErrorEntries.Collector();
    int cap = ErrorEntries.Collector.SHARED_MAX_COUNT;
    String[] firsts = new String[cap + 50];
    for (int i = 0; i < firsts.length; i++) {
      firsts[i] = collector.share(new String("value " + i));
    }
    for (int i = 0; i < firsts.length; i++) {
      char[] chars = ("value " + i).toCharArray();
      String again = collector.share(chars, 0, chars.length);
      assertThat(again).isEqualTo("value " + i);
      if (i < cap) {
        assertThat(again).isSameAs(firsts[i]);
      } else {
        assertThat(again).isNotSameAs(firsts[i]);
      }
    }
  }
  @Test
  void nothingCollectedIsAnEmptyList() {
    assertThat(new ErrorEntries.Collector().build()).isEmpty();
  }

  @Test
  void aValueOfTheLongestSharedLengthIsShared() {
    ErrorEntries.Collector collector = new ErrorEntries.Collector();
    char[] chars = "s".repeat(ErrorEntries.Collector.SHARED_MAX_LENGTH).toCharArray();
    String first = collector.share(chars, 0, chars.length);

    assertThat(collector.share(new String(chars))).isSameAs(first);
  }

  @Test
  void aValueFromCharactersIsKeptForLaterRowsNotOnlyTheNextOnes() {
    ErrorEntries.Collector collector = new ErrorEntries.Collector();
    char[] message = "could not be exported".toCharArray();
    String first = collector.share(message, 0, message.length);
    for (int i = 0; i < 10; i++) {
      char[] other = ("row " + i).toCharArray();
      collector.share(other, 0, other.length); // pushes the first value out of the recent ones
    }

    assertThat(collector.share(message, 0, message.length)).isSameAs(first);
  }

  private static String shareIn(ErrorEntries.Collector collector, int column, String value) {
    char[] chars = ("[" + value + "]").toCharArray();
    return collector.share(column, chars, 1, value.length());
  }

  @Test
  void aColumnWhoseValuesSeldomRepeatIsNoLongerLookedUpOnceJudged() {
    ErrorEntries.Collector collector = new ErrorEntries.Collector();
    int field = 1;
    int message = 8;
    String firstField = shareIn(collector, field, "rows[0]");
    String firstMessage = shareIn(collector, message, "could not be exported");
    for (int i = 1; i < ErrorEntries.Collector.COLUMN_PROBE + 10; i++) {
      shareIn(collector, field, "rows[" + i + "]");
      assertThat(shareIn(collector, message, "could not be exported")).isSameAs(firstMessage);
    }

    // Judged after COLUMN_PROBE values, none of them found already kept: the field column
    // is no longer looked up (an equal value, but its own string); the message column,
    // which repeats, still is.
    assertThat(shareIn(collector, field, "rows[0]")).isEqualTo(firstField).isNotSameAs(firstField);
    assertThat(shareIn(collector, message, "could not be exported")).isSameAs(firstMessage);
    // Values given without a column are always looked up.
    char[] chars = "rows[0]".toCharArray();
    assertThat(collector.share(chars, 0, chars.length)).isSameAs(firstField);
  }

  @ParameterizedTest(name = "{0} distinct values in {1}")
  @org.junit.jupiter.params.provider.CsvSource({"2, 64", "12, 64", "13, 64", "64, 200"})
  void aColumnThatRepeatsOftenEnoughKeepsBeingShared(int distinct, int rows) {
    ErrorEntries.Collector collector = new ErrorEntries.Collector();
    String[] firsts = new String[distinct];
    for (int i = 0; i < rows; i++) {
      String value = shareIn(collector, 3, "v" + (i % distinct));
      if (i < distinct) {
        firsts[i] = value;
      }
    }
    // A fifth of the first COLUMN_PROBE lookups found their value kept: 13 distinct values
    // in 64 leave 51 hits; 64 distinct in 64 leave none.
    boolean shared = distinct <= ErrorEntries.Collector.COLUMN_PROBE * 4 / 5;
    String again = shareIn(collector, 3, "v0");
    assertThat(again).isEqualTo("v0");
    assertThat(again == firsts[0]).isEqualTo(shared);
  }
}
