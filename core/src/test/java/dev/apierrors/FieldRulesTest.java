package dev.apierrors;

import dev.apierrors.spi.HttpHeaders;
import dev.apierrors.spi.ResponseView;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The README's field rules ("The other fields, whatever the format"). */
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
        Arguments.of("no code", "{\"message\":\"m\"}", null),
        // AWS JSON __type: before the first ':', then after the last '#'.
        Arguments.of("__type", "{\"__type\":\"ResourceNotFoundException\",\"message\":\"m\"}",
            "ResourceNotFoundException"),
        Arguments.of("__type with namespace and URI",
            "{\"__type\":\"aws.protocoltests.json#FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/\"}",
            "FooError"),
        Arguments.of("__type with a namespace", "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException\","
            + "\"Message\":\"The conditional request failed\"}", "ConditionalCheckFailedException"),
        Arguments.of("__type cut at the first colon", "{\"__type\":\"a#B:c#D:e\"}", "B"),
        Arguments.of("__type that leaves nothing", "{\"__type\":\"ns#:uri\"}", null),
        Arguments.of("non-string __type", "{\"__type\":5}", null),
        Arguments.of("top-level code beats __type", "{\"__type\":\"T\",\"code\":\"C\",\"message\":\"m\"}", "C"),
        Arguments.of("the row's own code beats __type", "{\"__type\":\"T\",\"error\":{\"code\":\"inner\"}}", "inner"),
        // Heroku: id, for row 10, when the object has only id, message and url.
        Arguments.of("Heroku id", "{\"id\":\"not_found\",\"message\":\"Couldn't find that app.\","
            + "\"url\":\"https://devcenter.heroku.com/articles/platform-api-reference#errors\"}", "not_found"),
        Arguments.of("Heroku id without url", "{\"id\":\"rate_limit\",\"message\":\"slow\"}", "rate_limit"),
        Arguments.of("id beside another member is no code", "{\"id\":\"x\",\"message\":\"m\",\"at\":1}", null),
        Arguments.of("id with whitespace is no code", "{\"id\":\"not found\",\"message\":\"m\"}", null),
        Arguments.of("numeric id is no code", "{\"id\":42,\"message\":\"m\"}", null),
        Arguments.of("id outside row 10 is no code", "{\"id\":\"x\",\"detail\":\"d\"}", null));
  }

  static Stream<Arguments> headerCodes() {
    return Stream.of(
        // status, headers, body, code
        Arguments.of(400, new String[] {"X-Amzn-ErrorType", "ValidationException"}, "{\"message\":\"m\"}",
            "ValidationException"),
        Arguments.of(400, new String[] {"x-amzn-errortype",
            "ValidationException:http://internal.amazon.com/coral/com.amazon.coral.validate/"}, "", "ValidationException"),
        Arguments.of(404, new String[] {"X-Amzn-ErrorType", "aws.example#ResourceNotFoundException:http://x/"},
            "{\"Message\":\"m\"}", "ResourceNotFoundException"),
        Arguments.of(400, new String[] {"X-Amzn-ErrorType", "FromHeader"}, "{\"__type\":\"FromBody\"}", "FromBody"),
        Arguments.of(400, new String[] {"X-Amzn-ErrorType", "FromHeader"}, "<Error><Code>FromXml</Code></Error>",
            "FromXml"),
        Arguments.of(400, new String[] {"X-Amzn-ErrorType", ":"}, "", null),
        Arguments.of(401, new String[] {"X-Amzn-ErrorType", "UnauthorizedException",
            "WWW-Authenticate", "Bearer error=\"invalid_token\""}, "", "UnauthorizedException"),
        Arguments.of(403, new String[] {"WWW-Authenticate", "Bearer error=\"insufficient_scope\", scope=\"repo\""},
            "", "insufficient_scope"),
        Arguments.of(403, new String[] {"WWW-Authenticate", "Bearer error=\"insufficient_scope\""},
            "{\"id\":\"forbidden\",\"message\":\"m\"}", "forbidden"));
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("headerCodes")
  void codeFallsBackToAmazonsErrorTypeThenTheBearerChallenge(int status, String[] headers, String body, String code) {
    ApiError error = ErrorDecoder.ofDefaults()
        .decode(ResponseView.builder(status).headers(HttpHeaders.of(headers)).body(body).build());

    assertThat(error.code().orElse(null)).isEqualTo(code);
  }

  @Test
  void membersThatGaveTheCodeAreNotExtensions() {
    ApiError aws = Decoding.decode(400, JSON, "{\"__type\":\"ns#T\",\"message\":\"m\",\"x\":1}");
    ApiError heroku = Decoding.decode(404, JSON, "{\"id\":\"not_found\",\"message\":\"m\",\"url\":\"u\"}");

    assertThat(aws.extensionNames()).containsExactly("x");
    assertThat(heroku.extensionNames()).containsExactly("url");
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
        Arguments.of("text body has none", "errors: many", List.of()),
        Arguments.of("field: target (Microsoft Graph) and path (GraphQL)",
            "{\"errors\":[{\"target\":\"displayName\",\"message\":\"m\"},"
                + "{\"path\":[\"user\",0,\"email\"],\"message\":\"n\",\"extensions\":{\"code\":\"BAD_USER_INPUT\"}},"
                + "{\"path\":\"a.b\"},{\"path\":[]},{\"path\":[\"x\",1.5]},{\"path\":[\"\",\"y\"]},"
                + "{\"param\":\"p\",\"target\":\"t\",\"path\":[\"q\"]},{\"target\":\"t\",\"path\":[\"q\"]},"
                + "{\"target\":5,\"path\":[\"q\"]}]}",
            List.of(new Entry("displayName", null, null, "m"), new Entry("user.0.email", "BAD_USER_INPUT", null, "n"),
                new Entry("a.b", null, null, null), new Entry(null, null, null, null),
                new Entry(null, null, null, null), new Entry(".y", null, null, null),
                new Entry("p", null, null, null), new Entry("t", null, null, null), new Entry("q", null, null, null))),
        Arguments.of("code: code beats extensions.code, integers count",
            "{\"errors\":[{\"code\":\"c\",\"extensions\":{\"code\":\"x\"}},{\"extensions\":{\"code\":7}},"
                + "{\"extensions\":{\"code\":true}},{\"extensions\":\"x\"}]}",
            List.of(new Entry(null, "c", null, null), new Entry(null, "7", null, null), new Entry(null, null, null, null),
                new Entry(null, null, null, null))),
        Arguments.of("detail: detail, else message, else Message, else msg",
            "{\"errors\":[{\"detail\":\"d\",\"message\":\"m\",\"msg\":\"g\"},{\"message\":\"m\",\"msg\":\"g\"},"
                + "{\"Message\":\"M\",\"msg\":\"g\"},{\"msg\":\"g\"},{\"detail\":5,\"msg\":\"g\"},"
                + "{\"message\":null,\"Message\":\"M\"}]}",
            List.of(new Entry(null, null, null, "d"), new Entry(null, null, null, "m"), new Entry(null, null, null, "M"),
                new Entry(null, null, null, "g"), new Entry(null, null, null, "g"), new Entry(null, null, null, null))),
        Arguments.of("keyed object values: message, Message, else detail",
            "{\"errors\":{\"a\":{\"Message\":\"M\"},\"b\":{\"message\":\"m\",\"Message\":\"M\"},\"c\":{\"detail\":\"d\"}}}",
            List.of(new Entry("a", null, null, "M"), new Entry("b", null, null, "m"), new Entry("c", null, null, "d"))),
        Arguments.of("Microsoft Graph details with target",
            "{\"error\":{\"code\":\"BadRequest\",\"message\":\"Invalid request.\",\"details\":[{\"code\":\"invalidValue\","
                + "\"message\":\"Value is invalid\",\"target\":\"mail\"}]}}",
            List.of(new Entry("mail", "invalidValue", null, "Value is invalid"))));
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

    assertThat(error.extensionNames()).containsExactly("balance", "accounts");
    assertThat(error.extension("balance", Integer.class)).contains(30);
    assertThat(error.extension("accounts", String[].class)).hasValueSatisfying(
        a -> assertThat(a).containsExactly("/account/12345", "/account/67890"));
    assertThat(error.extension("balance", Map.class)).isEmpty();
    assertThat(error.extension("title")).isEmpty();
  }

  @Test
  void membersNoRuleUsedStayExtensions() {
    ApiError error = Decoding.decode(400, JSON,
        "{\"error\":\"invalid_request\",\"error_description\":\"d\",\"error_uri\":\"https://e\",\"errors\":5}");

    assertThat(error.extensionNames()).containsExactly("error_uri", "errors");
  }

  record OutOfCredit(String title, int balance, List<String> accounts) {}

  @Test
  void wholeBodyReadsAsTheCallersOwnType() {
    ApiError error = Decoding.decode(403, JSON,
        "{\"title\":\"No credit\",\"detail\":\"d\",\"balance\":30,\"accounts\":[\"/a/1\"],\"unknown\":true}");

    assertThat(error.bodyAs(OutOfCredit.class)).contains(new OutOfCredit("No credit", 30, List.of("/a/1")));
    assertThat(error.json()).isPresent();
  }

  @Test
  void nonJsonBodyHasNoTreeNorExtensions() {
    ApiError error = Decoding.decode(500, "text/plain", "just text");

    assertThat(error.json()).isEmpty();
    assertThat(error.bodyAs(OutOfCredit.class)).isEmpty();
    assertThat(error.extensionNames()).isEmpty();
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
