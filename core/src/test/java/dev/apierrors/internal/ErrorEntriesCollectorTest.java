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
  @ValueSource(ints = {1, 4, 5, ROWS_PER_CHUNK - 1, ROWS_PER_CHUNK, ROWS_PER_CHUNK + 1, 3 * ROWS_PER_CHUNK + 7})
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
}
