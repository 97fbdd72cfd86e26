package dev.apierrors.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link PlainValues}: the plain form of trees and of values a caller gives, at its edges. */
class PlainValuesConversionTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void emptyContainersBecomeEmptyUnmodifiableOnes() throws Exception {
    assertThat(PlainValues.copyOf(Map.of())).isEmpty();
    assertThat(PlainValues.copyOf(Map.of("m", Map.of(), "l", List.of())))
        .containsEntry("m", Map.of()).containsEntry("l", List.of());
    assertThat(PlainValues.of(MAPPER.readTree("{}"))).isEqualTo(Map.of());
    assertThat(PlainValues.of(MAPPER.readTree("{\"a\":{},\"b\":[]}"))).isEqualTo(Map.of("a", Map.of(), "b", List.of()));
  }

  @Test
  void nestedMapsAndListsAreCopiedInOrderAndUnmodifiable() {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("z", 1);
    inner.put("a", List.of(2, Map.of("k", "v")));
    List<Object> list = new ArrayList<>(List.of(inner, "s"));

    Map<String, Object> copy = PlainValues.copyOf(Map.of("x", list));
    list.add("later");
    inner.put("later", true);

    assertThat(copy).isEqualTo(Map.of("x", List.of(Map.of("z", 1L, "a", List.of(2L, Map.of("k", "v"))), "s")));
    @SuppressWarnings("unchecked")
    Map<String, Object> innerCopy = (Map<String, Object>) ((List<Object>) copy.get("x")).get(0);
    assertThat(innerCopy.keySet()).containsExactly("z", "a");
    assertThatThrownBy(() -> innerCopy.put("b", 1)).isInstanceOf(UnsupportedOperationException.class);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "9223372036854775807, java.lang.Long",
      "-9223372036854775808, java.lang.Long",
      "9223372036854775808, java.math.BigInteger",
      "-9223372036854775809, java.math.BigInteger",
      "18446744073709551615, java.math.BigInteger",
      "0, java.lang.Long"})
  void aBigIntegerThatFitsALongBecomesALong(String value, Class<?> expected) {
    Object copy = PlainValues.copyOf(Map.of("n", new BigInteger(value))).get("n");

    assertThat(copy).isInstanceOf(expected);
    assertThat(new BigInteger(copy.toString())).isEqualTo(new BigInteger(value));
  }

  @Test
  void otherNumbersBecomeLongOrDouble() {
    Map<String, Object> copy = PlainValues.copyOf(Map.of(
        "i", 7, "s", (short) -2, "b", (byte) 1, "f", 0.5f, "d", new BigDecimal("1.25"), "l", 3L, "x", 2.0d));

    assertThat(copy).containsEntry("i", 7L).containsEntry("s", -2L).containsEntry("b", 1L)
        .containsEntry("f", 0.5d).containsEntry("d", 1.25d).containsEntry("l", 3L).containsEntry("x", 2.0d);
  }

  @Test
  void nestingUpToTheLimitIsCopiedAndOneLevelMoreIsRejected() {
    assertThat(PlainValues.copyOf(Map.of("deep", nestedLists(Json.MAX_NESTING_DEPTH - 1)))).containsKey("deep");
    assertThat(PlainValues.copyOf(Map.of("deep", nestedMaps(Json.MAX_NESTING_DEPTH - 1)))).containsKey("deep");

    assertThatThrownBy(() -> PlainValues.copyOf(Map.of("deep", nestedLists(Json.MAX_NESTING_DEPTH))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("extension \"deep\" is nested deeper than 500 levels (a cycle?)");
    assertThatThrownBy(() -> PlainValues.copyOf(Map.of("deep", nestedMaps(Json.MAX_NESTING_DEPTH))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nested deeper than 500 levels");
  }

  @Test
  void aListThatContainsItselfIsRejectedNotOverflowed() {
    List<Object> cyclic = new ArrayList<>();
    cyclic.add(cyclic);

    assertThatThrownBy(() -> PlainValues.copyOf(Map.of("loop", cyclic)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("extension \"loop\" is nested deeper than 500 levels");
  }

  @Test
  void aMapKeyThatIsNotAStringIsNamedInTheMessage() {
    Map<Object, Object> nullKey = new HashMap<>();
    nullKey.put(null, "x");

    assertThatThrownBy(() -> PlainValues.copyOf(Map.of("m", nullKey)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("extension \"m\" has a map key that is not a String: null");
    assertThatThrownBy(() -> PlainValues.copyOf(Map.of("m", Map.of(1, "x"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("extension \"m\" has a map key that is not a String: java.lang.Integer");
  }

  @Test
  void aNullExtensionNameIsRejected() {
    Map<String, Object> nullName = new HashMap<>();
    nullName.put(null, 1);

    assertThatThrownBy(() -> PlainValues.copyOf(nullName))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("an extension name must not be null");
  }

  @Test
  void aTreeBecomesItsPlainForm() throws Exception {
    Object plain = PlainValues.of(MAPPER.readTree(
        "{\"s\":\"t\",\"i\":1,\"big\":123456789012345678901234567890,\"d\":1.5,\"b\":false,\"n\":null,"
            + "\"l\":[1,\"x\",[]],\"m\":{\"k\":true}}"));

    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("s", "t");
    expected.put("i", 1L);
    expected.put("big", new BigInteger("123456789012345678901234567890"));
    expected.put("d", 1.5d);
    expected.put("b", false);
    expected.put("n", null);
    expected.put("l", List.of(1L, "x", List.of()));
    expected.put("m", Map.of("k", true));
    assertThat(plain).isEqualTo(expected);
    assertThatThrownBy(() -> ((List<?>) ((Map<?, ?>) plain).get("l")).clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aBinaryOrPojoNodeBecomesItsText() {
    assertThat(PlainValues.of(JsonNodeFactory.instance.binaryNode(new byte[] {1, 2, 3}))).isEqualTo("AQID");
    assertThat(PlainValues.of(JsonNodeFactory.instance.pojoNode("pojo"))).isEqualTo("pojo");
    assertThat(PlainValues.of(JsonNodeFactory.instance.missingNode())).isNull();
  }

  private static Object nestedLists(int levels) {
    Object value = "leaf";
    for (int i = 0; i < levels; i++) {
      value = Collections.singletonList(value);
    }
    return value;
  }

  private static Object nestedMaps(int levels) {
    Object value = "leaf";
    for (int i = 0; i < levels; i++) {
      value = Collections.singletonMap("k", value);
    }
    return value;
  }
}
