package dev.apierrors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rows of a root {@code errors} list read straight from the stream cost the tree's
 * budget what their trees would have: a member after the list is dropped at the same
 * budget whether the rows were built or streamed.
 */
class StreamedErrorRowBudgetTest {
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "{\"field\":\"rows[%d]\",\"message\":\"could not be exported\"}",
      "{\"source\":{\"pointer\":\"/data/%d\",\"deep\":{\"a\":[1,2.5,null,{\"b\":\"c\"}]}},\"code\":%d}",
      "{\"path\":[\"q\",%d,\"r\"],\"extensions\":{\"code\":\"E\",\"more\":[true,false]},\"x\":\"caf\\u00e9\"}",
      "{\"unread\":[[[\"%d\"]]],\"Message\":\"m\",\"msg\":{},\"title\":[]}",
      "{\"path\":[\"a\",[1,{\"b\":\"c\"}],%d],\"source\":[\"x\",{}]}"})
  void aMemberAfterTheListIsDroppedAtTheSameBudgetWhetherRowsAreBuiltOrStreamed(String rowPattern) {
    String rows = IntStream.range(0, 40)
        .mapToObj(i -> rowPattern.replace("%d", Integer.toString(i)))
        .collect(Collectors.joining(",", "[", "]"));
    byte[] body = ("{\"message\":\"m\",\"errors\":" + rows + ",\"pad\":\"after the list\"}")
        .getBytes(StandardCharsets.UTF_8);

    long built = smallestBudgetKeepingPad(body, false);
    long streamed = smallestBudgetKeepingPad(body, true);

    assertThat(streamed).isEqualTo(built);
    // The list alone costs more than its first 16 rows: the threshold really covers streamed rows.
    assertThat(built).isGreaterThan(smallestBudgetKeepingPad(
        ("{\"message\":\"m\",\"errors\":" + rows.substring(0, rows.indexOf(rowPattern.replace("%d", "17")) - 1)
            + "],\"pad\":\"after the list\"}").getBytes(StandardCharsets.UTF_8), false));
  }

  private static long smallestBudgetKeepingPad(byte[] body, boolean collect) {
    long low = 0;
    long high = 1 << 24;
    while (low < high) {
      long mid = (low + high) >>> 1;
      var tree = JsonTree.parse(body, null, false, mid, collect).tree();
      if (tree != null && tree.has("pad")) {
        high = mid;
      } else {
        low = mid + 1;
      }
    }
    return low;
  }
}
