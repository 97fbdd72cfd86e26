package dev.apierrors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The reasons a policy gives, decisions as values, and the attempt count of a record. */
class RetryOutcomeValuesTest {
  private static final RetryPolicy POLICY = RetryPolicy.builder().jitter(false).build();

  private static SSLHandshakeException handshake(Throwable cause) {
    SSLHandshakeException e = new SSLHandshakeException("handshake failed");
    e.initCause(cause);
    return e;
  }

  static Stream<Arguments> ioFailures() {
    return Stream.of(
        Arguments.of(new InterruptedIOException("interrupted"),
            "no retry: the call was interrupted or timed out (InterruptedIOException)"),
        Arguments.of(new SSLPeerUnverifiedException("Hostname api.example.com not verified"),
            "no retry: a TLS certificate failure is not transient"),
        Arguments.of(handshake(new CertificateException("expired")),
            "no retry: a TLS certificate failure is not transient"),
        Arguments.of(handshake(new IOException("reset")),
            "retry in 500 ms (backoff): I/O failure (SSLHandshakeException) on an idempotent request"),
        Arguments.of(new SocketTimeoutException("Read timed out"),
            "retry in 500 ms (backoff): I/O failure (SocketTimeoutException) on an idempotent request"),
        Arguments.of(new ConnectException("refused"),
            "retry in 500 ms (backoff): I/O failure (ConnectException) on an idempotent request"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ioFailures")
  void anIoFailureOfAGetIsRetriedUnlessItIsPermanentAndTheReasonSaysWhich(IOException failure, String decision) {
    assertThat(POLICY.decide(1, failure, RequestFacts.of("GET"), OptionalLong.empty())).hasToString(decision);
  }

  @Test
  void jitterCanBeTurnedOff() {
    assertThat(POLICY.jitter()).isFalse();
    assertThat(POLICY.toString()).endsWith("jitter=false}");
    assertThat(POLICY.toBuilder().jitter(true).build().jitter()).isTrue();
  }

  static Stream<Arguments> otherDecisions() {
    RetryDecision base = RetryDecision.retryAfter(Duration.ofMillis(100), WaitSource.BACKOFF, "x");
    return Stream.of(
        Arguments.of(base, RetryDecision.stop("x")),
        Arguments.of(base, RetryDecision.retryAfter(Duration.ofMillis(101), WaitSource.BACKOFF, "x")),
        Arguments.of(base, RetryDecision.retryAfter(Duration.ofMillis(100), WaitSource.RETRY_AFTER, "x")),
        Arguments.of(base, RetryDecision.retryAfter(Duration.ofMillis(100), WaitSource.BACKOFF, "y")),
        Arguments.of(RetryDecision.stop("x"), RetryDecision.stop("y")));
  }

  @ParameterizedTest(name = "{0} != {1}")
  @MethodSource("otherDecisions")
  void decisionsDifferingInAnyPartAreNotEqual(RetryDecision a, RetryDecision b) {
    assertThat(a).isNotEqualTo(b);
    assertThat(b).isNotEqualTo(a);
    assertThat(a).isNotEqualTo(a.toString());
  }

  @Test
  void equalDecisionsAreEqualWithEqualHashes() {
    RetryDecision a = RetryDecision.retryAfter(Duration.ofMillis(100), WaitSource.BACKOFF, "x");
    RetryDecision b = RetryDecision.retryAfter(Duration.ofMillis(100), WaitSource.BACKOFF, "x");
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(RetryDecision.stop("x")).isEqualTo(RetryDecision.stop("x"));
  }

  @Test
  void aRecordCountsTheAttemptItRecordsAndKeepsNoStackTrace() {
    AttemptFailure second = AttemptFailure.of(2, new ConnectException("refused"), RetryDecision.stop("x"));
    assertThat(AttemptFailure.attemptsOf(second)).isEqualTo(2);
    assertThat(second.fillInStackTrace()).isSameAs(second);
    assertThat(second.getStackTrace()).isEmpty();
  }
}
