package dev.apierrors.okhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.apierrors.ErrorInSuccessException;
import dev.apierrors.SuccessErrorDetector;
import java.io.IOException;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Errors reported with a 200, opt-in per client, on both call paths. */
@ExtendWith(NoLeakedConnections.class)
class DetectorsOverHttpTest {
  @StartStop final MockWebServer server = TestHttp.newServer();

  private OkHttpClient client(SuccessErrorDetector... detectors) {
    return TestHttp.track(ApiErrorsInterceptor.builder().detect(detectors).build().addTo(TestHttp.clientBuilder()));
  }

  private Request get() {
    return new Request.Builder().url(server.url("/api/chat.postMessage")).build();
  }

  private static MockResponse json(String body) {
    return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body).build();
  }

  @ParameterizedTest
  @EnumSource(ListenerOverHttpTest.Path.class)
  void slacksOkFalseBecomesTheTypedExceptionWithTheBodyDecoded(ListenerOverHttpTest.Path path) {
    server.enqueue(json("{\"ok\":false,\"error\":\"channel_not_found\"}"));

    Throwable thrown = catchThrowable(() -> path.send(client(SuccessErrorDetector.slack()), get()));

    assertThat(thrown).isExactlyInstanceOf(ErrorInSuccessException.class);
    ErrorInSuccessException e = (ErrorInSuccessException) thrown;
    assertThat(e.detector()).isEqualTo("slack");
    assertThat(e.status()).isEqualTo(200);
    assertThat(e.error().code()).contains("channel_not_found");
    assertThat(e.attempts()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(ListenerOverHttpTest.Path.class)
  void graphqlWithoutDataIsAnErrorAndWithPartialDataASuccess(ListenerOverHttpTest.Path path) throws IOException {
    OkHttpClient client = client(SuccessErrorDetector.graphql());
    server.enqueue(json("{\"errors\":[{\"message\":\"Cannot query field \\\"nme\\\" on type \\\"User\\\".\","
        + "\"extensions\":{\"code\":\"GRAPHQL_VALIDATION_FAILED\"}}],\"data\":null}"));
    Throwable thrown = catchThrowable(() -> path.send(client, get()));
    assertThat(thrown).isExactlyInstanceOf(ErrorInSuccessException.class);
    ErrorInSuccessException e = (ErrorInSuccessException) thrown;
    assertThat(e.detector()).isEqualTo("graphql");
    assertThat(e.error().detail()).hasValueSatisfying(d -> assertThat(d).contains("Cannot query field"));
    assertThat(e.error().code()).contains("GRAPHQL_VALIDATION_FAILED");

    String partial = "{\"errors\":[{\"message\":\"email hidden\",\"path\":[\"user\",\"email\"]}],"
        + "\"data\":{\"user\":{\"id\":\"1\",\"email\":null}}}";
    server.enqueue(json(partial));
    try (Response response = path.send(client, get())) {
      assertThat(response.body().string()).as("the body is peeked, never consumed").isEqualTo(partial);
    }
  }

  @ParameterizedTest
  @EnumSource(ListenerOverHttpTest.Path.class)
  void aCustomPredicateSeesHeadersAndAThrowingOneSaysNo(ListenerOverHttpTest.Path path) throws IOException {
    SuccessErrorDetector rpc = SuccessErrorDetector.when("rpc",
        v -> v.headers().firstValue("Grpc-Status").filter(s -> !s.equals("0")).isPresent());
    SuccessErrorDetector broken = SuccessErrorDetector.when("broken", v -> {
      throw new IllegalStateException("detector bug");
    });
    OkHttpClient client = client(broken, rpc);

    server.enqueue(new MockResponse.Builder().code(200).addHeader("Grpc-Status", "5").body("{\"message\":\"not found\"}")
        .build());
    assertThat(catchThrowable(() -> path.send(client, get())))
        .isInstanceOfSatisfying(ErrorInSuccessException.class, e -> assertThat(e.detector()).isEqualTo("rpc"));

    server.enqueue(new MockResponse.Builder().code(200).addHeader("Grpc-Status", "0").body("fine").build());
    try (Response response = path.send(client, get())) {
      assertThat(response.body().string()).isEqualTo("fine");
    }
  }

  @ParameterizedTest
  @EnumSource(ListenerOverHttpTest.Path.class)
  void withoutDetectorsA200ThatLooksLikeAnErrorPassesUntouched(ListenerOverHttpTest.Path path) throws IOException {
    String body = "{\"ok\":false,\"error\":\"channel_not_found\"}";
    server.enqueue(json(body));
    OkHttpClient client = TestHttp.track(ApiErrorsInterceptor.create().addTo(TestHttp.clientBuilder()));
    try (Response response = path.send(client, get())) {
      assertThat(response.body().string()).isEqualTo(body);
    }
    assertThat(ApiErrorsInterceptor.create().engine().passes(new Response.Builder()
        .request(get()).protocol(okhttp3.Protocol.HTTP_1_1).code(200).message("OK").build()))
        .as("the success path's only check, nothing read").isTrue();
  }
}
