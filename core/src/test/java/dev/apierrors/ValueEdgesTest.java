package dev.apierrors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apierrors.spi.ErrorFields;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The decoder's limits at their bounds, entry equality, and the fields' one line. */
class ValueEdgesTest {
  @ParameterizedTest(name = "{0}")
  @ValueSource(longs = {0, 1, 1L << 30})
  void anExplicitCompressedLimitFromZeroToOneGiBIsKeptAsGiven(long limit) {
    ErrorDecoder decoder = ErrorDecoder.builder().maxCompressedBodyBytes(limit).build();

    assertThat(decoder.maxCompressedBodyBytes()).isEqualTo(limit);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(longs = {-1, (1L << 30) + 1})
  void aCompressedLimitOutsideZeroToOneGiBIsRejected(long limit) {
    assertThatThrownBy(() -> ErrorDecoder.builder().maxCompressedBodyBytes(limit))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxCompressedBodyBytes must be between 0 and 1073741824 (1 GiB), was " + limit);
  }

  @Test
  void aBodyReadTimeoutOfExactlyOneDayIsAccepted() {
    assertThat(ErrorDecoder.builder().bodyReadTimeout(Duration.ofDays(1)).build().bodyReadTimeout())
        .isEqualTo(Duration.ofDays(1));
    assertThat(ErrorDecoder.builder().bodyReadTimeout(Duration.ofNanos(1)).build().bodyReadTimeout())
        .isEqualTo(Duration.ofNanos(1));
    assertThatThrownBy(() -> ErrorDecoder.builder().bodyReadTimeout(Duration.ofDays(1).plusNanos(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static Stream<Arguments> differentEntries() {
    ErrorEntry entry = ErrorEntry.of("f", "c", "t", "d");
    return Stream.of(
        Arguments.of(entry, ErrorEntry.of("g", "c", "t", "d")),
        Arguments.of(entry, ErrorEntry.of("f", "x", "t", "d")),
        Arguments.of(entry, ErrorEntry.of("f", "c", "x", "d")),
        Arguments.of(entry, ErrorEntry.of("f", "c", "t", "x")),
        Arguments.of(entry, ErrorEntry.of(null, "c", "t", "d")),
        Arguments.of(entry, ErrorEntry.ofDetail("d")),
        Arguments.of(entry, "ErrorEntry{field=f, code=c, title=t, detail=d}"));
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @MethodSource("differentEntries")
  void entriesDifferingInAnyMemberAreNotEqual(ErrorEntry entry, Object other) {
    assertThat(entry).isNotEqualTo(other);
    assertThat(other).isNotEqualTo(entry);
  }

  @Test
  void entriesWithTheSameMembersAreEqualWhateverTheyMask() {
    ErrorEntry plain = ErrorEntry.of("f", "c", "t", "d");
    ErrorEntry masking = ApiError.builder(400).errors(List.of(ErrorEntry.of("f", "c", "t", "d")))
        .secrets(Set.of("secret-value")).build().errors().get(0);

    assertThat(masking).isEqualTo(plain).hasSameHashCodeAs(plain);
    assertThat(ErrorEntry.ofDetail("d")).isEqualTo(ErrorEntry.of(null, null, null, "d"))
        .hasSameHashCodeAs(ErrorEntry.of(null, null, null, "d"));
  }

  @Test
  void fieldsShowTheirErrorsAndConsumedMembers() {
    ErrorFields fields = ErrorFields.builder().title("T")
        .errors(List.of(ErrorEntry.ofDetail("name is blank")))
        .consumedMembers(Set.of("message"))
        .build();

    assertThat(fields.toString())
        .isEqualTo("ErrorFields{title=T, errors=[ErrorEntry{detail=name is blank}], consumedMembers=[message]}");
    assertThat(ErrorFields.builder().title("T").build().toString()).isEqualTo("ErrorFields{title=T}");
  }
}
