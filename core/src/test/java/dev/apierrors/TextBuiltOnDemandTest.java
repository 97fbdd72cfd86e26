package dev.apierrors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apierrors.spi.BoundedBody;
import dev.apierrors.spi.ErrorFields;
import dev.apierrors.spi.HttpHeaders;
import dev.apierrors.spi.ResponseView;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An ASCII body read as UTF-8 is parsed from its bytes and its text is built only when
 * asked for: whoever asks (a format, the error) gets the same text as for any other body.
 */
class TextBuiltOnDemandTest {
  @ParameterizedTest
  @ValueSource(strings = {
      "{\"message\":\"plain ascii\"}",
      "  {\"title\":\"Caf\u00e9\"}",       // not ASCII: decoded up front, as before
      "<html><body><h1>502 Bad Gateway</h1></body></html>",
      "upstream connect error",
      "   ",
      "{\"cut\":\"her",                   // not JSON (not cut): plain text
  })
  void aFormatAndTheErrorSeeTheBodyAsItCame(String body) {
    AtomicReference<String> seen = new AtomicReference<>();
    ErrorDecoder decoder = ErrorDecoder.builder()
        .addFormat(Decoding.format("peek", b -> {
          seen.set(b.text());
          return Optional.<ErrorFields>empty();
        }))
        .build();
    ApiError withPeek = decode(decoder, body);
    ApiError plain = decode(ErrorDecoder.ofDefaults(), body);

    assertThat(seen.get()).isEqualTo(body);
    assertThat(plain.rawBodyText()).isEqualTo(body);
    assertThat(plain.format()).isEqualTo(withPeek.format());
    assertThat(plain.detail()).isEqualTo(withPeek.detail());
    assertThat(plain.title()).isEqualTo(withPeek.title());
  }

  @ParameterizedTest
  @ValueSource(strings = {"\u0000{\"a\":1}", "{\u0000\"a\":1}"})
  void aZeroByteWhereJacksonDetectsEncodingsIsNotReadAsUtf8Json(String body) {
    ApiError error = ErrorDecoder.ofDefaults().decode(ResponseView.builder(502)
        .headers(HttpHeaders.of("Content-Type", "application/json; charset=utf-8"))
        .body(BoundedBody.of(body.getBytes(StandardCharsets.UTF_8), false))
        .build());

    assertThat(error.format()).isEqualTo("plain_text");
    assertThat(error.rawBodyText()).isEqualTo(body);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\t\r\n"})
  void aBlankBodyIsStillEmpty(String body) {
    assertThat(decode(ErrorDecoder.ofDefaults(), body).format()).isEqualTo("empty");
  }

  private static ApiError decode(ErrorDecoder decoder, String body) {
    return decoder.decode(ResponseView.builder(502)
        .headers(HttpHeaders.of("Content-Type", "application/json"))
        .body(BoundedBody.of(body.getBytes(StandardCharsets.UTF_8), false))
        .build());
  }
}
