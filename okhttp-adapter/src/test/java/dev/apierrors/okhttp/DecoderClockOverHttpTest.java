package dev.apierrors.okhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.apierrors.ErrorDecoder;
import dev.apierrors.ServiceUnavailableException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.Request;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The decoder's clock is a user's callback, read only for a header that needs the time (a
 * {@code Retry-After} date). On every call path: a clock that throws an exception gives the
 * system's time, one that throws an {@code Error} leaves the body decoded as plain text, and
 * neither hangs a call, leaks its connection, or shows the request's credential, echoed in
 * a member no format reads.
 */
@ExtendWith(NoLeakedConnections.class)
class DecoderClockOverHttpTest {
  private static final String TOKEN = "sk_live_clock_5c8e2a91";

  @StartStop final MockWebServer server = TestHttp.newServer();

  enum Failure { EXCEPTION, ERROR }

  private static Clock throwing(Failure failure, AtomicInteger reads) {
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
        reads.incrementAndGet();
        if (failure == Failure.EXCEPTION) {
          throw new IllegalStateException("no time");
        }
        throw new AssertionError("clock broke");
      }
    };
  }

  private ServiceUnavailableException call(CallMode mode, Failure failure, String retryAfter, AtomicInteger reads) {
    server.enqueue(new MockResponse.Builder().code(503)
        .setHeader("Content-Type", "application/json")
        .setHeader("Retry-After", retryAfter)
        .body("{\"message\":\"down for maintenance\",\"debug\":\"echoed Bearer " + TOKEN + "\"}")
        .build());
    ApiErrorsInterceptor errors = ApiErrorsInterceptor.builder()
        .decoder(ErrorDecoder.builder().clock(throwing(failure, reads)).build())
        .build();
    Request request = new Request.Builder().url(server.url("/status"))
        .header("Authorization", "Bearer " + TOKEN).build();
    return catchThrowableOfType(ServiceUnavailableException.class, () -> mode.call(errors, request).close());
  }

  @ParameterizedTest
  @EnumSource(CallMode.class)
  void aClockThatThrowsAnExceptionGivesTheSystemsTime(CallMode mode) {
    AtomicInteger reads = new AtomicInteger();

    ServiceUnavailableException e = call(mode, Failure.EXCEPTION, "Fri, 01 Jan 2100 00:00:00 GMT", reads);

    assertThat(reads.get()).isPositive();
    assertThat(e.error().format()).isEqualTo("message");
    assertThat(e.error().detail()).contains("down for maintenance");
    assertThat(e.error().retryAfterMillis().orElse(0)).isGreaterThan(0);
    assertThat(e.error().extensions()).containsKey("debug");
    assertThat(e.getMessage()).doesNotContain(TOKEN);
    assertThat(e.error().toString()).doesNotContain(TOKEN);
  }

  @ParameterizedTest
  @EnumSource(CallMode.class)
  void aClockThatThrowsAnErrorLeavesTheBodyAsPlainText(CallMode mode) {
    AtomicInteger reads = new AtomicInteger();

    ServiceUnavailableException e = call(mode, Failure.ERROR, "Fri, 01 Jan 2100 00:00:00 GMT", reads);

    assertThat(reads.get()).isPositive();
    assertThat(e.status()).isEqualTo(503);
    assertThat(e.error().format()).isEqualTo("plain_text");
    assertThat(e.getMessage()).doesNotContain(TOKEN);
    assertThat(e.error().toString()).doesNotContain(TOKEN);
  }

  @ParameterizedTest
  @EnumSource(CallMode.class)
  void aClockIsNotReadForARetryAfterInSeconds(CallMode mode) {
    AtomicInteger reads = new AtomicInteger();

    ServiceUnavailableException e = call(mode, Failure.ERROR, "7", reads);

    assertThat(reads).hasValue(0);
    assertThat(e.error().format()).isEqualTo("message");
    assertThat(e.error().retryAfterMillis()).hasValue(7_000L);
    assertThat(e.getMessage()).doesNotContain(TOKEN);
  }
}
