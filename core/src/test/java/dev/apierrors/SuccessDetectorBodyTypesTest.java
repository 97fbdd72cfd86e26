package dev.apierrors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apierrors.spi.ResponseView;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Which 2xx bodies a detector asks to see, by Content-Type: the built-ins JSON only, a user's every one. */
class SuccessDetectorBodyTypesTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "application/json|true",
      "application/json; charset=utf-8|true",
      "APPLICATION/JSON|true",
      "application/problem+json|true",
      "application/vnd.api+JSON|true",
      "text/html|false",
      "application/octet-stream|false",
      "text/plain; charset=utf-8|false",
      "''|false"})
  void theBuiltInsWantJsonBodies(String contentType, boolean wanted) {
    assertThat(SuccessErrorDetector.slack().wantsBody(Optional.of(contentType))).isEqualTo(wanted);
    assertThat(SuccessErrorDetector.graphql().wantsBody(Optional.of(contentType))).isEqualTo(wanted);
  }

  @Test
  void theBuiltInsWantABodyOfNoStatedType() {
    assertThat(SuccessErrorDetector.slack().wantsBody(Optional.empty())).isTrue();
    assertThat(SuccessErrorDetector.graphql().wantsBody(Optional.empty())).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"text/html", "application/octet-stream", "application/json"})
  void aUserDetectorWantsEveryBody(String contentType) {
    SuccessErrorDetector custom = SuccessErrorDetector.when("rpc", v -> false);
    assertThat(custom.wantsBody(Optional.of(contentType))).isTrue();
    assertThat(custom.wantsBody(Optional.empty())).isTrue();
  }

  @Test
  void aUserDetectorIsNamedInItsToString() {
    SuccessErrorDetector custom = SuccessErrorDetector.when("rpc", v -> v.status() == 299);
    assertThat(custom).hasToString("SuccessErrorDetector(rpc)");
    assertThat(custom.isError(ResponseView.builder(299).build())).isTrue();
    assertThat(custom.isError(ResponseView.builder(200).build())).isFalse();
    assertThat(SuccessErrorDetector.slack()).hasToString("SuccessErrorDetector.slack()");
    assertThat(SuccessErrorDetector.graphql().name()).isEqualTo("graphql");
  }

  @Test
  void anEmptyBodyIsNoError() {
    assertThat(SuccessErrorDetector.slack().isError(ResponseView.builder(200).build())).isFalse();
    assertThat(SuccessErrorDetector.graphql().isError(ResponseView.builder(200).build())).isFalse();
  }
}
