package dev.apierrors;

import dev.apierrors.spi.HttpHeaders;
import dev.apierrors.spi.ResponseView;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The header fields reach the decoded error, and the Bearer challenge fills code and detail for a 401. */
class HeaderFieldsTest {
  private static final Instant NOW = Instant.parse("2026-11-22T04:00:00Z");
  private static final ErrorDecoder DECODER =
      ErrorDecoder.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();

  private static ApiError decode(int status, HttpHeaders headers, String body) {
    return DECODER.decode(ResponseView.builder(status).headers(headers).body(body).build());
  }

  @Test
  void requestIdChallengesRetryAfterAndRateLimitAreDecoded() {
    ApiError error = decode(429, HttpHeaders.of(
        "X-Request-Id", "req-123",
        "WWW-Authenticate", "Basic realm=\"api\"",
        "Retry-After", "Sun, 22 Nov 2026 04:00:30 GMT",
        "X-RateLimit-Limit", "100",
        "X-RateLimit-Remaining", "0",
        "X-RateLimit-Reset", "60"), "");

    assertThat(error.requestId()).contains("req-123");
    assertThat(error.challenges()).singleElement().satisfies(c -> {
      assertThat(c.scheme()).isEqualTo("Basic");
      assertThat(c.param("realm")).contains("api");
    });
    assertThat(error.retryAfterMillis()).isEqualTo(OptionalLong.of(30_000));
    assertThat(error.rateLimit()).contains(RateLimit.of(OptionalLong.of(100), OptionalLong.of(0), OptionalLong.of(60_000)));
  }

  @Test
  void responseWithoutHeadersHasNoHeaderFields() {
    ApiError error = decode(500, HttpHeaders.empty(), "");

    assertThat(error.requestId()).isEmpty();
    assertThat(error.challenges()).isEmpty();
    assertThat(error.retryAfterMillis()).isEmpty();
    assertThat(error.rateLimit()).isEmpty();
  }

  private static final String BEARER =
      "Bearer realm=\"example\", error=\"invalid_token\", error_description=\"The access token expired\"";

  static Stream<Arguments> bearerFallback() {
    return Stream.of(
        // status, body, expected code, expected detail
        Arguments.of(401, "", "invalid_token", "The access token expired"),
        Arguments.of(401, "{\"message\":\"Token rejected\"}", "invalid_token", "Token rejected"),
        Arguments.of(401, "{\"code\":\"AUTH1\"}", "AUTH1", "The access token expired"),
        Arguments.of(401, "{\"error\":\"expired\",\"error_description\":\"Body says so\"}", "expired", "Body says so"),
        Arguments.of(403, "", "invalid_token", "The access token expired"),
        Arguments.of(403, "{\"message\":\"Scope missing\"}", "invalid_token", "Scope missing"),
        Arguments.of(400, "{\"foo\":1}", null, null),
        Arguments.of(404, "", null, null),
        Arguments.of(407, "", null, null));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("bearerFallback")
  void bearerChallengeFillsCodeAndDetailOnlyFor401And403(int status, String body, String code, String detail) {
    ApiError error = decode(status, HttpHeaders.of("WWW-Authenticate", BEARER), body);

    assertThat(error.code().orElse(null)).isEqualTo(code);
    assertThat(error.detail().orElse(null)).isEqualTo(detail);
    assertThat(error.challenges()).hasSize(1);
  }

  @Test
  void bearerIsFoundAmongSeveralChallengesInAnyCase() {
    ApiError error = decode(401, HttpHeaders.builder()
        .add("WWW-Authenticate", "Basic realm=\"x\"")
        .add("WWW-Authenticate", "bearer error=\"insufficient_scope\"")
        .build(), "");

    assertThat(error.challenges()).hasSize(2);
    assertThat(error.code()).contains("insufficient_scope");
    assertThat(error.detail()).isEmpty();
  }

  @Test
  void garbageHeadersNeverBreakDecoding() {
    ApiError error = decode(503, HttpHeaders.of(
        "Retry-After", "soon-ish",
        "WWW-Authenticate", "\"=,,,=\"\"",
        "RateLimit", "garbage;;;==",
        "RateLimit-Policy", "\u0000"), "{\"message\":\"down\"}");

    assertThat(error.format()).isEqualTo("message");
    assertThat(error.detail()).contains("down");
    assertThat(error.retryAfterMillis()).isEmpty();
  }

  @Test
  void failingClockFallsBackToSystemTimeAndKeepsTheDecodedBody() {
    Clock broken = new Clock() {
      @Override
      public ZoneOffset getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        throw new IllegalStateException("clock unavailable");
      }
    };
    ErrorDecoder decoder = ErrorDecoder.builder().clock(broken).build();

    ApiError error = decoder.decode(ResponseView.builder(503)
        .headers(HttpHeaders.of("Retry-After", "7"))
        .body("{\"message\":\"down\"}")
        .build());

    assertThat(error.format()).isEqualTo("message");
    assertThat(error.retryAfterMillis()).isEqualTo(OptionalLong.of(7_000));
  }
}
