package dev.apierrors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apierrors.spi.BoundedBody;
import dev.apierrors.spi.HttpHeaders;
import dev.apierrors.spi.ResponseView;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For the built-in formats, a root member no format reads is parsed past, not built: its
 * string is never decoded, its object never made (the tree holds a stand-in). A decoder
 * with a format of its own (that never matches) builds the whole tree: both must give the
 * same error for any body, cut anywhere, whether parsed from its bytes or from its text:
 * format, fields, entries, extensions (read from the bytes) all alike.
 */
class UnreadMembersTest {
  private static final ErrorDecoder BUILT_INS = ErrorDecoder.ofDefaults();
  private static final ErrorDecoder WHOLE_TREE = ErrorDecoder.builder()
      .addFormat(Decoding.format("never", body -> Optional.empty()))
      .build();

  /** Hand-written bodies where an unread member decides something, or sits next to a cut. */
  static Stream<String> bodies() {
    return Stream.of(
        // Heroku: the id is the code only when no member but id, message and url is there.
        "{\"id\":\"not_found\",\"message\":\"Not found\",\"url\":\"https://devcenter.heroku.com\"}",
        "{\"id\":\"not_found\",\"message\":\"Not found\",\"extra\":\"x\"}",
        "{\"id\":\"not_found\",\"message\":\"Not found\",\"extra\":{\"a\":[1,2,{\"b\":\"c\"}]}}",
        // Field-keyed: every member an array of strings, or no entries at all.
        "{\"email\":[\"is invalid\"],\"name\":[\"is required\",\"is too short\"]}",
        "{\"email\":[\"is invalid\"],\"name\":\"is required\"}",
        "{\"email\":[\"is invalid\"],\"name\":{\"min\":1}}",
        "{\"email\":[\"is invalid\"],\"count\":3}",
        // Problem with extensions of every shape, an escaped quote and a backslash at the end.
        "{\"type\":\"about:blank\",\"title\":\"Bad\",\"note\":\"say \\\"hi\\\"\",\"path\":\"C:\\\\\","
            + "\"balance\":30,\"accounts\":[\"/a/1\",\"/a/2\"],\"meta\":{\"x\":{\"y\":[true,null]}},\"ok\":false}",
        // Non-ASCII text in an unread string, and escapes of every kind.
        "{\"message\":\"Ungültig\",\"hint\":\"Prüfen Sie die Eingabe – bitte \\u00e9\\n\\t\\/\",\"code\":\"E1\"}",
        // Unread members before and after the errors list and the members formats read.
        "{\"trace\":\"t-1\",\"errors\":[{\"field\":\"a\",\"message\":\"bad\"}],\"debug\":{\"sql\":\"select\"},"
            + "\"message\":\"Validation failed\"}",
        // Unread strings that start with an escape: cut just after the backslash, the string
        // has not ended (Heroku's rule sees the difference: an extra member or not).
        "{\"id\":\"not_found\",\"message\":\"m\",\"note\":\"\\\"q\\\" and \\\\\"}",
        "{\"id\":\"not_found\",\"message\":\"m\",\"note\":\"\\\\\",\"url\":\"\\u0041\"}",
        // A duplicate: the last one counts, a stand-in or not.
        "{\"message\":\"m\",\"note\":\"first\",\"note\":{\"second\":1}}",
        "{\"message\":\"m\",\"note\":{\"first\":1},\"note\":\"second\"}",
        "{\"note\":\"a\",\"note\":[\"b\"]}",
        // Only unread members: row 11, json.
        "{\"foo\":\"bar\",\"baz\":{\"qux\":1}}",
        "{\"foo\":\"bar\"}",
        "{\"foo\":{}}",
        // Invalid inside an unread member: not JSON, either way.
        "{\"message\":\"m\",\"note\":\"bad \\x escape\"}",
        "{\"message\":\"m\",\"note\":{\"a\" 1}}",
        "{\"message\":\"m\",\"note\":\"tab\tinside\"}",
        "{\"message\":\"m\",\"note\":\"x\"} trailing",
        // Too deep after an unread string: cut inside the depth, the parser stops on its limit.
        "{\"id\":\"not_found\",\"message\":\"m\",\"note\":\"n\",\"deep\":" + "[".repeat(600) + "]".repeat(600) + "}",
        // A root array and a nested object: the members there are all built.
        "[{\"message\":\"m\",\"note\":\"n\"}]",
        "{\"error\":{\"message\":\"m\",\"note\":\"n\",\"code\":\"E\"},\"note\":\"top\"}");
  }

  /** Random root objects of format members and others, every value shape, nested a little. */
  static Stream<String> generatedBodies() {
    Random random = new Random(20261202);
    return IntStream.range(0, 400).mapToObj(n -> object(random, 0, 1 + random.nextInt(7)));
  }

