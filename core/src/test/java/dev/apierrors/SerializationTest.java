package dev.apierrors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apierrors.spi.BoundedBody;
import dev.apierrors.spi.HttpHeaders;
import dev.apierrors.spi.ResponseView;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Java serialization keeps every exception's ApiError: no accessor returns null after it. */
class SerializationTest {
  private static final String TOKEN = "sk_live_abcdefghijklmnop";

  private static ApiError decoded(int status) {
    return ErrorDecoder.ofDefaults().decode(ResponseView.builder(status)
        .headers(HttpHeaders.of("Content-Type", "application/problem+json", "X-Request-Id", "req-1",
            "Retry-After", "7", "RateLimit-Limit", "100", "RateLimit-Remaining", "0", "RateLimit-Reset", "30",
            "WWW-Authenticate", "Bearer realm=\"api\", error=\"invalid_token\""))
        .body(BoundedBody.of(("{\"type\":\"https://example.com/probs/x\",\"title\":\"Went wrong\","
            + "\"detail\":\"d\",\"instance\":\"/i/1\",\"code\":\"E1\",\"balance\":30,\"tags\":[\"a\",null],"
            + "\"errors\":[{\"field\":\"name\",\"code\":\"blank\",\"detail\":\"must not be blank\"}]}")
            .getBytes(StandardCharsets.UTF_8), true))
        .request("POST", "https://api.example.com/things?api_key=" + TOKEN)
        .build());
  }

  static Stream<Arguments> everyExceptionClass() {
    return Stream.of(400, 401, 403, 404, 405, 406, 409, 410, 413, 415, 422, 420, 429, 418,
            500, 501, 502, 503, 504, 599, 302)
        .map(status -> Arguments.of(status, ApiException.of(decoded(status), 3).getClass().getSimpleName()));
  }

  /** The message is built when first asked for: before writing, after reading, or both. */
  @ParameterizedTest(name = "asked before writing: {0}")
  @ValueSource(booleans = {true, false})
  void theMessageReadBackIsTheOneWrittenWhetherOrNotItWasBuilt(boolean askedBefore) throws Exception {
    ApiException original = ApiException.of(decoded(422), 2);
    String before = askedBefore ? original.getMessage() : null;

    ApiException copy = roundTrip(original);

    assertThat(copy.getMessage()).isEqualTo(original.getMessage()).startsWith("422 ");
    if (before != null) {
      assertThat(original.getMessage()).isSameAs(before);
    }
    assertThat(copy).hasToString(copy.getClass().getName() + ": " + copy.getMessage());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("everyExceptionClass")
  void anApiExceptionKeepsItsClassMessageAttemptsAndWholeError(int status, String className) throws Exception {
    ApiException original = ApiException.of(decoded(status), 3);

    ApiException copy = roundTrip(original);

    assertThat(copy.getClass()).isEqualTo(original.getClass());
    assertThat(copy.getClass().getSimpleName()).isEqualTo(className);
    assertThat(copy.getMessage()).isEqualTo(original.getMessage());
    assertThat(copy.attempts()).isEqualTo(3);
    assertThat(copy.status()).isEqualTo(status);
    assertSameError(copy.error(), original.error());
  }

  private static void assertSameError(ApiError copy, ApiError original) {
    assertThat(copy).isNotNull();
    assertThat(copy.status()).isEqualTo(original.status());
    assertThat(copy.format()).isEqualTo(original.format());
    assertThat(copy.builtInFormat()).isEqualTo(original.builtInFormat()).isPresent();
    assertThat(copy.title()).isEqualTo(original.title());
    assertThat(copy.detail()).isEqualTo(original.detail());
    assertThat(copy.code()).isEqualTo(original.code());
    assertThat(copy.type()).isEqualTo(original.type());
    assertThat(copy.instance()).isEqualTo(original.instance());
    assertThat(copy.errors()).isEqualTo(original.errors()).isNotEmpty();
    assertThat(copy.extensions()).isEqualTo(original.extensions()).containsKeys("balance", "tags");
    assertThat(copy.extension("balance", Integer.class)).contains(30);
    assertThat(copy.requestId()).isEqualTo(original.requestId()).contains("req-1");
    assertThat(copy.challenges()).isEqualTo(original.challenges()).isNotEmpty();
    assertThat(copy.retryAfterMillis()).isEqualTo(original.retryAfterMillis());
    assertThat(copy.retryAfter()).contains(Duration.ofSeconds(7));
    assertThat(copy.rateLimit()).isEqualTo(original.rateLimit()).isPresent();
    assertThat(copy.rawBody()).isEqualTo(original.rawBody());
    assertThat(copy.rawBodyText()).isEqualTo(original.rawBodyText());
    assertThat(copy.truncated()).isEqualTo(original.truncated()).isTrue();
    assertThat(copy.requestMethod()).isEqualTo(original.requestMethod());
    assertThat(copy.requestUrl()).isEqualTo(original.requestUrl()).hasValueSatisfying(
        url -> assertThat(url).doesNotContain(TOKEN));
    assertThat(copy.bodyAs(Map.class)).isEqualTo(original.bodyAs(Map.class));
    assertThat(copy.toString()).isEqualTo(original.toString());
  }

  @Test
  void aHandBuiltErrorKeepsItsGivenExtensionsAndAbsentFieldsStayEmpty() throws Exception {
    ApiError original = ApiError.builder(404).extensions(Map.of("list", List.of(1, "x"))).build();

    ApiError copy = roundTrip(ApiException.of(original, 1)).error();

    assertThat(copy.extensions()).isEqualTo(Map.of("list", List.of(1L, "x")));
    assertThat(copy.detail()).isEmpty();
    assertThat(copy.rateLimit()).isEmpty();
    assertThat(copy.retryAfterMillis()).isEmpty();
    assertThat(copy.requestUrl()).isEmpty();
    assertThat(copy.rawBody()).isEmpty();
    assertThat(copy.title()).isEqualTo("Not Found");
  }

  @ParameterizedTest
  @ValueSource(strings = {"header", "body"})
  void noKnownCredentialIsWrittenAndNoneComesBack(String where) throws Exception {
    ResponseView.Builder view = ResponseView.builder(401)
        .requestHeaders(HttpHeaders.of("Authorization", "Bearer " + TOKEN))
        .body("{\"message\":\"token " + TOKEN + " is not valid\",\"echo\":\"" + TOKEN + "\"}");
    if (where.equals("header")) {
      view.headers(HttpHeaders.of("WWW-Authenticate", "Bearer error=\"invalid_token\", hint=\"" + TOKEN + "\""));
    }
    ApiException original = ErrorDecoder.ofDefaults().toException(view.build());

    byte[] bytes = serialize(original);
    ApiException copy = deserialize(bytes);

    assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).doesNotContain(TOKEN);
    assertThat(copy.getMessage()).doesNotContain(TOKEN).isEqualTo(original.getMessage());
    assertThat(copy.error().detail()).hasValueSatisfying(d -> assertThat(d).doesNotContain(TOKEN));
    assertThat(copy.error().rawBodyText()).doesNotContain(TOKEN).contains("is not valid");
    assertThat(copy.error().extensions().get("echo")).isNotEqualTo(TOKEN);
    assertThat(copy.error().challenges()).allSatisfy(c -> assertThat(c.params().values()).doesNotContain(TOKEN));
    assertThat(copy.error().toString()).doesNotContain(TOKEN);
  }

