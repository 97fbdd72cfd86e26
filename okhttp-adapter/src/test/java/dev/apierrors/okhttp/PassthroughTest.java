package dev.apierrors.okhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.apierrors.ApiException;
import dev.apierrors.NotFoundException;
import dev.apierrors.ServiceUnavailableException;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Responses that are not errors reach the caller untouched, on every call path. */
@ExtendWith(NoLeakedConnections.class)
class PassthroughTest {
  @StartStop final MockWebServer server = TestHttp.newServer();

  private Request get(String path) {
    return new Request.Builder().url(server.url(path)).build();
  }

  @ParameterizedTest
  @EnumSource(CallMode.class)
  void successBodyIsLeftForTheCallerToRead(CallMode mode) throws Exception {
    server.enqueue(TestHttp.response(200, "application/json", "{\"id\":7}"));

    try (Response response = mode.call(get("/users/7"))) {
      assertThat(response.code()).isEqualTo(200);
      assertThat(response.body().string()).isEqualTo("{\"id\":7}");
    }
  }

  @Test
  void successResponseIsReturnedAsTheSameObjectWithItsBodyNeverTouched() throws Exception {
    server.enqueue(TestHttp.response(200, "text/plain", "payload"));
    Tripwire tripwire = new Tripwire();
    OkHttpClient client = TestHttp.track(TestHttp.clientBuilder()
        .addInterceptor(ApiErrorsInterceptor.create())
        .addInterceptor(tripwire)); // inner: sees the response before ApiErrorsInterceptor

    try (Response response = client.newCall(get("/")).execute()) {
      assertThat(response).isSameAs(tripwire.returned);
      assertThat(tripwire.body.touches.get()).isZero();
      assertThat(response.body().string()).isEqualTo("payload");
    }
  }

  @ParameterizedTest
  @EnumSource(CallMode.class)
  void notModifiedPassesThrough(CallMode mode) throws Exception {
    server.enqueue(new MockResponse.Builder().code(304).setHeader("ETag", "\"v1\"").build());

    try (Response response = mode.call(new Request.Builder().url(server.url("/"))
        .header("If-None-Match", "\"v1\"").build())) {
      assertThat(response.code()).isEqualTo(304);
      assertThat(response.header("ETag")).isEqualTo("\"v1\"");
    }
  }

  @ParameterizedTest
  @EnumSource(CallMode.class)
  void redirectNotFollowedPassesThroughWithItsLocation(CallMode mode) throws Exception {
    server.enqueue(new MockResponse.Builder().code(302).setHeader("Location", "/elsewhere")
        .body("moved").build());

    try (Response response = mode.call(TestHttp.clientBuilder().followRedirects(false),
        ApiErrorsInterceptor.create(), get("/"))) {
      assertThat(response.code()).isEqualTo(302);
      assertThat(response.header("Location")).isEqualTo("/elsewhere");
      assertThat(response.body().string()).isEqualTo("moved");
    }
  }

  @ParameterizedTest
  @EnumSource(CallMode.class)
  void followedRedirectToAnErrorReportsTheFinalUrl(CallMode mode) {
    server.enqueue(new MockResponse.Builder().code(302).setHeader("Location", "/gone").build());
    server.enqueue(new MockResponse.Builder().code(404).build());

    NotFoundException e = catchThrowableOfType(NotFoundException.class, () -> mode.call(get("/start")));

    assertThat(e.error().requestUrl()).hasValue(server.url("/gone").toString());
  }

  @ParameterizedTest
  @EnumSource(CallMode.class)
  void treatAsSuccessLetsA404ThroughAsANormalResponse(CallMode mode) throws Exception {
    server.enqueue(TestHttp.response(404, "application/json", "{\"message\":\"no such user\"}"));

    try (Response response = mode.call(ApiErrorsInterceptor.builder().treatAsSuccess(404).build(),
        get("/users/8"))) {
      assertThat(response.code()).isEqualTo(404);
      assertThat(response.body().string()).isEqualTo("{\"message\":\"no such user\"}");
    }
  }

