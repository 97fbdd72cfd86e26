package dev.apierrors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link JsonMembers#firstString}: depth-first, document order, at most 10,000 nodes visited. */
class JsonMembersFirstStringTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "\"s\"                              | s",
        "[1,[2,{\"a\":null,\"b\":\"deep\"}],\"later\"] | deep",
        "{\"x\":{\"y\":[true,\"first\"]},\"z\":\"second\"} | first",
        "[[],{},\"\"]                       | ''",
      })
  void theFirstStringInDocumentOrder(String json, String expected) throws Exception {
    assertThat(JsonMembers.firstString(MAPPER.readTree(json))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {"[]", "{}", "[1,2,[3,{\"a\":null}]]", "true", "12"})
  void noStringIsNull(String json) throws Exception {
    assertThat(JsonMembers.firstString(MAPPER.readTree(json))).isNull();
  }

  @Test
  void nothingIsNull() {
    assertThat(JsonMembers.firstString(null)).isNull();
  }

  @Test
  void aStringThatIsTheTenThousandthNodeVisitedIsFoundTheNextIsNot() {
    // The array is the first node visited, then its elements in order.
    assertThat(JsonMembers.firstString(numbersThenString(JsonMembers.MAX_NODES_VISITED - 2))).isEqualTo("found");
    assertThat(JsonMembers.firstString(numbersThenString(JsonMembers.MAX_NODES_VISITED - 1))).isNull();
  }

  private static ArrayNode numbersThenString(int numbers) {
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    for (int i = 0; i < numbers; i++) {
      array.add(i);
    }
    return array.add("found");
  }
}
