package dev.apierrors.okhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.apierrors.ApiError;
import dev.apierrors.ApiException;
import dev.apierrors.AttemptFailure;
import dev.apierrors.RetryPolicy;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ProtocolException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.Cookie;
import okhttp3.CookieJar;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same secret goes out through each channel a credential can take (the cookie jar, a
 * network interceptor, an authenticator, the caller's URL before a redirect, the caller's
 * own headers) and comes back through each way a server can echo it (the status line, the
 * body, {@code WWW-Authenticate}, an {@code errors} entry); on both call paths, under a
 * retry policy so that retry events are published. It must appear in no string reachable
 * from what the caller gets (messages, {@code toString()}s, the decoded values, causes and
 * suppressed exceptions, the printed stack trace) nor in any retry event.
 */
@ExtendWith(NoLeakedConnections.class)
class CredentialChannelsTest {
  private static final String SECRET = "s3cr3t-0123456789-tok";

  @StartStop final MockWebServer server = TestHttp.newServer();

  /** One way out and back: how the client sends the secret, and how the server answers. */
  enum Channel {
    COOKIE_JAR(Channel::withCookieJar, "/cookie", r -> echoInJson(503, "rejected session " + SECRET)),

    NETWORK_INTERCEPTOR(b -> b.addNetworkInterceptor(chain -> chain.proceed(
        chain.request().newBuilder().header("Authorization", "Bearer " + SECRET).build())),
        "/network", r -> echo(503, "the credentials " + SECRET + " are revoked")),

    AUTHENTICATOR(b -> b.authenticator((route, response) -> response.request().header("Authorization") != null
        ? null
        : response.request().newBuilder().header("Authorization", "Bearer " + SECRET).build()),
        "/auth", r -> r.getHeaders().get("Authorization") == null
            ? new MockResponse.Builder().code(401).setHeader("WWW-Authenticate", "Bearer realm=\"api\"").build()
            : echo(401, "not you, " + SECRET)),

    REDIRECT(b -> b, "/start?api_key=" + SECRET, r -> r.getUrl().encodedPath().equals("/start")
        ? new MockResponse.Builder().code(302).setHeader("Location", "/landing").build()
        : echoInJson(503, "unknown key " + SECRET)),

    /**
     * The caller's URL holds the secret in its fragment, behind a second {@code #} (OAuth's
     * implicit flow; OkHttp keeps the fragment as it is and never sends it), then redirects.
     */
    REDIRECT_FRAGMENT(b -> b, "/frag#state=1#access_token=" + SECRET, r -> r.getUrl().encodedPath().equals("/frag")
        ? new MockResponse.Builder().code(302).setHeader("Location", "/landing").build()
        : echoInJson(503, "unknown token " + SECRET)),

    /** OkHttp's own ProtocolException quotes the status line: the secret is one it never showed the SDK. */
    STATUS_LINE_ECHO(b -> b.addNetworkInterceptor(chain -> chain.proceed(
        chain.request().newBuilder().header("Authorization", "Bearer " + SECRET).build())),
        "/status", r -> new MockResponse.Builder()
            .status("HTTP/1.1 5x3 Bearer " + SECRET + " api_key=" + SECRET).body("").build()),

    BODY_ECHO(b -> b.addInterceptor(chain -> chain.proceed(
        chain.request().newBuilder().header("Authorization", "Bearer " + SECRET).build())),
        "/body?token=" + SECRET, r -> new MockResponse.Builder().code(503)
            .setHeader("Content-Type", "application/json")
            .body("{\"message\":\"Bearer " + SECRET + " lacks scope\",\"token\":\"" + SECRET + "\"}").build()),

    WWW_AUTHENTICATE_ECHO(Channel::withCookieJar, "/challenge", r -> new MockResponse.Builder().code(401)
        .setHeader("WWW-Authenticate",
            "Bearer realm=\"api\", error=\"invalid_token\", error_description=\"session " + SECRET + " expired\"")
        .build()),

    ERROR_ENTRY_ECHO(b -> b, "/entries?access_token=" + SECRET, r -> new MockResponse.Builder().code(422)
        .setHeader("Content-Type", "application/json")
        .body("{\"errors\":[{\"field\":\"access_token\",\"code\":\"invalid\",\"detail\":\"" + SECRET
            + " is not valid\"},{\"detail\":\"see " + SECRET + "\"}]}").build()),

    /** A list long enough that its later rows are read from the token stream, not built as a tree. */
    ERROR_LIST_ECHO(Channel::withCookieJar, "/list", r -> new MockResponse.Builder().code(422)
        .setHeader("Content-Type", "application/json")
        .body(java.util.stream.IntStream.range(0, 40)
            .mapToObj(i -> "{\"field\":\"rows[" + i + "]\",\"message\":\"session " + SECRET + " cannot export\","
                + "\"source\":{\"parameter\":\"" + SECRET + "\"}}")
            .collect(java.util.stream.Collectors.joining(",", "{\"errors\":[", "]}"))).build());

    final Function<OkHttpClient.Builder, OkHttpClient.Builder> client;
    final String target;
    final Function<RecordedRequest, MockResponse> server;

    Channel(Function<OkHttpClient.Builder, OkHttpClient.Builder> client, String target,
        Function<RecordedRequest, MockResponse> server) {
      this.client = client;
      this.target = target;
      this.server = server;
    }