  @Test
  void anAttemptFailureKeepsItsDecisionAndItsCause() throws Exception {
    ApiException failure = ApiException.of(decoded(503), 1);
    AttemptFailure original = AttemptFailure.of(2, failure,
        RetryDecision.retryAfter(Duration.ofSeconds(7), WaitSource.RETRY_AFTER, "server asked"));
    AttemptFailure io = AttemptFailure.of(1, new IOException("reset"), RetryDecision.stop("done"));

    AttemptFailure copy = roundTrip(original);
    AttemptFailure ioCopy = roundTrip(io);

    assertThat(copy.attempt()).isEqualTo(2);
    assertThat(copy.decision()).isEqualTo(original.decision());
    assertThat(copy.decision().waitSource()).contains(WaitSource.RETRY_AFTER);
    assertThat(copy.failure()).isInstanceOf(ServiceUnavailableException.class);
    assertThat(((ApiException) copy.failure()).error().title()).isEqualTo("Went wrong");
    assertThat(copy.status()).hasValue(503);
    assertThat(copy.getMessage()).isEqualTo(original.getMessage());
    assertThat(ioCopy.decision()).isEqualTo(RetryDecision.stop("done"));
    assertThat(ioCopy.failure()).hasMessage("reset");
  }

  @Test
  void anErrorConversionExceptionKeepsItsMessage() throws Exception {
    ApiError error = ApiError.builder(400).extensions(Map.of("n", "x")).build();
    ErrorConversionException original = catchConversion(error);

    ErrorConversionException copy = roundTrip(original);

    assertThat(copy).hasMessage(original.getMessage());
    assertThat(copy.getCause()).isInstanceOf(IllegalArgumentException.class);
  }

  private static ErrorConversionException catchConversion(ApiError error) {
    try {
      error.extension("n", Integer.class);
    } catch (ErrorConversionException e) {
      return e;
    }
    throw new AssertionError("expected an ErrorConversionException");
  }

  private static <T> T roundTrip(T value) throws IOException, ClassNotFoundException {
    return deserialize(serialize(value));
  }

  private static byte[] serialize(Object value) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    return bytes.toByteArray();
  }

  @SuppressWarnings("unchecked")
  private static <T> T deserialize(byte[] bytes) throws IOException, ClassNotFoundException {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      return (T) in.readObject();
    }
  }
}
