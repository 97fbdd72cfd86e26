package dev.apierrors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryPolicyDecisionTest {
  private static final OptionalLong NO_DEADLINE = OptionalLong.empty();
  private static final RetryPolicy NO_JITTER = RetryPolicy.builder()
      .initialBackoff(Duration.ofMillis(100))
      .maxBackoff(Duration.ofMillis(1_000))
      .retryOn(429, 420, 503, 502)
      .jitter(false)
      .build();

  static ApiException error(int status) {
    return ApiException.of(ApiError.builder(status).build(), 1);
  }

  static ApiException withRetryAfter(int status, long millis) {
    return ApiException.of(ApiError.builder(status).retryAfterMillis(OptionalLong.of(millis)).build(), 1);
  }

  static ApiException withRateLimit(int status, OptionalLong remaining, OptionalLong reset) {
    return ApiException.of(
        ApiError.builder(status).rateLimit(RateLimit.of(OptionalLong.of(100), remaining, reset)).build(), 1);
  }

  /** A generator whose every nextDouble() is {@code value}. */
  static RandomGenerator fixedRandom(double value) {
    return new RandomGenerator() {
      @Override
      public long nextLong() {
        throw new UnsupportedOperationException("the policy draws doubles");
      }

      @Override
      public double nextDouble() {
        return value;
      }
    };
  }

  static Stream<Arguments> statusByMethodAndKey() {
    List<Arguments> rows = new ArrayList<>();
    for (String method : List.of("GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE", "POST", "PATCH", "get")) {
      boolean idempotentMethod = List.of("GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE").contains(method);
      for (int status : List.of(429, 420, 503, 502)) {
        boolean refused = status != 502;
        rows.add(Arguments.of(method, status, false, refused || idempotentMethod));
        rows.add(Arguments.of(method, status, true, true));
      }
    }
    return rows.stream();
  }

  @ParameterizedTest(name = "{0} answered {1}, Idempotency-Key {2} -> retry {3}")
  @MethodSource("statusByMethodAndKey")
  void retriesRefusalsForEveryMethodAndOtherStatusesOnlyWhenIdempotent(
      String method, int status, boolean key, boolean expected) {
    RequestFacts request = RequestFacts.of(method).withIdempotencyKey(key);

    RetryDecision decision = NO_JITTER.decide(1, error(status), request, NO_DEADLINE);

    assertThat(decision.isRetry()).as(decision.toString()).isEqualTo(expected);
    if (!expected) {
      assertThat(decision.reason()).contains("only for idempotent requests", method);
      assertThat(decision.waitSource()).isEmpty();
      assertThat(decision.waitDuration()).isZero();
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 404, 409, 500, 502, 504})
  void neverRetriesAStatusOutsideRetryOn(int status) {
    RetryDecision decision =
        RetryPolicy.ofDefaults().decide(1, error(status), RequestFacts.of("GET"), NO_DEADLINE);

    assertThat(decision.isRetry()).isFalse();
    assertThat(decision.reason()).isEqualTo("status " + status + " is not in retryOn");
  }

  @Test
  void doesNotRetryARefusalRemovedFromRetryOn() {
    RetryPolicy only503 = RetryPolicy.builder().retryOn(503).build();

    assertThat(only503.decide(1, error(429), RequestFacts.of("GET"), NO_DEADLINE).isRetry()).isFalse();
    assertThat(only503.decide(1, error(503), RequestFacts.of("POST"), NO_DEADLINE).isRetry()).isTrue();
  }

  static Stream<Arguments> ioFailures() {
    return Stream.of(
        Arguments.of(new ConnectException("Connection refused"), true),
        Arguments.of(new SocketException("Connection reset"), true),
        Arguments.of(new SocketTimeoutException("timeout"), true),
        Arguments.of(new IOException("unexpected end of stream"), true),
        Arguments.of(new InterruptedIOException("interrupted"), false),
        Arguments.of(new SSLPeerUnverifiedException("Hostname not verified"), false),
        Arguments.of(certificateFailure(), false),
        Arguments.of(new SSLHandshakeException("Remote host terminated the handshake"), true));
  }

  static IOException certificateFailure() {
    SSLHandshakeException e = new SSLHandshakeException("PKIX path building failed");
    e.initCause(new CertificateException("unable to find valid certification path"));
    return e;
  }

  @ParameterizedTest(name = "{0} -> retryable {1}")
  @MethodSource("ioFailures")
  void retriesTransientIoFailuresOnlyForIdempotentRequests(IOException failure, boolean transientFailure) {
    RetryDecision get = NO_JITTER.decide(1, failure, RequestFacts.of("GET"), NO_DEADLINE);
    RetryDecision post = NO_JITTER.decide(1, failure, RequestFacts.of("POST"), NO_DEADLINE);
    RetryDecision postWithKey =
        NO_JITTER.decide(1, failure, RequestFacts.of("POST").withIdempotencyKey(true), NO_DEADLINE);

    assertThat(get.isRetry()).as(get.toString()).isEqualTo(transientFailure);
    assertThat(postWithKey.isRetry()).as(postWithKey.toString()).isEqualTo(transientFailure);
    assertThat(post.isRetry()).as(post.toString()).isFalse();
    if (transientFailure) {
      assertThat(get.waitSource()).contains(WaitSource.BACKOFF);
      assertThat(get.reason()).contains(failure.getClass().getSimpleName());
    }
  }

  @ParameterizedTest
  @CsvSource({"429, POST", "503, GET", "502, PUT"})
  void neverResendsAOneShotBody(int status, String method) {
    RequestFacts oneShot = RequestFacts.of(method).withIdempotencyKey(true).withOneShotBody(true);

    RetryDecision onStatus = NO_JITTER.decide(1, error(status), oneShot, NO_DEADLINE);
    RetryDecision onIo = NO_JITTER.decide(1, new ConnectException("refused"), oneShot, NO_DEADLINE);

    assertThat(onStatus.isRetry()).isFalse();
    assertThat(onStatus.reason()).isEqualTo("the request body is one-shot and is never sent twice");
    assertThat(onIo.isRetry()).isFalse();
  }

  @ParameterizedTest
  @CsvSource({"1, 1, false", "1, 3, true", "2, 3, true", "3, 3, false", "4, 3, false", "9, 10, true"})
  void stopsAfterMaxAttempts(int attempt, int maxAttempts, boolean expected) {
    RetryPolicy policy = NO_JITTER.toBuilder().maxAttempts(maxAttempts).build();

    RetryDecision decision = policy.decide(attempt, error(503), RequestFacts.of("GET"), NO_DEADLINE);

    assertThat(decision.isRetry()).isEqualTo(expected);
    if (!expected) {
      assertThat(decision.reason()).isEqualTo("maxAttempts (" + maxAttempts + ") reached");
    }
  }

  @Test
  void noneNeverRetries() {
    assertThat(RetryPolicy.none().maxAttempts()).isEqualTo(1);
    assertThat(RetryPolicy.none().decide(1, error(503), RequestFacts.of("GET"), NO_DEADLINE).isRetry())
        .isFalse();
  }

  static Stream<Arguments> waitSources() {
    OptionalLong none = OptionalLong.empty();
    return Stream.of(
        Arguments.of("retry-after", withRetryAfter(429, 2_000), 2_000L, WaitSource.RETRY_AFTER),
        Arguments.of("retry-after zero", withRetryAfter(503, 0), 0L, WaitSource.RETRY_AFTER),
        Arguments.of("rate limit exhausted",
            withRateLimit(429, OptionalLong.of(0), OptionalLong.of(5_000)), 5_000L, WaitSource.RATE_LIMIT_RESET),
        Arguments.of("rate limit not exhausted",
            withRateLimit(429, OptionalLong.of(3), OptionalLong.of(5_000)), 100L, WaitSource.BACKOFF),
        Arguments.of("rate limit reset unknown",
            withRateLimit(429, OptionalLong.of(0), none), 100L, WaitSource.BACKOFF),
        Arguments.of("retry-after wins over the reset",
            ApiException.of(ApiError.builder(429)
                .retryAfterMillis(OptionalLong.of(700))
                .rateLimit(RateLimit.of(none, OptionalLong.of(0), OptionalLong.of(9_000)))
                .build(), 1), 700L, WaitSource.RETRY_AFTER),
        Arguments.of("no hint", error(503), 100L, WaitSource.BACKOFF));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("waitSources")
  void takesTheWaitFromTheServerElseTheBackoff(String name, ApiException failure, long waitMillis, WaitSource source) {
    RetryDecision decision = NO_JITTER.decide(1, failure, RequestFacts.of("GET"), NO_DEADLINE);

    assertThat(decision.isRetry()).isTrue();
    assertThat(decision.waitMillis()).isEqualTo(waitMillis);
    assertThat(decision.waitDuration()).isEqualTo(Duration.ofMillis(waitMillis));
    assertThat(decision.waitSource()).contains(source);
  }

  @Test
  void serverWaitIsNeverJittered() {
    RetryPolicy jittered = NO_JITTER.toBuilder().jitter(true).random(fixedRandom(0.0)).build();

    assertThat(jittered.decide(1, withRetryAfter(429, 1_234), RequestFacts.of("GET"), NO_DEADLINE).waitMillis())
        .isEqualTo(1_234);
    assertThat(jittered.decide(1, error(429), RequestFacts.of("GET"), NO_DEADLINE).waitMillis()).isZero();
  }

  @ParameterizedTest
  @CsvSource({
      "retry-after, 60000, true",
      "retry-after, 60001, false",
      "reset, 60000, true",
      "reset, 60001, false"})
  void doesNotSleepAServerWaitAboveMaxRetryAfter(String kind, long waitMillis, boolean expected) {
    ApiException failure = kind.equals("reset")
        ? withRateLimit(429, OptionalLong.of(0), OptionalLong.of(waitMillis))
        : withRetryAfter(429, waitMillis);

    RetryDecision decision = RetryPolicy.ofDefaults().decide(1, failure, RequestFacts.of("GET"), NO_DEADLINE);

    assertThat(decision.isRetry()).isEqualTo(expected);
    if (!expected) {
      assertThat(decision.reason()).contains("above maxRetryAfter (60000 ms)", waitMillis + " ms");
    }
  }

  @Test
  void capsOnlyServerWaitsNotTheOwnBackoff() {
    RetryPolicy policy = RetryPolicy.builder()
        .initialBackoff(Duration.ofSeconds(90))
        .maxBackoff(Duration.ofSeconds(90))
        .maxRetryAfter(Duration.ofSeconds(1))
        .jitter(false)
        .build();

    RetryDecision decision = policy.decide(1, error(503), RequestFacts.of("GET"), NO_DEADLINE);

    assertThat(decision.isRetry()).isTrue();
    assertThat(decision.waitMillis()).isEqualTo(90_000);
  }

  @ParameterizedTest
  @CsvSource({"1000, 999, false", "1000, 1000, false", "1000, 1001, true", "0, 0, false", "0, -5, false", "0, 1, true"})
  void neverWaitsPastTheDeadline(long waitMillis, long millisLeft, boolean expected) {
    RetryDecision decision = NO_JITTER.decide(
        1, withRetryAfter(503, waitMillis), RequestFacts.of("GET"), OptionalLong.of(millisLeft));

    assertThat(decision.isRetry()).isEqualTo(expected);
    if (!expected) {
      assertThat(decision.reason()).contains("deadline");
    }
  }

  @ParameterizedTest
  @CsvSource({"1, 100", "2, 200", "3, 400", "4, 800", "5, 1000", "6, 1000", "40, 1000", "64, 1000", "65, 1000"})
  void backsOffExponentiallyUpToMaxBackoff(int attempt, long expectedMillis) {
    RetryPolicy policy = NO_JITTER.toBuilder().maxAttempts(Integer.MAX_VALUE).build();

    RetryDecision decision = policy.decide(attempt, error(503), RequestFacts.of("GET"), NO_DEADLINE);

    assertThat(decision.waitMillis()).isEqualTo(expectedMillis);
    assertThat(policy.backoffMillis(attempt)).isEqualTo(expectedMillis);
  }

  @ParameterizedTest
  @CsvSource({"0.0, 1, 0", "0.5, 1, 50", "0.999999, 1, 100", "0.0, 3, 0", "0.5, 3, 200", "0.999999, 3, 400",
      "0.999999, 9, 1000"})
  void drawsFullJitterBetweenZeroAndTheBackoff(double random, int attempt, long expectedMillis) {
    RetryPolicy policy = NO_JITTER.toBuilder().maxAttempts(100).jitter(true).random(fixedRandom(random)).build();

    assertThat(policy.decide(attempt, error(503), RequestFacts.of("GET"), NO_DEADLINE).waitMillis())
        .isEqualTo(expectedMillis);
  }

  @Test
  void jitterStaysWithinBoundsWithTheDefaultRandom() {
    RetryPolicy policy = NO_JITTER.toBuilder().jitter(true).maxAttempts(10).build();
    for (int i = 0; i < 2_000; i++) {
      int attempt = 1 + i % 8;
      long cap = Math.min(1_000, 100L << (attempt - 1));
      assertThat(policy.backoffMillis(attempt)).isBetween(0L, cap);
    }
  }

  static Stream<Arguments> hugeNumbers() {
    Duration forever = Duration.ofSeconds(Long.MAX_VALUE);
    return Stream.of(
        Arguments.of(Integer.MAX_VALUE - 1, Duration.ofMillis(1), Duration.ofSeconds(30), 30_000L),
        Arguments.of(1_000, Duration.ofMillis(500), Duration.ofSeconds(30), 30_000L),
        Arguments.of(64, Duration.ofMillis(1), forever, Long.MAX_VALUE),
        Arguments.of(63, Duration.ofMillis(1), forever, 1L << 62),
        Arguments.of(62, Duration.ofMillis(1), forever, 1L << 61),
        Arguments.of(2, forever, forever, Long.MAX_VALUE),
        Arguments.of(Integer.MAX_VALUE - 1, forever, forever, Long.MAX_VALUE),
        Arguments.of(3, Duration.ofMillis(Long.MAX_VALUE / 3), Duration.ofMillis(Long.MAX_VALUE), Long.MAX_VALUE));
  }

  @ParameterizedTest
  @MethodSource("hugeNumbers")
  void neverOverflowsWithHugeAttemptsOrBackoffs(int attempt, Duration initial, Duration max, long expected) {
    RetryPolicy policy = RetryPolicy.builder()
        .maxAttempts(Integer.MAX_VALUE)
        .initialBackoff(initial)
        .maxBackoff(max)
        .jitter(false)
        .build();
    RetryPolicy jittered = policy.toBuilder().jitter(true).random(fixedRandom(0.9999999999)).build();

    assertThat(policy.backoffMillis(attempt)).isEqualTo(expected);
    assertThat(jittered.backoffMillis(attempt)).isBetween(0L, expected);
    RetryDecision decision = policy.decide(attempt, error(503), RequestFacts.of("GET"), NO_DEADLINE);
    assertThat(decision.isRetry()).isTrue();
    assertThat(decision.waitMillis()).isEqualTo(expected);
  }

  @Test
  void zeroBackoffRetriesAtOnce() {
    RetryPolicy policy = RetryPolicy.builder().initialBackoff(Duration.ZERO).build();

    assertThat(policy.decide(2, error(503), RequestFacts.of("GET"), NO_DEADLINE).waitMillis()).isZero();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
  void rejectsAnAttemptNumberBelowOne(int attempt) {
    assertThatThrownBy(() -> NO_JITTER.decide(attempt, error(503), RequestFacts.of("GET"), NO_DEADLINE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("attempt must be >= 1, was " + attempt);
  }

  @Test
  void decisionsDescribeThemselves() {
    RetryDecision retry = NO_JITTER.decide(1, withRetryAfter(503, 250), RequestFacts.of("POST"), NO_DEADLINE);

    assertThat(retry).hasToString("retry in 250 ms (retry-after): status 503 is retried for every method");
    assertThat(RetryDecision.stop("because")).hasToString("no retry: because");
    assertThat(retry).isEqualTo(RetryDecision.retryAfter(
        Duration.ofMillis(250), WaitSource.RETRY_AFTER, "status 503 is retried for every method"));
    assertThatThrownBy(() -> RetryDecision.retryAfter(Duration.ofMillis(-1), WaitSource.BACKOFF, "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(WaitSource.RATE_LIMIT_RESET.label()).isEqualTo("rate-limit-reset");
    assertThat(WaitSource.BACKOFF.isServerRequested()).isFalse();
  }
}
