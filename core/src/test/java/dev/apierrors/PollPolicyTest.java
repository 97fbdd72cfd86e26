package dev.apierrors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apierrors.spi.HttpHeaders;
import dev.apierrors.spi.ResponseView;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The poll decision without HTTP: status URL, terminal state, waits, limits. */
class PollPolicyTest {
  private static final OptionalLong NO_DEADLINE = OptionalLong.empty();

  private static ResponseView view(int status, String body, String... headers) {
    return ResponseView.builder(status).headers(HttpHeaders.of(headers)).body(body).build();
  }

  static Stream<Arguments> statusUrls() {
    return Stream.of(
        Arguments.of("Operation-Location first", new String[] {"Location", "/l", "Operation-Location", "/op",
            "Azure-AsyncOperation", "/az"}, "/op"),
        Arguments.of("then Azure-AsyncOperation", new String[] {"Location", "/l", "Azure-AsyncOperation", "/az"}, "/az"),
        Arguments.of("then Location", new String[] {"Location", " /operations/7 "}, "/operations/7"),
        Arguments.of("a blank one is skipped", new String[] {"Operation-Location", " ", "Location", "/l"}, "/l"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("statusUrls")
  void theStatusUrlComesFromTheFirstHeaderPresent(String name, String[] headers, String expected) {
    assertThat(PollPolicy.ofDefaults().statusUrl(view(202, "", headers))).contains(expected);
  }

  @Test
  void noHeaderNoStatusUrlAndAUserFunctionReplacesTheHeaders() {
    assertThat(PollPolicy.ofDefaults().statusUrl(view(202, "{}"))).isEmpty();
    PollPolicy fromBody = PollPolicy.builder()
        .statusUrl(v -> Optional.of(new String(v.body().bytes()).replaceAll(".*\"href\":\"([^\"]+)\".*", "$1")))
        .build();
    assertThat(fromBody.statusUrl(view(202, "{\"href\":\"/jobs/9\"}", "Location", "/ignored"))).contains("/jobs/9");
  }

  static Stream<Arguments> states() {
    return Stream.of(
        Arguments.of(200, "{\"status\":\"Succeeded\"}", new String[0], OperationState.SUCCEEDED),
        Arguments.of(200, "{\"status\":\"completed\"}", new String[0], OperationState.SUCCEEDED),
        Arguments.of(200, "{\"status\":\"Failed\",\"error\":{\"code\":\"X\"}}", new String[0], OperationState.FAILED),
        Arguments.of(200, "{\"status\":\"canceled\"}", new String[0], OperationState.FAILED),
        Arguments.of(200, "{\"status\":\"Cancelled\"}", new String[0], OperationState.FAILED),
        Arguments.of(200, "{\"status\":\"InProgress\"}", new String[0], OperationState.RUNNING),
        Arguments.of(202, "{\"status\":\"succeeded\"}", new String[0], OperationState.SUCCEEDED),
        Arguments.of(200, "{\"id\":1}", new String[0], OperationState.SUCCEEDED),
        Arguments.of(201, "", new String[0], OperationState.SUCCEEDED),
        Arguments.of(303, "", new String[] {"Location", "/r"}, OperationState.SUCCEEDED),
        Arguments.of(200, "", new String[] {"Retry-After", "1"}, OperationState.RUNNING),
        Arguments.of(202, "", new String[0], OperationState.RUNNING),
        Arguments.of(200, "{\"status\":7}", new String[0], OperationState.SUCCEEDED),
        Arguments.of(200, "not json", new String[0], OperationState.SUCCEEDED));
  }

  @ParameterizedTest(name = "{0} {1} -> {3}")
  @MethodSource("states")
  void theDefaultRuleReadsTheStatusMemberElseTheStatusCode(int status, String body, String[] headers,
      OperationState expected) {
    assertThat(PollPolicy.ofDefaults().stateOf(view(status, body, headers))).isEqualTo(expected);
  }

  @Test
  void aUserStateFunctionReplacesTheDefaultRule() {
    PollPolicy policy = PollPolicy.builder()
        .state(v -> new String(v.body().bytes()).contains("\"ok\":true") ? OperationState.SUCCEEDED : OperationState.RUNNING)
        .build();
    assertThat(policy.stateOf(view(200, "{\"status\":\"failed\",\"ok\":true}"))).isEqualTo(OperationState.SUCCEEDED);
    assertThat(policy.stateOf(view(200, "{}"))).isEqualTo(OperationState.RUNNING);
  }

  @Test
  void theServersRetryAfterWinsOverTheBackoff() {
    PollDecision d = PollPolicy.ofDefaults().decide(0, view(202, "", "Retry-After", "3"), NO_DEADLINE);
    assertThat(d.kind()).isEqualTo(PollDecision.Kind.POLL_AGAIN);
    assertThat(d.waitDuration()).isEqualTo(Duration.ofSeconds(3));
    assertThat(d.waitSource()).contains(WaitSource.RETRY_AFTER);
    PollDecision ms = PollPolicy.ofDefaults().decide(0, view(202, "", "retry-after-ms", "250", "Retry-After", "3"), NO_DEADLINE);
    assertThat(ms.waitDuration()).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void withoutRetryAfterTheBackoffDoublesUpToItsCapWithoutJitter() {
    PollPolicy policy = PollPolicy.builder().initialBackoff(Duration.ofMillis(100)).maxBackoff(Duration.ofMillis(500))
        .maxPolls(10).build();
    long[] waits = new long[6];
    for (int polls = 0; polls < waits.length; polls++) {
      PollDecision d = policy.decide(polls, view(202, ""), NO_DEADLINE);
      assertThat(d.waitSource()).contains(WaitSource.BACKOFF);
      waits[polls] = d.waitDuration().toMillis();
    }
    assertThat(waits).containsExactly(100, 200, 400, 500, 500, 500);
  }

  @Test
  void limitsStopThePollingWithAReason() {
    PollPolicy policy = PollPolicy.builder().maxPolls(3).maxRetryAfter(Duration.ofSeconds(10)).build();
    assertThat(policy.decide(3, view(202, ""), NO_DEADLINE).kind()).isEqualTo(PollDecision.Kind.GIVE_UP);
    assertThat(policy.decide(3, view(202, ""), NO_DEADLINE).reason()).contains("maxPolls (3)");
    PollDecision tooLong = policy.decide(0, view(202, "", "Retry-After", "30"), NO_DEADLINE);
    assertThat(tooLong.kind()).isEqualTo(PollDecision.Kind.GIVE_UP);
    assertThat(tooLong.reason()).contains("maxRetryAfter");
    PollDecision pastDeadline = policy.decide(0, view(202, "", "Retry-After", "2"), OptionalLong.of(1_500));
    assertThat(pastDeadline.kind()).isEqualTo(PollDecision.Kind.GIVE_UP);
    assertThat(pastDeadline.reason()).contains("deadline");
  }

  @Test
  void aSuccessNamesTheResultLocationFromTheHeaderOrTheBody() {
    PollDecision fromHeader = PollPolicy.ofDefaults().decide(2, view(303, "", "Location", "/things/1"), NO_DEADLINE);
    assertThat(fromHeader.kind()).isEqualTo(PollDecision.Kind.SUCCEEDED);
    assertThat(fromHeader.isTerminal()).isTrue();
    assertThat(fromHeader.resultLocation()).contains("/things/1");
    PollDecision fromBody = PollPolicy.ofDefaults().decide(1,
        view(200, "{\"status\":\"Succeeded\",\"resourceLocation\":\"https://x.example/r/2\"}"), NO_DEADLINE);
    assertThat(fromBody.resultLocation()).contains("https://x.example/r/2");
    assertThat(PollPolicy.ofDefaults().decide(1, view(200, "{\"status\":\"failed\"}"), NO_DEADLINE).kind())
        .isEqualTo(PollDecision.Kind.FAILED);
  }

  @Test
  void badConfigurationFailsFast() {
    assertThatThrownBy(() -> PollPolicy.builder().maxPolls(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PollPolicy.builder().initialBackoff(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PollPolicy.builder().timeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PollPolicy.builder().initialBackoff(Duration.ofSeconds(2)).maxBackoff(Duration.ofSeconds(1)).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PollPolicy.ofDefaults().decide(-1, view(202, ""), NO_DEADLINE))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void decisionsSayWhatTheyAreInOneLineWithoutTheUrl() {
    PollDecision d = PollPolicy.ofDefaults().decide(0, view(303, "", "Location", "/r?token=secret"), NO_DEADLINE);
    assertThat(d.toString()).startsWith("succeeded:").doesNotContain("secret");
  }
}
