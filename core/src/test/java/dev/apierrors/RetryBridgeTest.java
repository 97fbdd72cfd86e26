package dev.apierrors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.event.RetryOnRetryEvent;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link RetryPolicy#toRetryConfig()} and {@link RetryPolicy#toRetryConfig(RequestFacts)}
 * used on their own, with resilience4j's decorators around code that throws the typed
 * exceptions: they retry exactly what {@link RetryPolicy#decide} would, no more, no less,
 * and wait what it decides. The expected count is computed from {@code decide} itself.
 */
class RetryBridgeTest {
  /** Waits of 1 ms then 2 ms (really slept by resilience4j), 502 retried too. */
  private static final RetryPolicy POLICY = RetryPolicy.builder()
      .initialBackoff(Duration.ofMillis(1))
      .maxBackoff(Duration.ofMillis(2))
      .retryOn(429, 420, 503, 502)
      .jitter(false)
      .build();

  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
  }

  /** A failure, thrown on every call, and the facts given to the configuration (null: none). */
  record Case(String name, IOException failure, @Nullable RequestFacts facts) {
    @Override
    public String toString() {
      return name;
    }
  }

  static ApiException error(int status, String method) {
    return ApiException.of(ApiError.builder(status).request(method, "https://api.example.com/r").build(), 1);
  }

  static Stream<Case> cases() {
    ApiException tooLong = ApiException.of(ApiError.builder(429).request("GET", "https://api.example.com/r")
        .retryAfterMillis(OptionalLong.of(120_000)).build(), 1);
    return Stream.of(
        new Case("GET 503", error(503, "GET"), null),
        new Case("POST 503", error(503, "POST"), null),
        new Case("GET 404", error(404, "GET"), null),
        new Case("GET 502", error(502, "GET"), null),
        new Case("POST 502", error(502, "POST"), null),
        new Case("POST 502 with an Idempotency-Key", error(502, "POST"),
            RequestFacts.of("POST").withIdempotencyKey(true)),
        new Case("PUT 503 with a one-shot body", error(503, "PUT"), RequestFacts.of("PUT").withOneShotBody(true)),
        new Case("GET 429 asking 120 s, above maxRetryAfter", tooLong, null),
        new Case("503 of an unknown request", ApiException.of(ApiError.builder(503).build(), 1), null),
        new Case("502 of an unknown request", ApiException.of(ApiError.builder(502).build(), 1), null),
        new Case("an I/O failure of an unknown request", new ConnectException("refused"), null),
        new Case("an I/O failure of a GET", new ConnectException("refused"), RequestFacts.of("GET")),
        new Case("an I/O failure of a POST", new ConnectException("refused"), RequestFacts.of("POST")));
  }

  /** What the policy would do: how many times it sends, and the waits between. */
  private static List<Long> policysWaits(Case c) {
    RequestFacts facts = c.facts;
    if (facts == null) {
      // The exception's method; a request nothing is known about is not idempotent.
      facts = c.failure instanceof ApiException api
          ? RequestFacts.of(api.error().requestMethod().orElse("(unknown)"))
          : RequestFacts.of("(unknown)");
    }
    List<Long> waits = new CopyOnWriteArrayList<>();
    for (int attempt = 1; ; attempt++) {
      RetryDecision d = POLICY.decide(attempt, c.failure, facts, OptionalLong.empty());
      if (!d.isRetry()) {
        return waits;
      }
      waits.add(d.waitMillis());
    }
  }

  private static Retry retryFor(Case c) {
    return c.facts == null ? POLICY.toRetry("alone") : POLICY.toRetry("alone", c.facts);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aSynchronousDecoratorRetriesExactlyWhatThePolicyWould(Case c) {
    Retry retry = retryFor(c);
    List<Long> announced = new CopyOnWriteArrayList<>();
    retry.getEventPublisher().onRetry(e -> announced.add(e.getWaitInterval().toMillis()));
    AtomicInteger calls = new AtomicInteger();

    Throwable thrown = catchThrowable(() -> retry.executeCheckedSupplier(() -> {
      calls.incrementAndGet();
      throw c.failure;
    }));

    List<Long> expected = policysWaits(c);
    assertThat(thrown).isSameAs(c.failure);
    assertThat(calls).as("calls made").hasValue(expected.size() + 1);
    assertThat(announced).as("waits announced").isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void anAsynchronousDecoratorRetriesExactlyWhatThePolicyWould(Case c) {
    Retry retry = retryFor(c);
    List<Long> announced = new CopyOnWriteArrayList<>();
    retry.getEventPublisher().onRetry((RetryOnRetryEvent e) -> announced.add(e.getWaitInterval().toMillis()));
    AtomicInteger calls = new AtomicInteger();

    CompletableFuture<Object> outcome = retry.executeCompletionStage(scheduler, () -> {
      calls.incrementAndGet();
      return CompletableFuture.failedFuture(c.failure);
    }).toCompletableFuture();

    Throwable thrown = catchThrowable(outcome::join);
    List<Long> expected = policysWaits(c);
    assertThat(thrown).isInstanceOf(CompletionException.class).hasCause(c.failure);
    assertThat(calls).as("calls made").hasValue(expected.size() + 1);
    assertThat(announced).as("waits announced").isEqualTo(expected);
  }
}
