package dev.apierrors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link JsonTree#MAX_COST_PER_BYTE} bounds what a tree can cost per byte of its input: with
 * a budget of that many times the length, nothing is ever dropped, even from the dearest
 * bodies there are (runs of the shortest members and elements). The built-in formats' parse
 * relies on it: stand-ins for the members no format reads cost the budget nothing, so they
 * are used only where the budget cannot run out.
 */
class JsonTreeCostBoundTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int RUN = 2_000;

  /** Each pattern is repeated, comma-separated, then a last member {@code "z"} that must survive. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "{%s,\"z\":1}|\"\":\"\"",
      "{%s,\"z\":1}|\"\":0",
      "{%s,\"z\":1}|\"\":{}",
      "{%s,\"z\":1}|\"\":[]",
      "{%s,\"z\":1}|\"\":{\"\":\"\"}",
      "{\"a\":[%s],\"z\":1}|\"\"",
      "{\"a\":[%s],\"z\":1}|0",
      "{\"a\":[%s],\"z\":1}|{}",
      "{\"a\":[%s],\"z\":1}|[]",
      "{\"a\":[%s],\"z\":1}|{\"\":\"\"}",
      "{\"errors\":[%s],\"z\":1}|{\"\":\"\"}",
      "{\"errors\":[%s],\"z\":1}|\"\""})
  void nothingIsDroppedWithinTheBoundTimesTheLength(String shape) throws Exception {
    String[] parts = shape.split("\\|");
    String body = parts[0].replace("%s", String.join(",", java.util.Collections.nCopies(RUN, parts[1])));
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    long budget = JsonTree.MAX_COST_PER_BYTE * bytes.length;
    JsonNode expected = MAPPER.readTree(bytes);

    for (boolean collect : new boolean[] {false, true}) {
      JsonNode fromBytes = JsonTree.parse(bytes, null, false, budget, collect).tree();
      JsonNode fromText = JsonTree.parse(null, body, false, budget, collect).tree();
      assertThat(fromBytes).as("from bytes, collecting %s", collect).isNotNull();
      assertThat(fromBytes.has("z")).isTrue();
      assertThat(fromText).as("from text, collecting %s", collect).isNotNull();
      assertThat(fromText.has("z")).isTrue();
      if (!collect) {
        assertThat(fromBytes).isEqualTo(expected);
        assertThat(fromText).isEqualTo(expected);
      }
    }
  }

  /** The bound is near what the dearest body costs: a budget of 20 times its length is not enough. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"\"\":\"\"", "\"\":0"})
  void theDearestBodiesCostMoreThanTwentyTimesTheirLength(String member) {
    String body = "{" + String.join(",", java.util.Collections.nCopies(RUN, member)) + ",\"z\":1}";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

    JsonNode tree = JsonTree.parse(bytes, null, false, 20L * bytes.length, false).tree();

    assertThat(tree).isNotNull();
    assertThat(tree.has("z")).isFalse();
  }
}
