package dev.apierrors.benchmarks;

import dev.apierrors.ApiException;
import dev.apierrors.okhttp.ApiErrorsInterceptor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * A large JSON error body through the interceptor with the default limit (256 KiB): a
 * body of exactly 256 KiB, and a 100 MB one of the same pattern, which is cut at the
 * limit. Run with {@code -prof gc}: the allocation per call ({@code gc.alloc.rate.norm})
 * should be at most 2.5 times the 256 KiB read, and the 100 MB body should cost what the
 * 256 KiB one costs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class BigBodyBenchmark {
  @Param({"json_256k", "json_100m"})
  public String body;

  private final ApiErrorsInterceptor sdk = ApiErrorsInterceptor.create();
  private StubChain chain;

  @Setup
  public void setUp() {
    Bodies.Body b = Bodies.of("json_256k");
    byte[] bytes = body.equals("json_100m") ? hundredMegabytes() : b.bytes();
    Headers headers = Canned.errorHeaders(b, bytes.length);
    MediaType type = MediaType.get(b.contentType());
    chain = new StubChain(Canned.REQUEST, Canned.IDLE_CLIENT.newCall(Canned.REQUEST),
        () -> Canned.error(Canned.REQUEST, b.status(), headers, bytes, type));
  }

  @Benchmark
  public ApiException sdkPerCall() throws IOException {
    return ErrorPathBenchmark.intercept(sdk, chain);
  }

  /**
   * 100,000,000 bytes of valid JSON with the 256 KiB body's pattern: a message, then an
   * {@code errors} array of small objects, spaces, and the closing brackets.
   */
  static byte[] hundredMegabytes() {
    byte[] out = new byte[100_000_000];
    byte[] head = "{\"message\":\"Internal error while exporting\",\"errors\":[".getBytes(StandardCharsets.US_ASCII);
    byte[] entry = "{\"field\":\"rows\",\"message\":\"could not be exported\"},".getBytes(StandardCharsets.US_ASCII);
    byte[] last = "{\"field\":\"rows\",\"message\":\"could not be exported\"}]}".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(head, 0, out, 0, head.length);
    int at = head.length;
    while (at + entry.length + last.length <= out.length) {
      System.arraycopy(entry, 0, out, at, entry.length);
      at += entry.length;
    }
    int end = out.length - last.length;
    java.util.Arrays.fill(out, at, end, (byte) ' ');
    System.arraycopy(last, 0, out, end, last.length);
    return out;
  }
}
