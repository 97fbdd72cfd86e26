package dev.apierrors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.jspecify.annotations.Nullable;

class BodyTextTest {
  private static final String JSON = "{\"message\":\"Grüße ✓ 😀\"}";
  private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
  private static final byte[] UTF16BE_BOM = {(byte) 0xFE, (byte) 0xFF};
  private static final byte[] UTF16LE_BOM = {(byte) 0xFF, (byte) 0xFE};
  private static final byte[] UTF32BE_BOM = {0, 0, (byte) 0xFE, (byte) 0xFF};
  private static final byte[] UTF32LE_BOM = {(byte) 0xFF, (byte) 0xFE, 0, 0};

  static Stream<Arguments> detectedEncodings() {
    return Stream.of(
        Arguments.of("UTF-8", new byte[0]),
        Arguments.of("UTF-8", UTF8_BOM),
        Arguments.of("UTF-16BE", new byte[0]),
        Arguments.of("UTF-16BE", UTF16BE_BOM),
        Arguments.of("UTF-16LE", new byte[0]),
        Arguments.of("UTF-16LE", UTF16LE_BOM),
        Arguments.of("UTF-32BE", new byte[0]),
        Arguments.of("UTF-32BE", UTF32BE_BOM),
        Arguments.of("UTF-32LE", new byte[0]),
        Arguments.of("UTF-32LE", UTF32LE_BOM));
  }

  @ParameterizedTest(name = "{0} with BOM of {1} bytes")
  @MethodSource("detectedEncodings")
  void jsonWithoutCharsetIsDetectedFromItsBytes(String charset, byte[] bom) {
    byte[] bytes = concat(bom, JSON.getBytes(Charset.forName(charset)));

    assertThat(BodyText.decode(bytes, "application/json")).isEqualTo(JSON);
    assertThat(BodyText.decode(bytes, null)).isEqualTo(JSON);
  }

