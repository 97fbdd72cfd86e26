package dev.apierrors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import dev.apierrors.spi.HttpHeaders;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Equality, hashing and the string form of the small header values. */
class ValueSemanticsTest {
  private static final OptionalLong NONE = OptionalLong.empty();

  @Test
  void rateLimitsAreEqualExactlyWhenEveryMemberIs() {
    RateLimit base = RateLimit.of(OptionalLong.of(100), OptionalLong.of(0), OptionalLong.of(30_000));

    assertThat(base).isEqualTo(RateLimit.of(OptionalLong.of(100), OptionalLong.of(0), OptionalLong.of(30_000)));
    assertThat(base).hasSameHashCodeAs(RateLimit.of(OptionalLong.of(100), OptionalLong.of(0), OptionalLong.of(30_000)));
    for (RateLimit other : List.of(
        RateLimit.of(OptionalLong.of(99), OptionalLong.of(0), OptionalLong.of(30_000)),
        RateLimit.of(OptionalLong.of(100), OptionalLong.of(1), OptionalLong.of(30_000)),
        RateLimit.of(OptionalLong.of(100), OptionalLong.of(0), NONE))) {
      assertThat(base).isNotEqualTo(other);
    }
    assertThat(base).isNotEqualTo("RateLimit");
  }

  @Test
  void rateLimitStringShowsThePresentMembers() {
    assertThat(RateLimit.of(OptionalLong.of(100), NONE, OptionalLong.of(30_000)).toString())
        .contains("RateLimit", "limit=100", "resetMillis=30000")
        .doesNotContain("remaining=");
  }

  @Test
  void challengesAreEqualExactlyWhenSchemeToken68AndParamsAre() {
    Challenge base = Challenge.of("Bearer", null, Map.of("realm", "api"));

    assertThat(base).isEqualTo(Challenge.of("Bearer", null, Map.of("REALM", "api")));
    assertThat(base).hasSameHashCodeAs(Challenge.of("Bearer", null, Map.of("REALM", "api")));
    for (Challenge other : List.of(
        Challenge.of("Basic", null, Map.of("realm", "api")),
        Challenge.of("Bearer", null, Map.of("realm", "other")),
        Challenge.of("Bearer", "abc", Map.of("realm", "api")))) {
      assertThat(base).isNotEqualTo(other);
    }
    assertThat(base).isNotEqualTo("Bearer");
  }

  @Test
  void challengeStringNamesTheSchemeAndHidesTheToken68() {
    assertThat(Challenge.of("Negotiate", "c2VjcmV0", Map.of()).toString())
        .contains("Negotiate")
        .contains("token68")
        .doesNotContain("c2VjcmV0");
    assertThat(Challenge.of("Bearer", null, Map.of("realm", "api")).toString())
        .contains("Bearer")
        .contains("realm")
        .doesNotContain("token68");
  }

  @Test
  void headersAreEqualWhenTheirFieldsAre() {
    HttpHeaders headers = HttpHeaders.of("Retry-After", "5", "X-Request-Id", "a");

    HttpHeaders same = HttpHeaders.builder().add("Retry-After", " 5 ").add("X-Request-Id", "a").build();
    assertThat(headers).isEqualTo(same);
    assertThat(headers).hasSameHashCodeAs(same);
    assertThat(headers).isNotEqualTo(HttpHeaders.of("Retry-After", "6", "X-Request-Id", "a"));
    assertThat(headers).isNotEqualTo(HttpHeaders.of("Retry-After", "5"));
    assertThat(headers).isNotEqualTo("Retry-After: 5");
    assertThat(headers.isEmpty()).isFalse();
    assertThat(HttpHeaders.empty().isEmpty()).isTrue();
  }

  @Test
  void headerStringSeparatesFieldsAndMasksCredentials() {
    assertThat(HttpHeaders.of("Retry-After", "5", "Authorization", "Bearer secret", "X-Request-Id", "a").toString())
        .contains("Retry-After=[5], Authorization=[██], X-Request-Id=[a]")
        .doesNotContain("secret");
  }
}
