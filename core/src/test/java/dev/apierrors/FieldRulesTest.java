package dev.apierrors;

import dev.apierrors.spi.HttpHeaders;
import dev.apierrors.spi.ResponseView;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The rules of docs/specification.md §4 "The other fields" that apply whatever the format. */
class FieldRulesTest {
  private static final String JSON = "application/json";

  static Stream<Arguments> codes() {
    return Stream.of(
        Arguments.of("top-level code in a problem", "{\"title\":\"T\",\"detail\":\"d\",\"code\":\"E42\"}", "E42"),
        Arguments.of("integer code", "{\"title\":\"T\",\"detail\":\"d\",\"code\":42}", "42"),
        Arguments.of("error_code", "{\"message\":\"m\",\"error_code\":\"RATE\"}", "RATE"),
        Arguments.of("errorCode", "{\"message\":\"m\",\"errorCode\":7}", "7"),
        Arguments.of("code beats error_code", "{\"message\":\"m\",\"error_code\":\"B\",\"code\":\"A\"}", "A"),
        Arguments.of("top-level code beats oauth error",
            "{\"error\":\"invalid_grant\",\"error_code\":\"X1\"}", "X1"),
        Arguments.of("top-level code beats nested error status",
            "{\"error\":{\"status\":\"INNER\"},\"errorCode\":\"OUTER\"}", "OUTER"),
        Arguments.of("first errors entry's code", "{\"errors\":[{\"code\":\"first\"},{\"code\":\"second\"}]}",
            "first"),
        Arguments.of("boolean code is no code", "{\"message\":\"m\",\"code\":true}", null),
        Arguments.of("blank code is no code", "{\"message\":\"m\",\"code\":\"  \"}", null),
        Arguments.of("no code", "{\"message\":\"m\"}", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("codes")
  void codeFollowsItsPrecedence(String name, String body, String code) {
    assertThat(Decoding.decode(400, JSON, body).code().orElse(null)).isEqualTo(code);
  }

  record Entry(String field, String code, String title, String detail) {}

  static Stream<Arguments> errorShapes() {
    return Stream.of(
        Arguments.of("array of objects, field precedence",
            "{\"errors\":[{\"pointer\":\"/a\",\"field\":\"f\",\"code\":\"c\",\"title\":\"t\",\"detail\":\"d\",\"message\":\"m\"},"
                + "{\"field\":\"f\",\"name\":\"n\",\"message\":\"m\"},{\"name\":\"n\",\"param\":\"p\"},"
                + "{\"param\":\"p\",\"parameter\":\"q\"},{\"parameter\":\"q\"},"
                + "{\"source\":{\"pointer\":\"/data/x\",\"parameter\":\"y\"},\"code\":12},"
                + "{\"source\":{\"parameter\":\"y\"}},{}]}",
            List.of(new Entry("/a", "c", "t", "d"), new Entry("f", null, null, "m"), new Entry("n", null, null, null),
                new Entry("p", null, null, null), new Entry("q", null, null, null),
                new Entry("/data/x", "12", null, null), new Entry("y", null, null, null),
                new Entry(null, null, null, null))),
        Arguments.of("array of strings", "{\"message\":\"m\",\"errors\":[\"first\",\"second\"]}",
            List.of(new Entry(null, null, null, "first"), new Entry(null, null, null, "second"))),
        Arguments.of("object of strings, arrays and objects (ASP.NET, Rails)",
            "{\"title\":\"One or more validation errors occurred.\",\"status\":400,"
                + "\"errors\":{\"Name\":[\"is required\",\"is too short\"],\"Age\":\"must be a number\","
                + "\"Email\":{\"message\":\"taken\",\"detail\":\"ignored\"},\"Zip\":{\"detail\":\"bad zip\"},\"N\":5}}",
            List.of(new Entry("Name", null, null, "is required"), new Entry("Name", null, null, "is too short"),
                new Entry("Age", null, null, "must be a number"), new Entry("Email", null, null, "taken"),
                new Entry("Zip", null, null, "bad zip"))),
        Arguments.of("nested error's errors",
            "{\"error\":{\"message\":\"m\",\"errors\":[{\"field\":\"q\",\"message\":\"bad\"}],"
                + "\"details\":[{\"field\":\"ignored\"}]}}",
            List.of(new Entry("q", null, null, "bad"))),
        Arguments.of("nested error's details when no errors",
            "{\"error\":{\"message\":\"m\",\"details\":[{\"field\":\"d\",\"detail\":\"x\"}]}}",
            List.of(new Entry("d", null, null, "x"))),
        Arguments.of("nested error's own errors win over top-level errors",
            "{\"error\":{\"message\":\"m\",\"details\":[\"inner\"]},\"errors\":[\"top\"]}",
            List.of(new Entry(null, null, null, "inner"))),
        Arguments.of("nested error without its own errors uses top-level errors",
            "{\"error\":{\"message\":\"m\"},\"errors\":[\"top\"]}", List.of(new Entry(null, null, null, "top"))),
        Arguments.of("errors of a scalar", "{\"message\":\"m\",\"errors\":\"oops\"}", List.of()),
        Arguments.of("text body has none", "errors: many", List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errorShapes")
  void errorsMemberGivesOneEntryPerError(String name, String body, List<Entry> expected) {
    List<ErrorEntry> errors = Decoding.decode(422, JSON, body).errors();

    assertThat(errors)
        .extracting(e -> e.field().orElse(null), e -> e.code().orElse(null), e -> e.title().orElse(null),
            e -> e.detail().orElse(null))
        .containsExactlyElementsOf(
            expected.stream().map(e -> tuple(e.field(), e.code(), e.title(), e.detail())).toList());
  }

  @Test
  void problemTypeDefaultsToAboutBlankAndOtherFormatsHaveNone() {
    ApiError problem = Decoding.decode(400, "application/problem+json", "{\"title\":\"T\",\"instance\":\"/i/1\"}");
    ApiError typed = Decoding.decode(400, JSON, "{\"title\":\"T\",\"type\":\"https://e/x\",\"instance\":\"/i/2\"}");
    ApiError message = Decoding.decode(400, JSON, "{\"message\":\"m\",\"type\":\"t\",\"instance\":\"i\"}");

    assertThat(problem.type()).contains("about:blank");
    assertThat(problem.instance()).contains("/i/1");
    assertThat(typed.type()).contains("https://e/x");
    assertThat(typed.instance()).contains("/i/2");
    assertThat(message.type()).isEmpty();
    assertThat(message.instance()).isEmpty();
  }

  @Test
  void statusMemberNeverOverridesTheHttpStatus() {
    ApiError error = Decoding.decode(403, JSON, "{\"title\":\"T\",\"status\":500,\"detail\":\"d\"}");

    assertThat(error.status()).isEqualTo(403);
  }

  @Test
  void otherTopLevelMembersAreExtensionsReadableAsTypedValues() {
    ApiError error = Decoding.decode(403, "application/problem+json",
        "{\"type\":\"https://example.com/probs/out-of-credit\",\"title\":\"You do not have enough credit.\","
            + "\"detail\":\"Your current balance is 30, but that costs 50.\",\"instance\":\"/account/12345/msgs/abc\","
            + "\"balance\":30,\"accounts\":[\"/account/12345\",\"/account/67890\"],\"code\":\"E1\","
            + "\"errors\":[\"e\"]}");

    assertThat(error.extensions().keySet()).containsExactly("balance", "accounts");
    assertThat(error.extension("balance", Integer.class)).contains(30);
    assertThat(error.extension("accounts", String[].class)).hasValueSatisfying(
        a -> assertThat(a).containsExactly("/account/12345", "/account/67890"));
    assertThat(error.extensions()).containsEntry("balance", 30L)
        .containsEntry("accounts", List.of("/account/12345", "/account/67890"));
    assertThat(error.extension("title", String.class)).isEmpty();
    assertThatThrownBy(() -> error.extension("balance", Map.class))
        .isInstanceOf(ErrorConversionException.class)
        .hasMessageStartingWith("cannot convert extension \"balance\" to java.util.Map: ");
  }

  @Test
  void membersNoRuleUsedStayExtensions() {
    ApiError error = Decoding.decode(400, JSON,
        "{\"error\":\"invalid_request\",\"error_description\":\"d\",\"error_uri\":\"https://e\",\"errors\":5}");

    assertThat(error.extensions().keySet()).containsExactly("error_uri", "errors");
  }

  record OutOfCredit(String title, int balance, List<String> accounts) {}

  @Test
  void wholeBodyReadsAsTheCallersOwnType() {
    ApiError error = Decoding.decode(403, JSON,
        "{\"title\":\"No credit\",\"detail\":\"d\",\"balance\":30,\"accounts\":[\"/a/1\"],\"unknown\":true}");

    assertThat(error.bodyAs(OutOfCredit.class)).contains(new OutOfCredit("No credit", 30, List.of("/a/1")));
    assertThat(error.bodyAs(Map.class)).hasValueSatisfying(body -> assertThat(body).containsEntry("unknown", true));
  }

  @Test
  void nonJsonBodyHasNoTreeNorExtensions() {
    ApiError error = Decoding.decode(500, "text/plain", "just text");

    assertThat(error.bodyAs(Object.class)).isEmpty();
    assertThat(error.bodyAs(OutOfCredit.class)).isEmpty();
    assertThat(error.extensions().keySet()).isEmpty();
  }

  @Test
  void rawBodyAndRequestAreKept() {
    ApiError error = ErrorDecoder.ofDefaults().decode(ResponseView.builder(404)
        .body("{\"message\":\"gone\"}")
        .request("GET", "https://api.example.com/users/1?api_key=supersecret123")
        .build());

    assertThat(error.rawBody()).asString().isEqualTo("{\"message\":\"gone\"}");
    assertThat(error.rawBodyText()).isEqualTo("{\"message\":\"gone\"}");
    assertThat(error.truncated()).isFalse();
    assertThat(error.requestMethod()).contains("GET");
    assertThat(error.requestUrl()).hasValueSatisfying(url -> assertThat(url).doesNotContain("supersecret123"));
  }

  @Test
  void credentialsEchoedInTheBodyNeverReachToString() {
    ApiError error = ErrorDecoder.ofDefaults().decode(ResponseView.builder(401)
        .body("{\"message\":\"bad token Bearer abcd-1234-secret\"}")
        .requestHeaders(HttpHeaders.of("Authorization", "Bearer abcd-1234-secret"))
        .build());

    assertThat(error.detail()).contains("bad token Bearer abcd-1234-secret");
    assertThat(error.toString()).doesNotContain("abcd-1234-secret");
  }

  @Test
  void jsonInUtf16WithoutCharsetIsDecodedAsJson() {
    byte[] body = "{\"message\":\"Überlastet\"}".getBytes(java.nio.charset.StandardCharsets.UTF_16LE);

    ApiError error = Decoding.decode(503, "application/json", body, false);

    assertThat(error.format()).isEqualTo("message");
    assertThat(error.detail()).contains("Überlastet");
    assertThat(error.rawBodyText()).isEqualTo("{\"message\":\"Überlastet\"}");
  }
}
