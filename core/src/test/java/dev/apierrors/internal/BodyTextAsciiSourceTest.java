package dev.apierrors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** {@link BodyText#isAsciiUtf8Source}: every byte ASCII, none zero among the first four. */
class BodyTextAsciiSourceTest {
  @Test
  void anAllAsciiBodyOfAnyLengthIsItsOwnText() {
    for (int length = 1; length <= 40; length++) {
      byte[] bytes = new byte[length];
      Arrays.fill(bytes, (byte) 'a');
      assertThat(BodyText.isAsciiUtf8Source(bytes)).as("length %d", length).isTrue();
    }
  }

  @Test
  void oneByteBeyondAsciiAnywhereIsNot() {
    for (int length = 1; length <= 40; length++) {
      for (int at = 0; at < length; at++) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) '{');
        bytes[at] = (byte) 0xC3;
        assertThat(BodyText.isAsciiUtf8Source(bytes)).as("length %d, at %d", length, at).isFalse();
        bytes[at] = (byte) 0x80;
        assertThat(BodyText.isAsciiUtf8Source(bytes)).as("length %d, at %d", length, at).isFalse();
      }
    }
  }

  @Test
  void aZeroByteCountsOnlyWhereJacksonDetectsEncodings() {
    for (int at = 0; at < 12; at++) {
      byte[] bytes = new byte[12];
      Arrays.fill(bytes, (byte) ' ');
      bytes[at] = 0;
      assertThat(BodyText.isAsciiUtf8Source(bytes)).as("zero at %d", at).isEqualTo(at >= 4);
    }
  }

  @Test
  void anEmptyBodyIsNot() {
    assertThat(BodyText.isAsciiUtf8Source(new byte[0])).isFalse();
  }
}
