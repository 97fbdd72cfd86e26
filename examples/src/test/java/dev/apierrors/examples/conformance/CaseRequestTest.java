package dev.apierrors.examples.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apierrors.RetryPolicy;
import java.time.Duration;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/** The request a case describes, as the runner builds it, and the policy it describes. */
class CaseRequestTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpUrl URL = HttpUrl.get("http://127.0.0.1:1/x");

  private static ConformanceCase parse(String json) throws Exception {
    return ConformanceCase.fromJson(JSON.readTree(json), 0);
  }

  private static String body(Request request) throws Exception {
    Buffer buffer = new Buffer();
    request.body().writeTo(buffer);
    return buffer.readUtf8();
  }

  @Test
  void sendsMethodHeadersAndBodyExactlyAsGiven() throws Exception {
    ConformanceCase c = parse("""
        {"name": "r", "request": {"method": "post", "path": "/x",
          "headers": {"Content-Type": "application/json", "X-Tag": ["a", "b"]}, "body": "{\\"é\\":1}"},
         "responses": [{"status": 200}]}""");

    Request request = CaseRunner.request(c.request(), URL);

    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.headers("X-Tag")).containsExactly("a", "b");
    assertThat(String.valueOf(request.body().contentType())).isEqualTo("application/json");
    assertThat(body(request)).isEqualTo("{\"é\":1}");
  }

  @Test
  void givesAnEmptyBodyToMethodsThatNeedOneAndNoneToGet() throws Exception {
    Request patch = CaseRunner.request(parse("""
        {"name": "r", "request": {"method": "PATCH"}, "responses": [{"status": 200}]}""").request(), URL);
    Request get = CaseRunner.request(parse("""
        {"name": "r", "request": {"body": "ignored"}, "responses": [{"status": 200}]}""").request(), URL);

    assertThat(body(patch)).isEmpty();
    assertThat(get.method()).isEqualTo("GET");
    assertThat(get.body()).isNull();
  }

  @Test
  void policyAbsentMeansNoRetryEmptyMeansDefaultsAndMembersOverride() throws Exception {
    assertThat(CaseRunner.policy(null)).isNull();
    assertThat(CaseRunner.policy(JSON.readTree("{}"))).isEqualTo(RetryPolicy.ofDefaults());

    RetryPolicy p = CaseRunner.policy(JSON.readTree("""
        {"maxAttempts": 5, "initialBackoffMillis": 10, "maxBackoffMillis": 100, "maxRetryAfterMillis": 2000,
         "retryOn": [500, 503], "jitter": false}"""));

    assertThat(p.maxAttempts()).isEqualTo(5);
    assertThat(p.initialBackoff()).isEqualTo(Duration.ofMillis(10));
    assertThat(p.maxBackoff()).isEqualTo(Duration.ofMillis(100));
    assertThat(p.maxRetryAfter()).isEqualTo(Duration.ofSeconds(2));
    assertThat(p.retryOn()).containsExactlyInAnyOrderElementsOf(List.of(500, 503));
    assertThat(p.jitter()).isFalse();
  }
}