  @ParameterizedTest
  @EnumSource(CallMode.class)
  void treatAsSuccessKeepsOtherErrorsTyped(CallMode mode) {
    server.enqueue(new MockResponse.Builder().code(503).build());

    assertThatThrownBy(() -> mode.call(ApiErrorsInterceptor.builder().treatAsSuccess(404, 409).build(),
        get("/"))).isExactlyInstanceOf(ServiceUnavailableException.class);
  }

  @Test
  void treatAsSuccessWinsOverErrorStatusesWhicheverIsSetLast() {
    ApiErrorsInterceptor interceptor = ApiErrorsInterceptor.builder()
        .treatAsSuccess(404)
        .errorStatuses(status -> status >= 400)
        .treatAsSuccess(410)
        .build();

    assertThat(interceptor.engine().errors().isError(404)).isFalse();
    assertThat(interceptor.engine().errors().isError(410)).isFalse();
    assertThat(interceptor.engine().errors().isError(400)).isTrue();
    assertThat(interceptor.engine().errors().isError(700)).isTrue();
    assertThat(interceptor.engine().errors().isError(1000)).as("no ApiError can carry it").isFalse();
  }

  @ParameterizedTest
  @EnumSource(CallMode.class)
  void customErrorStatusesDecideWhatIsAnError(CallMode mode) throws Exception {
    ApiErrorsInterceptor onlyServerErrors = ApiErrorsInterceptor.builder()
        .errorStatuses(status -> status >= 500 && status <= 599).build();
    server.enqueue(new MockResponse.Builder().code(404).body("fine here").build());

    try (Response response = mode.call(onlyServerErrors, get("/"))) {
      assertThat(response.body().string()).isEqualTo("fine here");
    }
  }

  @ParameterizedTest
  @EnumSource(CallMode.class)
  void aStatusOutsideTheRangesCanBeMadeAnErrorAndGetsTheBaseException(CallMode mode) {
    server.enqueue(new MockResponse.Builder().code(302).setHeader("Location", "/x").build());
    ApiErrorsInterceptor redirectsAreErrors = ApiErrorsInterceptor.builder()
        .errorStatuses(status -> status >= 300).build();

    ApiException e = catchThrowableOfType(ApiException.class,
        () -> mode.call(TestHttp.clientBuilder().followRedirects(false), redirectsAreErrors, get("/")));

    assertThat(e).isExactlyInstanceOf(ApiException.class);
    assertThat(e.status()).isEqualTo(302);
  }

  @Test
  void builderRejectsBadSettingsAtOnce() {
    assertThatThrownBy(() -> ApiErrorsInterceptor.builder().treatAsSuccess(99))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("99");
    assertThatThrownBy(() -> ApiErrorsInterceptor.builder().treatAsSuccess(1000))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ApiErrorsInterceptor.builder().errorStatuses(null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> ApiErrorsInterceptor.builder().decoder(null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> AsyncCaller.builder(null)).isInstanceOf(NullPointerException.class);
  }

  /** Replaces the network response's body with one that counts every access. */
  static final class Tripwire implements Interceptor {
    @Nullable Response returned;
    @Nullable CountingBody body;

    @Override
    public Response intercept(Chain chain) throws java.io.IOException {
      Response network = chain.proceed(chain.request());
      body = new CountingBody(network.body());
      returned = network.newBuilder().body(body).build();
      return returned;
    }
  }

  static final class CountingBody extends ResponseBody {
    final AtomicInteger touches = new AtomicInteger();
    private final ResponseBody delegate;

    CountingBody(ResponseBody delegate) {
      this.delegate = delegate;
    }

    @Override
    public @Nullable MediaType contentType() {
      touches.incrementAndGet();
      return delegate.contentType();
    }

    @Override
    public long contentLength() {
      touches.incrementAndGet();
      return delegate.contentLength();
    }

    @Override
    public BufferedSource source() {
      touches.incrementAndGet();
      return delegate.source();
    }
  }
}