  static Stream<Arguments> declaredCharsets() {
    return Stream.of(
        Arguments.of("text/plain; charset=ISO-8859-1", "café".getBytes(StandardCharsets.ISO_8859_1), "café"),
        Arguments.of("text/plain;charset=\"utf-16le\"", "hé".getBytes(StandardCharsets.UTF_16LE), "hé"),
        Arguments.of("application/json; Charset=UTF-16BE", "{}".getBytes(StandardCharsets.UTF_16BE), "{}"),
        Arguments.of("text/plain; charset=windows-1252", new byte[] {(byte) 0x80}, "€"),
        // The declared charset wins even when wrong: UTF-8 bytes read as Latin-1.
        Arguments.of("text/plain; charset=iso-8859-1", "é".getBytes(StandardCharsets.UTF_8), "Ã©"),
        // An unknown or illegal name counts as absent: UTF-8.
        Arguments.of("text/plain; charset=no-such-charset", "é".getBytes(StandardCharsets.UTF_8), "é"),
        Arguments.of("text/plain; charset=\"\"", "é".getBytes(StandardCharsets.UTF_8), "é"),
        Arguments.of("text/plain; charset=ut f8!", "é".getBytes(StandardCharsets.UTF_8), "é"),
        Arguments.of("text/html", "é".getBytes(StandardCharsets.UTF_8), "é"),
        Arguments.of("text/plain; charset=utf-8", concat(UTF8_BOM, "hi".getBytes(StandardCharsets.UTF_8)), "hi"),
        Arguments.of("text/plain; charset=utf-16be", concat(UTF16BE_BOM, "hi".getBytes(StandardCharsets.UTF_16BE)),
            "hi"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("declaredCharsets")
  void declaredCharsetWinsAndBomIsDropped(String contentType, byte[] bytes, String expected) {
    assertThat(BodyText.decode(bytes, contentType)).isEqualTo(expected);
  }

  @Test
  void zeroBytesOfTextThatIsNotJsonDoNotSelectUtf16() {
    byte[] utf16Text = "hello".getBytes(StandardCharsets.UTF_16LE);

    assertThat(BodyText.decode(utf16Text, "text/plain")).isEqualTo(new String(utf16Text, StandardCharsets.UTF_8));
  }

  @Test
  void bomNamesTheEncodingOfAnyBody() {
    byte[] bytes = concat(UTF16LE_BOM, "hello".getBytes(StandardCharsets.UTF_16LE));

    assertThat(BodyText.decode(bytes, "text/plain")).isEqualTo("hello");
  }

  @Test
  void invalidUtf8BecomesReplacementCharacters() {
    byte[] bytes = {'o', 'k', (byte) 0xC3, ' ', (byte) 0xFF, (byte) 0xE2, (byte) 0x82};

    assertThat(BodyText.decode(bytes, "text/plain")).isEqualTo("ok\uFFFD \uFFFD\uFFFD");
  }

  @Test
  void oddLengthUtf16EndsInReplacementCharacter() {
    byte[] bytes = {0, '{', 0, '}', 0};

    assertThat(BodyText.decode(bytes, null)).isEqualTo("{}\uFFFD");
  }

  @Test
  void mediaTypeIsLowerCasedWithoutParameters() {
    assertThat(BodyText.mediaType(" Application/Problem+JSON ; charset=utf-8")).contains("application/problem+json");
    assertThat(BodyText.mediaType(" ; charset=utf-8")).isEmpty();
    assertThat(BodyText.mediaType(null)).isEmpty();
  }

  @Test
  void clipNeverSplitsASurrogatePair() {
    String text = "a".repeat(BodyText.MAX_DETAIL_CHARS - 1) + "😀" + "tail";

    String clipped = BodyText.clip(text);

    assertThat(clipped).hasSize(BodyText.MAX_DETAIL_CHARS - 1).doesNotContain("\uD83D");
    assertThat(BodyText.clip("short")).isEqualTo("short");
    assertThat(BodyText.clip("b".repeat(5000))).hasSize(BodyText.MAX_DETAIL_CHARS);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    return ByteBuffer.allocate(a.length + b.length).put(a).put(b).array();
  }

  /** The rule as it was first written (split, strip, substring): the reference the in-place reading must agree with. */
  private static @Nullable Charset charsetBySplitting(String contentType) {
    if (contentType.indexOf(';') < 0) {
      return null;
    }
    String[] parts = contentType.split(";");
    for (int i = 1; i < parts.length; i++) {
      String param = parts[i].strip();
      int eq = param.indexOf('=');
      if (eq > 0 && param.substring(0, eq).strip().equalsIgnoreCase("charset")) {
        String name = param.substring(eq + 1).strip();
        if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
          name = name.substring(1, name.length() - 1).strip();
        }
        try {
          return Charset.forName(name);
        } catch (IllegalArgumentException e) {
          return null;
        }
      }
    }
    return null;
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {
      "application/json", "application/json;charset=UTF-8", "application/json; charset=utf-8",
      "text/html ; CHARSET = \"ISO-8859-1\" ", "text/plain;charset=\" utf-16 \"", "text/plain;charset=\"\"", "text/plain;charset=\"   \"",
      "text/plain;charset=\"", "text/plain;charset=", "text/plain;charset", "text/plain;=utf-8",
      "text/plain;format=flowed;charset=windows-1252", "text/plain;charset=nope;charset=utf-8",
      "text/plain;;charset=utf-8;", "text/plain;x=1=2;charset=Shift_JIS", "text/plain;\u2003charset\u2003=\u2003utf-8",
      "text/plain;charsets=utf-8", "text/plain;xcharset=utf-8", "text/plain;charset=utf-8x", "text/plain;charset=utf8",
      "text/plain;charset=UTF-\u0038", ";charset=us-ascii", "text/plain;charset=\u212Aoi8-r", "text/plain;charset=bad name",
  })
  void theCharsetParameterIsReadInPlaceAsTheSplittingRuleReadsIt(String contentType) {
    assertThat(BodyText.declaredCharset(contentType)).isEqualTo(charsetBySplitting(contentType));
  }

  @Test
  void theCharsetParameterAgreesWithTheSplittingRuleOnRandomContentTypes() {
    Random random = new Random(20261203);
    String[] pieces = {";", "=", " ", "\t", "\"", "charset", "CharSet", "utf-8", "UTF-8", "latin1", "x", "text/plain", "\u2003"};
    for (int round = 0; round < 5_000; round++) {
      StringBuilder b = new StringBuilder();
      for (int i = random.nextInt(9); i >= 0; i--) {
        b.append(pieces[random.nextInt(pieces.length)]);
      }
      String contentType = b.toString();
      assertThat(BodyText.declaredCharset(contentType)).as(contentType).isEqualTo(charsetBySplitting(contentType));
    }
    assertThat(BodyText.declaredCharset(null)).isNull();
  }

  /**
   * A hostile {@code Content-Type} of a million parameters: each is read once, so its
   * charset is found (or not) in one pass. The timeout bounds the complexity, it measures
   * nothing: read once per parameter, this took minutes.
   */
  @Test
  @org.junit.jupiter.api.Timeout(30)
  void aMillionParametersAreReadInOnePass() {
    String semicolons = ";".repeat(1_000_000);
    assertThat(BodyText.declaredCharset("text/plain" + semicolons)).isNull();
    assertThat(BodyText.declaredCharset("text/plain" + semicolons + "charset=utf-16")).isEqualTo(StandardCharsets.UTF_16);
    String valueless = "text/plain" + semicolons.replace(";", "; x") + ";charset=\"utf-8\"";
    assertThat(BodyText.declaredCharset(valueless)).isEqualTo(StandardCharsets.UTF_8)
        .isEqualTo(charsetBySplitting(valueless));
  }
}
