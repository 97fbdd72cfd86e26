package dev.apierrors;

import dev.apierrors.spi.ErrorFields;
import dev.apierrors.spi.ErrorFormat;
import dev.apierrors.spi.HttpHeaders;
import dev.apierrors.spi.ResponseView;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Formats added with ErrorDecoder.Builder.addFormat are tried first, then the built-ins. */
class CustomFormatTest {
  /** An API whose errors look like {"fault":{"reason":"...","id":"..."}}. */
  private static final ErrorFormat FAULT = Decoding.format("acme_fault", body -> {
    JsonNode fault = body.json().map(json -> json.get("fault")).orElse(null);
    if (fault == null || !fault.isObject()) {
      return Optional.empty();
    }
    return Optional.of(ErrorFields.builder()
        .title(fault.path("reason").asText())
        .code(fault.path("id").asText())
        .errors(List.of(ErrorEntry.of("f", null, null, "d")))
        .consumedMembers(Set.of("fault"))
        .build());
  });

  @Test
  void customFormatWinsOverTheBuiltIns() {
    ErrorDecoder decoder = ErrorDecoder.builder().addFormat(FAULT).build();

    ApiError error = decoder.decode(ResponseView.builder(400)
        .body("{\"fault\":{\"reason\":\"Quota exceeded\",\"id\":\"Q1\"},\"message\":\"also here\",\"errors\":[\"x\"]}")
        .build());

    assertThat(error.format()).isEqualTo("acme_fault");
    assertThat(error.title()).isEqualTo("Quota exceeded");
    assertThat(error.code()).contains("Q1");
    assertThat(error.detail()).isEmpty();
    assertThat(error.errors()).containsExactly(ErrorEntry.of("f", null, null, "d"));
    assertThat(error.extensionNames()).containsExactly("message", "errors");
  }

  @Test
  void customFormatThatDoesNotMatchLeavesTheBuiltIns() {
    ErrorDecoder decoder = ErrorDecoder.builder().addFormat(FAULT).build();

    ApiError error = decoder.decode(ResponseView.builder(400).body("{\"message\":\"plain\"}").build());

    assertThat(error.format()).isEqualTo("message");
    assertThat(error.builtInFormat()).contains(BuiltInFormat.MESSAGE);
  }

  @Test
  void customFormatNamedLikeABuiltInIsNoBuiltIn() {
    ErrorFormat impostor = Decoding.format("message", body -> Optional.of(ErrorFields.builder().detail("mine").build()));
    ErrorDecoder decoder = ErrorDecoder.builder().addFormat(impostor).build();

    ApiError error = decoder.decode(ResponseView.builder(400).body("{\"message\":\"plain\"}").build());

    assertThat(error.format()).isEqualTo("message");
    assertThat(error.builtInFormat()).isEmpty();
    assertThat(error.detail()).contains("mine");
  }

  @Test
  void eachBuiltInIsAConstantToSwitchOn() {
    ApiError xml = ErrorDecoder.ofDefaults().decode(ResponseView.builder(404)
        .body("<Error><Code>NoSuchKey</Code></Error>").build());
    ApiError fallback = ErrorDecoder.ofDefaults().decode(ResponseView.builder(500).body("oops").build());

    String kind = switch (xml.builtInFormat().orElseThrow()) {
      case XML_ERROR -> "xml";
      default -> "other";
    };
    assertThat(kind).isEqualTo("xml");
    assertThat(fallback.builtInFormat()).contains(BuiltInFormat.PLAIN_TEXT);
    assertThat(ApiError.builder(400).build().builtInFormat()).contains(BuiltInFormat.EMPTY);
    assertThat(ApiError.builder(400).format("acme").build().builtInFormat()).isEmpty();
    assertThat(ApiError.builder(400).format(BuiltInFormat.HTML).build().format()).isEqualTo("html");
  }

  @Test
  void throwingCustomFormatIsSkippedForTheNextOne() {
    ErrorFormat broken = Decoding.format("broken", body -> {
      throw new NullPointerException("oops");
    });
    ErrorDecoder decoder = ErrorDecoder.builder().addFormat(broken).addFormat(FAULT).build();

    ApiError error = decoder.decode(ResponseView.builder(400).body("{\"fault\":{\"reason\":\"R\"}}").build());

    assertThat(error.format()).isEqualTo("acme_fault");
  }

  @Test
  void customFormatSeesTheDecodedBody() {
    ErrorFormat spy = Decoding.format("spy", body -> Optional.of(ErrorFields.builder()
        .title(body.mediaType().orElse("none") + "|" + body.reasonPhrase() + "|" + body.status())
        .detail(body.text() + "|" + body.truncated() + "|" + body.headers().firstValue("X-A").orElse(""))
        .build()));
    ErrorDecoder decoder = ErrorDecoder.builder().addFormat(spy).build();

    ApiError error = decoder.decode(ResponseView.builder(404)
        .headers(HttpHeaders.of("Content-Type", "Text/Plain; charset=UTF-8", "X-A", "a"))
        .body("\uFEFFhello")
        .build());

    assertThat(error.title()).isEqualTo("text/plain|Not Found|404");
    assertThat(error.detail()).contains("hello|false|a");
  }
}
