package dev.apierrors.spi;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpHeadersTest {

  @Test
  void namesAreCaseInsensitiveAndValuesKeepTheirOrder() {
    HttpHeaders headers = HttpHeaders.builder()
        .add("WWW-Authenticate", "Basic realm=\"a\"")
        .add("Content-Type", "text/plain")
        .add("www-authenticate", "Bearer")
        .build();

    assertThat(headers.allValues("Www-Authenticate")).containsExactly("Basic realm=\"a\"", "Bearer");
    assertThat(headers.firstValue("WWW-AUTHENTICATE")).contains("Basic realm=\"a\"");
    assertThat(headers.contains("content-type")).isTrue();
    assertThat(headers.names()).containsExactly("WWW-Authenticate", "Content-Type");
  }

  @Test
  void absentNameHasNoValue() {
    HttpHeaders headers = HttpHeaders.of("A", "1");

    assertThat(headers.firstValue("B")).isEmpty();
    assertThat(headers.allValues("B")).isEmpty();
    assertThat(headers.contains("B")).isFalse();
    assertThat(HttpHeaders.empty().isEmpty()).isTrue();
  }

  @Test
  void valuesAreTrimmed() {
    assertThat(HttpHeaders.of("Retry-After", "  120 \t").firstValue("retry-after")).contains("120");
  }

  @Test
  void fromMapKeepsEveryValue() {
    Map<String, List<String>> fields = new LinkedHashMap<>();
    fields.put("Set-Cookie", List.of("a=1", "b=2"));
    fields.put("X-Request-Id", List.of("r1"));

    HttpHeaders headers = HttpHeaders.of(fields);

    assertThat(headers.allValues("set-cookie")).containsExactly("a=1", "b=2");
    assertThat(headers.firstValue("x-request-id")).contains("r1");
  }

  @Test
  void oddNumberOfStringsIsRejected() {
    assertThatThrownBy(() -> HttpHeaders.of("A", "1", "B"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("odd number");
  }

  @Test
  void builtHeadersDoNotChangeWithTheBuilder() {
    HttpHeaders.Builder builder = HttpHeaders.builder().add("A", "1");
    HttpHeaders first = builder.build();

    builder.add("A", "2");

    assertThat(first.allValues("A")).containsExactly("1");
    assertThat(builder.build().allValues("A")).containsExactly("1", "2");
    assertThatThrownBy(() -> first.allValues("A").add("3")).isInstanceOf(UnsupportedOperationException.class);
  }

  /**
   * A build hands its arrays to the headers, and the builder copies them before its next
   * add: every headers built stays as it was, whatever is added after (to a name with one
   * value or several, new names past the arrays' first size and past the lookup index's).
   */
  @Test
  void everyBuildStaysAsItWasWhateverIsAddedAfter() {
    HttpHeaders.Builder builder = HttpHeaders.builder().add("A", "1").add("B", "1").add("B", "2");
    HttpHeaders first = builder.build();
    builder.add("B", "3").add("A", "2");
    HttpHeaders second = builder.build();
    for (int i = 0; i < 20; i++) {
      builder.add("N" + i, "v" + i);
    }
    builder.add("b", "4");
    HttpHeaders third = builder.build();
    HttpHeaders fourth = builder.build();

    assertThat(first.names()).containsExactly("A", "B");
    assertThat(first.allValues("A")).containsExactly("1");
    assertThat(first.allValues("B")).containsExactly("1", "2");
    assertThat(first.contains("N0")).isFalse();
    assertThat(second.allValues("A")).containsExactly("1", "2");
    assertThat(second.allValues("B")).containsExactly("1", "2", "3");
    assertThat(second.names()).hasSize(2);
    assertThat(third.names()).hasSize(22);
    assertThat(third.allValues("B")).containsExactly("1", "2", "3", "4");
    assertThat(third.firstValue("n19")).contains("v19");
    assertThat(fourth).isEqualTo(third);
    assertThatThrownBy(() -> second.allValues("B").add("5")).isInstanceOf(UnsupportedOperationException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Authorization", "authorization", "Proxy-Authorization", "Cookie", "SET-COOKIE"})
  void toStringHidesCredentialValues(String name) {
    HttpHeaders headers = HttpHeaders.of(name, "Bearer top-secret-value", "Accept", "application/json");

    assertThat(headers.toString()).doesNotContain("top-secret-value").contains(name, "application/json");
    assertThat(HttpHeaders.isSensitive(name)).isTrue();
  }

  @Test
  void ordinaryHeadersAreNotSensitive() {
    assertThat(HttpHeaders.isSensitive("X-Request-Id")).isFalse();
    assertThat(HttpHeaders.of("X-Request-Id", "req_1").toString()).contains("req_1");
  }
}
