package dev.apierrors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apierrors.spi.HttpHeaders;
import dev.apierrors.spi.ResponseView;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Which 2xx bodies the built-in detectors call errors. */
class SuccessErrorDetectorTest {
  private static ResponseView ok(String body) {
    return ResponseView.builder(200).headers(HttpHeaders.of("Content-Type", "application/json")).body(body).build();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "{\"ok\":false,\"error\":\"channel_not_found\"}|true",
      "{\"ok\":true,\"channel\":\"C1\"}|false",
      "{\"ok\":\"false\"}|false",
      "{\"error\":\"x\"}|false",
      "[false]|false",
      "not json|false",
      "''|false"})
  void slackSaysErrorOnlyForOkFalse(String body, boolean expected) {
    assertThat(SuccessErrorDetector.slack().isError(ok(body))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "{\"errors\":[{\"message\":\"Cannot query field\"}],\"data\":null}|true",
      "{\"errors\":[{\"message\":\"Syntax Error\"}]}|true",
      "{\"errors\":[{\"message\":\"partial\",\"path\":[\"user\",\"email\"]}],\"data\":{\"user\":{\"id\":1}}}|false",
      "{\"errors\":[],\"data\":null}|false",
      "{\"data\":{\"viewer\":{\"login\":\"x\"}}}|false",
      "{\"errors\":\"oops\",\"data\":null}|false"})
  void graphqlSaysErrorOnlyWhenThereIsNoData(String body, boolean expected) {
    assertThat(SuccessErrorDetector.graphql().isError(ok(body))).isEqualTo(expected);
  }

  @Test
  void aBodyCutAtThePeekLimitIsJudgedByItsCompleteMembers() {
    byte[] cut = "{\"ok\":false,\"error\":\"invalid_auth\",\"response_metadata\":{\"warnings\":[\"a".getBytes(
        java.nio.charset.StandardCharsets.UTF_8);
    ResponseView view = ResponseView.builder(200).body(dev.apierrors.spi.BoundedBody.of(cut, true)).build();
    assertThat(SuccessErrorDetector.slack().isError(view)).isTrue();
    ResponseView notCut = ResponseView.builder(200).body(dev.apierrors.spi.BoundedBody.of(cut, false)).build();
    assertThat(SuccessErrorDetector.slack().isError(notCut)).as("invalid JSON, not cut").isFalse();
  }

  @Test
  void aUserPredicateSeesStatusHeadersAndBody() {
    SuccessErrorDetector rpc = SuccessErrorDetector.when("rpc",
        v -> v.headers().firstValue("X-Rpc-Status").filter(s -> !s.equals("0")).isPresent());
    assertThat(rpc.name()).isEqualTo("rpc");
    assertThat(rpc.isError(ResponseView.builder(200).headers(HttpHeaders.of("X-Rpc-Status", "13")).build())).isTrue();
    assertThat(rpc.isError(ResponseView.builder(200).headers(HttpHeaders.of("X-Rpc-Status", "0")).build())).isFalse();
  }

  @Test
  void builtInsAreFoundByName() {
    assertThat(SuccessErrorDetector.builtIn("slack")).containsSame(SuccessErrorDetector.slack());
    assertThat(SuccessErrorDetector.builtIn("graphql")).containsSame(SuccessErrorDetector.graphql());
    assertThat(SuccessErrorDetector.builtIn("soap")).isEmpty();
    assertThat(SuccessErrorDetector.slack().name()).isEqualTo("slack");
    assertThat(SuccessErrorDetector.graphql()).hasToString("SuccessErrorDetector.graphql()");
  }

  @Test
  void theExceptionKeepsItsClassAndDetectorAcrossWithAttempts() {
    ApiError error = ApiError.builder(200).format("error_description").title("OK").code("channel_not_found").build();
    ErrorInSuccessException e = new ErrorInSuccessException(error, 1, "slack");
    ApiException copy = e.withAttempts(3);
    assertThat(copy).isExactlyInstanceOf(ErrorInSuccessException.class);
    assertThat(((ErrorInSuccessException) copy).detector()).isEqualTo("slack");
    assertThat(copy.attempts()).isEqualTo(3);
    assertThat(e.status()).isEqualTo(200);
  }
}
