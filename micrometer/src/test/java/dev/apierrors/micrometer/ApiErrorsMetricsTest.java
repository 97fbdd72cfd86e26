package dev.apierrors.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apierrors.ApiError;
import dev.apierrors.ApiErrorsListener.ErrorDecoded;
import dev.apierrors.ApiErrorsListener.GaveUp;
import dev.apierrors.ApiErrorsListener.HostWaited;
import dev.apierrors.ApiErrorsListener.RetryScheduled;
import dev.apierrors.NotFoundException;
import dev.apierrors.RetryDecision;
import dev.apierrors.TooManyRequestsException;
import dev.apierrors.WaitSource;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The meters each event records, their tags, and the bound on the host tag. */
class ApiErrorsMetricsTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ApiErrorsMetrics metrics = ApiErrorsMetrics.of(registry);

  @Test
  void eachDecodedErrorCountsUnderHostStatusFormatAndException() {
    ApiError notFound = ApiError.builder(404).format("problem_json").title("Not Found").build();
    metrics.onError(new ErrorDecoded("GET", "api.example.com", 1, notFound, NotFoundException.class));
    metrics.onError(new ErrorDecoded("GET", "api.example.com", 2, notFound, NotFoundException.class));

    assertThat(registry.get("apierrors.errors")
        .tags("host", "api.example.com", "status", "404", "format", "problem_json", "exception", "NotFoundException")
        .counter().count()).isEqualTo(2.0);
  }

  @ParameterizedTest(name = "status {0} -> reason {1}")
  @CsvSource({"429, refused", "420, refused", "503, refused", "502, status", "-1, io_failure"})
  void eachRetryCountsUnderItsReasonAndRecordsItsWait(int status, String reason) {
    OptionalInt code = status < 0 ? OptionalInt.empty() : OptionalInt.of(status);
    RetryDecision decision = RetryDecision.retryAfter(Duration.ofMillis(1_500), WaitSource.RETRY_AFTER, "test");
    metrics.onRetry(new RetryScheduled("POST", "pay.example.com:8443", 1, code, "X", decision));

    assertThat(registry.get("apierrors.retries")
        .tags("host", "pay.example.com:8443", "reason", reason, "source", "retry-after")
        .counter().count()).isEqualTo(1.0);
    assertThat(registry.get("apierrors.retry.wait").tags("host", "pay.example.com:8443", "source", "retry-after")
        .timer().totalTime(TimeUnit.MILLISECONDS)).isEqualTo(1_500.0);
  }

  @Test
  void giveUpsAndHostWaitsAreRecorded() {
    metrics.onGiveUp(new GaveUp("GET", "h", 3, OptionalInt.of(429), "TooManyRequestsException", "maxAttempts (3) reached"));
    metrics.onGiveUp(new GaveUp("GET", "h", 1, OptionalInt.empty(), "SocketTimeoutException", "not idempotent"));
    metrics.onHostWait(new HostWaited("GET", "h", Duration.ofSeconds(2), WaitSource.HOST_COOL_DOWN));

    assertThat(registry.get("apierrors.giveups").tags("status", "429", "exception", "TooManyRequestsException")
        .counter().count()).isEqualTo(1.0);
    assertThat(registry.get("apierrors.giveups").tags("status", "io", "exception", "SocketTimeoutException")
        .counter().count()).isEqualTo(1.0);
    assertThat(registry.get("apierrors.host.wait").tags("host", "h", "source", "host-cool-down")
        .timer().totalTime(TimeUnit.SECONDS)).isEqualTo(2.0);
  }

  @Test
  void hostsPastTheLimitShareOneTagValue() {
    ApiErrorsMetrics bounded = ApiErrorsMetrics.of(registry, 2);
    ApiError error = ApiError.builder(429).format("empty").title("Too Many Requests").build();
    for (int i = 0; i < 50; i++) {
      bounded.onError(new ErrorDecoded("GET", "host" + i, 1, error, TooManyRequestsException.class));
    }

    assertThat(registry.find("apierrors.errors").counters())
        .extracting(counter -> counter.getId().getTag("host"))
        .containsExactlyInAnyOrder("host0", "host1", ApiErrorsMetrics.OTHER_HOST);
    assertThat(registry.get("apierrors.errors").tags("host", "other").counter().count()).isEqualTo(48.0);
  }

  @Test
  void noTagCarriesAPathOrQuery() {
    ApiError error = ApiError.builder(404).format("empty").title("Not Found").build();
    metrics.onError(new ErrorDecoded("GET", "api.example.com", 1, error, NotFoundException.class));

    for (Meter meter : registry.getMeters()) {
      assertThat(meter.getId().getTags()).allSatisfy(tag -> assertThat(tag.getValue()).doesNotContain("/", "?"));
    }
  }

  @Test
  void badConfigurationFailsFast() {
    assertThatThrownBy(() -> ApiErrorsMetrics.of(registry, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ApiErrorsMetrics.of(null)).isInstanceOf(NullPointerException.class);
  }
}
