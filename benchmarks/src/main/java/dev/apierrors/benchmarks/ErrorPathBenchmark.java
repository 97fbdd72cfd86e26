package dev.apierrors.benchmarks;

import dev.apierrors.ApiError;
import dev.apierrors.ApiException;
import dev.apierrors.ErrorDecoder;
import dev.apierrors.okhttp.ApiErrorsInterceptor;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.Response;
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
 * headers copied, the body read (bounded), the view, the typed exception, and its error
 * read as its caller would (an exception decodes its body when its error is first asked
 * for: without that read, the decoding would not be measured).
 * Beside it, the exception's own construction ({@link ApiException#of}) from an
 * already-decoded {@link ApiError}: per call, the SDK should cost about {@code readTree}
 * (in {@link JsonDecodeBenchmark}) plus that.
 *
 * <p>Each invocation also builds the OkHttp {@code Response} it handles (a few hundred
 * bytes): OkHttp would have built it anyway, and {@code harnessOnly} measures it alone.
 *
 * <p>The plain {@code addInterceptor} install runs on three of the five bodies (the
 * smallest, the 1 KiB problem and the 64 KiB one): it differs from {@code addTo} by the
 * same request copy whatever the body, and the whole run must stay under 10 minutes.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ErrorPathBenchmark {
  /** A body's error response, the stub chains that answer it, and its decoded error. */
  abstract static class Answered {
    final ApiErrorsInterceptor sdk = ApiErrorsInterceptor.create();
    StubChain chain;
    StubChain addToChain;
    ApiError decoded;

    void answer(String body) {
      Bodies.Body b = Bodies.of(body);
      byte[] bytes = b.bytes();
      Headers headers = Canned.errorHeaders(b, bytes.length);
      MediaType type = MediaType.get(b.contentType());
      chain = new StubChain(Canned.REQUEST, Canned.IDLE_CLIENT.newCall(Canned.REQUEST),
          () -> Canned.error(Canned.REQUEST, b.status(), headers, bytes, type));
      addToChain = StubChain.installed(sdk, chain.call(), () -> Canned.error(Canned.REQUEST, b.status(), headers, bytes, type));
      decoded = ErrorDecoder.ofDefaults().decode(Views.of(b));
    }
  }

  /** Every body. */
  @State(Scope.Benchmark)
  public static class Call extends Answered {
    @Param({"problem_1k", "oauth_255", "code_message_48", "problem_64k_500", "nginx_html_2k"})
    public String body;

    @Setup
    public void setUp() {
      answer(body);
    }
  }

  /** The three bodies the plain install runs on. */
  @State(Scope.Benchmark)
  public static class PlainCall extends Answered {
    @Param({"problem_1k", "code_message_48", "problem_64k_500"})
    public String body;

    @Setup
    public void setUp() {
      answer(body);
    }
  }

  /** The SDK installed with a plain {@code addInterceptor}: it copies the request to ask for gzip itself. */
  @Benchmark
  public ApiException sdkPerCall(PlainCall call) throws IOException {
    return intercept(call.sdk, call.chain);
  }

  /**
   * The same call with the SDK installed by {@code addTo}, the recommended way: its network
   * interceptor keeps error bodies from OkHttp's gunzip, so the request is not copied to ask
   * for gzip itself as a plain {@code addInterceptor} must.
   */
  @Benchmark
  public ApiException sdkPerCallAddTo(Call call) throws IOException {
    try {
      call.addToChain.proceed(call.addToChain.request()).close();
    } catch (ApiException e) {
      e.error(); // decoded now, and kept in the exception returned
      return e;
    }
    throw new IllegalStateException("the error response did not throw");
  }

  /**
   * What the harness costs around the SDK, without it: the stub's fresh error response
   * (OkHttp's builder copies its headers; an Okio source over the bytes), closed unread.
   * {@code sdkPerCall} less this is what the interceptor itself does.
   */
  @Benchmark
  public Response harnessOnly(Call call) throws IOException {
    Response response = call.chain.proceed(call.chain.request());
    response.close();
    return response;
  }

  @Benchmark
  public ApiException exceptionOnly(Call call) {
    return ApiException.of(call.decoded, 1);
  }

  /** The exception the interceptor throws for the chain's error response, its error read. */
  static ApiException intercept(ApiErrorsInterceptor sdk, StubChain chain) throws IOException {
    try {
      sdk.intercept(chain).close();
    } catch (ApiException e) {
      e.error(); // decoded now, and kept in the exception returned
      return e;
    }
    throw new IllegalStateException("the error response did not throw");
  }
}
