package dev.apierrors.examples.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apierrors.ApiException;
import dev.apierrors.ErrorDecoder;
import dev.apierrors.PollPolicy;
import dev.apierrors.RetryPolicy;
import dev.apierrors.SuccessErrorDetector;
import dev.apierrors.examples.conformance.ConformanceCase.PollSpec;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.apierrors.okhttp.OperationPoller;
import java.util.concurrent.CompletableFuture;
import dev.apierrors.examples.conformance.ConformanceCase.RequestSpec;
import dev.apierrors.examples.support.Servers;
import dev.apierrors.okhttp.ApiErrorsInterceptor;
import dev.apierrors.okhttp.AsyncCaller;
import io.github.resilience4j.retry.Retry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * Runs one case: a local server with the case's responses, an OkHttp client with the SDK
 * installed as a user would install it, one request, and the output line with its check.
 *
 * <p>Not thread-safe; cases run one after the other.
 */
final class CaseRunner {
  /** An async call that has not ended after this long is reported rather than awaited forever. */
  private static final long ASYNC_SAFETY_TIMEOUT_MINUTES = 10;
  /** Methods OkHttp sends without a body, and methods it refuses to send without one. */
  private static final Set<String> NO_BODY = Set.of("GET", "HEAD");
  private static final Set<String> BODY_REQUIRED = Set.of("POST", "PUT", "PATCH", "PROPPATCH", "REPORT");

