package dev.apierrors.okhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.apierrors.ApiException;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** No credential of the request reaches a message or a toString(), even when the server echoes it. */
@ExtendWith(NoLeakedConnections.class)
class RedactionTest {
  private static final List<String> URL_SECRETS = List.of("AKIA1234567890", "tok-9876543210", "hunter2hunter2");
  private static final String BEARER = "sk-live-abcdef1234567890";

  @StartStop final MockWebServer server = TestHttp.newServer();

  private HttpUrl urlFullOfSecrets() {
    return server.url("/v1/things?api_key=AKIA1234567890&token=tok-9876543210&password=hunter2hunter2&page=2");
  }

  private static void assertNoneShown(ApiException e, List<String> secrets) {
    for (String secret : secrets) {
      assertThat(e.getMessage()).doesNotContain(secret);
      assertThat(e.toString()).doesNotContain(secret);
      assertThat(e.error().toString()).doesNotContain(secret);
      assertThat(e.error().requestUrl().orElseThrow()).doesNotContain(secret);
    }
  }

  @ParameterizedTest
  @EnumSource(CallMode.class)
  void secretQueryParametersAreRedactedFromTheUrlAndFromWhatTheServerEchoes(CallMode mode) {
    server.enqueue(TestHttp.response(400, "application/json",
        "{\"message\":\"bad key AKIA1234567890 with token tok-9876543210 and hunter2hunter2\"}"));

    ApiException e = catchThrowableOfType(ApiException.class,
        () -> mode.call(new Request.Builder().url(urlFullOfSecrets()).build()));

    assertNoneShown(e, URL_SECRETS);
    assertThat(e.error().requestMethod()).hasValue("GET");
    assertThat(e.error().requestUrl().orElseThrow())
        .startsWith(server.url("/v1/things").toString())
        .contains("api_key=[REDACTED]", "token=[REDACTED]", "password=[REDACTED]", "page=2");
    assertThat(e.getMessage()).startsWith("400 Bad Request: bad key ");
  }

  /** A secret parameter's name is compared without regard to case, as sent. */
  @ParameterizedTest
  @EnumSource(CallMode.class)
  void secretQueryParametersInAnyCaseAreRedacted(CallMode mode) {
    server.enqueue(TestHttp.response(400, "application/json",
        "{\"message\":\"bad key AKIA1234567890 with token tok-9876543210 and hunter2hunter2\"}"));
    HttpUrl url = server.url("/v1/things?API_KEY=AKIA1234567890&Token=tok-9876543210&PassWord=hunter2hunter2&Page=2");

    ApiException e = catchThrowableOfType(ApiException.class, () -> mode.call(new Request.Builder().url(url).build()));

    assertNoneShown(e, URL_SECRETS);
    assertThat(e.error().requestUrl().orElseThrow())
        .contains("API_KEY=[REDACTED]", "Token=[REDACTED]", "PassWord=[REDACTED]", "Page=2");
  }

  /**
   * OkHttp keeps a second {@code #} in a fragment as it is: a secret parameter behind it
   * is masked all the same, in the URL and in what the server echoes.
   */
  @ParameterizedTest
  @EnumSource(CallMode.class)
  void secretParameterBehindASecondHashInTheFragmentIsRedacted(CallMode mode) {
    server.enqueue(TestHttp.response(400, "application/json",
        "{\"message\":\"token frag-5ecret-0042 rejected\"}"));
    HttpUrl url = HttpUrl.get(server.url("/cb").toString() + "#state=1#access_token=frag-5ecret-0042");
    assertThat(url.fragment()).isEqualTo("state=1#access_token=frag-5ecret-0042");

    ApiException e = catchThrowableOfType(ApiException.class, () -> mode.call(new Request.Builder().url(url).build()));

    assertNoneShown(e, List.of("frag-5ecret-0042"));
    assertThat(e.error().requestUrl().orElseThrow()).endsWith("#state=1#access_token=[REDACTED]");
  }

  @ParameterizedTest
  @EnumSource(CallMode.class)
  void authorizationAndCookieEchoedInTheBodyAreScrubbed(CallMode mode) {
    server.enqueue(TestHttp.response(401, "text/plain",
        "invalid credentials: Bearer " + BEARER + " (cookie session=c00kie-value-42)"));
    Request request = new Request.Builder().url(urlFullOfSecrets()).post(okhttp3.RequestBody.create(new byte[0]))
        .header("Authorization", "Bearer " + BEARER)
        .header("Cookie", "session=c00kie-value-42")
        .build();

    ApiException e = catchThrowableOfType(ApiException.class, () -> mode.call(request));

    assertNoneShown(e, List.of(BEARER, "c00kie-value-42"));
    assertNoneShown(e, URL_SECRETS);
    assertThat(e.error().requestMethod()).hasValue("POST");
    assertThat(e.getMessage()).startsWith("401 Unauthorized: invalid credentials");
  }

