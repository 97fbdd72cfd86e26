package dev.apierrors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apierrors.spi.HttpHeaders;
import dev.apierrors.spi.ResponseView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link PollPolicy#decide}: the exact edges of its limits (maxPolls, maxRetryAfter, the
 * caller's deadline), the backoff's cap, the reasons it gives and the decisions as values.
 */
class PollDecisionBoundariesTest {
  private static final OptionalLong NO_DEADLINE = OptionalLong.empty();
  private static final Instant NOW = Instant.parse("2026-03-04T05:06:07Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private static ResponseView view(int status, String body, String... headers) {
    return ResponseView.builder(status).headers(HttpHeaders.of(headers)).body(body).build();
  }

  private static ResponseView running(String... headers) {
    return view(202, "", headers);
  }

  @ParameterizedTest(name = "maxPolls {0}, after {1} polls -> {2}")
  @CsvSource({
      "1, 0, POLL_AGAIN",
      "1, 1, GIVE_UP",
      "3, 2, POLL_AGAIN",
      "3, 3, GIVE_UP",
      "3, 4, GIVE_UP"})
  void theLastPollAllowedIsMadeAndNoMore(int maxPolls, int polls, PollDecision.Kind expected) {
    PollPolicy policy = PollPolicy.builder().maxPolls(maxPolls).build();
    PollDecision d = policy.decide(polls, running(), NO_DEADLINE);
    assertThat(d.kind()).isEqualTo(expected);
    if (expected == PollDecision.Kind.GIVE_UP) {
      assertThat(d.reason()).isEqualTo("still running after maxPolls (" + maxPolls + ") polls");
      assertThat(d.waitDuration()).isZero();
      assertThat(d.waitSource()).isEmpty();
    }
  }

  @ParameterizedTest(name = "after {0} polls of {1}: {2}")
  @CsvSource(delimiter = '|', value = {
      "0|60|the operation is still running (poll 1 of 60)",
      "4|60|the operation is still running (poll 5 of 60)",
      "1|2|the operation is still running (poll 2 of 2)"})
  void aPollAgainCountsThePollItAnnounces(int polls, int maxPolls, String reason) {
    PollDecision d = PollPolicy.builder().maxPolls(maxPolls).build().decide(polls, running(), NO_DEADLINE);
    assertThat(d.reason()).isEqualTo(reason);
    assertThat(d).hasToString("poll again in " + d.waitDuration().toMillis() + " ms (backoff): " + reason);
  }

  @ParameterizedTest(name = "Retry-After {0} s with maxRetryAfter 10 s -> {1}")
  @CsvSource({
      "0, POLL_AGAIN",
      "9, POLL_AGAIN",
      "10, POLL_AGAIN",
      "11, GIVE_UP"})
  void aServerWaitUpToMaxRetryAfterIsWaited(int seconds, PollDecision.Kind expected) {
    PollPolicy policy = PollPolicy.builder().maxRetryAfter(Duration.ofSeconds(10)).build();
    PollDecision d = policy.decide(0, running("Retry-After", Integer.toString(seconds)), NO_DEADLINE);
    assertThat(d.kind()).isEqualTo(expected);
    if (expected == PollDecision.Kind.POLL_AGAIN) {
      assertThat(d.waitDuration()).isEqualTo(Duration.ofSeconds(seconds));
      assertThat(d.waitSource()).contains(WaitSource.RETRY_AFTER);
    } else {
      assertThat(d.reason()).isEqualTo("the server asked to wait 11000 ms before the next poll, more than"
          + " maxRetryAfter (10000 ms)");
    }
  }

  @ParameterizedTest(name = "wait {0} ms, {1} ms left -> {2}")
  @CsvSource({
      "1000, 1001, POLL_AGAIN",
      "1000, 1000, GIVE_UP",
      "1000, 999, GIVE_UP",
      "1000, 0, GIVE_UP",
      "1000, -5, GIVE_UP"})
  void aWaitThatWouldReachTheDeadlineStopsThePolling(long wait, long left, PollDecision.Kind expected) {
    PollDecision d = PollPolicy.ofDefaults().decide(0, running("retry-after-ms", Long.toString(wait)),
        OptionalLong.of(left));
    assertThat(d.kind()).isEqualTo(expected);
    if (expected == PollDecision.Kind.GIVE_UP) {
      assertThat(d.reason()).isEqualTo("waiting " + wait + " ms would reach the deadline (" + Math.max(0, left)
          + " ms left)");
    } else {
      assertThat(d.waitDuration()).isEqualTo(Duration.ofMillis(wait));
    }
  }

