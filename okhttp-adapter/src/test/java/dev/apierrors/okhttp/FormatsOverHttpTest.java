package dev.apierrors.okhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.apierrors.ApiError;
import dev.apierrors.ApiException;
import dev.apierrors.BadGatewayException;
import dev.apierrors.BadRequestException;
import dev.apierrors.Challenge;
import dev.apierrors.ClientErrorException;
import dev.apierrors.ConflictException;
import dev.apierrors.ContentTooLargeException;
import dev.apierrors.ForbiddenException;
import dev.apierrors.GatewayTimeoutException;
import dev.apierrors.GoneException;
import dev.apierrors.InternalServerErrorException;
import dev.apierrors.MethodNotAllowedException;
import dev.apierrors.NotAcceptableException;
import dev.apierrors.NotFoundException;
import dev.apierrors.NotImplementedException;
import dev.apierrors.ServerErrorException;
import dev.apierrors.ServiceUnavailableException;
import dev.apierrors.TooManyRequestsException;
import dev.apierrors.UnauthorizedException;
import dev.apierrors.UnprocessableContentException;
import dev.apierrors.UnsupportedMediaTypeException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.Request;
import okio.Buffer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every format of the decoding table, over real HTTP, on every call path. */
@ExtendWith(NoLeakedConnections.class)
class FormatsOverHttpTest {
  @StartStop final MockWebServer server = TestHttp.newServer();

  record Case(
      String name, int status, String contentType, String body,
      Class<? extends ApiException> exception, String format, String title, @Nullable String detail) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final List<Case> CASES = List.of(
      new Case("no body", 400, "", "",
          BadRequestException.class, "empty", "Bad Request", null),
      new Case("whitespace only", 500, "text/plain", " \r\n\t ",
          InternalServerErrorException.class, "empty", "Internal Server Error", null),
      new Case("problem+json", 422, "application/problem+json",
          "{\"type\":\"https://example.com/probs/validation\",\"title\":\"Validation failed\","
              + "\"detail\":\"name is required\",\"status\":422,\"instance\":\"/users/7\"}",
          UnprocessableContentException.class, "problem_json", "Validation failed", "name is required"),
      new Case("problem shape under application/json", 403, "application/json",
          "{\"type\":\"https://example.com/probs/credit\",\"title\":\"Out of credit\",\"detail\":\"Balance is 30\"}",
          ForbiddenException.class, "problem_json", "Out of credit", "Balance is 30"),
      new Case("problem+xml", 403, "application/problem+xml",
          "<?xml version=\"1.0\"?><problem xmlns=\"urn:ietf:rfc:7807\"><type>https://example.com/probs/credit</type>"
              + "<title>Out of credit</title><detail>Balance is 30</detail></problem>",
          ForbiddenException.class, "problem_xml", "Out of credit", "Balance is 30"),
      new Case("status ERROR", 500, "application/json",
          "{\"status\":\"ERROR\",\"error\":\"Backend exploded\",\"errors\":{\"error\":\"disk full\"}}",
          InternalServerErrorException.class, "status_error", "Backend exploded", "disk full"),
      new Case("OAuth error_description", 401, "application/json;charset=UTF-8",
          "{\"error\":\"invalid_token\",\"error_description\":\"The access token expired\"}",
          UnauthorizedException.class, "error_description", "Unauthorized", "The access token expired"),
      new Case("message and description", 409, "application/json",
          "{\"message\":\"User conflict\",\"description\":\"User already exists\"}",
          ConflictException.class, "message_description", "User conflict", "User already exists"),
      new Case("code and message", 404, "application/json",
          "{\"code\":\"not_found\",\"message\":\"No such user\"}",
          NotFoundException.class, "code_message", "Not Found", "No such user"),
      new Case("errors array", 422, "application/json",
          "{\"errors\":[{\"title\":\"Invalid email\",\"detail\":\"must contain @\",\"source\":{\"pointer\":\"/email\"}}]}",
          UnprocessableContentException.class, "errors_array", "Invalid email", "must contain @"),
      new Case("nested error", 502, "application/json",
          "{\"error\":{\"code\":502,\"message\":\"upstream down\",\"status\":\"UNAVAILABLE\"}}",
          BadGatewayException.class, "nested_error", "Bad Gateway", "upstream down"),
      new Case("message only", 503, "application/json", "{\"message\":\"Try again later\"}",
          ServiceUnavailableException.class, "message", "Service Unavailable", "Try again later"),
      new Case("other JSON", 400, "application/json", "[1, 2, 3]",
          BadRequestException.class, "json", "Bad Request", null),
      new Case("HTML page", 504, "text/html; charset=utf-8",
          "<!DOCTYPE html><html><head><title>Gateway  Timeout &amp; more</title></head><body><h1>x</h1></body></html>",
          GatewayTimeoutException.class, "html", "Gateway Timeout", "Gateway Timeout & more"),
      new Case("HTML without a content type", 502, "",
          "<html><body><h1>Bad gateway from nginx</h1></body></html>",
          BadGatewayException.class, "html", "Bad Gateway", "Bad gateway from nginx"),
      new Case("plain text", 429, "text/plain", "  Slow down, please.\n",
          TooManyRequestsException.class, "plain_text", "Too Many Requests", "Slow down, please."),
      new Case("invalid JSON is text", 400, "application/json", "{\"message\": oops",
          BadRequestException.class, "plain_text", "Bad Request", "{\"message\": oops"),
      new Case("JSON string is text", 400, "application/json", "\"quota exceeded\"",
          BadRequestException.class, "plain_text", "Bad Request", "quota exceeded"),
      new Case("UTF-8 body", 400, "text/plain; charset=utf-8", "Ungültige Eingabe – ☃",
          BadRequestException.class, "plain_text", "Bad Request", "Ungültige Eingabe – ☃"));

