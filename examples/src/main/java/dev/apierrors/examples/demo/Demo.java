package dev.apierrors.examples.demo;

import dev.apierrors.ApiError;
import dev.apierrors.ApiErrorsListener;
import dev.apierrors.micrometer.ApiErrorsMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import dev.apierrors.ApiException;
import dev.apierrors.RetryPolicy;
import dev.apierrors.ServiceUnavailableException;
import dev.apierrors.examples.Main;
import dev.apierrors.examples.snippets.AsyncCall;
import dev.apierrors.examples.snippets.CatchTypedExceptions;
import dev.apierrors.examples.snippets.ConfigureRetryPolicy;
import dev.apierrors.examples.snippets.ReadExtensions;
import dev.apierrors.examples.support.Servers;
import dev.apierrors.examples.support.Text;
import dev.apierrors.okhttp.ApiErrorsInterceptor;
import dev.apierrors.okhttp.AsyncCaller;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The demo: a few short screens against an embedded MockWebServer. Each error format
 * decoded, typed catch blocks, extensions read as the user's own record, a 429 retried
 * after its {@code Retry-After}, a 503 whose wait is above the cap failing fast, and the
 * non-blocking path. Finishes in a couple of seconds and leaves no thread behind.
 *
 * <p>Not thread-safe; one per run.
 */
public final class Demo {
  private final PrintStream out;

  /** Prints the screens to {@code out}. */
  public Demo(PrintStream out) {
    this.out = out;
  }

  /**
   * One canned answer of the demo server: an API's error shape, and the format the SDK
   * must decode it as.
   */
  private record Sample(String shape, String format, int status, String contentType, String body) {
    MockResponse response() {
      MockResponse.Builder b = new MockResponse.Builder().code(status).body(body);
      if (!contentType.isEmpty()) {
        b.addHeader("Content-Type", contentType);
      }
      return b.build();
    }

    String path() {
      return "/formats/" + shape.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }
  }

