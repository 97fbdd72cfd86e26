package dev.apierrors.okhttp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apierrors.RetryPolicy;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The adapter's own toString()s are one bounded line too, whatever the configuration holds. */
class AdapterToStringTest {
  @Test
  void theInterceptorAndTheCallerShowTheirSettingsOnOneBoundedLine() {
    RetryPolicy policy = RetryPolicy.ofDefaults();
    ApiErrorsInterceptor interceptor = ApiErrorsInterceptor.builder()
        .treatAsSuccess(IntStream.range(100, 1000).toArray())
        .retryPolicy(policy)
        .retry(policy.toRetry("payments\r\nFAKE log line\u2028" + "x".repeat(5_000)))
        .build();
    AsyncCaller caller = AsyncCaller.of(TestHttp.track(TestHttp.clientBuilder().addInterceptor(interceptor)));

    for (String line : List.of(interceptor.toString(), caller.toString(), ApiErrorsInterceptor.create().toString())) {
      assertThat(line).hasSizeLessThanOrEqualTo(2_000).doesNotContain("\r", "\n", "\u2028");
    }
    assertThat(interceptor.toString()).startsWith("ApiErrorsInterceptor{decoder=ErrorDecoder{");
  }
}
