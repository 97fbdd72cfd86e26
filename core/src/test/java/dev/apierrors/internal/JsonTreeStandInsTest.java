package dev.apierrors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Where the built-ins' parse puts stand-ins ({@link JsonTree#UNREAD_STRING},
 * {@link JsonTree#UNREAD_OBJECT}) instead of building a value, and where it does not. That
 * they change no decoding is {@code UnreadMembersTest}'s; this is that they are there at
 * all, and only there.
 */
class JsonTreeStandInsTest {
  private static final String BODY = "{\"message\":\"m\",\"note\":\"long text\",\"meta\":{\"a\":1},"
      + "\"list\":[\"x\"],\"count\":3,\"flag\":true,\"error\":{\"note\":\"kept\"}}";

  private static JsonNode builtIns(String body, long budget) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return JsonTree.parse(bytes, null, false, budget, true).tree();
  }

  @Test
  void aRootStringOrObjectNoFormatReadsIsAStandIn() {
    JsonNode tree = builtIns(BODY, JsonTree.budget(BODY.length()));

    assertThat(tree.get("note")).isSameAs(JsonTree.UNREAD_STRING);
    assertThat(tree.get("meta")).isSameAs(JsonTree.UNREAD_OBJECT);
  }

  @Test
  void whatFormatsReadAndArraysNumbersAndLiteralsAreBuilt() {
    JsonNode tree = builtIns(BODY, JsonTree.budget(BODY.length()));

    assertThat(tree.get("message").textValue()).isEqualTo("m");
    assertThat(tree.get("list").get(0).textValue()).isEqualTo("x");
    assertThat(tree.get("count").intValue()).isEqualTo(3);
    assertThat(tree.get("flag").booleanValue()).isTrue();
    // Below the root, every member is built: a format reads the object whole.
    assertThat(tree.get("error").get("note").textValue()).isEqualTo("kept");
  }

  @Test
  void aWholeTreeHasNoStandIns() {
    byte[] bytes = BODY.getBytes(StandardCharsets.UTF_8);
    JsonNode tree = JsonTree.parse(bytes, null, false, JsonTree.budget(bytes.length), false).tree();

    assertThat(tree.get("note").textValue()).isEqualTo("long text");
    assertThat(tree.get("meta").get("a").intValue()).isEqualTo(1);
  }

  @Test
  void aBodyWhoseTreeCouldReachTheBudgetHasNoStandIns() {
    long justEnough = JsonTree.MAX_COST_PER_BYTE * BODY.length();

    assertThat(builtIns(BODY, justEnough).get("note")).isSameAs(JsonTree.UNREAD_STRING);
    JsonNode tree = builtIns(BODY, justEnough - 1);
    assertThat(tree.get("note").textValue()).isEqualTo("long text");
    assertThat(tree.get("meta").get("a").intValue()).isEqualTo(1);
  }

  @Test
  void aRootArraysElementsAreBuilt() {
    String body = "[\"note\",{\"note\":\"n\"}]";
    JsonNode tree = builtIns(body, JsonTree.budget(body.length()));

    assertThat(tree.get(0).textValue()).isEqualTo("note");
    assertThat(tree.get(1).get("note").textValue()).isEqualTo("n");
  }

  @Test
  void anUnreadStringAtACutCountsOnlyWhenItEnded() {
    // Cut after the closing quote: the member is complete.
    String ended = "{\"message\":\"m\",\"note\":\"n\\\"q\"";
    // Cut inside the string, just after an escaped quote: it is not.
    String open = "{\"message\":\"m\",\"note\":\"n\\\"";
    byte[] endedBytes = ended.getBytes(StandardCharsets.UTF_8);
    byte[] openBytes = open.getBytes(StandardCharsets.UTF_8);

    assertThat(JsonTree.parse(endedBytes, null, true, JsonTree.budget(endedBytes.length), true).tree().get("note"))
        .isSameAs(JsonTree.UNREAD_STRING);
    assertThat(JsonTree.parse(openBytes, null, true, JsonTree.budget(openBytes.length), true).tree().has("note"))
        .isFalse();
  }

  /** Jackson gives a string's offset at its opening quote in some versions, past it in others (2.22). */
  @Test
  void aStringsContentStartsPastItsOpeningQuoteWhicheverOffsetTheParserGives() {
    assertThat(JsonTree.stringContentStart(6, '"')).isEqualTo(6); // the offset is past the quote
    assertThat(JsonTree.stringContentStart(5, ':')).isEqualTo(6); // the offset is the quote's
    assertThat(JsonTree.stringContentStart(5, ' ')).isEqualTo(6);
    assertThat(JsonTree.stringContentStart(0, -1)).isEqualTo(1); // a root string
  }

  /**
   * The Jackson the SDK is built and tested with gives string offsets the way the probe
   * expects, so the stand-ins and the rows' recognised values are in use (with another
   * Jackson that failed the probe, they would be off and every string decoded).
   */
  @Test
  void theJacksonOnTheClassPathPassesTheStringOffsetsProbe() {
    assertThat(JsonTree.probeStringOffsets()).isTrue();
    assertThat(JsonTree.STRING_OFFSETS_KNOWN).isTrue();
  }

  /** A parser that is not Jackson's own, or one whose offsets fall elsewhere, fails the probe. */
  @Test
  void aParserWhoseOffsetsAreNotKnownFailsTheProbe() throws Exception {
    byte[] probe = JsonTree.OFFSETS_PROBE.getBytes(StandardCharsets.US_ASCII);
    try (var delegate = new com.fasterxml.jackson.core.util.JsonParserDelegate(Json.factory().createParser(probe))) {
      assertThat(JsonTree.offsetsAsProbed(delegate, probe)).isFalse();
    }
    // The same strings one space further on: every offset is off by one.
    byte[] shifted = (" " + JsonTree.OFFSETS_PROBE).getBytes(StandardCharsets.US_ASCII);
    try (var parser = Json.factory().createParser(shifted)) {
      assertThat(JsonTree.offsetsAsProbed(parser, shifted)).isFalse();
    }
    try (var parser = Json.factory().createParser(probe)) {
      assertThat(JsonTree.offsetsAsProbed(parser, probe)).isTrue();
    }
  }

  /** Cut just after the backslash that opens a string: the quote it escapes does not end the string. */
  @Test
  void anUnreadStringCutAfterItsOpeningEscapeDidNotEnd() {
    byte[] bytes = "{\"message\":\"m\",\"note\":\"\\\"".getBytes(StandardCharsets.UTF_8);

    assertThat(JsonTree.parse(bytes, null, true, JsonTree.budget(bytes.length), true).tree().has("note")).isFalse();
    String text = new String(bytes, StandardCharsets.UTF_8); // parsed from its text, as a body in another charset
    assertThat(JsonTree.parse(null, text, true, JsonTree.budget(bytes.length), true).tree().has("note")).isFalse();
  }

  /**
   * A cut body whose parse stops on a limit (a name longer than the parser allows) right
   * after an unread string: the string ended, so it counts, as it would when built.
   */
  @Test
  void anUnreadStringBeforeALimitHitAtACutCounts() {
    String body = "{\"message\":\"m\",\"note\":\"n\",\"" + "x".repeat(60_000) + "\":1";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

    JsonNode tree = JsonTree.parse(bytes, null, true, JsonTree.budget(bytes.length), true).tree();
    JsonNode whole = JsonTree.parse(bytes, null, true, JsonTree.budget(bytes.length), false).tree();

    assertThat(whole.get("note").textValue()).isEqualTo("n");
    assertThat(tree.get("note")).isSameAs(JsonTree.UNREAD_STRING);
  }
}
