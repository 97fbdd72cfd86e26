package dev.apierrors.okhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.apierrors.ErrorDecoder;
import dev.apierrors.ErrorEntry;
import dev.apierrors.UnprocessableContentException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.Request;
import okio.Buffer;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A long {@code errors} list (collected while it is parsed, not kept as a tree) over real
 * HTTP, gzip-encoded, on every call path: every row arrives, in order, and a credential the
 * server echoes into a row is masked in the row's string.
 */
@ExtendWith(NoLeakedConnections.class)
class LongErrorListOverHttpTest {
  private static final String TOKEN = "sk_live_rows_7f3a9c21";
  private static final int ROWS = 20_000;

  @StartStop final MockWebServer server = TestHttp.newServer();

  @ParameterizedTest
  @EnumSource(CallMode.class)
  void everyRowArrivesAndAnEchoedCredentialIsMasked(CallMode mode) {
    String body = IntStream.range(0, ROWS)
        .mapToObj(i -> "{\"field\":\"rows[" + i + "]\",\"message\":\"" + (i == ROWS - 1 ? "token " + TOKEN : "bad") + "\"}")
        .collect(Collectors.joining(",", "{\"message\":\"export failed\",\"errors\":[", "]}"));
    server.enqueue(new MockResponse.Builder().code(422)
        .setHeader("Content-Type", "application/json")
        .setHeader("Content-Encoding", "gzip")
        .body(new Buffer().write(ContentEncodingTest.gzip(body.getBytes(StandardCharsets.UTF_8))))
        .build());
    ApiErrorsInterceptor errors = ApiErrorsInterceptor.builder()
        .decoder(ErrorDecoder.builder().maxBodyBytes(2 * 1024 * 1024).build())
        .build();
    Request request = new Request.Builder().url(server.url("/export"))
        .header("Authorization", "Bearer " + TOKEN).build();

    UnprocessableContentException e =
        catchThrowableOfType(UnprocessableContentException.class, () -> mode.call(errors, request).close());

    assertThat(e.error().errors()).hasSize(ROWS);
    assertThat(e.error().errors().get(0)).isEqualTo(ErrorEntry.of("rows[0]", null, null, "bad"));
    assertThat(e.error().errors().get(ROWS - 1).field()).contains("rows[" + (ROWS - 1) + "]");
    assertThat(e.error().errors().get(ROWS - 1).toString()).doesNotContain(TOKEN).contains("[REDACTED]");
    assertThat(e.error().toString()).doesNotContain(TOKEN).contains("more");
    assertThat(e.getMessage()).doesNotContain(TOKEN);
  }
}
