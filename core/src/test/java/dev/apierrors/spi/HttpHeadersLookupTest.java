package dev.apierrors.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apierrors.internal.HeaderName;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Lookups by name: the rule is "equal once lower-cased ({@link Locale#ROOT})", for ASCII
 * and non-ASCII names alike, for a few names and for many (past the size where lookups go
 * through an index). The SDK's own lookups ({@link HeaderName}, whose filter bits are
 * computed once) find exactly what a lookup by the name's string finds.
 */
class HttpHeadersLookupTest {

  /**
   * Where {@code equalsIgnoreCase} and lower-casing disagree: U+0130 (capital I with dot)
   * lower-cases to "i" + U+0307, and a final capital sigma to a final small sigma.
   */
  @ParameterizedTest(name = "[{index}] {0} looked up as {1}: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        // An ASCII name looked up by a non-ASCII one, and the reverse.
        "id          | \u0130d       | false",
        "\u0130d     | id            | false",
        "\u0130d     | ID            | false",
        "\u0130d     | \u0130D       | true",
        "\u0130d     | i\u0307d      | true",
        // Both non-ASCII.
        "\u0391\u03a3 | \u03b1\u03c3 | false",
        "\u0391\u03a3 | \u03b1\u03c2 | true",
        "\u0391\u03a3 | \u0391\u03a3 | true",
        // The Kelvin sign lower-cases to an ASCII k.
        "\u212a-Id   | k-id          | true",
        "k-id        | \u212a-ID     | true",
        "x-k         | X-\u212a      | true",
        "k-x-k       | \u212a-x-\u212a | true",
        "x-k-x       | x-\u212a-x    | true",
        // Plain ASCII, any case.
        "X-Request-Id | x-REQUEST-id | true",
        "X-Request-Id | X-Request-I  | false",
        "X-Request-Id | X-Request-Idd | false",
      })
  void aNameMatchesWhenBothAreEqualOnceLowerCased(String stored, String lookedUp, boolean found) {
    for (HttpHeaders headers : List.of(
        HttpHeaders.of(stored, "v"),
        HttpHeaders.of("Content-Type", "text/plain", stored, "v", "Retry-After", "5"),
        HttpHeaders.of("Caf\u00e9", "x", stored, "v"),
        many(stored))) {
      assertThat(headers.contains(lookedUp)).as("%s in %s", lookedUp, headers.names()).isEqualTo(found);
      assertThat(headers.firstValue(lookedUp)).isEqualTo(found ? java.util.Optional.of("v") : java.util.Optional.empty());
      assertThat(headers.allValues(lookedUp)).isEqualTo(found ? List.of("v") : List.of());
      HeaderName name = HeaderName.of(lookedUp);
      assertThat(name.in(headers)).isEqualTo(found);
      assertThat(name.first(headers)).isEqualTo(found ? "v" : null);
      assertThat(name.firstValue(headers)).isEqualTo(headers.firstValue(lookedUp));
      assertThat(name.allValues(headers)).isEqualTo(headers.allValues(lookedUp));
    }
  }

  /**
   * Against the rule itself, on random names of letters that case-map in every way (the
   * Kelvin sign, a dotted and a dotless i, a long s): whatever the lookup's filter of the names
   * present, it never misses a name, and never finds one the rule does not.
   */
  @Test
  void lookupsAgreeWithTheRuleOnRandomNames() {
    java.util.Random random = new java.util.Random(20261202);
    String alphabet = "aAkK\u212aiI\u0130\u0131sS\u017f-x";
    for (int round = 0; round < 3_000; round++) {
      List<String> names = new ArrayList<>();
      HttpHeaders.Builder builder = HttpHeaders.builder();
      int count = 1 + random.nextInt(random.nextBoolean() ? 4 : 20);
      boolean ascii = random.nextInt(3) > 0;
      for (int i = 0; i < count; i++) {
        String name = randomName(random, ascii ? "aAkKiIsS-x" : alphabet);
        names.add(name);
        builder.add(name, "v");
      }
      HttpHeaders headers = builder.build();
      for (int q = 0; q < 20; q++) {
        String lookedUp = q % 4 == 0 ? names.get(random.nextInt(names.size())) : randomName(random, alphabet);
        boolean expected = names.stream()
            .anyMatch(n -> n.toLowerCase(Locale.ROOT).equals(lookedUp.toLowerCase(Locale.ROOT)));
        assertThat(headers.contains(lookedUp)).as("%s in %s", lookedUp, names).isEqualTo(expected);
        assertThat(HeaderName.of(lookedUp).in(headers)).as("%s in %s", lookedUp, names).isEqualTo(expected);
      }
    }
  }

  private static String randomName(java.util.Random random, String alphabet) {
    StringBuilder b = new StringBuilder();
    int length = 1 + random.nextInt(4);
    for (int i = 0; i < length; i++) {
      b.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return b.toString();
  }

  @ParameterizedTest(name = "[{index}] {0} then {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "id          | \u0130d   | 2",
        "\u0130d     | id        | 2",
        "\u0130d     | \u0130D   | 1",
        "\u0391\u03a3 | \u03b1\u03c3 | 2",
        "Retry-After | retry-after | 1",
      })
  void theBuilderGroupsValuesByTheSameRule(String first, String second, int names) {
    HttpHeaders headers = HttpHeaders.builder().add(first, "1").add(second, "2").build();

    assertThat(headers.names()).hasSize(names);
    assertThat(headers.allValues(first)).isEqualTo(names == 1 ? List.of("1", "2") : List.of("1"));
  }

  @ParameterizedTest(name = "{0} names")
  @ValueSource(ints = {1, 7, 8, 9, 15, 16, 17, 18, 40})
  void everyNameOfManyIsFoundWithItsOwnValuesInAnyCase(int count) {
    HttpHeaders.Builder builder = HttpHeaders.builder();
    for (int i = 0; i < count; i++) {
      builder.add("X-Field-" + i, "a" + i);
    }
    // A second value for each, added under another case once the index (if any) exists.
    for (int i = 0; i < count; i++) {
      builder.add("x-FIELD-" + i, "b" + i);
    }
    HttpHeaders headers = builder.build();

    assertThat(headers.names()).hasSize(count).startsWith("X-Field-0").endsWith("X-Field-" + (count - 1));
    for (int i = 0; i < count; i++) {
      assertThat(headers.allValues("x-field-" + i)).containsExactly("a" + i, "b" + i);
      assertThat(headers.firstValue("X-FIELD-" + i)).hasValue("a" + i);
      assertThat(headers.contains("X-Field-" + i)).isTrue();
      assertThat(HeaderName.of("x-FiElD-" + i).allValues(headers)).containsExactly("a" + i, "b" + i);
      assertThat(HeaderName.of("x-FiElD-" + i).first(headers)).isEqualTo("a" + i);
    }
    assertThat(HeaderName.of("X-Field-" + count).in(headers)).isFalse();
    assertThat(headers.contains("X-Field-" + count)).isFalse();
    assertThat(headers.allValues("X-Field")).isEmpty();
    assertThat(headers.firstValue("")).isEmpty();
  }

  @Test
  void manyHeadersEqualTheSameFieldsInAnotherCase() {
    HttpHeaders.Builder upper = HttpHeaders.builder();
    HttpHeaders.Builder lower = HttpHeaders.builder();
    for (int i = 0; i < 20; i++) {
      upper.add("X-FIELD-" + i, "v" + i);
      lower.add("x-field-" + i, "v" + i);
    }

    assertThat(upper.build()).isEqualTo(lower.build()).hasSameHashCodeAs(lower.build());
    assertThat(upper.add("X-Field-3", "w").build()).isNotEqualTo(lower.build());
  }

  /** Twenty other names, then {@code name} with the value "v": lookups go through the index. */
  private static HttpHeaders many(String name) {
    List<String> namesAndValues = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      namesAndValues.add("X-Other-" + i);
      namesAndValues.add("o" + i);
    }
    namesAndValues.add(name);
    namesAndValues.add("v");
    return HttpHeaders.of(namesAndValues.toArray(String[]::new));
  }
}
