package dev.apierrors.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A converter over a user's mapper names the mapper's class (never its configuration) and converts with it. */
class JacksonValueConverterDescribedTest {

  @Test
  void itNamesTheMappersClass() {
    assertThat(JacksonValueConverter.of(new ObjectMapper()))
        .hasToString("JacksonValueConverter{com.fasterxml.jackson.databind.ObjectMapper}");
    assertThat(JacksonValueConverter.of(JsonMapper.builder().build()))
        .hasToString("JacksonValueConverter{com.fasterxml.jackson.databind.json.JsonMapper}");
  }

  @Test
  void itConvertsWithTheMapper() {
    Object converted = JacksonValueConverter.of(new ObjectMapper()).convert(Map.of("a", 1), Map.class);
    assertThat(converted).isEqualTo(Map.of("a", 1));
    assertThatThrownBy(() -> JacksonValueConverter.of(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("mapper");
  }
}
