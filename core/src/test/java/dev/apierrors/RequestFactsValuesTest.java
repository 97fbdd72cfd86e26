package dev.apierrors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RequestFacts: what each copy says, and which facts are equal. */
class RequestFactsValuesTest {

  @ParameterizedTest(name = "{0} key={1} oneShot={2}")
  @CsvSource({
      "POST, false, false, false",
      "POST, true, false, true",
      "GET, false, true, true",
      "get, false, false, false",
      "PATCH, true, true, true"})
  void eachCopySaysWhatItWasGiven(String method, boolean key, boolean oneShot, boolean idempotent) {
    RequestFacts facts = RequestFacts.of(method).withIdempotencyKey(key).withOneShotBody(oneShot);
    assertThat(facts.method()).isEqualTo(method);
    assertThat(facts.hasIdempotencyKey()).isEqualTo(key);
    assertThat(facts.hasOneShotBody()).isEqualTo(oneShot);
    assertThat(facts.isIdempotent()).isEqualTo(idempotent);
  }

  @Test
  void aCopyLeavesTheOriginalUnchanged() {
    RequestFacts post = RequestFacts.of("POST");
    RequestFacts keyed = post.withIdempotencyKey(true);
    assertThat(post.hasIdempotencyKey()).isFalse();
    assertThat(keyed.hasIdempotencyKey()).isTrue();
    assertThat(keyed.withIdempotencyKey(false)).isEqualTo(post);
  }

  @Test
  void factsAreEqualOnlyWhenEveryFactIs() {
    RequestFacts post = RequestFacts.of("POST");
    assertThat(post).isEqualTo(RequestFacts.of("POST")).hasSameHashCodeAs(RequestFacts.of("POST"));
    assertThat(post).isNotEqualTo(RequestFacts.of("PUT"));
    assertThat(post).isNotEqualTo(RequestFacts.of("post"));
    assertThat(post).isNotEqualTo(post.withIdempotencyKey(true));
    assertThat(post).isNotEqualTo(post.withOneShotBody(true));
    assertThat(post).isNotEqualTo(null).isNotEqualTo("POST");
  }

  @Test
  void aBlankMethodIsRefused() {
    assertThatThrownBy(() -> RequestFacts.of(" ")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("method must not be blank");
    assertThatThrownBy(() -> RequestFacts.of(null)).isInstanceOf(NullPointerException.class);
  }
}
