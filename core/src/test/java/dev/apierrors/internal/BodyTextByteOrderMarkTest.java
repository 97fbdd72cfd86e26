package dev.apierrors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Charset detection at its edges: bodies that are only a BOM, or as short as a JSON text can be. */
class BodyTextByteOrderMarkTest {
  @ParameterizedTest(name = "[{index}] {0} ({1}) -> ''{2}''")
  @CsvSource(
      delimiter = '|',
      value = {
        // A body that is only a byte-order mark is empty text, whatever the mark.
        "0000feff | text/plain | ''",
        "fffe0000 | text/plain | ''",
        "efbbbf   | text/plain | ''",
        "feff     | text/plain | ''",
        "fffe     | text/plain | ''",
        // A BOM decides the charset of any text, not only of JSON.
        "0000feff00000068 | text/plain | h",
        "fffe000068000000 | text/plain | h",
        "efbbbf68         | text/plain | h",
        "feff0068         | text/plain | h",
        "fffe6800         | text/plain | h",
        // The shortest JSON texts without a BOM, one character in each encoding.
        "00000031 | application/json | 1",
        "31000000 | application/json | 1",
        "0031     | application/json | 1",
        "3100     | application/json | 1",
        "31       | application/json | 1",
      })
  void detectsTheCharsetFromTheFirstBytes(String hex, String contentType, String expected) {
    assertThat(BodyText.decode(HexFormat.of().parseHex(hex), contentType)).isEqualTo(expected);
  }
}
