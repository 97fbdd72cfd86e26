package dev.apierrors.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.apierrors.ApiError;
import dev.apierrors.ApiException;
import dev.apierrors.spi.BoundedBody;
import dev.apierrors.ErrorDecoder;
import dev.apierrors.spi.HttpHeaders;
import dev.apierrors.spi.ResponseView;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Coverage-guided fuzzing of the whole decoder: any status, fuzzed {@code Content-Type},
 * {@code Retry-After}, {@code Date}, rate-limit and {@code WWW-Authenticate} headers, and
 * any body bytes, sometimes under a tiny body limit (to cut bodies anywhere). Decoding
 * must give an {@link ApiError} and a one-line exception message of at most 500
 * characters; any other outcome (an exception, a stack overflow) is a failure.
 *
 * <p>Plain {@code mvn test} replays the seeds under
 * {@code src/test/resources/dev/apierrors/fuzz/DecoderFuzzTestInputs/decodingNeverFails/}
 * (regression mode, a fraction of a second). To fuzz for {@code maxDuration}, from the
 * project's root:
 *
 * <pre>JAZZER_FUZZ=1 mvn -pl core test -Dtest=DecoderFuzzTest</pre>
 *
 * A crash is written to that inputs folder; keep it there as a seed once fixed. The
 * generated corpus goes to {@code .cifuzz-corpus/}, which is not committed.
 */
class DecoderFuzzTest {
  private static final String[] CONTENT_TYPES = {
    "application/json",
    "application/problem+json",
    "application/problem+xml",
    "text/html",
    "text/plain",
    "application/json; charset=utf-16",
    "text/html; charset=ISO-8859-1",
    "application/xml",
    "application/octet-stream",
    "text/plain; charset=utf-32",
  };

  /** Headers whose values are fuzzed, in the order their presence is decided. */
  private static final String[] FUZZED_HEADERS = {
    "Retry-After", "retry-after-ms", "Date", "RateLimit", "RateLimit-Policy", "RateLimit-Reset",
    "X-RateLimit-Reset", "X-RateLimit-Remaining", "WWW-Authenticate", "Set-Cookie", "X-Request-Id",
  };

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

  @FuzzTest(maxDuration = "10m")
  void decodingNeverFails(FuzzedDataProvider data) {
    int status = 100 + Math.floorMod(data.consumeInt(), 900);
    int maxBodyBytes = data.consumeBoolean() ? data.consumeInt(0, 200) : ErrorDecoder.DEFAULT_MAX_BODY_BYTES;
    HttpHeaders.Builder headers = HttpHeaders.builder();
    if (data.consumeBoolean()) {
      headers.add("Content-Type", data.consumeBoolean() ? data.pickValue(CONTENT_TYPES) : data.consumeAsciiString(60));
    }
    for (String name : FUZZED_HEADERS) {
      if (data.consumeBoolean()) {
        headers.add(name, data.consumeString(120));
      }
    }
    String token = data.consumeBoolean() ? data.consumeAsciiString(40) : "";
    byte[] body = data.consumeRemainingAsBytes();

    ResponseView response = ResponseView.builder(status)
        .headers(headers.build())
        .body(BoundedBody.read(new ByteArrayInputStream(body), maxBodyBytes))
        .request("GET", "https://api.example.com/v1/items?token=" + token)
        .requestHeaders(HttpHeaders.of("Authorization", "Bearer " + token))
        .build();
    ApiError error = ErrorDecoder.builder().maxBodyBytes(maxBodyBytes).clock(CLOCK).build().decode(response);

    assertThat(error).isNotNull();
    assertThat(error.status()).isEqualTo(status);
    String message = ApiException.of(error, 1).getMessage();
    assertThat(message.length()).isLessThanOrEqualTo(ApiException.MAX_MESSAGE_LENGTH);
    assertThat(message).doesNotContain("\n", "\r", "\u0085", "\u2028", "\u2029");
    assertThat(error.toString()).isNotNull();
  }
}