  private static final List<Sample> SAMPLES = List.of(
      new Sample("RFC 9457", "problem_json", 422, "application/problem+json",
          "{\"type\":\"https://example.com/probs/validation\",\"title\":\"Your request is not valid\","
              + "\"detail\":\"name must not be empty\",\"errors\":[{\"pointer\":\"#/name\",\"detail\":\"must not be empty\"}]}"),
      new Sample("RFC 9457 XML", "problem_xml", 403, "application/problem+xml",
          "<problem xmlns=\"urn:ietf:rfc:7807\"><title>Account suspended</title>"
              + "<detail>Contact support to reactivate it</detail></problem>"),
      new Sample("status ERROR", "status_error", 403, "application/json",
          "{\"status\":\"ERROR\",\"error\":\"Forbidden\",\"errors\":{\"error\":\"Token not valid for this client\"}}"),
      new Sample("OAuth 2.0", "error_description", 401, "application/json",
          "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}"),
      new Sample("Spring Boot", "error_description", 401, "application/json",
          "{\"status\":401,\"error\":\"Unauthorized\",\"message\":\"Full authentication is required\",\"path\":\"/api\"}"),
      new Sample("Auth0", "error_text", 401, "application/json", "{\"error\":\"Unauthorized access\"}"),
      new Sample("message+description", "message_description", 404, "application/json",
          "{\"message\":\"Not Found\",\"description\":\"No repository named demo\"}"),
      new Sample("code+message", "code_message", 409, "application/json",
          "{\"code\":\"version_conflict\",\"message\":\"The order was changed by someone else\"}"),
      new Sample("JSON:API", "errors_array", 400, "application/json",
          "{\"errors\":[{\"code\":\"invalid\",\"detail\":\"email must contain @\",\"source\":{\"pointer\":\"/data/email\"}}]}"),
      new Sample("GraphQL", "errors_array", 400, "application/json",
          "{\"errors\":[{\"message\":\"Cannot query field \\\"nme\\\"\",\"path\":[\"me\"],"
              + "\"extensions\":{\"code\":\"GRAPHQL_VALIDATION_FAILED\"}}]}"),
      new Sample("Google", "nested_error", 400, "application/json",
          "{\"error\":{\"code\":400,\"message\":\"API key not valid\",\"status\":\"INVALID_ARGUMENT\"}}"),
      new Sample("Elasticsearch", "nested_error", 404, "application/json",
          "{\"error\":{\"type\":\"index_not_found_exception\",\"reason\":\"no such index [logs]\"},\"status\":404}"),
      new Sample("message", "message", 500, "application/json", "{\"message\":\"Something went wrong\"}"),
      new Sample("AWS JSON", "message", 400, "application/x-amz-json-1.0",
          "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException\",\"Message\":\"Requested resource not found\"}"),
      new Sample("FastAPI", "json", 422, "application/json",
          "{\"detail\":[{\"type\":\"missing\",\"loc\":[\"body\",\"email\"],\"msg\":\"Field required\"}]}"),
      new Sample("Django REST", "json", 400, "application/json", "{\"email\":[\"Enter a valid email address.\"]}"),
      new Sample("Okta", "json", 401, "application/json",
          "{\"errorCode\":\"E0000011\",\"errorSummary\":\"Invalid token provided\",\"errorCauses\":[]}"),
      new Sample("other JSON", "json", 500, "application/json", "{\"ok\":false,\"retry\":true}"),
      new Sample("AWS S3", "xml_error", 404, "application/xml",
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NoSuchKey</Code>"
              + "<Message>The specified key does not exist.</Message><RequestId>4442587FB7D0A2F9</RequestId></Error>"),
      new Sample("nginx", "html", 502, "text/html",
          "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center>"
              + "<hr><center>nginx</center></body></html>"),
      new Sample("text", "plain_text", 415, "text/plain", "Content-Type must be application/json"),
      new Sample("no body", "empty", 404, "", ""));

  /** Runs every screen; returns {@link Main#OK}, or {@link Main#FAILED} if the SDK surprised us. */
  public int run() {
    Routes routes = new Routes();
    try (MockWebServer server = Servers.startLoopbackServer()) {
      server.setDispatcher(routes);
      out.println("apierrors demo: every call below goes over HTTP to an embedded server at "
          + server.url("/"));
      OkHttpClient client = ApiErrorsInterceptor.create().addTo(new OkHttpClient.Builder()).build();
      try {
        boolean ok = formats(server, client, routes);
        ok &= catchBlocks(server, client, routes);
        ok &= extensions(server, client, routes);
        ok &= retried(server, routes);
        ok &= failsFast(server, routes);
        ok &= async(server, routes);
        ok &= observed(server, routes);
        out.println();
        out.println(ok ? "Done." : "Done, but something above did not go as expected.");
        return ok ? Main.OK : Main.FAILED;
      } finally {
        Servers.shutdown(client);
      }
    } catch (IOException e) {
      out.println("The demo server could not start: " + e.getMessage());
      return Main.FAILED;
    }
  }

