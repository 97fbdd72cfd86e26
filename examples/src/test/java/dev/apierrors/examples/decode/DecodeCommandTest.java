package dev.apierrors.examples.decode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apierrors.examples.Main;
import dev.apierrors.examples.MainRun;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DecodeCommandTest {
  @TempDir Path dir;

  /** The "label  value" lines of the output, by label (the first line of a list). */
  private static Map<String, String> fields(MainRun run) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String line : run.out().split("\n")) {
      String[] parts = line.split("\\s{2,}", 2);
      if (parts.length == 2 && !parts[0].isBlank()) {
        fields.putIfAbsent(parts[0].strip(), parts[1].strip());
      }
    }
    return fields;
  }

  private static MainRun run(InputStream stdin, String... args) {
    return MainRun.of(stdin, args);
  }

  /** A captured response from the test resources, with its head's line endings as given. */
  private Path captured(String name, boolean crlf) throws IOException {
    String text;
    try (InputStream in = getClass().getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (crlf) {
      int headEnd = text.lastIndexOf("\n\n");
      text = text.substring(0, headEnd + 2).replace("\n", "\r\n") + text.substring(headEnd + 2);
    }
    Path file = dir.resolve(name);
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  private MainRun decode(String name, boolean crlf) throws IOException {
    return run(InputStream.nullInputStream(), "decode", captured(name, crlf).toString());
  }

  @ParameterizedTest(name = "{0}, crlf={1}")
  @CsvSource({
      "github-403-rate-limit.http, false", "github-403-rate-limit.http, true",
  })
  void decodesGitHubRateLimited403WithItsHeaders(String name, boolean crlf) throws IOException {
    MainRun run = decode(name, crlf);

    assertThat(run.code()).isZero();
    assertThat(run.err()).isEmpty();
    Map<String, String> f = fields(run);
    assertThat(f).containsEntry("format", "message").containsEntry("status", "403")
        .containsEntry("title", "Forbidden")
        .containsEntry("requestId", "C1A4:2B7F:1D2E3F:1E4F5A:673F1C00")
        .containsEntry("rateLimit", "limit=60  remaining=0  resetMillis=1800000");
    assertThat(f.get("exception")).startsWith("ForbiddenException");
    assertThat(f.get("detail")).startsWith("API rate limit exceeded for 203.0.113.7.");
    assertThat(f.get("extensions")).isEqualTo(
        "[0] documentation_url = \"https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting\"");
    assertThat(run.out()).contains("GET   not retried: status 403 is not in retryOn");
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void decodesStripeLikeNestedErrorObject(boolean crlf) throws IOException {
    Map<String, String> f = fields(decode("stripe-402-card-declined.http", crlf));

    assertThat(f).containsEntry("format", "nested_error").containsEntry("status", "402")
        .containsEntry("title", "Payment Required")
        .containsEntry("detail", "Your card has insufficient funds.")
        .containsEntry("code", "card_declined")
        .containsEntry("requestId", "req_8ZgX2Hc9mL4pQd");
    // 402 has no subclass of its own: the family is what a caller catches.
    assertThat(f.get("exception")).startsWith("ClientErrorException  (catch: ClientErrorException < ApiException");
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aTwoHundredTwoShowsWhatThePollerWouldDo(boolean crlf) throws IOException {
    MainRun run = decode("azure-202-accepted.http", crlf);

    assertThat(run.out()).contains("202 Accepted, an operation still running", "OperationPoller")
        .contains("https://management.example.com/operations/7f3a?api-version=2024-01-01&sig=[REDACTED]")
        .contains("GET after 5000 ms (retry-after)", "at most 60 polls")
        .doesNotContain("s3cr3tsig");
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void decodesNginx502HtmlPageToItsTitle(boolean crlf) throws IOException {
    Map<String, String> f = fields(decode("nginx-502.http", crlf));

    assertThat(f).containsEntry("format", "html").containsEntry("detail", "502 Bad Gateway")
        .containsEntry("message", "502 Bad Gateway"); // the detail only repeats "<status> <title>"
    assertThat(f.get("exception")).startsWith("BadGatewayException  (catch: BadGatewayException < ServerErrorException");
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void decodesFastApiValidationErrorIntoOneEntryPerField(boolean crlf) throws IOException {
    MainRun run = decode("fastapi-422-validation.http", crlf);
    Map<String, String> f = fields(run);

    assertThat(f).containsEntry("format", "json").containsEntry("status", "422")
        .containsEntry("detail", "Field required")
        .containsEntry("message", "422 Unprocessable Content: Field required")
        .containsEntry("errors", "[0] field=body.email  code=missing  detail=Field required")
        .containsEntry("extensions", "(none)");
    assertThat(run.out()).contains(
        "[1] field=body.age  code=int_parsing  detail=Input should be a valid integer, unable to parse string as an integer");
    assertThat(f.get("exception")).startsWith("UnprocessableContentException");
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void decodesS3XmlErrorWithItsCodeAndRequestId(boolean crlf) throws IOException {
    MainRun run = decode("aws-s3-404-nosuchkey.http", crlf);
    Map<String, String> f = fields(run);

    assertThat(f).containsEntry("format", "xml_error").containsEntry("status", "404")
        .containsEntry("code", "NoSuchKey")
        .containsEntry("detail", "The specified key does not exist.")
        .containsEntry("message", "404 Not Found: The specified key does not exist.")
        .containsEntry("requestId", "4442587FB7D0A2F9");
    assertThat(f.get("exception")).startsWith("NotFoundException");
    assertThat(run.out()).contains("GET   not retried: status 404 is not in retryOn");
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void decodesRfc9457ProblemWithExtensions(boolean crlf) throws IOException {
    MainRun run = decode("problem-403-out-of-credit.http", crlf);
    Map<String, String> f = fields(run);

    assertThat(f).containsEntry("format", "problem_json")
        .containsEntry("title", "You do not have enough credit.")
        .containsEntry("detail", "Your current balance is 30, but that costs 50.")
        .containsEntry("type", "https://example.com/probs/out-of-credit")
        .containsEntry("instance", "/account/12345/msgs/abc")
        .containsEntry("extensions", "[0] balance = 30")
        .containsEntry("requestId", "3f1c9a7e-1b2d-4c5e-8f90-a1b2c3d4e5f6");
    assertThat(run.out()).contains("[1] accounts = [\"/account/12345\",\"/account/67890\"]");
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void decodesBearerChallengeOf401IntoCodeAndDetail(boolean crlf) throws IOException {
    Map<String, String> f = fields(decode("bearer-401-invalid-token.http", crlf));

    assertThat(f).containsEntry("format", "empty").containsEntry("code", "invalid_token")
        .containsEntry("detail", "The access token expired")
        .containsEntry("challenges",
            "[0] Bearer realm=\"example\", error=\"invalid_token\", error_description=\"The access token expired\"");
    assertThat(f.get("exception")).startsWith("UnauthorizedException");
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void takesTheResponseAfter100ContinueAndShowsTheRetryAfterWait(boolean crlf) throws IOException {
    MainRun run = decode("azure-429-retry-after-ms.http", crlf);
    Map<String, String> f = fields(run);

    assertThat(f).containsEntry("status", "429").containsEntry("retryAfterMillis", "1500")
        .containsEntry("rateLimit", "limit=100  remaining=0  resetMillis=2000")
        .containsEntry("code", "TooManyRequests");
    assertThat(f.get("exception")).startsWith("TooManyRequestsException");
    assertThat(run.out()).contains("GET   retried after 1500 ms (retry-after)").doesNotContain("POST");
  }

  @Test
  void readsHttp2StatusLineFromStdin() {
    String response = "HTTP/2 503\r\nretry-after: 120\r\ncontent-type: text/plain\r\n\r\nback soon\n";

    MainRun run = run(new ByteArrayInputStream(response.getBytes(StandardCharsets.UTF_8)), "decode", "-");

    assertThat(run.code()).isZero();
    Map<String, String> f = fields(run);
    assertThat(f).containsEntry("format", "plain_text").containsEntry("detail", "back soon")
        .containsEntry("retryAfterMillis", "120000");
    assertThat(run.out()).contains("GET   not retried: the server asked to wait 120000 ms (retry-after), above maxRetryAfter");
  }

  @Test
  void decompressesAGzipBodyAsTheSdkWould() throws IOException {
    java.io.ByteArrayOutputStream response = new java.io.ByteArrayOutputStream();
    response.writeBytes("HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\n\r\n"
        .getBytes(StandardCharsets.UTF_8));
    try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(response)) {
      gz.write("{\"code\":\"bad_input\",\"message\":\"name is required\"}".getBytes(StandardCharsets.UTF_8));
    }

    MainRun run = run(new ByteArrayInputStream(response.toByteArray()), "decode", "-");

    assertThat(fields(run)).containsEntry("format", "code_message").containsEntry("detail", "name is required");
  }

  @Test
  void showsTheBackoffRangeWhenTheServerGivesNoWait() {
    MainRun run = run(new ByteArrayInputStream("HTTP/1.1 503 Service Unavailable\n\n".getBytes(StandardCharsets.UTF_8)),
        "decode", "-");

    assertThat(run.out()).contains("GET   retried after a random wait in [0, 500] ms (backoff, full jitter)");
  }

  @Test
  void saysA2xxIsNotAnError() throws IOException {
    MainRun run = decode("ok-200.http", false);

    assertThat(run.code()).isZero();
    assertThat(run.out()).contains("not an error: a 200 response passes through").doesNotContain("format");
  }

  @ParameterizedTest
  @ValueSource(strings = {"HTTP/1.1 304 Not Modified", "HTTP/2 101", "HTTP/1.1 399 Odd", "HTTP/1.1 600 Odd"})
  void saysOtherStatusesOutside400To599AreNotErrors(String statusLine) {
    MainRun run = run(new ByteArrayInputStream((statusLine + "\n\n").getBytes(StandardCharsets.UTF_8)), "decode", "-");

    assertThat(run.code()).isZero();
    assertThat(run.out()).contains("not an error").doesNotContain("format");
  }

  @Test
  void escapesControlCharactersFromTheBody() {
    String response = "HTTP/1.1 500 Internal Server Error\nContent-Type: text/plain\n\nboom\u001b[31m red";

    MainRun run = run(new ByteArrayInputStream(response.getBytes(StandardCharsets.UTF_8)), "decode", "-");

    assertThat(run.out()).doesNotContain("\u001b").contains("boom\\u001b[31m red");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "missing file         | MISSING   | decode: no such file",
      "empty file           |           | decode: empty input",
      "JSON, not HTTP       | {\"a\": 1} | decode: not an HTTP response: line 1",
      "a request, not HTTP  | GET / HTTP/1.1 | decode: not an HTTP response: line 1",
  })
  void rejectsBadInputWithOneLineAndExitCode2(String what, String content, String problem) throws IOException {
    Path file = dir.resolve("input.txt");
    if (!"MISSING".equals(content)) {
      Files.writeString(file, content == null ? "" : content);
    }

    MainRun run = run(InputStream.nullInputStream(), "decode", file.toString());

    assertThat(run.code()).isEqualTo(Main.BAD_INPUT);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith(problem).endsWith(System.lineSeparator());
    assertThat(run.err().lines()).hasSize(1);
  }

  @Test
  void rejectsEmptyStdin() {
    MainRun run = run(InputStream.nullInputStream(), "decode", "-");

    assertThat(run.code()).isEqualTo(Main.BAD_INPUT);
    assertThat(run.err().lines()).singleElement().asString().startsWith("decode: empty input");
  }

  @Test
  void credentialsOfTheResponseAreMaskedAndLongListsSummarised() throws IOException {
    String secret = "c00kie-0123456789-secret";
    StringBuilder entries = new StringBuilder();
    for (int i = 0; i < 25; i++) {
      entries.append(i == 0 ? "" : ",").append("{\"field\":\"f").append(i).append("\",\"detail\":\"bad ")
          .append(secret).append("\"}");
    }
    String body = "{\"message\":\"session " + secret + " expired\",\"errors\":[" + entries + "]}";
    Path file = dir.resolve("cookie.txt");
    Files.writeString(file, "HTTP/1.1 422 Unprocessable Content\r\nContent-Type: application/json\r\n"
        + "Set-Cookie: session=" + secret + "; Path=/; HttpOnly\r\n"
        + "WWW-Authenticate: Newauth dG9rZW42OC1jcmVkZW50aWFs\r\n\r\n" + body, StandardCharsets.UTF_8);

    MainRun run = run(InputStream.nullInputStream(), "decode", file.toString());

    assertThat(run.code()).isEqualTo(Main.OK);
    assertThat(run.out()).doesNotContain(secret).doesNotContain("dG9rZW42OC1jcmVkZW50aWFs")
        .contains("[REDACTED]", "… 15 more");
    assertThat(run.out().lines().filter(l -> l.contains("field=f"))).hasSize(10);
  }
}