    /** A cookie jar that sends the secret as the {@code session} cookie. */
    private static OkHttpClient.Builder withCookieJar(OkHttpClient.Builder b) {
      return b.cookieJar(new CookieJar() {
        @Override
        public void saveFromResponse(HttpUrl url, List<Cookie> cookies) {}

        @Override
        public List<Cookie> loadForRequest(HttpUrl url) {
          return List.of(new Cookie.Builder().name("session").value(SECRET).hostOnlyDomain(url.host()).build());
        }
      });
    }

    private static MockResponse echo(int status, String text) {
      return new MockResponse.Builder().code(status).setHeader("Content-Type", "text/plain").body(text).build();
    }

    /**
     * The echo as JSON: in the {@code message}, and in a member no format reads (decoding
     * never builds its value; the error's extensions read it from the bytes).
     */
    private static MockResponse echoInJson(int status, String text) {
      return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json")
          .body("{\"message\":\"" + text + "\",\"debug\":{\"seen\":\"" + text + "\"},\"note\":\"" + text + "\"}")
          .build();
    }
  }

  static List<Arguments> channelsAndPaths() {
    List<Arguments> cases = new ArrayList<>();
    for (Channel channel : Channel.values()) {
      for (RetryFixture.Mode mode : RetryFixture.Mode.values()) {
        cases.add(Arguments.of(channel, mode));
      }
    }
    return cases;
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("channelsAndPaths")
  void theSecretIsInNoStringOfTheFailureNorOfTheRetryEvents(Channel channel, RetryFixture.Mode mode) {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return channel.server.apply(request);
      }
    });
    RetryPolicy policy = RetryPolicy.builder()
        .maxAttempts(2).initialBackoff(Duration.ofMillis(1)).jitter(false)
        .retryOn(401, 422, 503)
        .build();
    Throwable thrown;
    List<String> events = new ArrayList<>();
    try (RetryFixture fixture = RetryFixture.recorded(mode, policy, channel.client.apply(TestHttp.clientBuilder()))) {
      thrown = catchThrowable(() -> fixture.send(new Request.Builder().url(server.url(channel.target)).build()));
      fixture.events.forEach(event -> {
        events.add(event.toString());
        if (event.getLastThrowable() != null) {
          events.addAll(strings(event.getLastThrowable()));
        }
      });
      assertThat(fixture.events).as("a retry was decided and published").isNotEmpty();
    }

    assertThat(thrown).as("the secret made it to the server and back").isNotNull();
    if (channel == Channel.STATUS_LINE_ECHO) {
      assertThat(thrown).isInstanceOf(ProtocolException.class).hasMessageContaining("Unexpected status line");
    } else {
      assertThat(thrown).isInstanceOf(ApiException.class);
      assertThat(((ApiException) thrown).attempts()).isEqualTo(2);
    }
    List<String> shown = strings(thrown);
    assertThat(shown).isNotEmpty().noneMatch(s -> s.contains(SECRET));
    assertThat(events).isNotEmpty().noneMatch(s -> s.contains(SECRET));
    assertThat(String.join("\n", shown)).contains("[REDACTED]");
  }

  /**
   * A bare cookie value in a broken status line has no credential's shape: with
   * {@code addTo}, the network interceptor knows the cookie the jar added and masks it.
   */
  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
  void withAddToACookieQuotedInABrokenStatusLineIsMaskedToo(boolean async) {
    server.enqueue(new MockResponse.Builder().status("HTTP/1.1 5x3 your session " + SECRET).body("").build());
    OkHttpClient client = TestHttp.track(ApiErrorsInterceptor.create().addTo(Channel.withCookieJar(TestHttp.clientBuilder())));
    Request request = new Request.Builder().url(server.url("/")).build();

    Throwable thrown = catchThrowable(() -> {
      if (async) {
        TestHttp.await(AsyncCaller.of(client).execute(request));
      } else {
        client.newCall(request).execute();
      }
    });

    assertThat(thrown).isInstanceOf(ProtocolException.class).hasMessageContaining("your session [REDACTED]");
    assertThat(strings(thrown)).noneMatch(s -> s.contains(SECRET));
  }

  /** Every string reachable from {@code root}: each throwable once, however its graph loops. */
  static List<String> strings(Throwable root) {
    List<String> out = new ArrayList<>();
    StringWriter trace = new StringWriter();
    root.printStackTrace(new PrintWriter(trace));
    out.add(trace.toString());
    collect(root, Collections.newSetFromMap(new IdentityHashMap<>()), out);
    return out;
  }

  private static void collect(Throwable t, Set<Throwable> seen, List<String> out) {
    if (!seen.add(t)) {
      return;
    }
    out.add(String.valueOf(t.getMessage()));
    out.add(String.valueOf(t.getLocalizedMessage()));
    out.add(t.toString());
    if (t instanceof ApiException api) {
      ApiError error = api.error();
      out.add(error.toString());
      error.requestUrl().ifPresent(out::add);
      error.errors().forEach(e -> out.add(e.toString()));
      error.challenges().forEach(c -> out.add(c.toString()));
      error.rateLimit().ifPresent(r -> out.add(r.toString()));
    }
    if (t instanceof AttemptFailure f) {
      out.add(f.decision().toString());
      out.add(f.decision().reason());
    }
    if (t.getCause() != null) {
      collect(t.getCause(), seen, out);
    }
    for (Throwable s : t.getSuppressed()) {
      collect(s, seen, out);
    }
  }
}