  /** Runs the case and returns its output line, {@code check} included. */
  ObjectNode run(ConformanceCase c) {
    ObjectNode line;
    String rawBody = null;
    RetryPolicy policy;
    try {
      policy = policy(c.policy());
      detectors(c.client().detect());
    } catch (IllegalArgumentException e) {
      line = CaseOutput.blank(c.name());
      line.put("check", "fail: invalid case: " + e.getMessage());
      return line;
    }
    try (CaseServer server = new CaseServer(c.responses())) {
      AtomicLong waited = new AtomicLong();
      Sdk sdk = Sdk.build(c, policy, waited);
      try {
        Request request = request(c.request(), server.url(c.request().path()));
        long start = System.nanoTime();
        try {
          int status = sdk.send(request);
          line = CaseOutput.success(c.name(), status, server.requestCount(), waited.get(), millisSince(start));
        } catch (ApiException e) {
          line = CaseOutput.apiError(c.name(), e, waited.get(), millisSince(start));
          rawBody = e.error().rawBodyText();
        } catch (IOException e) {
          line = CaseOutput.ioError(c.name(), e, server.requestCount(), waited.get(), millisSince(start));
        }
        if (c.client().poll() != null) {
          // Through the poller, attempts are every request the server received; pollPaths each poll's.
          line.put("attempts", server.requestCount());
          ArrayNode paths = line.putArray("pollPaths");
          server.pollTargets().forEach(paths::add);
        }
      } finally {
        sdk.close();
      }
    } catch (IOException | RuntimeException e) {
      // The server did not start, or the SDK failed in a way the contract excludes.
      line = CaseOutput.blank(c.name());
      line.put("exception", e.getClass().getSimpleName());
      line.put("message", e.getMessage());
      line.put("check", "fail: unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
      return line;
    }
    List<String> diffs = Expectations.differences(c.expect(), line, rawBody);
    line.put("check", diffs.isEmpty() ? "pass" : "fail: " + String.join("; ", diffs));
    return line;
  }

  private static long millisSince(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }

  static Request request(RequestSpec spec, HttpUrl url) {
    Request.Builder b = new Request.Builder().url(url);
    String contentType = null;
    for (Map.Entry<String, String> header : spec.headers()) {
      b.addHeader(header.getKey(), header.getValue());
      if (header.getKey().equalsIgnoreCase("Content-Type")) {
        contentType = header.getValue();
      }
    }
    RequestBody body = null;
    if (spec.body() != null && !NO_BODY.contains(spec.method())) {
      // Bytes, not a String: OkHttp would add "; charset=utf-8" to the case's Content-Type.
      body = RequestBody.create(spec.body().getBytes(StandardCharsets.UTF_8),
          contentType == null ? null : MediaType.parse(contentType));
    } else if (BODY_REQUIRED.contains(spec.method())) {
      body = RequestBody.create(new byte[0], null);
    }
    return b.method(spec.method(), body).build();
  }

  /**
   * The SDK as a user sets it up for one case: the client with the interceptor, the
   * retry policy and, in async mode, the SDK's non-blocking caller.
   */
  private static final class Sdk implements AutoCloseable {
    private final OkHttpClient client;
    private final @Nullable AsyncCaller async;
    private final @Nullable ScheduledExecutorService scheduler;
    private @Nullable OperationPoller poller;

    private Sdk(OkHttpClient client, @Nullable AsyncCaller async, @Nullable ScheduledExecutorService scheduler) {
      this.client = client;
      this.async = async;
      this.scheduler = scheduler;
    }

    /** Sends through the 202 poller instead, counting its waits into {@code waited}. */
    private Sdk polling(PollSpec spec, AtomicLong waited) {
      PollPolicy.Builder policy = PollPolicy.builder();
      if (spec.maxPolls() != null) {
        policy.maxPolls(spec.maxPolls());
      }
      if (spec.initialBackoffMillis() != null) {
        Duration initial = Duration.ofMillis(spec.initialBackoffMillis());
        policy.initialBackoff(initial);
        if (initial.compareTo(PollPolicy.ofDefaults().maxBackoff()) > 0) {
          policy.maxBackoff(initial);
        }
      }
      OperationPoller.Builder b = OperationPoller.builder(client).policy(policy.build())
          .onDecision(decision -> waited.addAndGet(decision.waitDuration().toMillis()));
      if (scheduler != null) {
        b.scheduler(scheduler);
      }
      poller = b.build();
      return this;
    }

    static Sdk build(ConformanceCase c, @Nullable RetryPolicy policy, AtomicLong waited) {
      ErrorDecoder.Builder decoder = ErrorDecoder.builder();
      if (c.client().maxBodyBytes() != null) {
        decoder.maxBodyBytes(c.client().maxBodyBytes());
      }
      ApiErrorsInterceptor.Builder interceptor = ApiErrorsInterceptor.builder().decoder(decoder.build());
      if (policy != null) {
        Retry retry = policy.toRetry(c.name());
        // The waits the SDK scheduled, as it publishes them: one event per retry.
        retry.getEventPublisher().onRetry(event -> waited.addAndGet(event.getWaitInterval().toMillis()));
        interceptor.retryPolicy(policy).retry(retry);
      }
      if (!c.client().detect().isEmpty()) {
        interceptor.detect(detectors(c.client().detect()));
      }
      OkHttpClient client = interceptor.build().addTo(new OkHttpClient.Builder())
          .retryOnConnectionFailure(false)
          .callTimeout(Duration.ofMillis(c.client().callTimeoutMillis()))
          .build();
      PollSpec poll = c.client().poll();
      if (!c.client().async()) {
        Sdk sdk = new Sdk(client, null, null);
        return poll == null ? sdk : sdk.polling(poll, waited);
      }
      // Its own scheduler for the waits, shut down with the case: no thread outlives it.
      ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "conformance-retry-scheduler");
        thread.setDaemon(true);
        return thread;
      });
      // Retry policy and Retry come from the interceptor installed on the client.
      Sdk sdk = new Sdk(client, AsyncCaller.builder(client).scheduler(scheduler).build(), scheduler);
      return poll == null ? sdk : sdk.polling(poll, waited);
    }

    /** Sends the request and returns the status of a response that is not an error (closed). */
    int send(Request request) throws IOException {
      OperationPoller p = poller;
      if (async == null) {
        try (Response response = p != null ? p.execute(request) : client.newCall(request).execute()) {
          return response.code();
        }
      }
      CompletableFuture<Response> future = p != null ? p.executeAsync(request) : async.execute(request);
      try (Response response = future.get(ASYNC_SAFETY_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        return response.code();
      } catch (ExecutionException | CompletionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof IOException io) {
          throw io;
        }
        if (cause instanceof RuntimeException re) {
          throw re;
        }
        throw new IllegalStateException("the future failed with " + cause, cause);
      } catch (TimeoutException e) {
        throw new IllegalStateException("the async call did not end within " + ASYNC_SAFETY_TIMEOUT_MINUTES + " minutes", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the async call", e);
      }
    }

    @Override
    public void close() {
      if (scheduler != null) {
        scheduler.shutdownNow();
      }
      Servers.shutdown(client);
    }
  }

  /**
   * The built-in detectors named by {@code client.detect}.
   *
   * @throws IllegalArgumentException for a name the SDK has no detector for
   */
  static SuccessErrorDetector[] detectors(List<String> names) {
    SuccessErrorDetector[] detectors = new SuccessErrorDetector[names.size()];
    for (int i = 0; i < detectors.length; i++) {
      String name = names.get(i);
      detectors[i] = SuccessErrorDetector.builtIn(name)
          .orElseThrow(() -> new IllegalArgumentException("unknown detector '" + name + "' in client.detect"));
    }
    return detectors;
  }

  /** The case's policy: null when absent (no retry), the defaults for {@code {}}, members overriding. */
  static @Nullable RetryPolicy policy(@Nullable JsonNode node) {
    if (node == null) {
      return null;
    }
    RetryPolicy.Builder b = RetryPolicy.ofDefaults().toBuilder();
    for (Map.Entry<String, JsonNode> member : node.properties()) {
      JsonNode v = member.getValue();
      switch (member.getKey()) {
        case "maxAttempts" -> b.maxAttempts(integer(member.getKey(), v));
        case "initialBackoffMillis" -> b.initialBackoff(Duration.ofMillis(number(member.getKey(), v)));
        case "maxBackoffMillis" -> b.maxBackoff(Duration.ofMillis(number(member.getKey(), v)));
        case "maxRetryAfterMillis" -> b.maxRetryAfter(Duration.ofMillis(number(member.getKey(), v)));
        case "jitter" -> {
          if (!v.isBoolean()) {
            throw new IllegalArgumentException("policy.jitter must be true or false");
          }
          b.jitter(v.booleanValue());
        }
        case "retryOn" -> {
          if (!v.isArray()) {
            throw new IllegalArgumentException("policy.retryOn must be an array of statuses");
          }
          List<Integer> statuses = new ArrayList<>();
          v.forEach(s -> statuses.add(integer("retryOn", s)));
          b.retryOn(statuses.stream().mapToInt(Integer::intValue).toArray());
        }
        default -> throw new IllegalArgumentException("unknown policy member '" + member.getKey() + "'");
      }
    }
    return b.build();
  }

  private static long number(String name, JsonNode v) {
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw new IllegalArgumentException("policy." + name + " must be an integer");
    }
    return v.longValue();
  }

  private static int integer(String name, JsonNode v) {
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw new IllegalArgumentException("policy." + name + " must be an integer");
    }
    return v.intValue();
  }
}
