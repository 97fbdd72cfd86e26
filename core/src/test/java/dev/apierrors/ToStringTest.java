package dev.apierrors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apierrors.spi.BoundedBody;
import dev.apierrors.spi.ErrorFields;
import dev.apierrors.spi.HttpHeaders;
import dev.apierrors.spi.ResponseView;
import dev.apierrors.spi.RetrySession;
import dev.apierrors.spi.Secrets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every public value's {@code toString()} is one line of at most 2,000 characters, with
 * its control characters escaped, its long lists summarised and its credentials masked,
 * whatever it holds: here, every string member holds CR, LF, NUL, C0 and C1 controls, the
 * Unicode line and paragraph separators, a bidi override and 5,000 more characters.
 */
class ToStringTest {
  /** The bound documented in the javadoc and the README. */
  private static final int MAX = 2_000;
  private static final String HOSTILE = "a\r\nforged: line\u0000b\u0007c\u001b[31md\u0085e\u2028f\u2029g\u202eh\uD800i"
      + "x".repeat(5_000);
  /** What must never be in a line: control characters, separators, bidi controls, lone surrogates. */
  private static final Pattern UNSAFE = Pattern.compile(
      "[\\p{Cc}\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]");
  private static final int MANY = 500_000;

  static Stream<Arguments> everyPublicValue() {
    Map<String, Supplier<Object>> values = new LinkedHashMap<>();
    values.put("ApiError", ToStringTest::hostileError);
    values.put("ApiError decoded from 500,000 errors", ToStringTest::decodedFromManyEntries);
    values.put("ErrorEntry", ToStringTest::hostileEntry);
    values.put("Challenge", () -> hostileChallenge());
    values.put("RateLimit", () -> RateLimit.of(OptionalLong.of(Long.MAX_VALUE), OptionalLong.of(Long.MIN_VALUE),
        OptionalLong.empty()));
    values.put("AttemptFailure of an I/O failure", () -> AttemptFailure.of(3, new IOException(HOSTILE),
        RetryDecision.stop(HOSTILE)));
    values.put("AttemptFailure of an API error", () -> AttemptFailure.of(1, ApiException.of(hostileError(), 1),
        RetryDecision.retryAfter(Duration.ofMillis(5), WaitSource.BACKOFF, HOSTILE)));
    values.put("RetryDecision to retry", () -> RetryDecision.retryAfter(Duration.ofDays(3650), WaitSource.RETRY_AFTER,
        HOSTILE));
    values.put("RetryDecision to stop", () -> RetryDecision.stop(HOSTILE));
    values.put("ApiException", () -> ApiException.of(hostileError(), 2));
    values.put("RequestFacts", () -> RequestFacts.of(HOSTILE).withIdempotencyKey(true).withOneShotBody(true));
    values.put("HttpHeaders", ToStringTest::hostileHeaders);
    values.put("ResponseView", () -> ResponseView.builder(599).headers(hostileHeaders())
        .body(BoundedBody.of(HOSTILE.getBytes(StandardCharsets.UTF_8), true))
        .request(HOSTILE, "https://api.example.com/" + HOSTILE).build());
    values.put("BoundedBody", () -> BoundedBody.of(HOSTILE.getBytes(StandardCharsets.UTF_8), true));
    values.put("ErrorFields", () -> ErrorFields.builder().title(HOSTILE).detail(HOSTILE).code(HOSTILE)
        .type(HOSTILE).instance(HOSTILE).errors(Collections.nCopies(MANY, hostileEntry()))
        .consumedMembers(java.util.Set.of(HOSTILE)).build());
    values.put("Secrets", () -> Secrets.builder().request("https://x.test/?token=" + HOSTILE, hostileHeaders()).build());
    values.put("RetryPolicy", () -> RetryPolicy.builder().retryOn(java.util.stream.IntStream.range(100, 600).toArray())
        .build());
    values.put("ErrorDecoder", ErrorDecoder::ofDefaults);
    values.put("RetrySession", () -> RetrySession.start(RetryPolicy.ofDefaults(),
        RetryPolicy.ofDefaults().toRetry("name" + HOSTILE), RequestFacts.of(HOSTILE)));
    return values.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyPublicValue")
  void isOneBoundedLineWithControlCharactersEscaped(String name, Supplier<Object> value) {
    Object v = value.get();
    String line = v.toString();

    // A Throwable's toString() is its class name and its message, bounded at 500 characters.
    int bound = v instanceof Throwable ? v.getClass().getName().length() + 2 + ApiException.MAX_MESSAGE_LENGTH : MAX;
    assertThat(line.length()).as(line).isBetween(1, bound);
    assertThat(UNSAFE.matcher(line).find()).as("unescaped character in %s", line).isFalse();
    assertThat(line).doesNotContain("forged: line\u0000");
    if (line.contains("forged") && !(v instanceof Throwable)) {
      assertThat(line).contains("a\\r\\nforged"); // a message has spaces instead (as documented)
    }
  }

  @Test
  void aLongErrorsListShowsItsFirstEntriesAndHowManyMore() {
    ApiError error = decodedFromManyEntries();
    String line = error.toString();

    assertThat(error.errors()).hasSize(MANY);
    Matcher more = Pattern.compile("… (\\d{1,3}(,\\d{3})*) more]").matcher(line);
    assertThat(more.find()).as(line).isTrue();
    int shown = line.split("ErrorEntry\\{", -1).length - 1;
    assertThat(shown).isBetween(1, 10);
    assertThat(Integer.parseInt(more.group(1).replace(",", ""))).isEqualTo(MANY - shown);
    assertThat(line).contains("\\r\\n", "\\0", "\\u0007").hasSizeLessThanOrEqualTo(MAX);
  }

  @Test
  void aLineCutForLengthEndsWithAnEllipsisAndStillShowsTheListSummary() {
    ApiError error = hostileError();
    String line = error.toString();

    assertThat(line).startsWith("ApiError{status=500, format=plain_text, title=a\\r\\nforged").endsWith("…}");
    assertThat(line).containsPattern("errors=\\[.*… 499,99\\d more]");
  }

  @Test
  void credentialsAreMaskedBeforeAnythingIsCutSoNoPrefixOfThemShows() {
    String secret = "sk-live-0123456789abcdef";
    for (int before = 270; before <= 300; before++) {
      String detail = "x".repeat(before) + secret + " rejected";
      ApiError error = ApiError.builder(401).detail(detail).code(secret)
          .errors(List.of(ErrorEntry.of("token", secret, detail, detail)))
          .challenges(List.of(Challenge.of("Bearer", null, Map.of("error_description", detail))))
          .secrets(java.util.Set.of(secret))
          .build();
      List<String> lines = new ArrayList<>(List.of(error.toString(), ApiException.of(error, 1).toString(),
          error.errors().get(0).toString(), error.challenges().get(0).toString()));
      for (String line : lines) {
        assertThat(line).doesNotContain(secret.substring(0, 6));
      }
    }
  }

  @Test
  void entriesAndChallengesOfADecodedErrorMaskTheRequestsCredentials() {
    String token = "tok-0123456789-secret";
    ResponseView view = ResponseView.builder(401)
        .headers(HttpHeaders.of("Content-Type", "application/json",
            "WWW-Authenticate", "Bearer error=\"invalid_token\", error_description=\"" + token + " expired\""))
        .requestHeaders(HttpHeaders.of("Authorization", "Bearer " + token))
        .body("{\"errors\":[{\"field\":\"auth\",\"detail\":\"" + token + " is revoked\"}]}")
        .build();

    ApiError error = ErrorDecoder.ofDefaults().decode(view);

    assertThat(error.errors().get(0).detail()).hasValue(token + " is revoked"); // the value itself is kept
    assertThat(error.errors().get(0).toString()).doesNotContain(token).contains("[REDACTED] is revoked");
    assertThat(error.challenges().get(0).toString()).doesNotContain(token).contains("[REDACTED] expired");
    assertThat(error.errors().get(0)).isEqualTo(ErrorEntry.of("auth", null, null, token + " is revoked"));
  }

  @Test
  void aValueWithoutCredentialsOrControlsReadsAsBefore() {
    assertThat(ErrorEntry.of("email", "invalid", null, "must be an address").toString())
        .isEqualTo("ErrorEntry{field=email, code=invalid, detail=must be an address}");
    assertThat(RateLimit.of(OptionalLong.of(100), OptionalLong.of(0), OptionalLong.of(3000)).toString())
        .isEqualTo("RateLimit{limit=100, remaining=0, resetMillis=3000}");
    assertThat(RetryDecision.stop("maxAttempts (3) reached").toString()).isEqualTo("no retry: maxAttempts (3) reached");
    assertThat(Challenge.of("Bearer", "abc", Map.of("realm", "api")).toString())
        .isEqualTo("Challenge{scheme=Bearer, token68=…, params={realm=api}}");
  }

  private static ErrorEntry hostileEntry() {
    return ErrorEntry.of(HOSTILE, HOSTILE, HOSTILE, HOSTILE);
  }

  private static Challenge hostileChallenge() {
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < 1_000; i++) {
      params.put("p" + i + HOSTILE.substring(0, 20), HOSTILE);
    }
    return Challenge.of("Bearer" + HOSTILE, HOSTILE, params);
  }

