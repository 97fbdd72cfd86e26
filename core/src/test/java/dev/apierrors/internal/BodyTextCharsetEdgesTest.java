package dev.apierrors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link BodyText} at its edges: the charset it reports, the text that may be parsed from
 * its bytes ({@link BodyText#isUtf8Source}), a charset that fails, media types without a
 * type, and clipping at exactly the limit.
 */
class BodyTextCharsetEdgesTest {

  @ParameterizedTest(name = "[{index}] {0} ({1}) -> {2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "null",
      value = {
        // Zero bytes that do not make a JSON text: without a charset, text is UTF-8.
        "680065006c006c006f00 | text/plain             | UTF-8",
        "00680065006c006c006f | null                   | UTF-8",
        // Zero bytes around a JSON text's first character name its encoding.
        "7b007d00             | null                   | UTF-16LE",
        "007b007d             | null                   | UTF-16BE",
        "0000007b0000007d     | null                   | UTF-32BE",
        "7b0000007d000000     | null                   | UTF-32LE",
        // A BOM, then the declared charset over both.
        "fffe6800             | text/plain             | UTF-16LE",
        "efbbbf68             | text/plain             | UTF-8",
        "fffe6800             | text/plain; charset=latin1 | ISO-8859-1",
        "68                   | text/plain             | UTF-8",
        // Parameters other than charset; a charset parameter with no media type before it.
        "68                   | text/plain; format=flowed | UTF-8",
        "68                   | text/plain; format=flowed; charset=latin1 | ISO-8859-1",
        "e9                   | ;charset=latin1        | ISO-8859-1",
        "68                   | text/plain;            | UTF-8",
        "68                   | text/plain; =latin1    | UTF-8",
      })
  void reportsTheCharsetItDecodesWith(String hex, String contentType, String expected) {
    assertThat(BodyText.charset(HexFormat.of().parseHex(hex), contentType)).isEqualTo(Charset.forName(expected));
  }

  @ParameterizedTest(name = "[{index}] {0} as {1}: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "7b7d           | UTF-8    | true",
        "61             | UTF-8    | true",
        "6162           | UTF-8    | true",
        "616263         | UTF-8    | true",
        "61626364       | UTF-8    | true",
        // A zero byte from the fifth on is not where Jackson looks for another encoding.
        "6162636400     | UTF-8    | true",
        "616263640000   | UTF-8    | true",
        // A zero byte among the first four: Jackson would take it for UTF-16/32.
        "00616263       | UTF-8    | false",
        "61006263       | UTF-8    | false",
        "61620063       | UTF-8    | false",
        "61626300       | UTF-8    | false",
        "6100           | UTF-8    | false",
        // A BOM: the text has none.
        "efbbbf7b7d     | UTF-8    | false",
        "efbbbf         | UTF-8    | false",
        // Three bytes that differ from the BOM in one byte are plain UTF-8 text.
        "efbbbe         | UTF-8    | true",
        "efbabf         | UTF-8    | true",
        "eebbbf         | UTF-8    | true",
        "efbb           | UTF-8    | false",
        // Another charset, or no bytes.
        "7b7d           | UTF-16LE | false",
        "7b7d           | ISO-8859-1 | false",
        "''             | UTF-8    | false",
        // A byte that failed to decode.
        "7bff7d         | UTF-8    | false",
      })
  void utf8SourceOnlyWhenTheTextIsExactlyTheUtf8DecodingOfTheBytes(String hex, String charsetName, boolean expected) {
    byte[] bytes = HexFormat.of().parseHex(hex);
    Charset charset = Charset.forName(charsetName);

    assertThat(BodyText.isUtf8Source(bytes, charset, BodyText.decodeWith(bytes, charset))).isEqualTo(expected);
  }

  @Test
  void aTextWithAReplacementCharacterIsNotAUtf8SourceEvenFromValidBytes() {
    byte[] bytes = "\uFFFD".getBytes(StandardCharsets.UTF_8);

    assertThat(BodyText.isUtf8Source(bytes, StandardCharsets.UTF_8, "\uFFFD")).isFalse();
    assertThat(BodyText.isUtf8Source("ok".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8, "ok")).isTrue();
  }

  @Test
  void aCharsetWhoseDecoderThrowsFallsBackToUtf8() {
    byte[] bytes = "Grüße".getBytes(StandardCharsets.UTF_8);

    assertThat(BodyText.decodeWith(bytes, new ThrowingCharset())).isEqualTo("Grüße");
  }

  @ParameterizedTest(name = "[{index}] ''{0}''")
  @CsvSource(
      delimiter = '|',
      value = {"';charset=utf-8'", "';'", "'  ;x=y'", "''", "'   '"})
  void aContentTypeWithoutATypeHasNoMediaType(String contentType) {
    assertThat(BodyText.mediaType(contentType)).isEmpty();
  }

  @Test
  void aMediaTypeWithoutParametersIsTheWholeValue() {
    assertThat(BodyText.mediaType("Text/HTML")).hasValue("text/html");
    assertThat(BodyText.mediaType("a;")).hasValue("a");
  }

  @Test
  void clipKeepsATextOfExactlyTheLimitEvenEndingInAHighSurrogate() {
    String text = "a".repeat(BodyText.MAX_DETAIL_CHARS - 1) + "\uD83D";

    assertThat(BodyText.clip(text)).isSameAs(text);
  }

  @Test
  void clipCutsOneCharacterPastTheLimit() {
    String text = "a".repeat(BodyText.MAX_DETAIL_CHARS) + "b";

    assertThat(BodyText.clip(text)).isEqualTo("a".repeat(BodyText.MAX_DETAIL_CHARS));
  }

  /** A provider charset that fails with an unchecked exception when asked for a decoder. */
  private static final class ThrowingCharset extends Charset {
    ThrowingCharset() {
      super("x-throwing-test", new String[0]);
    }

    @Override
    public boolean contains(Charset cs) {
      return false;
    }

    @Override
    public CharsetDecoder newDecoder() {
      throw new IllegalStateException("broken provider");
    }

    @Override
    public CharsetEncoder newEncoder() {
      throw new UnsupportedOperationException();
    }
  }
}
