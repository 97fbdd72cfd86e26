package dev.apierrors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apierrors.ApiError;
import dev.apierrors.ErrorDecoder;
import dev.apierrors.spi.HttpHeaders;
import dev.apierrors.spi.ResponseView;
import dev.apierrors.spi.Secrets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The credentials a decoded error masks: from the headers, from the adapter's secrets, or both. */
class DecodingPipelineSecretsTest {
  private static final String REDIRECT_TOKEN = "redirect-t0ken-abc123";
  private static final String REQUEST_TOKEN = "request-t0ken-xyz789";

  @ParameterizedTest(name = "credential header: {0}, secrets: {1}")
  @CsvSource({"false, true", "true, true", "true, false"})
  void everyKnownCredentialIsMaskedInTheError(boolean header, boolean secrets) {
    ResponseView.Builder view = ResponseView.builder(400)
        .headers(HttpHeaders.of("Content-Type", "application/json"))
        .body("{\"message\":\"echo " + REDIRECT_TOKEN + " and " + REQUEST_TOKEN + "\"}");
    if (header) {
      view.requestHeaders(HttpHeaders.of("Authorization", "Bearer " + REQUEST_TOKEN));
    }
    if (secrets) {
      view.secrets(Secrets.builder()
          .request("https://login.example.com/", HttpHeaders.of("Authorization", "Bearer " + REDIRECT_TOKEN))
          .build());
    }

    ApiError error = ErrorDecoder.ofDefaults().decode(view.build());

    String line = error.toString();
    assertThat(line).contains("echo");
    assertThat(line.contains(REDIRECT_TOKEN)).isEqualTo(!secrets);
    assertThat(line.contains(REQUEST_TOKEN)).isEqualTo(!header);
  }
}
