package dev.apierrors;

import dev.apierrors.spi.HttpHeaders;
import dev.apierrors.spi.ResponseView;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ApiExceptionTest {

  static Stream<Arguments> statusTable() {
    return Stream.of(
        Arguments.of(400, BadRequestException.class, ClientErrorException.class),
        Arguments.of(401, UnauthorizedException.class, ClientErrorException.class),
        Arguments.of(403, ForbiddenException.class, ClientErrorException.class),
        Arguments.of(404, NotFoundException.class, ClientErrorException.class),
        Arguments.of(405, MethodNotAllowedException.class, ClientErrorException.class),
        Arguments.of(406, NotAcceptableException.class, ClientErrorException.class),
        Arguments.of(409, ConflictException.class, ClientErrorException.class),
        Arguments.of(410, GoneException.class, ClientErrorException.class),
        Arguments.of(413, ContentTooLargeException.class, ClientErrorException.class),
        Arguments.of(415, UnsupportedMediaTypeException.class, ClientErrorException.class),
        Arguments.of(422, UnprocessableContentException.class, ClientErrorException.class),
        Arguments.of(429, TooManyRequestsException.class, ClientErrorException.class),
        Arguments.of(420, TooManyRequestsException.class, ClientErrorException.class),
        Arguments.of(500, InternalServerErrorException.class, ServerErrorException.class),
        Arguments.of(501, NotImplementedException.class, ServerErrorException.class),
        Arguments.of(502, BadGatewayException.class, ServerErrorException.class),
        Arguments.of(503, ServiceUnavailableException.class, ServerErrorException.class),
        Arguments.of(504, GatewayTimeoutException.class, ServerErrorException.class),
        Arguments.of(402, ClientErrorException.class, ClientErrorException.class),
        Arguments.of(418, ClientErrorException.class, ClientErrorException.class),
        Arguments.of(451, ClientErrorException.class, ClientErrorException.class),
        Arguments.of(499, ClientErrorException.class, ClientErrorException.class),
        Arguments.of(505, ServerErrorException.class, ServerErrorException.class),
        Arguments.of(507, ServerErrorException.class, ServerErrorException.class),
        Arguments.of(599, ServerErrorException.class, ServerErrorException.class),
        Arguments.of(302, ApiException.class, ApiException.class),
        Arguments.of(600, ApiException.class, ApiException.class),
        Arguments.of(999, ApiException.class, ApiException.class));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("statusTable")
  void statusPicksItsExceptionClass(int status, Class<?> exactClass, Class<?> family) {
    ApiError error = ApiError.builder(status).build();

    ApiException exception = ApiException.of(error, 1);

    assertThat(exception).isExactlyInstanceOf(exactClass).isInstanceOf(family).isInstanceOf(IOException.class);
    assertThat(exception.status()).isEqualTo(status);
    assertThat(exception.error()).isSameAs(error);
    assertThat(exception.attempts()).isEqualTo(1);
    if (family == ApiException.class) {
      assertThat(exception).isNotInstanceOf(ClientErrorException.class).isNotInstanceOf(ServerErrorException.class);
    }
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("statusTable")
  void withAttemptsKeepsClassAndError(int status, Class<?> exactClass, Class<?> family) {
    ApiError error = ApiError.builder(status).detail("try again").build();
    ApiException first = ApiException.of(error, 1);

    ApiException last = first.withAttempts(3);

    assertThat(last).isExactlyInstanceOf(exactClass);
    assertThat(last.error()).isSameAs(error);
    assertThat(last.attempts()).isEqualTo(3);
    assertThat(last.getMessage()).isEqualTo(first.getMessage());
    assertThat(last.getStackTrace()).isEqualTo(first.getStackTrace());
  }

  @ParameterizedTest
  @CsvSource({
    "404, , '404 Not Found'",
    "404, No user with id 7, '404 Not Found: No user with id 7'",
    "422, name is required, '422 Unprocessable Content: name is required'",
    "420, , '420 Enhance Your Calm'",
    "413, , '413 Content Too Large'",
    "599, boom, '599 HTTP 599: boom'",
  })
  void messageIsStatusTitleAndDetail(int status, String detail, String message) {
    ApiError error = ApiError.builder(status).detail(detail).build();

    assertThat(ApiException.of(error, 1)).hasMessage(message);
  }

  /** The detail is left out when it only says the title again, ignoring case and whitespace runs. */
  @ParameterizedTest(name = "[{index}] {0} / {1} / {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "502 | Bad Gateway                  | 502 Bad Gateway              | 502 Bad Gateway",
        "502 | Bad Gateway                  | Bad Gateway                  | 502 Bad Gateway",
        "502 | Bad Gateway                  | '  502   bad\tGATEWAY '     | 502 Bad Gateway",
        "502 | Bad Gateway                  | '502\nBad Gateway'          | 502 Bad Gateway",
        "404 | Not Found                    | not found                    | 404 Not Found",
        "400 | Password is too weak         | Password is too weak         | 400 Password is too weak",
        "400 | Password is too weak         | password IS too  weak        | 400 Password is too weak",
        "502 | Bad Gateway                  | 502 Bad Gateway nginx        | 502 Bad Gateway: 502 Bad Gateway nginx",
        "502 | Bad Gateway                  | 503 Bad Gateway              | 502 Bad Gateway: 503 Bad Gateway",
        "502 | Bad Gateway                  | 502BadGateway                | 502 Bad Gateway: 502BadGateway",
        "502 | Bad Gateway                  | Bad Gateway 502              | 502 Bad Gateway: Bad Gateway 502",
        "404 | Not Found                    | Not Found.                   | 404 Not Found: Not Found.",
        "500 | Internal Server Error        | '   '                        | 500 Internal Server Error",
      })
  void messageLeavesOutADetailThatRepeatsTheTitle(int status, String title, String detail, String message) {
    ApiError error = ApiError.builder(status).title(title)
        .detail(detail.replace("\\t", "\t").replace("\\n", "\n")).build();

    assertThat(ApiException.of(error, 1)).hasMessage(message);
  }

  @Test
  void messageUsesTheBodysTitle() {
    ApiError error = ApiError.builder(403).title("You do not have enough credit.").detail("Balance is 30.").build();

    assertThat(ApiException.of(error, 1)).hasMessage("403 You do not have enough credit.: Balance is 30.");
  }

  @Test
  void messageIsOneLineWhateverTheTitleAndDetail() {
    ApiError error = ApiError.builder(400).title("Invalid\nrequest").detail("line one\r\nline two\n\n\tline three\u0000").build();

    String message = ApiException.of(error, 1).getMessage();

    assertThat(message).isEqualTo("400 Invalid request: line one line two line three");
    assertThat(message).doesNotContain("\n", "\r", "\t", "\u0000");
  }

  @Test
  void messageIsCappedAt500Characters() {
    ApiError error = ApiError.builder(500).detail("x".repeat(10_000)).build();

    String message = ApiException.of(error, 1).getMessage();

    assertThat(message).hasSizeLessThanOrEqualTo(ApiException.MAX_MESSAGE_LENGTH).startsWith("500 Internal Server Error: xxx");
    assertThat(ApiException.MAX_MESSAGE_LENGTH).isEqualTo(500);
  }

  @ParameterizedTest(name = "{0} ASCII characters before the emoji")
  @ValueSource(ints = {0, 1, 2, 3})
  void capNeverSplitsASurrogatePair(int padding) {
    ApiError error = ApiError.builder(400).detail("a".repeat(padding) + "\uD83D\uDE00".repeat(600)).build();

    String message = ApiException.of(error, 1).getMessage();

    assertThat(message.length()).isLessThanOrEqualTo(500);
    for (int i = 0; i < message.length(); i++) {
      char c = message.charAt(i);
      if (Character.isHighSurrogate(c)) {
        assertThat(i + 1 < message.length() && Character.isLowSurrogate(message.charAt(i + 1)))
            .as("high surrogate at %d is followed by its low surrogate", i).isTrue();
      } else if (Character.isLowSurrogate(c)) {
        assertThat(i > 0 && Character.isHighSurrogate(message.charAt(i - 1)))
            .as("low surrogate at %d follows its high surrogate", i).isTrue();
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "token", "access_token", "api_key", "apikey", "key", "secret", "client_secret", "password",
    "signature", "sig", "API_KEY", "Token", "Client_Secret"})
  void secretQueryParameterNeverShown(String name) {
    String url = "https://api.example.com/v1/things?page=2&" + name + "=s3cr3tValue9&q=cats";
    ApiError error = ApiError.builder(403)
        .detail("key s3cr3tValue9 is not allowed")
        .request("GET", url)
        .build();
    ApiException exception = ApiException.of(error, 1);

    assertThat(exception.getMessage()).doesNotContain("s3cr3tValue9").contains("403 Forbidden: key ");
    assertThat(exception.toString()).doesNotContain("s3cr3tValue9");
    assertThat(error.toString()).doesNotContain("s3cr3tValue9").contains("page=2", "q=cats");
    assertThat(error.requestUrl()).get().asString().doesNotContain("s3cr3tValue9");
  }

  @ParameterizedTest
  @CsvSource({
    "Authorization, Bearer eyJhbGciOiJIUzI1NiJ9.c2VjcmV0, eyJhbGciOiJIUzI1NiJ9.c2VjcmV0",
    "Proxy-Authorization, Basic dXNlcjpodW50ZXIy, dXNlcjpodW50ZXIy",
    "Cookie, session=sess_0123456789abcdef, sess_0123456789abcdef",
    "authorization, Token tok_live_abcdef123456, tok_live_abcdef123456",
  })
  void credentialRequestHeaderEchoedByTheServerNeverShown(String header, String value, String secret) {
    ResponseView response = ResponseView.builder(401)
        .headers(HttpHeaders.of("Content-Type", "text/plain"))
        .body("Rejected credentials: " + value)
        .request("GET", "https://api.example.com/me")
        .requestHeaders(HttpHeaders.of(header, value, "Accept", "application/json"))
        .build();

    ApiException exception = ErrorDecoder.ofDefaults().toException(response);

    assertThat(exception).isInstanceOf(UnauthorizedException.class);
    assertThat(exception.getMessage()).doesNotContain(secret).startsWith("401 Unauthorized: Rejected credentials");
    assertThat(exception.toString()).doesNotContain(secret);
    assertThat(exception.error().toString()).doesNotContain(secret);
  }

  @Test
  void setCookieValueEchoedByTheServerNeverShown() {
    ResponseView response = ResponseView.builder(400)
        .headers(HttpHeaders.of("Content-Type", "text/plain", "Set-Cookie", "sid=sid_9f8e7d6c5b4a; Path=/; HttpOnly"))
        .body("Session sid_9f8e7d6c5b4a is invalid")
        .build();

    ApiException exception = ErrorDecoder.ofDefaults().toException(response);

    assertThat(exception.getMessage()).doesNotContain("sid_9f8e7d6c5b4a").startsWith("400 Bad Request: Session ");
    assertThat(exception.toString()).doesNotContain("sid_9f8e7d6c5b4a");
    assertThat(exception.error().toString()).doesNotContain("sid_9f8e7d6c5b4a");
  }

  @Test
  void explicitSecretsAreScrubbedFromMessageAndToString() {
    ApiError error = ApiError.builder(500).detail("leaked hunter2hunter2").secrets(Set.of("hunter2hunter2")).build();

    assertThat(ApiException.of(error, 1).getMessage()).doesNotContain("hunter2hunter2");
    assertThat(error.toString()).doesNotContain("hunter2hunter2");
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, Integer.MIN_VALUE})
  void negativeAttemptsAreRejected(int attempts) {
    ApiError error = ApiError.builder(500).build();

    assertThatThrownBy(() -> ApiException.of(error, attempts))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("attempts must be >= 0, was " + attempts);
    assertThatThrownBy(() -> ApiException.of(error, 1).withAttempts(attempts))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @org.junit.jupiter.api.Test
  void zeroAttemptsIsARequestNeverSent() {
    ApiException notSent = ApiException.of(ApiError.builder(429).build(), 0);
    assertThat(notSent).isInstanceOf(TooManyRequestsException.class);
    assertThat(notSent.attempts()).isZero();
  }
}
