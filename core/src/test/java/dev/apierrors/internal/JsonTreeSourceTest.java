package dev.apierrors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Where {@link JsonTree} parses from: the bytes only when they are the text's UTF-8; never a throw. */
class JsonTreeSourceTest {

  @Test
  void aBodyThatIsNotUtf8IsParsedFromItsText() {
    byte[] latin1 = "{\"title\":\"Caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
    String text = new String(latin1, StandardCharsets.ISO_8859_1);

    assertThat(JsonTree.parse(latin1, text, false, false))
        .hasValueSatisfying(tree -> assertThat(tree.get("title").textValue()).isEqualTo("Caf\u00e9"));
    assertThat(JsonTree.parseForBuiltIns(latin1, text, false, false).tree().get("title").textValue())
        .isEqualTo("Caf\u00e9");
  }

  @Test
  void utf16BytesAreParsedFromTheirText() {
    String text = "{\"title\":\"t\",\"errors\":[{\"message\":\"m\"}]}";
    byte[] utf16 = text.getBytes(StandardCharsets.UTF_16LE);

    assertThat(JsonTree.parse(utf16, text, false, false)).isEqualTo(JsonTree.parse(text, false)).isPresent();
    assertThat(JsonTree.parseForBuiltIns(utf16, text, false, false).rootErrors()).hasSize(1);
  }

  @Test
  void bytesThatBreakThePromiseOfBeingUtf8GiveNoTreeAndNoThrow() {
    // Not UTF-8 at all: UTF-32BE by its zero bytes, then an impossible code point.
    byte[] bytes = {0, 0, 0, '{', (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0, 0, 0, '}'};

    assertThat(JsonTree.parse(bytes, "{}", true, false)).isEmpty();
    assertThat(JsonTree.parseForBuiltIns(bytes, "{}", true, true).tree()).isNull();
  }
}
