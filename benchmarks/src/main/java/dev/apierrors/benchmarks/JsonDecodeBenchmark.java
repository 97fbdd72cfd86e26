package dev.apierrors.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apierrors.ApiError;
import dev.apierrors.ErrorDecoder;
import dev.apierrors.spi.ResponseView;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.zalando.problem.Problem;
import org.zalando.problem.jackson.ProblemModule;

/**
 * Decoding a JSON error body, beside its peers on the same bytes in the same run, so that
 * the ratios hold whatever the machine's noise:
 *
 * <ul>
 *   <li>{@code tokenPass}: Jackson's streaming parser reading every token and nothing
 *       else, the floor for anything that reads the body as JSON;
 *   <li>{@code readTree}: what a user's own {@code ObjectMapper.readTree(bytes)} costs;
 *   <li>{@code zalandoProblem}: Zalando Problem's {@code readValue(bytes, Problem.class)};
 *   <li>{@code sdkDecode}: {@link ErrorDecoder#decode(ResponseView)}, everything the SDK does
 *       with a body it has read (charset, one parse, the format table, the value).
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class JsonDecodeBenchmark {
  @Param({"problem_1k", "oauth_255", "code_message_48", "problem_64k_500", "status_error", "message_description"})
  public String body;

  private static final JsonFactory FACTORY = new JsonFactory();
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final ObjectMapper ZALANDO = new ObjectMapper().registerModule(new ProblemModule());

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
  public int tokenPass() throws IOException {
    return tokens(bytes);
  }

  @Benchmark
  public JsonNode readTree() throws IOException {
    return MAPPER.readTree(bytes);
  }

  /**
   * Zalando Problem's reading. It cannot read every body (a string {@code status}, as in
   * {@code status_error}, fails its status deserializer): then the failure is what is
   * measured, and returned.
   */
  @Benchmark
  public Object zalandoProblem() throws IOException {
    try {
      return ZALANDO.readValue(bytes, Problem.class);
    } catch (JsonProcessingException e) {
      return e;
    }
  }

  @Benchmark
  public ApiError sdkDecode() {
    return decoder.decode(view);
  }

  /** The floor: every token, no value built. */
  static int tokens(byte[] bytes) throws IOException {
    try (JsonParser p = FACTORY.createParser(bytes)) {
      int n = 0;
      while (p.nextToken() != null) {
        n++;
      }
      return n;
    }
  }
}
