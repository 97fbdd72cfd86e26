package dev.apierrors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The README's "Real-world aliases": where a detail or the entries are found when no row
 * of the decoding table names them, and where those rules meet the rows.
 */
class RealWorldAliasesTest {
  private static final String JSON = "application/json";

  static Stream<Arguments> details() {
    return Stream.of(
        // name, body, format, detail
        Arguments.of("DRF/Starlette detail string", "{\"detail\":\"Not found.\"}", "json", "Not found."),
        Arguments.of("problem-like status and detail without title", "{\"status\":429,\"detail\":\"Slow down\"}",
            "json", "Slow down"),
        Arguments.of("FastAPI detail array gives its first msg",
            "{\"detail\":[{\"loc\":[\"body\",\"email\"],\"msg\":\"field required\",\"type\":\"value_error.missing\"}]}",
            "json", "field required"),
        Arguments.of("detail array without msg falls through", "{\"detail\":[{\"loc\":[\"q\"]}],\"description\":\"D\"}",
            "json", "D"),
        Arguments.of("detail array of strings is no detail", "{\"detail\":[\"a\"],\"errorSummary\":\"S\"}", "json", "S"),
        Arguments.of("empty detail array is no detail", "{\"detail\":[]}", "json", null),
        Arguments.of("Auth0 description", "{\"code\":\"unauthorized\",\"description\":\"Invalid token\"}", "json",
            "Invalid token"),
        Arguments.of("Okta errorSummary", "{\"errorCode\":\"E0000011\",\"errorSummary\":\"Invalid token provided\","
            + "\"errorLink\":\"E0000011\",\"errorId\":\"oaeX\",\"errorCauses\":[]}", "json", "Invalid token provided"),
        Arguments.of("error_message", "{\"error_message\":\"em\",\"errorMessage\":\"eM\"}", "json", "em"),
        Arguments.of("errorMessage", "{\"errorMessage\":\"eM\",\"errorType\":\"Runtime.Error\"}", "json", "eM"),
        Arguments.of("Jira errorMessages, first string",
            "{\"errorMessages\":[7,\"Issue does not exist or you do not have permission to see it.\"],\"errors\":{}}",
            "json", "Issue does not exist or you do not have permission to see it."),
        Arguments.of("Shopify errors string", "{\"errors\":\"[API] Invalid API key or access token\"}", "json",
            "[API] Invalid API key or access token"),
        Arguments.of("the order of the list: detail first",
            "{\"errors\":\"e\",\"errorMessages\":[\"j\"],\"errorMessage\":\"m\",\"error_message\":\"u\","
                + "\"errorSummary\":\"o\",\"description\":\"a\",\"detail\":\"d\"}", "json", "d"),
        Arguments.of("the order of the list: description before errorSummary",
            "{\"errorSummary\":\"o\",\"description\":\"a\"}", "json", "a"),
        Arguments.of("a non-string alias is skipped", "{\"detail\":5,\"description\":null,\"errorSummary\":\"o\"}",
            "json", "o"),
        Arguments.of("DRF field-keyed body gives its first entry's detail",
            "{\"email\":[\"Enter a valid email address.\"],\"name\":[\"This field is required.\"]}", "json",
            "Enter a valid email address."),
        Arguments.of("field-keyed with an empty first list", "{\"a\":[],\"b\":[\"x\"]}", "json", "x"),
        // The row's own detail always wins.
        Arguments.of("problem detail wins", "{\"title\":\"T\",\"detail\":\"d\",\"description\":\"x\"}", "problem_json", "d"),
        Arguments.of("problem without detail takes an alias", "{\"title\":\"T\",\"status\":400,\"errorSummary\":\"s\"}",
            "problem_json", "s"),
        Arguments.of("problem+json with a FastAPI detail array", "{\"title\":\"T\",\"detail\":[{\"msg\":\"m\"}]}",
            "problem_json", "m"),
        Arguments.of("message wins over detail", "{\"message\":\"m\",\"detail\":\"d\"}", "message", "m"),
        Arguments.of("oauth without description or message takes detail",
            "{\"error\":\"invalid_client\",\"detail\":\"d\"}", "error_description", "d"),
        Arguments.of("status_error without errors takes description",
            "{\"status\":\"ERROR\",\"error\":\"E\",\"description\":\"d\"}", "status_error", "d"),
        Arguments.of("nested error without message takes description",
            "{\"error\":{\"code\":\"x\"},\"description\":\"d\"}", "nested_error", "d"),
        Arguments.of("errors array entries without detail take errorMessage",
            "{\"errors\":[{\"code\":\"c\"}],\"errorMessage\":\"m\"}", "errors_array", "m"),
        // Not JSON objects: no aliases.
        Arguments.of("a JSON array has no aliases", "[{\"detail\":\"d\"}]", "json", null),
        Arguments.of("text mentioning detail is text", "detail: d", "plain_text", "detail: d"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("details")
  void detailFallsBackToTheAliasesInOrder(String name, String body, String format, String detail) {
    ApiError error = Decoding.decode(400, JSON, body);

    assertThat(error.format()).as("format").isEqualTo(format);
    assertThat(error.detail().orElse(null)).as("detail").isEqualTo(detail);
  }

  record Entry(String field, String code, String detail) {}

  static Stream<Arguments> entries() {
    return Stream.of(
        Arguments.of("FastAPI validation error", "{\"detail\":[{\"loc\":[\"body\",\"items\",0,\"price\"],"
                + "\"msg\":\"value is not a valid float\",\"type\":\"type_error.float\"},"
                + "{\"type\":\"missing\",\"loc\":[\"query\",\"q\"],\"msg\":\"Field required\",\"input\":null}]}",
            List.of(new Entry("body.items.0.price", "type_error.float", "value is not a valid float"),
                new Entry("query.q", "missing", "Field required"))),
        Arguments.of("FastAPI loc as a string, and no loc", "{\"detail\":[{\"loc\":\"body\",\"msg\":\"m\"},{\"msg\":\"n\"}]}",
            List.of(new Entry("body", null, "m"), new Entry(null, null, "n"))),
        Arguments.of("loc with another value is no field", "{\"detail\":[{\"loc\":[\"body\",{}],\"msg\":\"m\"}]}",
            List.of(new Entry(null, null, "m"))),
        Arguments.of("errors win over a detail array",
            "{\"errors\":[\"e\"],\"detail\":[{\"loc\":[\"x\"],\"msg\":\"m\"}]}", List.of(new Entry(null, null, "e"))),
        Arguments.of("a detail array with a non-object gives none", "{\"detail\":[{\"msg\":\"m\"},\"s\"]}", List.of()),
        Arguments.of("DRF field-keyed", "{\"email\":[\"Enter a valid email address.\"],"
                + "\"non_field_errors\":[\"a\",\"b\"]}",
            List.of(new Entry("email", null, "Enter a valid email address."), new Entry("non_field_errors", null, "a"),
                new Entry("non_field_errors", null, "b"))),
        Arguments.of("not field-keyed when a member is not a list", "{\"email\":[\"bad\"],\"code\":\"x\"}", List.of()),
        Arguments.of("not field-keyed when a list holds a non-string", "{\"email\":[\"bad\",1]}", List.of()),
        Arguments.of("not field-keyed with a string member", "{\"message\":[\"m\"],\"email\":[\"bad\"],\"Message\":\"M\"}",
            List.of()),
        Arguments.of("errors of strings win over field-keying", "{\"errors\":[\"e\"],\"other\":[\"o\"]}",
            List.of(new Entry(null, null, "e"))),
        Arguments.of("an empty object has none", "{}", List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("entries")
  void entriesComeFromFastApiDetailAndFieldKeyedBodies(String name, String body, List<Entry> expected) {
    ApiError error = Decoding.decode(422, JSON, body);

    assertThat(error.errors())
        .extracting(e -> e.field().orElse(null), e -> e.code().orElse(null), e -> e.detail().orElse(null))
        .containsExactlyElementsOf(expected.stream().map(e -> tuple(e.field(), e.code(), e.detail())).toList());
  }

  @Test
  void onlyTheJsonRowIsFieldKeyed() {
    ApiError problem = Decoding.decode(400, "application/problem+json", "{\"email\":[\"bad\"]}");
    ApiError json = Decoding.decode(400, JSON, "{\"email\":[\"bad\"]}");

    assertThat(problem.format()).isEqualTo("problem_json");
    assertThat(problem.errors()).isEmpty();
    assertThat(problem.detail()).isEmpty();
    assertThat(json.errors()).containsExactly(ErrorEntry.of("email", null, null, "bad"));
    assertThat(json.detail()).contains("bad");
  }

  @Test
  void membersTheAliasesTookAreNotExtensions() {
    ApiError drf = Decoding.decode(400, JSON, "{\"email\":[\"bad\"],\"name\":[\"required\"]}");
    ApiError fastApi = Decoding.decode(422, JSON, "{\"detail\":[{\"loc\":[\"q\"],\"msg\":\"m\"}],\"trace\":\"t\"}");
    ApiError okta = Decoding.decode(401, JSON, "{\"errorCode\":\"E1\",\"errorSummary\":\"s\",\"errorId\":\"i\"}");

    assertThat(drf.extensionNames()).isEmpty();
    assertThat(fastApi.extensionNames()).containsExactly("trace");
    assertThat(okta.extensionNames()).containsExactly("errorId");
  }

  @Test
  void aCustomFormatGetsNoAliases() {
    ErrorDecoder decoder = ErrorDecoder.builder()
        .addFormat(Decoding.format("acme", body -> java.util.Optional.of(dev.apierrors.spi.ErrorFields.builder().build())))
        .build();

    ApiError error = decoder.decode(dev.apierrors.spi.ResponseView.builder(400)
        .body("{\"detail\":\"d\",\"email\":[\"x\"]}").build());

    assertThat(error.format()).isEqualTo("acme");
    assertThat(error.builtInFormat()).isEmpty();
    assertThat(error.detail()).isEmpty();
    assertThat(error.extensionNames()).containsExactly("detail", "email");
  }
}
