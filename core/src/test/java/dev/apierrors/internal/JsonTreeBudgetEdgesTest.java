package dev.apierrors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The tree budget at its exact edges. The estimated costs: a string value 56 + its length,
 * any other scalar 24; an object member adds 88 + the name's length, an array element 8; a
 * nested object 64, a nested array 40 (the root costs nothing). A value that costs exactly
 * what is left is kept; one byte short, it is dropped.
 */
class JsonTreeBudgetEdgesTest {

  @ParameterizedTest(name = "[{index}] {0} within {1}: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        // "xy": 56 + 2, member "a": 88 + 1.
        "{\"a\":\"xy\"}         | 147 | {\"a\":\"xy\"}",
        "{\"a\":\"xy\"}         | 146 | {}",
        "{\"a\":\"\"}           | 145 | {\"a\":\"\"}",
        "{\"a\":\"\"}           | 144 | {}",
        // 1: 24, member "a": 89; member "abc": 91.
        "{\"a\":1}              | 113 | {\"a\":1}",
        "{\"a\":1}              | 112 | {}",
        "{\"abc\":true}         | 115 | {\"abc\":true}",
        "{\"abc\":true}         | 114 | {}",
        "{\"abc\":null}         | 114 | {}",
        // Two members: 113 + 113.
        "{\"a\":1,\"b\":2}      | 226 | {\"a\":1,\"b\":2}",
        "{\"a\":1,\"b\":2}      | 225 | {\"a\":1}",
        // A nested array (40) with one number (24 + 8).
        "{\"a\":[1]}            | 72  | {\"a\":[1]}",
        "{\"a\":[1]}            | 71  | {}",
        "{\"a\":[]}             | 40  | {\"a\":[]}",
        "{\"a\":[]}             | 39  | {}",
        // A string in an array: 56 + 2 + 8.
        "{\"a\":[\"xy\"]}       | 106 | {\"a\":[\"xy\"]}",
        "{\"a\":[\"xy\"]}       | 105 | {}",
        // A nested object (64) with one member (24 + 89).
        "{\"a\":{\"b\":1}}      | 177 | {\"a\":{\"b\":1}}",
        "{\"a\":{\"b\":1}}      | 176 | {}",
        "{\"a\":{}}             | 64  | {\"a\":{}}",
        "{\"a\":{}}             | 63  | {}",
        // A root array's elements: 32 and 66.
        "[1,\"xy\"]             | 98  | [1,\"xy\"]",
        "[1,\"xy\"]             | 97  | [1]",
        "[[1],2]                | 104 | [[1],2]",
        "[[1],2]                | 103 | [[1]]",
        "[[1],2]                | 71  | []",
        "[{\"b\":1},2]          | 209 | [{\"b\":1},2]",
        "[{\"b\":1},2]          | 176 | []",
      })
  void aValueThatCostsExactlyWhatIsLeftIsKept(String text, long budget, String expected) throws Exception {
    JsonNode tree = JsonTree.parse(null, text, false, budget).orElseThrow();

    assertThat(tree).hasToString(expected);
  }

  @ParameterizedTest(name = "[{index}] {0} within {1}: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        // A nested container dropped whole, then the format members kept.
        "{\"a\":{\"b\":1,\"c\":[2,3]},\"title\":\"t\"}    | 63  | {\"title\":\"t\"}",
        "{\"a\":{\"b\":1,\"c\":[2,3]},\"title\":\"t\"}    | 100 | {\"title\":\"t\"}",
        "{\"a\":{\"b\":{\"c\":{}}},\"title\":\"t\"}       | 64  | {\"title\":\"t\"}",
        "{\"a\":[[1],[2,[3]]],\"title\":\"t\"}            | 39  | {\"title\":\"t\"}",
        "{\"a\":[[1],[2,[3]]],\"title\":\"t\"}            | 90  | {\"title\":\"t\"}",
        "{\"a\":[{\"x\":1},{\"y\":[]}],\"b\":2,\"message\":\"m\"} | 110 | {\"message\":\"m\"}",
        // Past the budget, a later member no format reads is skipped, whatever it holds.
        "{\"a\":1,\"b\":{\"c\":[1,2]},\"code\":\"E1\",\"d\":\"x\"} | 113 | {\"a\":1,\"code\":\"E1\"}",
      })
  void aNestedContainerPastTheBudgetIsDroppedWholeAndTheRestStillParses(String text, long budget, String expected)
      throws Exception {
    JsonNode tree = JsonTree.parse(null, text, false, budget).orElseThrow();

    assertThat(tree).hasToString(expected);
  }

  @Test
  void theBytesGiveTheSameBudgetedTreeAsTheText() throws Exception {
    String text = "{\"a\":{\"b\":1},\"title\":\"t\",\"z\":[1,2]}";

    JsonNode fromBytes = JsonTree.parse(text.getBytes(StandardCharsets.UTF_8), text, false, 63).orElseThrow();

    assertThat(fromBytes).hasToString("{\"title\":\"t\"}");
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(strings = {"0", "9", "5", "-1", "true", "false", "null", "\"s\"", "[]", "{}", " \t\r\n0"})
  void everyWayAJsonValueCanStartIsParsed(String text) {
    assertThat(JsonTree.mayBeJson(text)).isTrue();
    assertThat(JsonTree.parse(text, false)).isPresent();
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(strings = {"/", ":", "<p>", "x", "T", "+1", ".5", "", " ", " \t\r\n", "\u00a00"})
  void textThatCannotStartAJsonValueIsNotParsed(String text) {
    assertThat(JsonTree.mayBeJson(text)).isFalse();
    assertThat(JsonTree.parse(text, false)).isEmpty();
  }
}
