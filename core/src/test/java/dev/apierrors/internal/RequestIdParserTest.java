package dev.apierrors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apierrors.spi.HttpHeaders;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RequestIdParserTest {

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(HttpHeaders.empty(), null),
        Arguments.of(HttpHeaders.of("X-Request-Id", "req-1"), "req-1"),
        Arguments.of(HttpHeaders.of("x-request-id", "  req-1  "), "req-1"),
        Arguments.of(HttpHeaders.of("CF-Ray", "ray", "X-Request-Id", "req-1"), "req-1"),
        Arguments.of(HttpHeaders.of("Request-Id", "r2", "X-Correlation-Id", "c3"), "r2"),
        Arguments.of(HttpHeaders.of("X-Correlation-Id", "c3", "X-Amzn-RequestId", "a4"), "c3"),
        Arguments.of(HttpHeaders.of("x-ms-request-id", "m5", "X-Amzn-RequestId", "a4"), "a4"),
        Arguments.of(HttpHeaders.of("X-GitHub-Request-Id", "g6", "x-ms-request-id", "m5"), "m5"),
        Arguments.of(HttpHeaders.of("CF-Ray", "ray7", "X-GitHub-Request-Id", "g6"), "g6"),
        Arguments.of(HttpHeaders.of("cf-ray", "ray7"), "ray7"),
        Arguments.of(HttpHeaders.of("X-Request-Id", "", "Request-Id", "r2"), "r2"),
        Arguments.of(HttpHeaders.of("X-Request-Id", "   ", "CF-Ray", "ray7"), "ray7"),
        Arguments.of(HttpHeaders.of("X-Request-Id", "", "X-Request-Id", "second"), "second"),
        Arguments.of(HttpHeaders.of("X-Request-Id", "  "), null),
        Arguments.of(HttpHeaders.of("X-Trace-Id", "t"), null));
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @MethodSource("cases")
  void picksFirstNonBlankIdInPreferenceOrder(HttpHeaders headers, String expected) {
    if (expected == null) {
      assertThat(RequestIdParser.parse(headers)).isEmpty();
    } else {
      assertThat(RequestIdParser.parse(headers)).contains(expected);
    }
  }
}