  @Test
  void theBackoffToo_StopsAtTheDeadline() {
    PollPolicy policy = PollPolicy.builder().initialBackoff(Duration.ofMillis(100)).maxBackoff(Duration.ofMillis(100))
        .build();
    assertThat(policy.decide(0, running(), OptionalLong.of(101)).kind()).isEqualTo(PollDecision.Kind.POLL_AGAIN);
    assertThat(policy.decide(0, running(), OptionalLong.of(100)).kind()).isEqualTo(PollDecision.Kind.GIVE_UP);
  }

  @ParameterizedTest(name = "initial {0} ms, max {1} ms, after {2} polls -> {3} ms")
  @CsvSource({
      "100, 401, 0, 100",
      "100, 401, 1, 200",
      "100, 401, 2, 400",
      "100, 401, 3, 401",
      "100, 400, 2, 400",
      "100, 501, 61, 501",
      "100, 501, 62, 501",
      "100, 501, 500, 501",
      "0, 0, 5, 0",
      "0, 1000, 70, 0",
      "1, 9223372036854775807, 62, 4611686018427387904",
      "1, 9223372036854775807, 100, 4611686018427387904"})
  void theBackoffDoublesFromInitialAndNeverPassesItsCap(long initial, long max, int polls, long expected) {
    PollPolicy policy = PollPolicy.builder().initialBackoff(Duration.ofMillis(initial)).maxBackoff(Duration.ofMillis(max))
        .maxPolls(1000).build();
    PollDecision d = policy.decide(polls, running(), NO_DEADLINE);
    assertThat(d.waitSource()).contains(WaitSource.BACKOFF);
    assertThat(d.waitDuration().toMillis()).isEqualTo(expected);
  }

  @Test
  void anHttpDateRetryAfterIsMeasuredWithThePolicysClock() {
    PollPolicy policy = PollPolicy.builder().clock(CLOCK).build();
    String inSevenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(7).atZone(ZoneOffset.UTC));
    PollDecision d = policy.decide(0, running("Retry-After", inSevenSeconds), NO_DEADLINE);
    assertThat(d.kind()).isEqualTo(PollDecision.Kind.POLL_AGAIN);
    assertThat(d.waitDuration()).isEqualTo(Duration.ofSeconds(7));
    assertThat(d.waitSource()).contains(WaitSource.RETRY_AFTER);