  static Stream<Arguments> casesOnEveryPath() {
    return CASES.stream().flatMap(c -> Arrays.stream(CallMode.values()).map(m -> Arguments.of(m, c)));
  }

  @ParameterizedTest(name = "{1} via {0}")
  @MethodSource("casesOnEveryPath")
  void errorResponseBecomesTheTypedExceptionWithItsDecodedFields(CallMode mode, Case c) {
    server.enqueue(TestHttp.response(c.status, c.contentType, c.body));
    Request request = new Request.Builder().url(server.url("/users/7")).build();

    ApiException e = catchThrowableOfType(ApiException.class, () -> mode.call(request));

    assertThat(e).isExactlyInstanceOf(c.exception);
    ApiError error = e.error();
    assertThat(error.status()).isEqualTo(c.status);
    assertThat(error.format()).isEqualTo(c.format);
    assertThat(error.title()).isEqualTo(c.title);
    assertThat(error.detail()).isEqualTo(java.util.Optional.ofNullable(c.detail));
    assertThat(error.requestMethod()).hasValue("GET");
    assertThat(error.requestUrl()).hasValue(server.url("/users/7").toString());
    assertThat(e.attempts()).isEqualTo(1);
    assertThat(e.getMessage()).isEqualTo(c.status + " " + c.title + (c.detail == null ? "" : ": " + c.detail));
  }

  record StatusCase(int status, Class<? extends ApiException> exception, String title) {}

