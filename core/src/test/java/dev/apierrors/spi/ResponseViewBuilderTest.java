package dev.apierrors.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link ResponseView}: the statuses its builder takes, what it holds, and its one-line form. */
class ResponseViewBuilderTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(ints = {100, 101, 404, 998, 999})
  void everyThreeDigitStatusIsAccepted(int status) {
    assertThat(ResponseView.builder(status).build().status()).isEqualTo(status);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(ints = {99, 1000, 0, -200, 10_000})
  void anyOtherStatusIsRejected(int status) {
    assertThatThrownBy(() -> ResponseView.builder(status))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("status must be a 3-digit HTTP status, was " + status);
  }

  @Test
  void aBareViewShowsItsStatusAndEmptyBodyOnly() {
    ResponseView view = ResponseView.builder(500).build();

    assertThat(view).hasToString("ResponseView{status=500, body=BoundedBody{0 bytes}}");
    assertThat(view.headers().isEmpty()).isTrue();
    assertThat(view.requestMethod()).isEmpty();
    assertThat(view.requestUrl()).isEmpty();
    assertThat(view.contentType()).isEmpty();
    assertThat(view.secrets().isEmpty()).isTrue();
  }

  @Test
  void aFullViewShowsItsHeadersAndRequestWithTheUrlRedacted() {
    ResponseView view = ResponseView.builder(404)
        .headers(HttpHeaders.of("Content-Type", "text/plain"))
        .request("GET", "https://api.example.com/items?api_key=k3y-v4lue&page=2")
        .body("missing")
        .build();

    String line = view.toString();

    assertThat(line).startsWith("ResponseView{status=404, headers=HttpHeaders{fields={Content-Type=[text/plain]}}, "
        + "request=GET https://api.example.com/items?")
        .endsWith(", body=BoundedBody{7 bytes}}")
        .contains("page=2")
        .doesNotContain("k3y-v4lue");
    assertThat(view.contentType()).hasValue("text/plain");
    assertThat(view.requestUrl()).hasValue("https://api.example.com/items?api_key=k3y-v4lue&page=2");
  }

  @Test
  void theSecretsGivenAreKeptAndMaskedInTheLine() {
    Secrets secrets = Secrets.builder()
        .request("https://api.example.com/", HttpHeaders.of("Authorization", "Bearer t0k3n-of-the-redirect"))
        .build();

    ResponseView view = ResponseView.builder(401)
        .secrets(secrets)
        .headers(HttpHeaders.of("X-Echo", "t0k3n-of-the-redirect"))
        .body(BoundedBody.of("x".getBytes(StandardCharsets.UTF_8), false))
        .build();

    assertThat(view.secrets()).isSameAs(secrets);
    assertThat(view.toString()).contains("X-Echo").doesNotContain("t0k3n-of-the-redirect");
  }
}