    String inTwoMinutes = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(120).atZone(ZoneOffset.UTC));
    PollDecision tooFar = policy.decide(0, running("Retry-After", inTwoMinutes), NO_DEADLINE);
    assertThat(tooFar.kind()).isEqualTo(PollDecision.Kind.GIVE_UP);
    assertThat(tooFar.reason()).contains("120000 ms");
  }

  static Stream<Arguments> resultLocations() {
    return Stream.of(
        Arguments.of("header", view(303, "", "Location", " /things/1 "), "/things/1"),
        Arguments.of("blank header, body member", view(200, "{\"status\":\"done\",\"resourceLocation\":\"/r/2\"}",
            "Location", "  "), "/r/2"),
        Arguments.of("empty header, body member", view(200, "{\"status\":\"done\",\"resourceLocation\":\"/r/3\"}",
            "Location", ""), "/r/3"),
        Arguments.of("blank header, no body", view(303, "", "Location", " "), null),
        Arguments.of("header wins over the body", view(200, "{\"status\":\"done\",\"resourceLocation\":\"/body\"}",
            "Location", "/header"), "/header"),
        Arguments.of("a non-string member is none", view(200, "{\"status\":\"done\",\"resourceLocation\":5}"), null),
        Arguments.of("none", view(201, ""), null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("resultLocations")
  void aSuccessNamesItsResourceWhenItHasOne(String name, ResponseView status, String expected) {
    PollDecision d = PollPolicy.ofDefaults().decide(1, status, NO_DEADLINE);
    assertThat(d.kind()).isEqualTo(PollDecision.Kind.SUCCEEDED);
    assertThat(d.resultLocation().orElse(null)).isEqualTo(expected);
    assertThat(d.reason()).isEqualTo("status " + status.status() + " says the operation succeeded");
    assertThat(d.waitDuration()).isZero();
    assertThat(d.waitSource()).isEmpty();
  }

  @Test
  void aTerminalStateIsReportedEvenPastTheLimits() {
    PollPolicy policy = PollPolicy.builder().maxPolls(1).build();
    assertThat(policy.decide(5, view(200, "{\"status\":\"failed\"}"), OptionalLong.of(0)))
        .hasToString("failed: status 200 says the operation failed");
    assertThat(policy.decide(5, view(200, "{\"status\":\"succeeded\"}"), OptionalLong.of(0)))
        .hasToString("succeeded: status 200 says the operation succeeded");
    assertThat(policy.decide(5, running(), NO_DEADLINE)).hasToString("give up: still running after maxPolls (1) polls");
  }

  @ParameterizedTest(name = "{0} -> terminal {1}")
  @CsvSource(delimiter = '|', value = {
      "{\"status\":\"running\"}|false",
      "{\"status\":\"succeeded\"}|true",
      "{\"status\":\"failed\"}|true"})
  void onlySucceededAndFailedAreTerminal(String body, boolean terminal) {
    assertThat(PollPolicy.ofDefaults().decide(0, view(200, body), NO_DEADLINE).isTerminal()).isEqualTo(terminal);
  }

  @Test
  void givingUpIsNotTerminal() {
    PollDecision giveUp = PollPolicy.builder().maxPolls(1).build().decide(1, running(), NO_DEADLINE);
    assertThat(giveUp.kind()).isEqualTo(PollDecision.Kind.GIVE_UP);
    assertThat(giveUp.isTerminal()).isFalse();
  }

  @Test
  void decisionsAreValues() {
    PollPolicy policy = PollPolicy.ofDefaults();
    PollDecision backoff = policy.decide(0, running(), NO_DEADLINE);
    PollDecision same = policy.decide(0, running(), NO_DEADLINE);
    assertThat(backoff).isEqualTo(same).hasSameHashCodeAs(same);
    assertThat(backoff).isEqualTo(backoff);
    assertThat(backoff).isNotEqualTo(null).isNotEqualTo(backoff.toString());

    // 500 ms either way: only the source differs
    assertThat(backoff).isNotEqualTo(policy.decide(0, running("retry-after-ms", "500"), NO_DEADLINE));
    // only the wait differs
    assertThat(policy.decide(0, running("Retry-After", "1"), NO_DEADLINE))
        .isNotEqualTo(policy.decide(0, running("Retry-After", "2"), NO_DEADLINE))
        .isEqualTo(policy.decide(0, running("Retry-After", "1"), NO_DEADLINE));
    // only the reason differs (the backoff is capped at its start)
    PollPolicy flat = PollPolicy.builder().initialBackoff(Duration.ofMillis(5)).maxBackoff(Duration.ofMillis(5)).build();
    assertThat(flat.decide(0, running(), NO_DEADLINE)).isNotEqualTo(flat.decide(1, running(), NO_DEADLINE));
    // only the result location differs
    PollDecision atA = policy.decide(1, view(303, "", "Location", "/a"), NO_DEADLINE);
    assertThat(atA).isEqualTo(policy.decide(1, view(303, "", "Location", "/a"), NO_DEADLINE))
        .isNotEqualTo(policy.decide(1, view(303, "", "Location", "/b"), NO_DEADLINE))
        .isNotEqualTo(policy.decide(1, view(303, ""), NO_DEADLINE));
    assertThat(policy.decide(1, view(303, ""), NO_DEADLINE)).isNotEqualTo(atA)
        .isEqualTo(policy.decide(1, view(303, ""), NO_DEADLINE));
    // the kind differs
    assertThat(policy.decide(1, view(200, "{\"status\":\"failed\"}"), NO_DEADLINE))
        .isEqualTo(policy.decide(1, view(200, "{\"status\":\"failed\"}"), NO_DEADLINE))
        .isNotEqualTo(policy.decide(1, view(200, "{\"status\":\"succeeded\"}"), NO_DEADLINE));
  }
}
