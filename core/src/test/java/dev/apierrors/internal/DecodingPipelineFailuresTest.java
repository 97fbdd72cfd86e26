package dev.apierrors.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apierrors.ApiError;
import dev.apierrors.ErrorDecoder;
import dev.apierrors.spi.BoundedBody;
import dev.apierrors.spi.ErrorBody;
import dev.apierrors.spi.ErrorFields;
import dev.apierrors.spi.ErrorFormat;
import dev.apierrors.spi.HttpHeaders;
import dev.apierrors.spi.ResponseView;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link DecodingPipeline} when something goes wrong: an error of the VM is let through, any
 * other failure falls back to {@code plain_text} of the raw bytes; and the body a format is
 * handed.
 */
class DecodingPipelineFailuresTest {
  private static final String SECRET = "s3cr3t-token-value";

  private static ResponseView view(String body) {
    return view(body, "7");
  }

  /** As {@link #view}, with a {@code Retry-After} date: the one header whose parsing reads the clock. */
  private static ResponseView datedView(String body) {
    return view(body, "Fri, 01 Jan 2100 00:00:00 GMT");
  }

  private static ResponseView view(String body, String retryAfter) {
    return ResponseView.builder(503)
        .headers(HttpHeaders.of("Content-Type", "application/json", "Retry-After", retryAfter))
        .requestHeaders(HttpHeaders.of("Authorization", "Bearer " + SECRET))
        .request("GET", "https://api.example.com/v1/things")
        .body(body)
        .build();
  }

