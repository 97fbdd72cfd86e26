package dev.apierrors.benchmarks;

import dev.apierrors.RetryPolicy;
import dev.apierrors.okhttp.ApiErrorsInterceptor;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import okhttp3.Interceptor;
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
 *       200 ({@code stubDirect} is the chain without the SDK): {@code stubSdk} as a plain
 *       application interceptor (which asks for gzip itself, so that OkHttp's unbounded
 *       gunzip never sees an error body: one request copy per call), {@code stubSdkAddTo}
 *       as {@code addTo} installs it (its network interceptor does that job instead);
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

  /**
   * The application interceptors as {@code addTo} installs them (its first one, which notes
   * the call's start, then the SDK's), run one inside the other on stub chains: the SDK's own
   * cost on a success when installed the recommended way, without OkHttp's chain copies.
   */
  private final StubChain addToChain = installedChain(plain);
  private final StubChain addToRetryChain = installedChain(retrying);

  private StubChain installedChain(ApiErrorsInterceptor sdk) {
    return StubChain.installed(sdk, chain.call(), () -> ok);
  }

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

  /** The SDK as {@code addTo} installs it (its two application interceptors), on stub chains. */
  @Benchmark
  public Response stubSdkAddTo() throws IOException {
    return addToChain.proceed(addToChain.request());
  }

  @Benchmark
  public Response stubSdkAddToRetry() throws IOException {
    return addToRetryChain.proceed(addToRetryChain.request());
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
