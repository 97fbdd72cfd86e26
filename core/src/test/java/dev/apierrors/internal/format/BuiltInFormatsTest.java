package dev.apierrors.internal.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apierrors.BuiltInFormat;
import dev.apierrors.spi.ErrorFormat;
import dev.apierrors.spi.HttpHeaders;
import dev.apierrors.internal.DecodedBody;
import dev.apierrors.internal.JsonTree;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each built-in format on its own: which bodies it matches, whatever the rows before it.
 * Precedence between rows is {@code FormatTableTest}'s job; this table shows the overlaps
 * that precedence resolves.
 */
class BuiltInFormatsTest {
  @Test
  void builtInsFollowTheContractOrder() {
    assertThat(BuiltInFormats.ALL).extracting(ErrorFormat::name).containsExactly(
        "empty", "problem_json", "problem_xml", "status_error", "error_description", "error_text",
        "message_description", "code_message", "errors_array", "nested_error", "message", "json", "xml_error",
        "html", "plain_text");
  }

  @Test
  void everyBuiltInHasItsConstantInTheSameOrder() {
    assertThat(BuiltInFormats.ALL).extracting(ErrorFormat::name)
        .containsExactlyElementsOf(Stream.of(BuiltInFormat.values()).map(BuiltInFormat::wireName).toList());
    for (BuiltInFormat format : BuiltInFormat.values()) {
      assertThat(BuiltInFormat.fromWireName(format.wireName())).contains(format);
    }
    assertThat(BuiltInFormats.CONSTANTS).containsExactly(BuiltInFormat.values());
    assertThat(BuiltInFormat.fromWireName("acme")).isEmpty();
    assertThat(BuiltInFormat.fromWireName("PROBLEM_JSON")).isEmpty();
  }

  static Stream<Arguments> matches() {
    return Stream.of(
        // content type, body, every built-in format that matches it (in table order)
        Arguments.of(null, "", List.of("empty", "plain_text")),
        Arguments.of(null, "{\"title\":\"T\",\"detail\":\"D\",\"message\":\"M\"}",
            List.of("problem_json", "message", "json", "plain_text")),
        Arguments.of("application/problem+json", "{}", List.of("problem_json", "json", "plain_text")),
        Arguments.of("application/problem+json", "[]", List.of("json", "plain_text")),
        Arguments.of(null, "{\"title\":\"T\",\"instance\":null}", List.of("json", "plain_text")),
        Arguments.of("application/problem+xml", "<problem/>", List.of("problem_xml", "plain_text")),
        Arguments.of(null, "{\"status\":\"ERROR\",\"error\":\"bad_thing\"}",
            List.of("status_error", "error_description", "json", "plain_text")),
        Arguments.of(null, "{\"status\":\"ERRORS\",\"error\":\"x\"}",
            List.of("error_description", "json", "plain_text")),
        Arguments.of(null, "{\"status\":\"ERROR\",\"error\":{\"message\":\"m\"}}",
            List.of("nested_error", "json", "plain_text")),
        Arguments.of(null, "{\"error\":\"\",\"error_description\":\"d\"}", List.of("json", "plain_text")),
        Arguments.of(null, "{\"error\":\"with\\ttab\"}", List.of("error_text", "json", "plain_text")),
        Arguments.of(null, "{\"message\":\"M\",\"description\":\"D\",\"code\":5}",
            List.of("message_description", "code_message", "message", "json", "plain_text")),
        Arguments.of(null, "{\"message\":\"M\",\"description\":7}", List.of("message", "json", "plain_text")),
        Arguments.of(null, "{\"code\":\"C\"}", List.of("json", "plain_text")),
        Arguments.of(null, "{\"errors\":[{},{\"a\":1}],\"message\":\"M\"}",
            List.of("errors_array", "message", "json", "plain_text")),
        Arguments.of(null, "{\"errors\":[{},\"s\"]}", List.of("json", "plain_text")),
        Arguments.of(null, "{\"errors\":{\"a\":\"b\"}}", List.of("json", "plain_text")),
        Arguments.of(null, "{\"error\":{}}", List.of("nested_error", "json", "plain_text")),
        Arguments.of(null, "{\"error\":[]}", List.of("json", "plain_text")),
        Arguments.of(null, "{\"message\":null}", List.of("json", "plain_text")),
        Arguments.of(null, "\"just a string\"", List.of("plain_text")),
        Arguments.of("text/html", "\"just a string\"", List.of("html", "plain_text")),
        Arguments.of("text/html", "{\"message\":\"m\"}", List.of("message", "json", "html", "plain_text")),
        Arguments.of(null, "\n <!DocType Html><p>x", List.of("html", "plain_text")),
        Arguments.of(null, "<htmlx", List.of("html", "plain_text")),
        Arguments.of(null, "<!doctype xml>", List.of("plain_text")),
        Arguments.of(null, "text <html>", List.of("plain_text")),
        Arguments.of(null, "{\"error\":\"a sentence\",\"message\":\"m\"}", List.of("message", "json", "plain_text")),
        Arguments.of(null, "{\"error\":\"a sentence\",\"description\":\"d\"}",
            List.of("error_text", "json", "plain_text")),
        Arguments.of(null, "{\"error\":\"token\",\"message\":\"m\"}",
            List.of("error_description", "message", "json", "plain_text")),
        Arguments.of(null, "<Error><Code>C</Code></Error>", List.of("xml_error", "plain_text")),
        Arguments.of("application/xml", "<Error><Code>C</Code></Error>", List.of("xml_error", "plain_text")),
        Arguments.of("text/html", "<Error><Message>M</Message></Error>", List.of("xml_error", "html", "plain_text")),
        Arguments.of("application/problem+xml", "<Error><Code>C</Code></Error>",
            List.of("problem_xml", "xml_error", "plain_text")),
        Arguments.of("application/xml", "<html><title>t</title></html>", List.of("html", "plain_text")),
        Arguments.of("application/xml", "<Response/>", List.of("plain_text")));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("matches")
  void eachFormatMatchesItsOwnShape(String contentType, String text, List<String> expected) {
    HttpHeaders headers = contentType == null ? HttpHeaders.empty() : HttpHeaders.of("Content-Type", contentType);
    DecodedBody body = DecodedBody.of(400, headers, text, JsonTree.parse(text, false).orElse(null), false);

    List<String> matching = BuiltInFormats.ALL.stream()
        .filter(format -> format.decode(body).isPresent())
        .map(ErrorFormat::name)
        .toList();

    assertThat(matching).isEqualTo(expected);
  }
}
