package dev.apierrors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The README's decoding table ("How a body is decoded"), row by row: each row's matching
 * bodies, its non-matching neighbours, and the precedence between rows. A null expected
 * field means "absent".
 */
class FormatTableTest {
  private static final String JSON = "application/json";
  private static final String PROBLEM = "application/problem+json";

  static Stream<Arguments> rows() {
    return Stream.of(
        // name, status, content type, body, format, title, detail, code
        row("no body", 404, null, "", "empty", "Not Found", null, null),
        row("whitespace only", 503, JSON, " \r\n\t ", "empty", "Service Unavailable", null, null),
        row("problem json by content", 400, JSON,
            "{\"type\":\"https://x/t\",\"title\":\"Invalid\",\"detail\":\"Bad email\"}",
            "problem_json", "Invalid", "Bad email", null),
        row("problem json by media type, any object", 400, PROBLEM, "{\"detail\":\"only a detail\"}",
            "problem_json", "Bad Request", "only a detail", null),
        row("problem media type with charset", 400, "Application/Problem+JSON; charset=utf-8",
            "{\"foo\":1}", "problem_json", "Bad Request", null, null),
        row("title and numeric status is a problem", 409, JSON, "{\"title\":\"Conflict here\",\"status\":409}",
            "problem_json", "Conflict here", null, null),
        row("title with string status is not a problem", 409, JSON, "{\"title\":\"T\",\"status\":\"409\"}",
            "json", "Conflict", null, null),
        row("title alone is not a problem", 400, JSON, "{\"title\":\"T\"}", "json", "Bad Request", null, null),
        row("non-string title is not a problem, its detail still counts", 400, JSON,
            "{\"title\":5,\"detail\":\"d\"}", "json", "Bad Request", "d", null),
        row("problem xml", 403, "application/problem+xml",
            "<?xml version=\"1.0\"?><problem xmlns=\"urn:ietf:rfc:7807\"><title>No access</title>"
                + "<detail>Your plan lacks it</detail><status>403</status></problem>",
            "problem_xml", "No access", "Your plan lacks it", null),
        row("xml without the problem media type is text", 403, "application/xml",
            "<problem><title>No</title></problem>", "plain_text", "Forbidden",
            "<problem><title>No</title></problem>", null),
        row("status ERROR", 400, JSON,
            "{\"status\":\"ERROR\",\"error\":\"Validation failed\",\"errors\":{\"error\":\"Email taken\"}}",
            "status_error", "Validation failed", "Email taken", null),
        row("status error any case, first string of errors", 400, JSON,
            "{\"status\":\"error\",\"error\":\"Failed\",\"errors\":{\"email\":[\"is taken\"]}}",
            "status_error", "Failed", "is taken", null),
        row("status ERROR without errors", 500, JSON, "{\"status\":\"Error\",\"error\":\"Boom\"}",
            "status_error", "Boom", null, null),
        row("oauth", 400, JSON,
            "{\"error\":\"invalid_grant\",\"error_description\":\"Code expired\"}",
            "error_description", "Bad Request", "Code expired", "invalid_grant"),
        row("oauth without description", 401, JSON, "{\"error\":\"invalid_token\"}",
            "error_description", "Unauthorized", null, "invalid_token"),
        row("error sentence is not oauth but error_text", 500, JSON, "{\"error\":\"Something broke\"}",
            "error_text", "Internal Server Error", "Something broke", null),
        row("error sentence with message", 500, JSON, "{\"error\":\"Something broke\",\"message\":\"m\"}",
            "message", "Internal Server Error", "m", null),
        row("message and description", 400, JSON, "{\"message\":\"Bad input\",\"description\":\"Name missing\"}",
            "message_description", "Bad input", "Name missing", null),
        row("code and message", 404, JSON, "{\"code\":\"not_found\",\"message\":\"No such user\"}",
            "code_message", "Not Found", "No such user", "not_found"),
        row("integer code and message", 404, JSON, "{\"code\":40401,\"message\":\"No such user\"}",
            "code_message", "Not Found", "No such user", "40401"),
        row("fractional code is no code", 404, JSON, "{\"code\":1.5,\"message\":\"m\"}",
            "message", "Not Found", "m", null),
        row("errors array", 422, JSON,
            "{\"errors\":[{\"title\":\"Invalid email\",\"detail\":\"must contain @\",\"code\":\"E1\"}]}",
            "errors_array", "Invalid email", "must contain @", "E1"),
        row("errors array, top-level message wins", 422, JSON,
            "{\"message\":\"Validation failed\",\"errors\":[{\"message\":\"email invalid\"}]}",
            "errors_array", "Unprocessable Content", "Validation failed", null),
        row("errors array, entry message", 422, JSON, "{\"errors\":[{\"message\":\"email invalid\",\"code\":7}]}",
            "errors_array", "Unprocessable Content", "email invalid", "7"),
        row("empty errors array is not errors_array", 422, JSON, "{\"errors\":[]}",
            "json", "Unprocessable Content", null, null),
        row("errors array of strings is not errors_array", 422, JSON, "{\"errors\":[\"a\",\"b\"]}",
            "json", "Unprocessable Content", null, null),
        row("nested error", 403, JSON,
            "{\"error\":{\"code\":403,\"message\":\"Permission denied\",\"status\":\"PERMISSION_DENIED\"}}",
            "nested_error", "Forbidden", "Permission denied", "PERMISSION_DENIED"),
        row("nested error, code when no string status", 403, JSON,
            "{\"error\":{\"code\":\"Forbidden\",\"message\":\"No\",\"status\":403}}",
            "nested_error", "Forbidden", "No", "Forbidden"),
        row("message", 500, JSON, "{\"message\":\"Internal error\"}", "message", "Internal Server Error",
            "Internal error", null),
        row("other object", 500, JSON, "{\"foo\":\"bar\"}", "json", "Internal Server Error", null, null),
        row("array", 500, JSON, "[1,2]", "json", "Internal Server Error", null, null),
        row("number", 500, JSON, "42", "json", "Internal Server Error", null, null),
        row("null", 500, JSON, "null", "json", "Internal Server Error", null, null),
        row("true", 500, JSON, "true", "json", "Internal Server Error", null, null),
        row("json recognised under text/plain", 400, "text/plain", "{\"message\":\"m\"}", "message",
            "Bad Request", "m", null),
        row("json string is plain text of its value", 500, JSON, "\"  Upstream \\\"down\\\"  \"", "plain_text",
            "Internal Server Error", "Upstream \"down\"", null),
        row("html title", 502, "text/html",
            "<html><head><title>502 Bad&nbsp;Gateway &amp; friends</title></head></html>",
            "html", "Bad Gateway", "502 Bad Gateway & friends", null),
        row("html h1 when no title", 502, null,
            "  <!DOCTYPE HTML><body><H1 class=x>Upstream <b>timed</b>\n out</H1></body>",
            "html", "Bad Gateway", "Upstream timed out", null),
        row("html sniffed from <html", 500, "text/plain", "<HTML><p>oops</p></HTML>", "html",
            "Internal Server Error", null, null),
        row("html media type wins over text", 500, "text/html; charset=utf-8", "plain words",
            "html", "Internal Server Error", null, null),
        row("invalid json under application/json is text", 500, JSON, "{\"message\": oops}", "plain_text",
            "Internal Server Error", "{\"message\": oops}", null),
        row("json with trailing garbage is text", 500, JSON, "{\"a\":1} trailing", "plain_text",
            "Internal Server Error", "{\"a\":1} trailing", null),
        row("plain text trimmed", 503, "text/plain", "\n  Service down for maintenance \n",
            "plain_text", "Service Unavailable", "Service down for maintenance", null),
        row("unregistered status", 599, null, "x", "plain_text", "HTTP 599", "x", null),
        row("enhance your calm", 420, null, "", "empty", "Enhance Your Calm", null, null),
        // Row 5 takes message when there is no error_description (Spring Boot).
        row("oauth token with message", 401, JSON,
            "{\"timestamp\":\"2024-01-01T00:00:00Z\",\"status\":401,\"error\":\"Unauthorized\","
                + "\"message\":\"Full authentication is required\",\"path\":\"/api\"}",
            "error_description", "Unauthorized", "Full authentication is required", "Unauthorized"),
        row("oauth: error_description wins over message", 400, JSON,
            "{\"error\":\"invalid_grant\",\"error_description\":\"Code expired\",\"message\":\"ignored\"}",
            "error_description", "Bad Request", "Code expired", "invalid_grant"),
        row("oauth: non-string error_description gives message", 400, JSON,
            "{\"error\":\"invalid_grant\",\"error_description\":5,\"message\":\"m\"}",
            "error_description", "Bad Request", "m", "invalid_grant"),
        row("oauth: Message counts for message", 400, JSON, "{\"error\":\"bad\",\"Message\":\"M\"}",
            "error_description", "Bad Request", "M", "bad"),
        // Row 5a: an error sentence without a string message.
        row("error text", 401, JSON, "{\"error\":\"Unauthorized access\"}",
            "error_text", "Unauthorized", "Unauthorized access", null),
        row("error text with a non-string message", 400, JSON, "{\"error\":\"Bad thing\",\"message\":7}",
            "error_text", "Bad Request", "Bad thing", null),
        row("error sentence with Message is message", 400, JSON, "{\"error\":\"Bad thing\",\"Message\":\"M\"}",
            "message", "Bad Request", "M", null),
        row("error text keeps a top-level code", 400, JSON, "{\"error\":\"Bad thing\",\"code\":\"E1\"}",
            "error_text", "Bad Request", "Bad thing", "E1"),
        // Message counts where message is read, when there is no message member.
        row("Message and description", 400, JSON, "{\"Message\":\"T\",\"description\":\"D\"}",
            "message_description", "T", "D", null),
        row("code and Message", 404, JSON, "{\"code\":\"NotFound\",\"Message\":\"gone\"}",
            "code_message", "Not Found", "gone", "NotFound"),
        row("Message alone", 500, JSON, "{\"Message\":\"An error has occurred.\"}",
            "message", "Internal Server Error", "An error has occurred.", null),
        row("message of another type hides Message", 500, JSON, "{\"message\":null,\"Message\":\"M\"}",
            "json", "Internal Server Error", null, null),
        row("message wins over Message", 500, JSON, "{\"Message\":\"M\",\"message\":\"m\"}",
            "message", "Internal Server Error", "m", null),
        row("errors array with top-level Message", 422, JSON, "{\"Message\":\"Top\",\"errors\":[{\"message\":\"e\"}]}",
            "errors_array", "Unprocessable Content", "Top", null),
        row("errors array, entry msg and extensions.code", 400, JSON,
            "{\"errors\":[{\"msg\":\"bad path\",\"extensions\":{\"code\":\"BAD_USER_INPUT\"}}]}",
            "errors_array", "Bad Request", "bad path", "BAD_USER_INPUT"),
        // Row 9: reason, developer_message, type.
        row("nested error Message", 400, JSON, "{\"error\":{\"Code\":\"X\",\"Message\":\"M\"}}",
            "nested_error", "Bad Request", "M", null),
        row("nested error reason and type (Elasticsearch)", 404, JSON,
            "{\"error\":{\"type\":\"index_not_found_exception\",\"reason\":\"no such index [x]\"},\"status\":404}",
            "nested_error", "Not Found", "no such index [x]", "index_not_found_exception"),
        row("nested error message wins over reason", 400, JSON,
            "{\"error\":{\"message\":\"m\",\"reason\":\"r\",\"developer_message\":\"d\"}}",
            "nested_error", "Bad Request", "m", null),
        row("nested error developer_message (Stripe v2)", 400, JSON,
            "{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"amount_too_small\","
                + "\"developer_message\":\"Amount must be at least 50\"}}",
            "nested_error", "Bad Request", "Amount must be at least 50", "amount_too_small"),
        row("nested error code wins over type", 400, JSON, "{\"error\":{\"code\":7,\"type\":\"t\"}}",
            "nested_error", "Bad Request", null, "7"),
        row("nested error string status wins over code and type", 400, JSON,
            "{\"error\":{\"status\":\"INVALID_ARGUMENT\",\"code\":400,\"type\":\"t\"}}",
            "nested_error", "Bad Request", null, "INVALID_ARGUMENT"),
        row("nested error non-string type is no code", 400, JSON, "{\"error\":{\"type\":5,\"reason\":7}}",
            "nested_error", "Bad Request", null, null),
        // Row 11a: XML errors.
        row("xml error by media type", 404, "application/xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NoSuchKey</Code>"
                + "<Message>The specified key does not exist.</Message></Error>",
            "xml_error", "Not Found", "The specified key does not exist.", "NoSuchKey"),
        row("xml error sniffed without a content type", 403, null,
            "  <Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>",
            "xml_error", "Forbidden", "Access Denied", "AccessDenied"),
        row("xml error sniffed under another type", 400, "application/octet-stream",
            "<ErrorResponse><Error><Code>Throttling</Code><Message>Rate exceeded</Message></Error></ErrorResponse>",
            "xml_error", "Bad Request", "Rate exceeded", "Throttling"),
        row("xml error Code without Message", 409, "text/xml", "<Error><Code>BucketAlreadyExists</Code></Error>",
            "xml_error", "Conflict", null, "BucketAlreadyExists"),
        row("xml error Message without Code", 500, "application/xml", "<Error><Message>We failed</Message></Error>",
            "xml_error", "Internal Server Error", "We failed", null),
        row("xml without Code or Message is text", 500, "application/xml", "<Error><Text>x</Text></Error>",
            "plain_text", "Internal Server Error", "<Error><Text>x</Text></Error>", null),
        row("other xml root is not sniffed", 500, null, "<Response><Errors><Error><Code>C</Code></Error></Errors></Response>",
            "plain_text", "Internal Server Error", "<Response><Errors><Error><Code>C</Code></Error></Errors></Response>",
            null),
        row("malformed xml error is text", 500, null, "<Error><Code>C</Code>",
            "plain_text", "Internal Server Error", "<Error><Code>C</Code>", null),
        row("xml error under text/html is xml_error", 500, "text/html", "<Error><Message>m</Message></Error>",
            "xml_error", "Internal Server Error", "m", null),
        row("html under application/xml is html", 502, "application/xml",
            "<html><head><title>502 Bad Gateway</title></head></html>",
            "html", "Bad Gateway", "502 Bad Gateway", null),
        row("json under application/xml is json", 400, "application/xml", "{\"message\":\"m\"}",
            "message", "Bad Request", "m", null));
  }

  private static Arguments row(String name, int status, String contentType, String body, String format,
      String title, String detail, String code) {
    return Arguments.of(name, status, contentType, body, format, title, detail, code);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void decodesEachRowOfTheTable(String name, int status, String contentType, String body, String format,
      String title, String detail, String code) {
    ApiError error = Decoding.decode(status, contentType, body);

    assertThat(error.format()).as("format").isEqualTo(format);
    assertThat(error.status()).as("status").isEqualTo(status);
    assertThat(error.title()).as("title").isEqualTo(title);
    assertThat(error.detail().orElse(null)).as("detail").isEqualTo(detail);
    assertThat(error.code().orElse(null)).as("code").isEqualTo(code);
  }
}