  static Stream<Arguments> everyStatusClassOnEveryPath() {
    return Stream.of(
            new StatusCase(400, BadRequestException.class, "Bad Request"),
            new StatusCase(401, UnauthorizedException.class, "Unauthorized"),
            new StatusCase(403, ForbiddenException.class, "Forbidden"),
            new StatusCase(404, NotFoundException.class, "Not Found"),
            new StatusCase(405, MethodNotAllowedException.class, "Method Not Allowed"),
            new StatusCase(406, NotAcceptableException.class, "Not Acceptable"),
            new StatusCase(409, ConflictException.class, "Conflict"),
            new StatusCase(410, GoneException.class, "Gone"),
            new StatusCase(413, ContentTooLargeException.class, "Content Too Large"),
            new StatusCase(415, UnsupportedMediaTypeException.class, "Unsupported Media Type"),
            new StatusCase(422, UnprocessableContentException.class, "Unprocessable Content"),
            new StatusCase(420, TooManyRequestsException.class, "Enhance Your Calm"),
            new StatusCase(429, TooManyRequestsException.class, "Too Many Requests"),
            new StatusCase(402, ClientErrorException.class, "Payment Required"),
            new StatusCase(499, ClientErrorException.class, "HTTP 499"),
            new StatusCase(500, InternalServerErrorException.class, "Internal Server Error"),
            new StatusCase(501, NotImplementedException.class, "Not Implemented"),
            new StatusCase(502, BadGatewayException.class, "Bad Gateway"),
            new StatusCase(503, ServiceUnavailableException.class, "Service Unavailable"),
            new StatusCase(504, GatewayTimeoutException.class, "Gateway Timeout"),
            new StatusCase(505, ServerErrorException.class, "HTTP Version Not Supported"),
            new StatusCase(599, ServerErrorException.class, "HTTP 599"))
        .flatMap(c -> Arrays.stream(CallMode.values()).map(m -> Arguments.of(m, c)));
  }

  @ParameterizedTest(name = "{1} via {0}")
  @MethodSource("everyStatusClassOnEveryPath")
  void everyErrorStatusGetsItsExceptionClass(CallMode mode, StatusCase c) {
    server.enqueue(new MockResponse.Builder().code(c.status).build());

    ApiException e = catchThrowableOfType(ApiException.class,
        () -> mode.call(new Request.Builder().url(server.url("/")).build()));

    assertThat(e).isExactlyInstanceOf(c.exception);
    assertThat(e.getMessage()).isEqualTo(c.status + " " + c.title);
  }

  @ParameterizedTest
  @EnumSource(CallMode.class)
  void headersReachTheDecoderIncludingRepeatedOnes(CallMode mode) {
    server.enqueue(new MockResponse.Builder().code(401)
        .addHeader("WWW-Authenticate", "Basic realm=\"files\"")
        .addHeader("WWW-Authenticate", "Bearer realm=\"api\", error=\"invalid_token\", error_description=\"expired\"")
        .addHeader("X-Request-Id", "req-123")
        .addHeader("Retry-After", "5")
        .addHeader("X-RateLimit-Limit", "100")
        .addHeader("X-RateLimit-Remaining", "0")
        .build());

    ApiException e = catchThrowableOfType(ApiException.class,
        () -> mode.call(new Request.Builder().url(server.url("/")).build()));

    ApiError error = e.error();
    assertThat(error.challenges()).extracting(Challenge::scheme).containsExactly("Basic", "Bearer");
    assertThat(error.code()).hasValue("invalid_token");
    assertThat(error.detail()).hasValue("expired");
    assertThat(error.requestId()).hasValue("req-123");
    assertThat(error.retryAfterMillis()).hasValue(5000);
    assertThat(error.rateLimit().orElseThrow().limit()).hasValue(100);
    assertThat(error.rateLimit().orElseThrow().remaining()).hasValue(0);
  }

  @ParameterizedTest
  @EnumSource(CallMode.class)
  void bodyBytesReachTheDecoderUnchangedForItsCharsetRules(CallMode mode) {
    server.enqueue(new MockResponse.Builder().code(400).setHeader("Content-Type", "text/plain; charset=ISO-8859-1")
        .body(new Buffer().write("Größe ungültig".getBytes(StandardCharsets.ISO_8859_1))).build());
    server.enqueue(new MockResponse.Builder().code(400).setHeader("Content-Type", "application/json")
        .body(new Buffer().write("{\"message\":\"naïve\"}".getBytes(StandardCharsets.UTF_16BE))).build());

    ApiException latin1 = catchThrowableOfType(ApiException.class,
        () -> mode.call(new Request.Builder().url(server.url("/")).build()));
    ApiException utf16 = catchThrowableOfType(ApiException.class,
        () -> mode.call(new Request.Builder().url(server.url("/")).build()));

    assertThat(latin1.error().detail()).hasValue("Größe ungültig");
    assertThat(utf16.error().format()).isEqualTo("message");
    assertThat(utf16.error().detail()).hasValue("naïve");
  }
}