  private boolean formats(MockWebServer server, OkHttpClient client, Routes routes) {
    title("1. Every error format, and real APIs' shapes, decoded into one shape and one exception per status");
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"API", "format", "status", "exception", "code", "detail"});
    boolean ok = true;
    for (Sample sample : SAMPLES) {
      String path = sample.path();
      routes.always(path, sample.response());
      try (Response response = client.newCall(new Request.Builder().url(server.url(path)).build()).execute()) {
        rows.add(new String[] {sample.shape(), sample.format(), Integer.toString(response.code()), "(no exception!)",
            "", ""});
        ok = false;
      } catch (ApiException e) {
        ApiError error = e.error();
        rows.add(new String[] {sample.shape(), error.format(), Integer.toString(error.status()),
            e.getClass().getSimpleName(), Text.oneLine(error.code().orElse(null), 26),
            Text.oneLine(error.detail().orElse(null), 34)});
        ok &= error.format().equals(sample.format());
      } catch (IOException e) {
        rows.add(new String[] {sample.shape(), sample.format(), "-", e.getClass().getSimpleName(), "", ""});
        ok = false;
      }
    }
    table(rows);
    return ok;
  }

  private boolean catchBlocks(MockWebServer server, OkHttpClient client, Routes routes) {
    title("2. Typed catch blocks: handle what you expect, by type (CatchTypedExceptions)");
    routes.always("/catch/404", new MockResponse.Builder().code(404)
        .body("{\"message\":\"no order 17\"}").build());
    routes.always("/catch/401", new MockResponse.Builder().code(401)
        .addHeader("WWW-Authenticate", "Bearer realm=\"api\", error=\"invalid_token\", "
            + "error_description=\"The access token expired\"").build());
    routes.always("/catch/429", new MockResponse.Builder().code(429).addHeader("Retry-After", "30").build());
    routes.always("/catch/409", new MockResponse.Builder().code(409)
        .body("{\"code\":\"version_conflict\",\"message\":\"stale version\"}").build());
    routes.always("/catch/500", new MockResponse.Builder().code(500).body("oops").build());
    for (String status : List.of("404", "401", "429", "409", "500")) {
      out.println("  " + status + "  ->  " + CatchTypedExceptions.fetch(client, server.url("/catch/" + status)));
    }
    return true;
  }

  private boolean extensions(MockWebServer server, OkHttpClient client, Routes routes) {
    title("3. Your API's own members: one at a time, or the whole body as your record (ReadExtensions)");
    routes.always("/credit", ReadExtensions.outOfCreditResponse());
    try (Response response = client.newCall(new Request.Builder().url(server.url("/credit")).build()).execute()) {
      out.println("  unexpected " + response.code());
      return false;
    } catch (ApiException e) {
      out.println("  extensions            " + e.error().extensionNames());
      out.println("  extension(\"balance\")  " + ReadExtensions.balance(e.error()).orElse(null));
      out.println("  bodyAs(OutOfCredit)   " + ReadExtensions.outOfCredit(e.error()).orElse(null));
      return ReadExtensions.outOfCredit(e.error()).isPresent();
    } catch (IOException e) {
      out.println("  unexpected " + e);
      return false;
    }
  }

  private boolean retried(MockWebServer server, Routes routes) {
    title("4. A 429 with Retry-After: 1 is retried after that second, then succeeds (ConfigureRetryPolicy)");
    routes.sequence("/retry/429", List.of(
        new MockResponse.Builder().code(429).addHeader("Retry-After", "1")
            .addHeader("Content-Type", "application/json")
            .body("{\"message\":\"slow down\"}").build(),
        new MockResponse.Builder().code(200).body("{\"id\":7}").build()));
    RetryPolicy policy = ConfigureRetryPolicy.policy();
    OkHttpClient client = ConfigureRetryPolicy.client(policy,
        ConfigureRetryPolicy.retryLoggingTo(policy, event -> out.println("  event: " + event)));
    long start = System.nanoTime();
    try (Response response = client.newCall(new Request.Builder().url(server.url("/retry/429")).build()).execute()) {
      out.println("  " + response.code() + " after " + routes.served("/retry/429") + " attempts, "
          + millisSince(start) + " ms in all");
      return response.code() == 200;
    } catch (IOException e) {
      out.println("  unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
      return false;
    } finally {
      Servers.shutdown(client);
    }
  }

  private boolean failsFast(MockWebServer server, Routes routes) {
    title("5. A 503 asking to wait longer than maxRetryAfter fails at once, carrying the wait");
    routes.always("/retry/503", new MockResponse.Builder().code(503).addHeader("Retry-After", "120")
        .addHeader("Content-Type", "text/plain").body("down for maintenance").build());
    RetryPolicy policy = ConfigureRetryPolicy.policy();
    OkHttpClient client = ConfigureRetryPolicy.client(policy,
        ConfigureRetryPolicy.retryLoggingTo(policy, event -> out.println("  event: " + event)));
    long start = System.nanoTime();
    try (Response response = client.newCall(new Request.Builder().url(server.url("/retry/503")).build()).execute()) {
      out.println("  unexpected " + response.code());
      return false;
    } catch (ServiceUnavailableException e) {
      out.println("  " + e.getClass().getSimpleName() + " after " + e.attempts() + " attempt, "
          + millisSince(start) + " ms: " + e.getMessage());
      out.println("  retryAfterMillis = " + e.error().retryAfterMillis().orElse(-1)
          + " (above maxRetryAfter " + policy.maxRetryAfter().toMillis() + " ms): schedule it yourself");
      return e.attempts() == 1;
    } catch (IOException e) {
      out.println("  unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
      return false;
    } finally {
      Servers.shutdown(client);
    }
  }

  private static long millisSince(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }

  private boolean async(MockWebServer server, Routes routes) {
    title("6. The non-blocking path: a CompletableFuture, completed with the typed exception (AsyncCall)");
    routes.always("/async/ok", new MockResponse.Builder().code(200).body("{\"id\":1}").build());
    routes.always("/async/gone", new MockResponse.Builder().code(410)
        .addHeader("Content-Type", "application/problem+json")
        .body("{\"title\":\"Gone\",\"detail\":\"This API version was retired on 2026-01-01\"}").build());
    routes.sequence("/async/busy", List.of(
        new MockResponse.Builder().code(503).addHeader("retry-after-ms", "300").build(),
        new MockResponse.Builder().code(200).body("{\"id\":2}").build()));
    RetryPolicy policy = ConfigureRetryPolicy.policy();
    // Events arrive on OkHttp's threads: kept, and printed in order once the calls are done.
    Queue<String> events = new ConcurrentLinkedQueue<>();
    OkHttpClient client = ConfigureRetryPolicy.client(policy, ConfigureRetryPolicy.retryLoggingTo(policy, events::add));
    // The waits between attempts are scheduled here, not slept on a thread; shut it down after use.
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "demo-retry-scheduler");
      thread.setDaemon(true);
      return thread;
    });
    try {
      AsyncCaller caller = AsyncCaller.builder(client).scheduler(scheduler).build();
      CompletableFuture<String> ok = AsyncCall.fetch(caller, server.url("/async/ok"));
      CompletableFuture<String> gone = AsyncCall.fetch(caller, server.url("/async/gone"));
      CompletableFuture<String> busy = AsyncCall.fetch(caller, server.url("/async/busy"));
      out.println("  three calls sent; no thread waits for them, not even during the retry's wait");
      CompletableFuture.allOf(ok, gone, busy).join();
      events.forEach(event -> out.println("  event: " + event));
      out.println("  /async/ok    ->  " + ok.join());
      out.println("  /async/gone  ->  " + gone.join());
      out.println("  /async/busy  ->  " + busy.join() + " (after " + routes.served("/async/busy") + " attempts)");
      return ok.join().startsWith("ok") && gone.join().startsWith("GoneException") && busy.join().startsWith("ok");
    } finally {
      scheduler.shutdownNow();
      Servers.shutdown(client);
    }
  }

  private boolean observed(MockWebServer server, Routes routes) {
    title("7. What the SDK saw: a listener told of every outcome, and Micrometer meters per host");
    routes.sequence("/observed/orders", List.of(
        new MockResponse.Builder().code(503).build(),
        new MockResponse.Builder().code(200).body("{\"id\":1}").build()));
    routes.always("/observed/missing", new MockResponse.Builder().code(404)
        .addHeader("Content-Type", "application/json").body("{\"message\":\"no such order\"}").build());
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ApiErrorsListener printing = new ApiErrorsListener() {
      @Override
      public void onError(ErrorDecoded e) {
        out.println("  listener: error    " + e.method() + " " + e.host() + " attempt " + e.attempt() + ": "
            + e.error().status() + " " + e.error().format());
      }

      @Override
      public void onRetry(RetryScheduled e) {
        out.println("  listener: retry    attempt " + e.attempt() + " in " + e.waitDuration().toMillis() + " ms ("
            + e.waitSource().label() + ")");
      }

      @Override
      public void onGiveUp(GaveUp e) {
        out.println("  listener: give up  after " + e.attempts() + " attempt(s): " + e.reason());
      }

      @Override
      public void onSuccess(Succeeded e) {
        out.println("  listener: success  " + e.status() + " after " + e.attempts() + " attempt(s)");
      }
    };
    OkHttpClient client = ApiErrorsInterceptor.builder()
        .retryPolicy(RetryPolicy.builder().initialBackoff(java.time.Duration.ofMillis(50)).jitter(false).build())
        .listener(ApiErrorsListener.composite(printing, ApiErrorsMetrics.of(registry)))
        .build()
        .addTo(new OkHttpClient.Builder())
        .build();
    boolean ok = true;
    try {
      try (Response response = client.newCall(new Request.Builder().url(server.url("/observed/orders")).build())
          .execute()) {
        ok &= response.code() == 200;
      }
      try (Response response = client.newCall(new Request.Builder().url(server.url("/observed/missing")).build())
          .execute()) {
        ok = false;
      } catch (ApiException expected) {
        // told to the listener
      }
    } catch (IOException e) {
      out.println("  unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
      ok = false;
    } finally {
      Servers.shutdown(client);
    }
    registry.getMeters().stream()
        .sorted(java.util.Comparator.comparing(m -> m.getId().getName() + m.getId().getTags()))
        .forEach(meter -> {
          StringBuilder tags = new StringBuilder();
          meter.getId().getTags().forEach(t -> tags.append(tags.length() == 0 ? "" : ", ").append(t.getKey())
              .append('=').append(t.getValue()));
          double value = meter instanceof io.micrometer.core.instrument.Timer timer
              ? timer.totalTime(TimeUnit.MILLISECONDS) : meter.measure().iterator().next().getValue();
          out.println("  meter: " + meter.getId().getName() + " {" + tags + "} = " + Math.round(value)
              + (meter instanceof io.micrometer.core.instrument.Timer ? " ms" : ""));
        });
    return ok && registry.find("apierrors.retries").counter() != null;
  }

  private void title(String text) {
    out.println();
    out.println(text);
    out.println("-".repeat(Math.min(text.length(), 100)));
  }

  /** Prints rows with aligned columns. */
  private void table(List<String[]> rows) {
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder sb = new StringBuilder(" ");
      for (int i = 0; i < row.length; i++) {
        sb.append(' ').append(i == row.length - 1 ? row[i] : Text.pad(row[i], widths[i] + 1));
      }
      out.println(sb.toString().stripTrailing());
    }
  }

  /** The demo server's answers by path; a path may give a sequence whose last answer repeats. */
  private static final class Routes extends Dispatcher {
    private final Map<String, List<MockResponse>> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> served = new ConcurrentHashMap<>();

    void always(String path, MockResponse response) {
      sequence(path, List.of(response));
    }

    void sequence(String path, List<MockResponse> responses) {
      answers.put(path, List.copyOf(responses));
      served.put(path, new AtomicInteger());
    }

    int served(String path) {
      return served.getOrDefault(path, new AtomicInteger()).get();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      String path = request.getUrl().encodedPath();
      List<MockResponse> list = answers.get(path);
      if (list == null) {
        return new MockResponse.Builder().code(404).build();
      }
      int n = served.get(path).getAndIncrement();
      return list.get(Math.min(n, list.size() - 1));
    }
  }
}