  private static ErrorFormat format(String name, java.util.function.Function<ErrorBody, Optional<ErrorFields>> f) {
    return new ErrorFormat() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Optional<ErrorFields> decode(ErrorBody body) {
        return f.apply(body);
      }
    };
  }

  private static Clock clock(Supplier<Instant> instant) {
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return instant.get();
      }
    };
  }

  @Test
  void anOutOfMemoryErrorInAUsersFormatIsLetThrough() {
    ErrorDecoder decoder = ErrorDecoder.builder().addFormat(format("greedy", body -> {
      throw new OutOfMemoryError("Java heap space");
    })).build();

    assertThatThrownBy(() -> decoder.decode(view("{\"message\":\"m\"}")))
        .isInstanceOf(OutOfMemoryError.class)
        .hasMessage("Java heap space");
  }

  @Test
  void anOutOfMemoryErrorOfTheClockIsLetThrough() {
    ErrorDecoder decoder = ErrorDecoder.builder().clock(clock(() -> {
      throw new OutOfMemoryError("clock");
    })).build();

    assertThatThrownBy(() -> decoder.decode(datedView("{\"message\":\"m\"}")))
        .isInstanceOf(OutOfMemoryError.class);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"AssertionError", "StackOverflowError", "LinkageError"})
  void anyOtherErrorFallsBackToThePlainTextOfTheRawBytes(String kind) {
    Error thrown = switch (kind) {
      case "AssertionError" -> new AssertionError("clock broke");
      case "StackOverflowError" -> new StackOverflowError();
      default -> new LinkageError("missing class");
    };
    ErrorDecoder decoder = ErrorDecoder.builder().clock(clock(() -> {
      throw thrown;
    })).build();
    String body = "{\"message\":\"echoed Bearer " + SECRET + "\"}";

    ApiError error = decoder.decode(datedView(body));

    assertThat(error).isNotNull();
    assertThat(error.status()).isEqualTo(503);
    assertThat(error.format()).isEqualTo("plain_text");
    assertThat(error.detail()).hasValueSatisfying(d -> assertThat(d).contains("echoed"));
    assertThat(error.rawBodyText()).isEqualTo(body);
    assertThat(error.code()).isEmpty();
    assertThat(error.retryAfterMillis()).isEmpty();
    assertThat(error.requestMethod()).hasValue("GET");
    assertThat(error.requestUrl()).hasValue("https://api.example.com/v1/things");
    assertThat(error.toString()).doesNotContain(SECRET).contains("plain_text");
  }

  @Test
  void theFallbackKeepsWhetherTheBodyWasCut() {
    ErrorDecoder decoder = ErrorDecoder.builder().clock(clock(() -> {
      throw new AssertionError();
    })).build();
    ResponseView cut = ResponseView.builder(500)
        .headers(HttpHeaders.of("Retry-After", "Fri, 01 Jan 2100 00:00:00 GMT"))
        .body(BoundedBody.of("partial bo".getBytes(StandardCharsets.UTF_8), true)).build();

    ApiError error = decoder.decode(cut);

    assertThat(error.retryAfterMillis()).isEmpty(); // the fallback: no header field
    assertThat(error.truncated()).isTrue();
    assertThat(error.rawBodyText()).isEqualTo("partial bo");
  }

  /** Reading a clock is not free: it is read only for a header that needs it, and once. */
  @ParameterizedTest(name = "{0}: {1} reads")
  @CsvSource(delimiter = '|', value = {
      "Retry-After: 7                                             | 0",
      "Retry-After: Thu, 01 Jan 2026 00:00:30 GMT                  | 1",
      "X-RateLimit-Remaining: 0                                   | 0",
      "X-RateLimit-Reset: 30                                      | 0",
      "X-RateLimit-Reset: 1767225630                              | 1",
      "RateLimit: limit=10, remaining=0, reset=1767225630         | 1",
      "Retry-After: Thu, 01 Jan 2026 00:00:30 GMT; X-RateLimit-Reset: 1767225630 | 1",
      "Content-Type: text/plain                                   | 0"})
  void theClockIsReadOnlyForAHeaderThatNeedsItAndOnce(String fields, int reads) {
    java.util.concurrent.atomic.AtomicInteger read = new java.util.concurrent.atomic.AtomicInteger();
    ErrorDecoder decoder = ErrorDecoder.builder().clock(clock(() -> {
      read.incrementAndGet();
      return Instant.parse("2026-01-01T00:00:00Z");
    })).build();
    HttpHeaders.Builder headers = HttpHeaders.builder();
    for (String field : fields.split("; ")) {
      int colon = field.indexOf(':');
      headers.add(field.substring(0, colon).strip(), field.substring(colon + 1).strip());
    }

    ApiError error = decoder.decode(ResponseView.builder(429).headers(headers.build()).body("slow down").build());

    assertThat(read).hasValue(reads);
    if (reads > 0) {
      assertThat(error.retryAfterMillis().isPresent() || error.rateLimit().isPresent()).isTrue();
    }
  }

  @Test
  void theDecodersClockDatesTheRetryAfter() {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    ErrorDecoder decoder = ErrorDecoder.builder().clock(Clock.fixed(now, ZoneOffset.UTC)).build();
    ResponseView view = ResponseView.builder(503)
        .headers(HttpHeaders.of("Retry-After", "Thu, 01 Jan 2026 00:00:30 GMT")).build();

    assertThat(decoder.decode(view).retryAfterMillis()).hasValue(30_000L);
  }

  @Test
  void aClockThatThrowsAnExceptionIsReplacedByTheSystemClock() {
    ErrorDecoder decoder = ErrorDecoder.builder().clock(clock(() -> {
      throw new IllegalStateException("no time");
    })).build();

    ApiError error = decoder.decode(view("{\"message\":\"m\"}"));

    assertThat(error.format()).isEqualTo("message");
    assertThat(error.retryAfterMillis()).hasValue(7_000L);
  }

  @Test
  void aClockThatThrowsStillDatesARetryAfterDateByTheSystemClock() {
    ErrorDecoder decoder = ErrorDecoder.builder().clock(clock(() -> {
      throw new IllegalStateException("no time");
    })).build();
    ResponseView view = ResponseView.builder(503)
        .headers(HttpHeaders.of("Retry-After", "Fri, 01 Jan 2100 00:00:00 GMT")).build();

    java.util.OptionalLong millis = decoder.decode(view).retryAfterMillis();

    assertThat(millis).isPresent();
    assertThat(millis.getAsLong()).isGreaterThan(365L * 24 * 3600 * 1000);
  }

  @ParameterizedTest(name = "{0} bytes, limit 5, cut by the reader: {1}")
  @CsvSource({"4, false, false", "5, false, false", "6, false, true", "5, true, true", "4, true, true"})
  void aHandBuiltBodyIsCutOnlyWhenLongerThanTheLimit(int size, boolean readCut, boolean truncated) {
    ErrorDecoder decoder = ErrorDecoder.builder().maxBodyBytes(5).build();
    byte[] bytes = "abcdefgh".substring(0, size).getBytes(StandardCharsets.UTF_8);

    ApiError error = decoder.decode(ResponseView.builder(500).body(BoundedBody.of(bytes, readCut)).build());

    assertThat(error.truncated()).isEqualTo(truncated);
    assertThat(error.rawBodyText()).isEqualTo("abcdefgh".substring(0, Math.min(size, 5)));
  }

  @Test
  void aFormatIsHandedTheDecodedBody() {
    List<String> seen = new ArrayList<>();
    ErrorDecoder decoder = ErrorDecoder.builder().addFormat(format("probe", body -> {
      seen.add(body.status() + " " + body.mediaType().orElse("-") + " " + body.truncated() + " "
          + body.json().isPresent() + " " + body.text() + " " + body.reasonPhrase());
      seen.add(body.toString());
      return Optional.empty();
    })).build();

    decoder.decode(ResponseView.builder(429)
        .headers(HttpHeaders.of("Content-Type", "Application/JSON; charset=utf-8"))
        .body(BoundedBody.of("{\"a\":1,\"b\":2".getBytes(StandardCharsets.UTF_8), true)).build());
    decoder.decode(ResponseView.builder(500).body("plain").build());

    assertThat(seen).containsExactly(
        "429 application/json true true {\"a\":1,\"b\":2 Too Many Requests",
        "DecodedBody{status=429, mediaType=application/json, json=true, truncated=true}",
        "500 - false false plain Internal Server Error",
        "DecodedBody{status=500, mediaType=null, json=false, truncated=false}");
  }
}