  private static HttpHeaders hostileHeaders() {
    HttpHeaders.Builder b = HttpHeaders.builder();
    for (int i = 0; i < 1_000; i++) {
      b.add("X-" + i, HOSTILE);
    }
    return b.add("Authorization", "Bearer " + HOSTILE).build();
  }

  private static ApiError hostileError() {
    return ApiError.builder(500).format("plain_text").title(HOSTILE).detail(HOSTILE).code(HOSTILE)
        .type(HOSTILE).instance(HOSTILE).errors(Collections.nCopies(MANY, hostileEntry()))
        .requestId(HOSTILE).challenges(List.of(hostileChallenge()))
        .retryAfterMillis(OptionalLong.of(5))
        .rateLimit(RateLimit.of(OptionalLong.of(1), OptionalLong.of(0), OptionalLong.of(2)))
        .rawBody(HOSTILE.getBytes(StandardCharsets.UTF_8), HOSTILE, true)
        .request(HOSTILE, "https://api.example.com/" + HOSTILE + "?page=" + HOSTILE)
        .build();
  }

  /**
   * A real body: 500,000 {@code errors} entries, each detail holding control characters;
   * decoded once (a few seconds) for the two tests that read it.
   */
  private static ApiError decodedFromManyEntries() {
    return ManyEntries.ERROR;
  }

  private static final class ManyEntries {
    static final ApiError ERROR = decodeManyEntries();
  }

  private static ApiError decodeManyEntries() {
    StringBuilder body = new StringBuilder(MANY * 32).append("{\"errors\":[");
    for (int i = 0; i < MANY; i++) {
      body.append(i == 0 ? "" : ",").append("{\"detail\":\"e\\r\\n\\u0000\\u0007").append(i).append("\"}");
    }
    body.append("]}");
    byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
    return ErrorDecoder.builder().maxBodyBytes(bytes.length).build()
        .decode(ResponseView.builder(422).headers(HttpHeaders.of("Content-Type", "application/json"))
            .body(BoundedBody.of(bytes, false)).build());
  }
}
