package dev.apierrors.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DemoSmokeTest {

  private static MainRun run(String... args) {
    return MainRun.of(args);
  }

  @Test
  void demoRunsToTheEndWithoutStackTraces() {
    MainRun run = run();

    assertThat(run.code()).as(run.out()).isEqualTo(Main.OK);
    assertThat(run.err()).isEmpty();
    assertThat(run.out())
        .contains("1. Every error format")
        .contains("problem_json", "problem_xml", "status_error", "error_description", "message_description",
            "code_message", "errors_array", "nested_error", "html", "plain_text", "empty", "error_text", "xml_error")
        .contains("AWS S3", "NoSuchKey", "The specified key does not exist.")
        .contains("FastAPI", "Field required", "Django REST", "Enter a valid email address.")
        .contains("ResourceNotFoundException", "index_not_found_exception", "GRAPHQL_VALIDATION_FAILED")
        .contains("UnprocessableContentException", "BadGatewayException")
        .contains("TooManyRequestsException: slow down, retry in 30000 ms")
        .contains("bodyAs(OutOfCredit)   OutOfCredit[")
        .contains("event: attempt 1 failed (429 Too Many Requests: slow down), retrying in 1000 ms (retry-after)")
        .contains("200 after 2 attempts")
        .contains("ServiceUnavailableException after 1 attempt")
        .contains("retryAfterMillis = 120000")
        .contains("/async/gone  ->  GoneException: 410 Gone")
        .contains("event: attempt 1 failed (503 Service Unavailable), retrying in 300 ms (retry-after)")
        .contains("/async/busy  ->  ok: 200 (after 2 attempts)")
        .doesNotContain("\tat ", "Exception in thread", "(no exception!)")
        .endsWith("Done." + System.lineSeparator());
  }

  @Test
  void demoCommandByNameRunsTheDemo() {
    assertThat(run("demo").code()).isEqualTo(Main.OK);
  }

  @ParameterizedTest
  @ValueSource(strings = {"frobnicate", "decode", "conformance"})
  void badUsageExitsWith2(String command) {
    MainRun run = run(command);

    assertThat(run.code()).isEqualTo(Main.BAD_INPUT);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("apierrors-examples: ").contains("usage:");
  }
}
