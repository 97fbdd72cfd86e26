package dev.apierrors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonTreeTest {
  /** A plain mapper to state the expected trees: the SDK's own is private to it. */
  private static final ObjectMapper MAPPER = new ObjectMapper();

  static Stream<Arguments> cutObjects() {
    return Stream.of(
        Arguments.of("{\"a\":1,\"b\":\"two\",\"c\":\"thr", "{\"a\":1,\"b\":\"two\"}"),
        Arguments.of("{\"a\":1,\"b\":\"two\",\"c\"", "{\"a\":1,\"b\":\"two\"}"),
        Arguments.of("{\"a\":1,\"b\":tru", "{\"a\":1}"),
        Arguments.of("{\"a\":\"x\",\"b\":true", "{\"a\":\"x\",\"b\":true}"),
        Arguments.of("{\"a\":\"x\",\"n\":12", "{\"a\":\"x\"}"),
        Arguments.of("{\"a\":\"x\",\"n\":12 ", "{\"a\":\"x\",\"n\":12}"),
        Arguments.of("{\"a\":\"x\",\"n\":1.5,", "{\"a\":\"x\",\"n\":1.5}"),
        Arguments.of("{\"a\":\"x\",\"errors\":[{\"f\":1},{\"f\"", "{\"a\":\"x\"}"),
        Arguments.of("{\"a\":\"x\",\"o\":{\"k\":\"v\"},\"p\":{\"k\":", "{\"a\":\"x\",\"o\":{\"k\":\"v\"}}"),
        Arguments.of("{\"a\":\"x\\u00", "{}"),
        Arguments.of("{", "{}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cutObjects")
  void cutObjectKeepsOnlyTheMembersCompleteBeforeTheCut(String text, String expected) throws Exception {
    JsonNode tree = JsonTree.parse(text, true).orElseThrow();

    assertThat(tree).isEqualTo(MAPPER.readTree(expected));
  }

  @Test
  void sameCutBodyWithoutTheCutFlagIsNotJson() {
    assertThat(JsonTree.parse("{\"a\":1,\"b\":\"two\",\"c\":\"thr", false)).isEmpty();
  }

  @Test
  void invalidJsonBeforeTheCutIsNotJson() {
    assertThat(JsonTree.parse("{\"a\":1, oops \"b\":\"two\",\"c\":\"thr", true)).isEmpty();
  }

  @Test
  void cutArrayOrScalarIsNotJson() {
    assertThat(JsonTree.parse("[1,2,{\"a\":", true)).isEmpty();
    assertThat(JsonTree.parse("\"unterminated", true)).isEmpty();
  }

  @Test
  void completeValuesParseLikeJackson() throws Exception {
    String text = "{\"i\":1,\"l\":12345678901,\"big\":123456789012345678901234567890,\"d\":1.5,"
        + "\"t\":true,\"f\":false,\"n\":null,\"s\":\"x\",\"a\":[1,[2,{}]],\"o\":{\"p\":{}}}";

    assertThat(JsonTree.parse(text, false)).contains(MAPPER.readTree(text));
    assertThat(JsonTree.parse(" 42 ", false)).contains(MAPPER.readTree("42"));
    assertThat(JsonTree.parse("\"s\"", false)).contains(MAPPER.readTree("\"s\""));
  }

  @Test
  void nestingDeeperThanTheLimitIsNotJson() {
    String deep = "{\"a\":".repeat(Json.MAX_NESTING_DEPTH + 1) + "1" + "}".repeat(Json.MAX_NESTING_DEPTH + 1);
    String ok = "[".repeat(Json.MAX_NESTING_DEPTH) + "]".repeat(Json.MAX_NESTING_DEPTH);

    assertThat(JsonTree.parse(deep, false)).isEmpty();
    assertThat(JsonTree.parse(ok, false)).isPresent();
  }

  @Test
  void aCutObjectTooDeepToReachTheCutKeepsTheMembersCompleteBeforeTheDepthLimit() throws Exception {
    String cutDeep = "{\"message\":\"deep one\",\"x\":" + "[".repeat(Json.MAX_NESTING_DEPTH * 3);

    assertThat(JsonTree.parse(cutDeep, true)).contains(MAPPER.readTree("{\"message\":\"deep one\"}"));
    assertThat(JsonTree.parse(cutDeep, false)).isEmpty();
  }

  @Test
  void textThatCannotStartJsonIsNotParsed() {
    assertThat(JsonTree.parse("<html>", false)).isEmpty();
    assertThat(JsonTree.parse("   ", false)).isEmpty();
    assertThat(JsonTree.parse("", true)).isEmpty();
  }

  static Stream<String> bodies() {
    return Stream.of(
        "{\"type\":\"about:blank\",\"title\":\"Bad\",\"status\":400,\"errors\":[{\"pointer\":\"#/a\"}]}",
        "{\"s\":\"caf\u00e9 \u65e5\u672c \\u00e9 \\ud83d\\ude00\",\"n\":-1.5e3,\"big\":123456789012345678901234567890}",
        "[1,\"two\",{\"three\":[null,true,false]}]", " 42 ", "\"s\"", "{}");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bodies")
  void theUtf8BytesGiveTheSameTreeAsTheText(String text) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);

    assertThat(JsonTree.parse(utf8, text, true, false)).isEqualTo(JsonTree.parse(text, false)).isPresent();
  }

  @Test
  void aCutBodyReadFromItsBytesKeepsTheSameMembers() throws Exception {
    String text = "{\"a\":\"x\",\"n\":12";

    assertThat(JsonTree.parse(text.getBytes(StandardCharsets.UTF_8), text, true, true))
        .contains(MAPPER.readTree("{\"a\":\"x\"}"));
  }

  @Test
  void theBudgetIsTwiceTheBytesAndNeverBelowFourMebibytes() {
    assertThat(JsonTree.budget(48)).isEqualTo(JsonTree.MIN_BUDGET);
    assertThat(JsonTree.budget(16 * 1024 * 1024)).isEqualTo(32L * 1024 * 1024);
  }

  @Test
  void pastTheBudgetLaterMembersAreSkippedButThoseFormatsReadAreKept() throws Exception {
    StringBuilder b = new StringBuilder("{\"title\":\"Bad\"");
    for (int i = 0; i < 100; i++) {
      b.append(",\"m").append(i).append("\":\"value\"");
    }
    b.append(",\"data\":[1,2,3],\"detail\":\"kept\",\"errors\":[{\"field\":\"a\"}],\"tail\":\"skipped\"}");
    String text = b.toString();

    JsonNode tree = JsonTree.parse(null, text, false, 2_000).orElseThrow();

    assertThat(tree.get("title").textValue()).isEqualTo("Bad");
    assertThat(tree.has("m0")).isTrue();
    assertThat(tree.has("m99")).isFalse();
    assertThat(tree.has("data")).isFalse();
    assertThat(tree.has("tail")).isFalse();
    assertThat(tree.get("detail").textValue()).isEqualTo("kept");
    assertThat(tree.get("errors")).isEqualTo(MAPPER.readTree("[{\"field\":\"a\"}]"));
  }

  @Test
  void aNestedValueThatCrossesTheBudgetIsDroppedWhole() throws Exception {
    StringBuilder b = new StringBuilder("{\"a\":\"x\",\"list\":[");
    for (int i = 0; i < 200; i++) {
      b.append(i == 0 ? "" : ",").append("{\"k\":").append(i).append('}');
    }
    String text = b.append("],\"message\":\"after\"}").toString();

    JsonNode tree = JsonTree.parse(null, text, false, 3_000).orElseThrow();

    assertThat(tree).isEqualTo(MAPPER.readTree("{\"a\":\"x\",\"message\":\"after\"}"));
  }

  @Test
  void aRootArrayPastTheBudgetKeepsItsFirstElements() {
    String text = "[" + "\"element\",".repeat(100) + "\"last\"]";

    JsonNode tree = JsonTree.parse(null, text, false, 1_000).orElseThrow();

    assertThat(tree.isArray()).isTrue();
    assertThat(tree.size()).isBetween(1, 99);
    assertThat(tree.get(0).textValue()).isEqualTo("element");
  }

  @Test
  void invalidJsonInASkippedMemberIsStillNotJson() {
    String text = "{\"a\":\"" + "x".repeat(500) + "\",\"b\":[1,2,}";

    assertThat(JsonTree.parse(null, text, false, 300)).isEmpty();
  }

  @Test
  void aBodyCutInsideASkippedMemberKeepsTheMembersBeforeIt() throws Exception {
    String text = "{\"title\":\"t\",\"a\":\"" + "x".repeat(500) + "\",\"b\":[1,2,3";

    JsonNode tree = JsonTree.parse(null, text, true, 300).orElseThrow();

    assertThat(tree).isEqualTo(MAPPER.readTree("{\"title\":\"t\"}"));
  }
}
