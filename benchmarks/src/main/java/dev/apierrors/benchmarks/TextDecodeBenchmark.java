package dev.apierrors.benchmarks;

import dev.apierrors.ApiError;
import dev.apierrors.ErrorDecoder;
import dev.apierrors.spi.ResponseView;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Decoding a body that is not JSON (an nginx page, a proxy's plain text, a 64 KiB stack
 * trace), beside its floor: turning the bytes into a {@code String}. A JSON token pass,
 * {@code readTree} or Zalando Problem has nothing to read here.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TextDecodeBenchmark {
  @Param({"nginx_html_2k", "plain_text", "text_64k"})
  public String body;

  private final ErrorDecoder decoder = ErrorDecoder.ofDefaults();
  private byte[] bytes;
  private ResponseView view;

  @Setup
  public void setUp() {
    Bodies.Body b = Bodies.of(body);
    bytes = b.bytes();
    view = Views.of(b);
  }

  @Benchmark
  public String utf8String() {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Benchmark
  public ApiError sdkDecode() {
    return decoder.decode(view);
  }
}
