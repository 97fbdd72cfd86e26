package dev.apierrors.benchmarks;

import dev.apierrors.RetryPolicy;
import dev.apierrors.okhttp.ApiErrorsInterceptor;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * What the SDK costs a call that succeeds: nothing is read, so it should cost next to
 * nothing, with or without a retry policy (the retry bookkeeping should start on the first
 * failure, not on every call).
 *
 * <ul>
 *   <li>{@code stub*}: the interceptor alone, on a {@link StubChain} handing back a ready
 *       200 ({@code stubDirect} is the chain without the SDK);
 *   <li>{@code client*}: {@code execute()} of a real {@link OkHttpClient} whose last
 *       application interceptor answers 200 without a network, with no SDK, with the SDK,
 *       and with the SDK and a retry policy.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SuccessPathBenchmark {
  private final Response ok = Canned.ok(Canned.REQUEST);
  private final StubChain chain =
      new StubChain(Canned.REQUEST, Canned.IDLE_CLIENT.newCall(Canned.REQUEST), () -> ok);
  private final ApiErrorsInterceptor plain = ApiErrorsInterceptor.create();
  private final ApiErrorsInterceptor retrying =
      ApiErrorsInterceptor.builder().retryPolicy(RetryPolicy.ofDefaults()).build();

  private final OkHttpClient noSdkClient = shortCircuited(new OkHttpClient.Builder());
  private final OkHttpClient sdkClient = shortCircuited(plain.addTo(new OkHttpClient.Builder()));
  private final OkHttpClient retryClient = shortCircuited(retrying.addTo(new OkHttpClient.Builder()));

  /** The client with a last application interceptor that answers without a network. */
  private OkHttpClient shortCircuited(OkHttpClient.Builder builder) {
    return builder.addInterceptor(c -> ok).build();
  }

  @Benchmark
  public Response stubDirect() throws IOException {
    return chain.proceed(chain.request());
  }

  @Benchmark
  public Response stubSdk() throws IOException {
    return plain.intercept(chain);
  }

  @Benchmark
  public Response stubSdkRetry() throws IOException {
    return retrying.intercept(chain);
  }

  @Benchmark
  public Response clientNoSdk() throws IOException {
    return noSdkClient.newCall(Canned.REQUEST).execute();
  }

  @Benchmark
  public Response clientSdk() throws IOException {
    return sdkClient.newCall(Canned.REQUEST).execute();
  }

  @Benchmark
  public Response clientSdkRetry() throws IOException {
    return retryClient.newCall(Canned.REQUEST).execute();
  }
}
