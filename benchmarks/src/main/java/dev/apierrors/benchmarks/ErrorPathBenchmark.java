package dev.apierrors.benchmarks;

import dev.apierrors.ApiError;
import dev.apierrors.ApiException;
import dev.apierrors.ErrorDecoder;
import dev.apierrors.okhttp.ApiErrorsInterceptor;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import okhttp3.Headers;
import okhttp3.MediaType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One error call as the interceptor handles it, through OkHttp's own types: the response's
 * headers copied, the body read (bounded), the view, the decoding, the typed exception.
 * Beside it, the exception's own construction ({@link ApiException#of}) from an
 * already-decoded {@link ApiError}: per call, the SDK should cost about {@code readTree}
 * (in {@link JsonDecodeBenchmark}) plus that.
 *
 * <p>Each invocation also builds the OkHttp {@code Response} it handles (a few hundred
 * bytes): OkHttp would have built it anyway.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ErrorPathBenchmark {
  @Param({"problem_1k", "oauth_255", "code_message_48", "problem_64k_500", "nginx_html_2k"})
  public String body;

  private final ApiErrorsInterceptor sdk = ApiErrorsInterceptor.create();
  private StubChain chain;
  private StubChain addToChain;
  private ApiError decoded;

  @Setup
  public void setUp() {
    Bodies.Body b = Bodies.of(body);
    byte[] bytes = b.bytes();
    Headers headers = Canned.errorHeaders(b, bytes.length);
    MediaType type = MediaType.get(b.contentType());
    chain = new StubChain(Canned.REQUEST, Canned.IDLE_CLIENT.newCall(Canned.REQUEST),
        () -> Canned.error(Canned.REQUEST, b.status(), headers, bytes, type));
    addToChain = StubChain.installed(sdk, chain.call(), () -> Canned.error(Canned.REQUEST, b.status(), headers, bytes, type));
    decoded = ErrorDecoder.ofDefaults().decode(Views.of(b));
  }

  @Benchmark
  public ApiException sdkPerCall() throws IOException {
    return intercept(sdk, chain);
  }

  /**
   * The same call with the SDK installed by {@code addTo}, the recommended way: its network
   * interceptor keeps error bodies from OkHttp's gunzip, so the request is not copied to ask
   * for gzip itself as a plain {@code addInterceptor} must.
   */
  @Benchmark
  public ApiException sdkPerCallAddTo() throws IOException {
    try {
      addToChain.proceed(addToChain.request()).close();
    } catch (ApiException e) {
      return e;
    }
    throw new IllegalStateException("the error response did not throw");
  }

  @Benchmark
  public ApiException exceptionOnly() {
    return ApiException.of(decoded, 1);
  }

  /** The exception the interceptor throws for the chain's error response. */
  static ApiException intercept(ApiErrorsInterceptor sdk, StubChain chain) throws IOException {
    try {
      sdk.intercept(chain).close();
    } catch (ApiException e) {
      return e;
    }
    throw new IllegalStateException("the error response did not throw");
  }
}
