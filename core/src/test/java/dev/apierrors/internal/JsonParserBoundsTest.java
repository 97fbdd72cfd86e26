package dev.apierrors.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** {@link Json#factory()}: the streaming parsers of decoding, under the shared bounds. */
class JsonParserBoundsTest {

  @Test
  void itReadsTheTokensOfTheText() throws IOException {
    try (JsonParser parser = Json.factory().createParser("{\"a\":[1,\"x\"]}")) {
      assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
      assertThat(parser.nextFieldName()).isEqualTo("a");
      assertThat(parser.nextToken()).isEqualTo(JsonToken.START_ARRAY);
      assertThat(parser.nextIntValue(-1)).isEqualTo(1);
      assertThat(parser.nextTextValue()).isEqualTo("x");
    }
  }

  @Test
  void itRefusesNestingPastTheBound() throws IOException {
    String deep = "[".repeat(Json.MAX_NESTING_DEPTH + 1) + "]".repeat(Json.MAX_NESTING_DEPTH + 1);
    try (JsonParser parser = Json.factory().createParser(deep)) {
      assertThatThrownBy(() -> {
        while (parser.nextToken() != null) {
          // read on
        }
      }).isInstanceOf(StreamConstraintsException.class);
    }
  }
}