  /**
   * Fields sent more than once (held as a list, not as one value): every value of each is
   * a secret, whatever the case of the names.
   */
  @ParameterizedTest
  @EnumSource(CallMode.class)
  void everyValueOfARepeatedCredentialFieldIsScrubbed(CallMode mode) {
    List<String> secrets = List.of("firstSession-111aaa", "secondSession-222bbb", "setFirst-333ccc", "setSecond-444ddd");
    server.enqueue(new mockwebserver3.MockResponse.Builder().code(403)
        .setHeader("Content-Type", "text/plain")
        .addHeader("Set-Cookie", "a=setFirst-333ccc; Path=/")
        .addHeader("set-cookie", "b=setSecond-444ddd; HttpOnly")
        .body("echo: a=firstSession-111aaa b=secondSession-222bbb new a=setFirst-333ccc b=setSecond-444ddd")
        .build());
    Request request = new Request.Builder().url(server.url("/v1/things"))
        .addHeader("Cookie", "a=firstSession-111aaa")
        .addHeader("cookie", "b=secondSession-222bbb")
        .build();

    ApiException e = catchThrowableOfType(ApiException.class, () -> mode.call(request));

    assertNoneShown(e, secrets);
    // A Cookie field's whole value is a secret too; a Set-Cookie's is its cookie's value.
    assertThat(e.getMessage()).isEqualTo("403 Forbidden: echo: [REDACTED] [REDACTED] new a=[REDACTED] b=[REDACTED]");
  }

  /**
   * A response of many fields (past the 16 names a lookup scans, where it hashes them) and
   * a field repeated many times: every field is still found, and every cookie masked in
   * what the SDK writes.
   */
  @ParameterizedTest
  @EnumSource(CallMode.class)
  void aResponseOfManyFieldsIsReadWholeAndEveryCookieMasked(CallMode mode) {
    mockwebserver3.MockResponse.Builder response = new mockwebserver3.MockResponse.Builder().code(503)
        .setHeader("Content-Type", "application/json");
    StringBuilder echo = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      response.addHeader("X-Noise-" + i, "n" + i);
      response.addHeader("Set-Cookie", "c" + i + "=cookieValue-" + i + "-zz; Path=/");
      echo.append(" cookieValue-").append(i).append("-zz");
    }
    server.enqueue(response.addHeader("x-request-id", "req-many-fields").addHeader("RETRY-AFTER", "7")
        .body("{\"message\":\"echo" + echo + "\"}").build());

    ApiException e = catchThrowableOfType(ApiException.class,
        () -> mode.call(new Request.Builder().url(server.url("/v1/things")).build()));

    assertThat(e.error().requestId()).hasValue("req-many-fields");
    assertThat(e.error().retryAfterMillis()).hasValue(7_000L);
    assertThat(e.getMessage()).doesNotContain("cookieValue-");
    assertThat(e.error().toString()).doesNotContain("cookieValue-");
    assertThat(e.getMessage()).contains("echo [REDACTED] [REDACTED]");
    // The accessors return what the server sent (README: what is masked and where).
    assertThat(e.error().detail().orElseThrow()).contains("cookieValue-39-zz");
  }

  @Test
  void credentialsAddedAfterTheInterceptorAreScrubbedToo() {
    server.enqueue(TestHttp.response(403, "text/plain", "token " + BEARER + " lacks scope"));
    OkHttpClient client = TestHttp.track(TestHttp.clientBuilder()
        .addInterceptor(ApiErrorsInterceptor.create())
        .addInterceptor(chain -> chain.proceed(chain.request().newBuilder()
            .header("Authorization", "Bearer " + BEARER).build())));

    ApiException e = catchThrowableOfType(ApiException.class,
        () -> client.newCall(new Request.Builder().url(server.url("/")).build()).execute());

    assertNoneShown(e, List.of(BEARER));
    assertThat(e.getMessage()).isEqualTo("403 Forbidden: token [REDACTED] lacks scope");
  }

  @Test
  void credentialsAddedByAnAuthenticatorAreScrubbedToo() {
    String basic = "Basic c2VjcmV0LXVzZXI6c2VjcmV0LXBhc3M=";
    server.enqueue(TestHttp.response(401, "text/plain", "who are you?"));
    server.enqueue(TestHttp.response(401, "text/plain", "rejected " + basic));
    OkHttpClient client = TestHttp.track(TestHttp.clientBuilder()
        .addInterceptor(ApiErrorsInterceptor.create())
        .authenticator((route, response) -> response.request().header("Authorization") != null
            ? null
            : response.request().newBuilder().header("Authorization", basic).build()));

    ApiException e = catchThrowableOfType(ApiException.class,
        () -> client.newCall(new Request.Builder().url(server.url("/")).build()).execute());

    assertThat(e.getMessage()).startsWith("401 Unauthorized: rejected");
    assertNoneShown(e, List.of("c2VjcmV0LXVzZXI6c2VjcmV0LXBhc3M="));
  }

  @Test
  void userInfoInTheUrlIsRemoved() {
    server.enqueue(TestHttp.response(500, "", ""));
    HttpUrl url = server.url("/x").newBuilder().username("admin").password("pa55word-secret").build();

    ApiException e = catchThrowableOfType(ApiException.class,
        () -> CallMode.EXECUTE.call(new Request.Builder().url(url).build()));

    assertThat(e.error().requestUrl().orElseThrow()).doesNotContain("pa55word-secret").doesNotContain("admin");
    assertThat(e.error().toString()).doesNotContain("pa55word-secret");
  }
}
