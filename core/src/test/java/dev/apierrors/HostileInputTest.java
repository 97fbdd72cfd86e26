package dev.apierrors;

import dev.apierrors.spi.BoundedBody;
import dev.apierrors.spi.ErrorFormat;
import dev.apierrors.spi.HttpHeaders;
import dev.apierrors.spi.ResponseView;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input is normal input: decoding never throws and picks the right format. */
class HostileInputTest {
  static Stream<Arguments> hostileBodies() {
    byte[] garbage = new byte[4096];
    new Random(42).nextBytes(garbage);
    garbage[0] = 'x'; // not a BOM nor a null-byte pattern: decoded as UTF-8 with replacements
    String deepObject = "{\"a\":".repeat(20_000) + "1" + "}".repeat(20_000);
    String deepArray = "[".repeat(20_000) + "]".repeat(20_000);
    return Stream.of(
        Arguments.of("object nested 20,000 deep", "application/json", utf8(deepObject), "plain_text"),
        Arguments.of("array nested 20,000 deep", "application/json", utf8(deepArray), "plain_text"),
        Arguments.of("binary garbage", "application/octet-stream", garbage, "plain_text"),
        Arguments.of("NUL bytes", null, new byte[] {0, 0, 0, 0, 0, 0}, "plain_text"),
        Arguments.of("lone BOM", "application/json", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "empty"),
        Arguments.of("whitespace", "application/json", utf8(" \n\t\r "), "empty"),
        Arguments.of("huge number", "application/json", utf8("1" + "0".repeat(5000)), "plain_text"),
        Arguments.of("unterminated string", "application/json", utf8("{\"message\":\"abc"), "plain_text"),
        Arguments.of("html without end", "text/html", utf8("<title>" + "&".repeat(100_000)), "html"),
        Arguments.of("many tags", null, utf8("<html>" + "<h".repeat(200_000)), "html"),
        Arguments.of("problem xml that is not xml", "application/problem+xml", utf8("<problem><title>"),
            "plain_text"),
        Arguments.of("problem json that is not json", "application/problem+json", utf8("{oops"),
            "plain_text"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileBodies")
  void hostileBodyDecodesWithoutThrowing(String name, String contentType, byte[] body, String format) {
    ApiError error = Decoding.decode(400, contentType, body, false);

    assertThat(error.format()).isEqualTo(format);
    assertThat(error.status()).isEqualTo(400);
    assertThat(error.detail().map(String::length).orElse(0)).isLessThanOrEqualTo(4096);
    assertThat(ApiException.of(error, 1).getMessage()).hasSizeLessThanOrEqualTo(500);
  }

  @Test
  void tenMegabyteBodyIsCutAtTheLimitAndItsCompleteMembersKept() {
    String json = "{\"message\":\"Too big\",\"code\":\"E9\",\"data\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}";
    byte[] bytes = utf8(json);
    ErrorDecoder decoder = ErrorDecoder.builder().maxBodyBytes(1024).build();

    ApiError error = decoder.decode(ResponseView.builder(413)
        .headers(HttpHeaders.of("Content-Type", "application/json"))
        .body(BoundedBody.of(bytes, true))
        .build());

    assertThat(error.truncated()).isTrue();
    assertThat(error.rawBody()).hasSize(1024);
    assertThat(error.format()).isEqualTo("code_message");
    assertThat(error.detail()).contains("Too big");
    assertThat(error.code()).contains("E9");
    assertThat(error.extensions().keySet()).isEmpty();
  }

  @Test
  void bodyReadUpToTheLimitKeepsTheMembersBeforeTheCut() {
    String json = "{\"title\":\"Quota\",\"detail\":\"Used up\",\"balance\":0,\"items\":[" + "1,".repeat(1000) + "1]}";
    InputStream in = new ByteArrayInputStream(utf8(json));

    ApiError error = ErrorDecoder.ofDefaults().decode(ResponseView.builder(429)
        .body(BoundedBody.read(in, 100))
        .build());

    assertThat(error.truncated()).isTrue();
    assertThat(error.format()).isEqualTo("problem_json");
    assertThat(error.title()).isEqualTo("Quota");
    assertThat(error.detail()).contains("Used up");
    assertThat(error.extensions().keySet()).containsExactly("balance");
  }

  @Test
  void bodyCutByADroppedConnectionKeepsTheMembersThatArrived() {
    InputStream dropping = new InputStream() {
      private final InputStream data = new ByteArrayInputStream(utf8("{\"message\":\"partial\",\"more\":\"abc"));

      @Override
      public int read() throws IOException {
        int b = data.read();
        if (b < 0) {
          throw new IOException("connection reset");
        }
        return b;
      }
    };

    ApiError error = ErrorDecoder.ofDefaults().decode(ResponseView.builder(502)
        .body(BoundedBody.read(dropping, 1024))
        .build());

    assertThat(error.format()).isEqualTo("message");
    assertThat(error.detail()).contains("partial");
    assertThat(error.truncated()).isFalse();
  }

  @Test
  void cutInvalidJsonIsPlainText() {
    byte[] bytes = utf8("{\"message\": oops, \"more\":\"abc");

    ApiError error = Decoding.decode(500, "application/json", bytes, true);

    assertThat(error.format()).isEqualTo("plain_text");
    assertThat(error.truncated()).isTrue();
  }

  @Test
  void plainTextDetailIsCutAt4096CharactersWithoutSplittingASurrogatePair() {
    String body = "y".repeat(4095) + "😀" + "z".repeat(100);

    ApiError error = Decoding.decode(500, "text/plain", body);

    assertThat(error.detail()).hasValueSatisfying(d -> {
      assertThat(d).hasSize(4095);
      assertThat(Character.isHighSurrogate(d.charAt(d.length() - 1))).isFalse();
    });
  }

  @Test
  void customFormatsThatMisbehaveAreSkipped() {
    ErrorFormat throwing = Decoding.format("boom", body -> {
      throw new IllegalStateException("bug in user code");
    });
    ErrorFormat overflowing = Decoding.format("deep", body -> {
      throw new StackOverflowError();
    });
    ErrorFormat returningNull = Decoding.format("null", body -> null);
    ErrorDecoder decoder = ErrorDecoder.builder().addFormat(throwing).addFormat(overflowing)
        .addFormat(returningNull).build();

    ApiError error = decoder.decode(ResponseView.builder(400).body("{\"message\":\"m\"}").build());

    assertThat(error.format()).isEqualTo("message");
  }

  @Test
  void bodyLongerThanTheLimitOfAHandBuiltViewIsCut() {
    ErrorDecoder decoder = ErrorDecoder.builder().maxBodyBytes(5).build();

    ApiError error = decoder.decode(ResponseView.builder(500).body("0123456789").build());

    assertThat(error.truncated()).isTrue();
    assertThat(error.rawBodyText()).isEqualTo("01234");
    assertThat(error.detail()).contains("01234");
  }

  @Test
  void zeroByteLimitGivesAnEmptyTruncatedBody() {
    ErrorDecoder decoder = ErrorDecoder.builder().maxBodyBytes(0).build();

    ApiError error = decoder.decode(ResponseView.builder(500).body("anything").build());

    assertThat(error.format()).isEqualTo("empty");
    assertThat(error.truncated()).isTrue();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
