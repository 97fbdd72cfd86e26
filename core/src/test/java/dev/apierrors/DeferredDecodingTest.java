package dev.apierrors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apierrors.spi.ErrorFormat;
import dev.apierrors.spi.HttpHeaders;
import dev.apierrors.spi.ManualClock;
import dev.apierrors.spi.ResponseView;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link ErrorDecoder#toException} makes the exception from the status and the retry headers
 * alone, and decodes the body when the error (or the message) is first asked for: once,
 * whichever thread asks, to exactly what {@link ErrorDecoder#decode} gives.
 */
class DeferredDecodingTest {
  private static final String BODY = "{\"code\":\"RATE_LIMITED\",\"message\":\"Slow down.\"}";

  private final AtomicInteger decodings = new AtomicInteger();
  /** Counts the decodings: a user's format is tried first on every body decoded. */
  private final ErrorFormat counting = Decoding.format("counting", body -> {
    decodings.incrementAndGet();
    return Optional.empty();
  });
  private final ErrorDecoder decoder = ErrorDecoder.builder().addFormat(counting).build();

  private static ResponseView tooManyRequests(String... headers) {
    return ResponseView.builder(429)
        .request("GET", "https://api.example.com/v1/items")
        .headers(HttpHeaders.of(headers))
        .body(BODY)
        .build();
  }

  @Test
  void theExceptionIsMadeWithoutDecodingTheBody() {
    ApiException e = decoder.toException(tooManyRequests("Content-Type", "application/json", "Retry-After", "7"));

    assertThat(e).isInstanceOf(TooManyRequestsException.class);
    assertThat(e.status()).isEqualTo(429);
    assertThat(e.attempts()).isEqualTo(1);
    assertThat(decodings).hasValue(0);
  }

  @Test
  void theErrorIsDecodedOnceWhenFirstAskedForToWhatDecodeGives() {
    ResponseView view = tooManyRequests("Content-Type", "application/json", "Retry-After", "7",
        "X-Request-Id", "req-1");
    ApiException e = decoder.toException(view);

    ApiError first = e.error();
    ApiError again = e.error();

    assertThat(again).isSameAs(first);
    assertThat(decodings).hasValue(1);
    ApiError direct = decoder.decode(view);
    assertThat(first.toString()).isEqualTo(direct.toString());
    assertThat(first.format()).isEqualTo(direct.format()).isEqualTo("code_message");
    assertThat(first.code()).isEqualTo(direct.code()).contains("RATE_LIMITED");
    assertThat(first.detail()).isEqualTo(direct.detail()).contains("Slow down.");
    assertThat(first.retryAfterMillis()).isEqualTo(direct.retryAfterMillis()).hasValue(7_000);
    assertThat(first.requestId()).isEqualTo(direct.requestId()).contains("req-1");
    assertThat(first.rawBody()).isEqualTo(direct.rawBody());
    assertThat(e.getMessage()).isEqualTo(ApiException.of(direct, 1).getMessage());
  }

  @Test
  void theMessageDecodesTheBodyOnceForTheErrorToo() {
    ApiException e = decoder.toException(tooManyRequests("Content-Type", "application/json"));

    assertThat(e.getMessage()).isEqualTo("429 Too Many Requests: Slow down.");
    assertThat(e.error().code()).contains("RATE_LIMITED");
    assertThat(e.toString()).endsWith("429 Too Many Requests: Slow down.");

    assertThat(decodings).hasValue(1);
  }

  @Test
  void aRetryDecisionReadsTheHeadersWithoutDecodingTheBody() {
    RetryPolicy policy = RetryPolicy.builder().jitter(false).build();
    ApiException askedToWait = decoder.toException(tooManyRequests("Retry-After", "7"));
    ApiException exhausted = decoder.toException(
        tooManyRequests("RateLimit-Limit", "100", "RateLimit-Remaining", "0", "RateLimit-Reset", "12"));
    ApiException neither = decoder.toException(tooManyRequests());

    RetryDecision afterWait = policy.decide(1, askedToWait, RequestFacts.of("POST"), OptionalLong.empty());
    RetryDecision afterReset = policy.decide(1, exhausted, RequestFacts.of("POST"), OptionalLong.empty());
    RetryDecision afterBackoff = policy.decide(1, neither, RequestFacts.of("POST"), OptionalLong.empty());

    assertThat(afterWait.waitMillis()).isEqualTo(7_000);
    assertThat(afterWait.waitSource()).contains(WaitSource.RETRY_AFTER);
    assertThat(afterReset.waitMillis()).isEqualTo(12_000);
    assertThat(afterReset.waitSource()).contains(WaitSource.RATE_LIMIT_RESET);
    assertThat(afterBackoff.waitMillis()).isEqualTo(500);
    assertThat(afterBackoff.waitSource()).contains(WaitSource.BACKOFF);
    assertThat(decodings).hasValue(0);
    // ... and decides exactly what it decides on the decoded error.
    assertThat(policy.decide(1, ApiException.of(askedToWait.error(), 1), RequestFacts.of("POST"),
        OptionalLong.empty())).isEqualTo(afterWait);
    assertThat(policy.decide(1, ApiException.of(exhausted.error(), 1), RequestFacts.of("POST"),
        OptionalLong.empty())).isEqualTo(afterReset);
  }

  @Test
  void anHttpDateWaitIsMeasuredWhenTheExceptionIsMadeNotWhenItIsDecoded() {
    ManualClock clock = new ManualClock(Instant.parse("2026-12-04T12:00:00Z").toEpochMilli());
    ErrorDecoder timed = decoder.toBuilder().clock(clock).build();
    String in30s = DateTimeFormatter.RFC_1123_DATE_TIME.format(
        ZonedDateTime.ofInstant(clock.instant().plusSeconds(30), ZoneOffset.UTC));
    ResponseView view = tooManyRequests("Retry-After", in30s);

    ApiException e = timed.toException(view);
    clock.advance(20_000);

    assertThat(timed.decode(view).retryAfterMillis()).hasValue(10_000); // the clock matters...
    assertThat(e.error().retryAfterMillis()).hasValue(30_000); // ...but not the decoding's instant
    assertThat(RetryPolicy.ofDefaults().decide(1, e, RequestFacts.of("GET"), OptionalLong.empty()).waitMillis())
        .isEqualTo(30_000);
  }

  @Test
  void withAttemptsKeepsTheDecodingPendingAndSharesIt() {
    ApiException e = decoder.toException(tooManyRequests("Retry-After", "1"));

    ApiException third = e.withAttempts(3);

    assertThat(third).isInstanceOf(TooManyRequestsException.class);
    assertThat(third.attempts()).isEqualTo(3);
    assertThat(third.getStackTrace()).isEqualTo(e.getStackTrace());
    assertThat(decodings).hasValue(0);
    assertThat(third.error()).isSameAs(e.error());
    assertThat(decodings).hasValue(1);
  }

  @Test
  void threadsAskingAtOnceShareOneDecoding() throws Exception {
    ApiException e = decoder.toException(tooManyRequests());
    int threads = 8;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<ApiError>> asked = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        asked.add(pool.submit(() -> {
          start.await();
          return e.error();
        }));
      }
      start.countDown();
      Set<ApiError> distinct = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
      for (Future<ApiError> f : asked) {
        distinct.add(f.get(10, TimeUnit.SECONDS));
      }
      assertThat(distinct).hasSize(1);
      assertThat(decodings).hasValue(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aFormatThatThrowsWhenTheErrorIsFinallyAskedForIsSkippedAsAlways() {
    ErrorFormat throwing = Decoding.format("throwing", body -> {
      throw new IllegalStateException("a bug in a user's format");
    });
    ApiException e = ErrorDecoder.builder().addFormat(throwing).build()
        .toException(tooManyRequests("Content-Type", "application/json"));

    assertThat(e.error().format()).isEqualTo("code_message");
    assertThat(e.error().code()).contains("RATE_LIMITED");
  }

  @Test
  void anExceptionSerializedBeforeItsErrorWasAskedForCarriesTheDecodedError() throws Exception {
    ApiException e = decoder.toException(tooManyRequests("Content-Type", "application/json", "Retry-After", "7"));

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(e);
    }
    ApiException copy;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (ApiException) in.readObject();
    }

    assertThat(copy).isInstanceOf(TooManyRequestsException.class);
    assertThat(copy.error().code()).contains("RATE_LIMITED");
    assertThat(copy.error().retryAfterMillis()).hasValue(7_000);
    assertThat(copy.status()).isEqualTo(429);
    assertThat(copy.getMessage()).isEqualTo(e.getMessage());
    assertThat(decodings).hasValue(1); // written decoded, read back decoded
  }
}