  private static final String[] NAMES = {
      "type", "title", "status", "detail", "instance", "code", "message", "error", "error_description",
      "description", "errors", "id", "url", "details", "msg", "reason", "requestId", "errorMessages",
      "note", "trace", "hint", "meta", "email", "name", "x", "balance"};

  private static String object(Random random, int depth, int members) {
    StringBuilder b = new StringBuilder("{");
    for (int m = 0; m < members; m++) {
      b.append(m == 0 ? "" : ",").append('"').append(NAMES[random.nextInt(NAMES.length)]).append("\":")
          .append(value(random, depth));
    }
    return b.append('}').toString();
  }

  private static String value(Random random, int depth) {
    int kind = random.nextInt(depth >= 2 ? 5 : 8);
    return switch (kind) {
      case 0, 1 -> '"' + STRINGS[random.nextInt(STRINGS.length)] + '"';
      case 2 -> String.valueOf(random.nextInt(600) - 100);
      case 3 -> random.nextBoolean() ? "true" : "null";
      case 4 -> random.nextBoolean() ? "1.5" : "false";
      case 5 -> {
        StringBuilder a = new StringBuilder("[");
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
          a.append(i == 0 ? "" : ",").append(random.nextBoolean() ? '"' + STRINGS[random.nextInt(STRINGS.length)] + '"'
              : value(random, depth + 1));
        }
        yield a.append(']').toString();
      }
      default -> object(random, depth + 1, random.nextInt(4));
    };
  }

  private static final String[] STRINGS = {
      "", "bad", "not_found", "Not found", "is required", "with \\\"quotes\\\"", "back\\\\slash\\\\",
      "Ungültig – é", "\\u00e9\\n", "about:blank", "https://example.com/p", "  "};

  @ParameterizedTest
  @MethodSource({"bodies", "generatedBodies"})
  void theBuiltInsDecodeAsFromTheWholeTree(String body) {
    assertSameDecoding(body, StandardCharsets.UTF_8, false);
  }

  @ParameterizedTest
  @MethodSource({"bodies", "generatedBodies"})
  void aBodyCutAtAnyCharacterDecodesAsFromTheWholeTree(String body) {
    for (int cut = 1; cut < body.length(); cut++) {
      assertSameDecoding(body.substring(0, cut), StandardCharsets.UTF_8, true);
    }
  }

  /** A body in another charset is parsed from its text, not its bytes: the same rule holds. */
  @ParameterizedTest
  @MethodSource("bodies")
  void aBodyParsedFromItsTextDecodesAsFromTheWholeTree(String body) {
    for (int cut = 1; cut <= body.length(); cut++) {
      assertSameDecoding(body.substring(0, cut), StandardCharsets.UTF_16BE, cut < body.length());
    }
  }

  /** Every JSON body of the project's conformance corpus, whole and cut. */
  @Test
  void theCorpusBodiesDecodeAsFromTheWholeTree() throws IOException {
    List<String> bodies = corpusJsonBodies();
    assertThat(bodies).hasSizeGreaterThan(100);
    for (String body : bodies) {
      assertSameDecoding(body, StandardCharsets.UTF_8, false);
      for (int cut = 1; cut < body.length(); cut += 3) {
        assertSameDecoding(body.substring(0, cut), StandardCharsets.UTF_8, true);
      }
    }
  }

  private static List<String> corpusJsonBodies() throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    List<String> bodies = new ArrayList<>();
    for (String file : List.of("fields.json", "formats.json", "real-apis.json", "bad-input.json", "statuses.json",
        "headers.json")) {
      try (InputStream in = UnreadMembersTest.class.getClassLoader().getResourceAsStream("conformance/" + file)) {
        assertThat(in).as(file).isNotNull();
        for (JsonNode c : mapper.readTree(in)) {
          for (JsonNode response : c.path("responses")) {
            String body = response.path("body").asText("");
            if (body.stripLeading().startsWith("{")) {
              bodies.add(body);
            }
          }
        }
      }
    }
    return bodies;
  }

  private static void assertSameDecoding(String body, Charset charset, boolean truncated) {
    String contentType = "application/json; charset=" + charset.name();
    assertThat(summary(decode(BUILT_INS, body, charset, contentType, truncated)))
        .as("%s %s", charset, body)
        .isEqualTo(summary(decode(WHOLE_TREE, body, charset, contentType, truncated)));
  }

  private static ApiError decode(ErrorDecoder decoder, String body, Charset charset, String contentType,
      boolean truncated) {
    return decoder.decode(ResponseView.builder(422)
        .headers(HttpHeaders.of("Content-Type", contentType))
        .body(BoundedBody.of(body.getBytes(charset), truncated))
        .build());
  }

  private static List<Object> summary(ApiError e) {
    return List.of(e.format(), e.title(), e.detail(), e.code(), e.type(), e.instance(), e.errors(),
        e.extensions(), e.requestId(), e.rawBodyText());
  }
}
