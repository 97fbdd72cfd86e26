package dev.apierrors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OneLineTest {
  @ParameterizedTest(name = "[{index}] U+{0}")
  @CsvSource({
      "000d, \\r", "000a, \\n", "0009, \\t", "0000, \\0", "0007, \\u0007", "001b, \\u001b", "007f, \\u007f",
      "0085, \\u0085", "009f, \\u009f", "2028, \\u2028", "2029, \\u2029", "200e, \\u200e", "202e, \\u202e",
      "2066, \\u2066", "2069, \\u2069", "d800, \\ud800", "dfff, \\udfff",
  })
  void escapesEveryCharacterThatCouldBreakOrForgeALine(String hex, String escaped) {
    char c = (char) Integer.parseInt(hex, 16);

    assertThat(OneLine.escape("a" + c + "b")).isEqualTo("a" + escaped + "b");
  }

  @Test
  void keepsOrdinaryTextSurrogatePairsAndBackslashesAsTheyAre() {
    String text = "Grüße, 東京 😀 C:\\path é";

    assertThat(OneLine.escape(text)).isEqualTo(text);
  }

  @Test
  void cutsAtTheLimitWithAnEllipsisNeverInsideAnEscapeOrASurrogatePair() {
    for (int max = 2; max <= 12; max++) {
      String cut = OneLine.text("ab\n😀\r\ncdefghijklmnop", Set.of(), max);
      assertThat(cut.length()).isLessThanOrEqualTo(max);
      assertThat(cut).endsWith("…");
      String shown = cut.substring(0, cut.length() - 1);
      assertThat("ab\\n😀\\r\\ncdefghijklmnop").startsWith(shown);
      assertThat(shown).doesNotEndWith("\\").matches(s -> s.isEmpty() || !Character.isHighSurrogate(s.charAt(s.length() - 1)));
    }
    assertThat(OneLine.text("exactly10!", Set.of(), 10)).isEqualTo("exactly10!");
  }

  @Test
  void buildsTypeNameValueSkippingAbsentMembers() {
    String line = OneLine.of("Thing").add("a", "x").add("b", null).add("n", 42).flag("on", true).flag("off", false)
        .list("empty", List.of()).list("items", List.of(1, 2)).map("m", Map.of("k", "v")).toString();

    assertThat(line).isEqualTo("Thing{a=x, n=42, on, items=[1, 2], m={k=v}}");
  }

  @Test
  void aLongListShowsTenItemsAndHowManyMore() {
    String line = OneLine.of("T").list("xs", IntStream.range(0, 1_234_567).boxed().toList()).toString();

    assertThat(line).isEqualTo("T{xs=[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, … 1,234,557 more]}");
  }

  @Test
  void aListAfterLongValuesStillSaysHowManyItemsItHas() {
    OneLine line = OneLine.of("T");
    for (int i = 0; i < 6; i++) {
      line.add("v" + i, "x".repeat(1_000));
    }
    String text = line.list("errors", Collections.nCopies(500_000, "y".repeat(1_000))).add("after", "z".repeat(1_000)).toString();

    assertThat(text.length()).isLessThanOrEqualTo(OneLine.MAX_LENGTH);
    assertThat(text).containsPattern("errors=\\[(y+…, )*(y+…, )?… 4\\d\\d,\\d{3} more]").endsWith("…}");
  }

  @Test
  void masksSecretsBeforeCuttingSoNoPrefixSurvives() {
    String secret = "sk-live-0123456789";
    for (int at = 280; at <= 300; at++) {
      String line = OneLine.of("T", Set.of(secret)).add("v", "x".repeat(at) + secret).toString();
      assertThat(line).doesNotContain("sk-l");
    }
  }
}
