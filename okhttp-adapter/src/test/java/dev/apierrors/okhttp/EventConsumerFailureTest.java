package dev.apierrors.okhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.apierrors.ApiException;
import dev.apierrors.RetryPolicy;
import dev.apierrors.ServiceUnavailableException;
import dev.apierrors.okhttp.RetryFixture.Mode;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A resilience4j event consumer that throws, a {@code RuntimeException} or an {@code Error},
 * never breaks a call: the outcome stays the typed one (or the success), nothing leaks, every
 * future completes, and one WARNING line without secrets is logged. For every event kind,
 * both paths, both kinds of {@code Retry} configuration, each case repeated.
 */
@ExtendWith(NoLeakedConnections.class)
class EventConsumerFailureTest {
  private static final String SECRET = "s3cr3t-token";
  private static final RetryPolicy POLICY = RetryPolicy.builder()
      .initialBackoff(Duration.ofMillis(10))
      .maxBackoff(Duration.ofMillis(10))
      .jitter(false)
      .build();

  @StartStop final MockWebServer server = TestHttp.newServer();

  /** The WARNING lines of the retry logger, as the tests' LoggerFinder recorded them. */
  private static List<String> warnings() {
    return CapturingLoggerFinder.lines().stream()
        .filter(line -> line.logger().equals("dev.apierrors.retry") && line.level() == System.Logger.Level.WARNING)
        .map(CapturingLoggerFinder.Line::message)
        .toList();
  }

  /** Which event's consumer throws, and the responses that lead to it. */
  enum Event {
    RETRY(503, 200) {
      @Override
      void register(Retry retry, Runnable thrower) {
        retry.getEventPublisher().onRetry(e -> thrower.run());
      }
    },
    SUCCESS(503, 200) {
      @Override
      void register(Retry retry, Runnable thrower) {
        retry.getEventPublisher().onSuccess(e -> thrower.run());
      }
    },
    ERROR(503, 503, 503) {
      @Override
      void register(Retry retry, Runnable thrower) {
        retry.getEventPublisher().onError(e -> thrower.run());
      }
    },
    IGNORED_ERROR(404) {
      @Override
      void register(Retry retry, Runnable thrower) {
        retry.getEventPublisher().onIgnoredError(e -> thrower.run());
      }
    },
    ANY(503, 503, 200) {
      @Override
      void register(Retry retry, Runnable thrower) {
        retry.getEventPublisher().onEvent(e -> thrower.run());
      }
    };

    final int[] statuses;

    Event(int... statuses) {
      this.statuses = statuses;
    }

    abstract void register(Retry retry, Runnable thrower);

    boolean succeeds() {
      return statuses[statuses.length - 1] == 200;
    }
  }

  /** What the consumer throws. */
  enum Throws {
    RUNTIME_EXCEPTION(() -> {
      throw new IllegalStateException("consumer failed holding " + SECRET);
    }),
    ERROR(() -> {
      throw new AssertionError("consumer failed holding " + SECRET);
    });

    final Runnable thrower;

    Throws(Runnable thrower) {
      this.thrower = thrower;
    }
  }

  /** The two kinds of Retry: made by the policy (driven through resilience4j), and one of the user's own. */
  enum RetryKind {
    BRIDGED {
      @Override
      Retry make() {
        return POLICY.toRetry("payments");
      }
    },
    OWN {
      @Override
      Retry make() {
        return Retry.of("payments", RetryConfig.custom().maxAttempts(3).build());
      }
    };

    abstract Retry make();
  }

  static Stream<Arguments> cases() {
    return Stream.of(Mode.values()).flatMap(mode -> Stream.of(Event.values()).flatMap(event ->
        Stream.of(Throws.values()).flatMap(t -> Stream.of(RetryKind.values()).map(kind ->
            Arguments.of(mode, event, t, kind)))));
  }

  @ParameterizedTest(name = "{0} {1} {2} {3}")
  @MethodSource("cases")
  void aThrowingConsumerNeverChangesTheOutcome(Mode mode, Event event, Throws thrown, RetryKind kind)
      throws Exception {
    Retry retry = kind.make();
    event.register(retry, thrown.thrower);
    Request request = new Request.Builder().url(server.url("/e?api_key=" + SECRET))
        .header("Authorization", "Bearer " + SECRET).build();
    try (RetryFixture fixture = RetryFixture.recorded(mode, POLICY, retry)) {
      for (int repeat = 0; repeat < 5; repeat++) {
        for (int status : event.statuses) {
          server.enqueue(status == 200 ? RetryOverHttpTest.ok()
              : new MockResponse.Builder().code(status).body("status " + status).build());
        }
        CapturingLoggerFinder.clear();

        if (event.succeeds()) {
          assertThat(RetryOverHttpTest.body(fixture.send(request))).isEqualTo("done");
        } else {
          Throwable failure = catchThrowable(() -> fixture.send(request));
          assertThat(failure).isInstanceOf(ApiException.class);
          assertThat(((ApiException) failure).status()).isEqualTo(event.statuses[0]);
          if (event == Event.ERROR) {
            assertThat(failure).isInstanceOf(ServiceUnavailableException.class);
            assertThat(((ApiException) failure).attempts()).isEqualTo(3);
          }
        }

        assertThat(warnings()).as("warnings logged").isNotEmpty().allSatisfy(line -> {
          assertThat(line).doesNotContain(SECRET).doesNotContain("\n").contains("'payments'")
              .contains(thrown == Throws.ERROR ? "AssertionError" : "IllegalStateException");
        });
      }
      NoLeakedConnections.awaitCallsEnded(fixture.client);
    }
  }

  @Test
  void aThrowingRetryConsumerDoesNotCrashTheDispatcherThreadOfAnEnqueuedCall() throws Exception {
    server.enqueue(RetryOverHttpTest.status(503));
    server.enqueue(RetryOverHttpTest.ok());
    Retry retry = POLICY.toRetry("payments");
    retry.getEventPublisher().onRetry(e -> {
      throw new IllegalStateException("consumer failed");
    });
    List<Throwable> uncaught = new CopyOnWriteArrayList<>();
    CapturingLoggerFinder.clear();
    ExecutorService dispatcherThreads = Executors.newCachedThreadPool(task -> {
      Thread thread = new Thread(task, "enqueue-test-dispatcher");
      thread.setDaemon(true);
      thread.setUncaughtExceptionHandler((t, e) -> uncaught.add(e));
      return thread;
    });
    OkHttpClient client = TestHttp.track(TestHttp.clientBuilder()
        .dispatcher(new okhttp3.Dispatcher(dispatcherThreads))
        .addInterceptor(ApiErrorsInterceptor.builder().retryPolicy(POLICY).retry(retry).build()));
    try {
      Response response = TestHttp.await(TestHttp.enqueue(client.newCall(
          new Request.Builder().url(server.url("/e")).build())));

      assertThat(RetryOverHttpTest.body(response)).isEqualTo("done");
      NoLeakedConnections.awaitCallsEnded(client);
      assertThat(uncaught).isEmpty();
      assertThat(warnings()).singleElement().satisfies(line -> assertThat(line).contains("retry event consumer"));
    } finally {
      dispatcherThreads.shutdown();
    }
  }
}
