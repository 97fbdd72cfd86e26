package dev.apierrors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apierrors.spi.BoundedBody;
import dev.apierrors.spi.ResponseView;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What an {@link ApiException} keeps alive after decoding a large JSON body with a member
 * per few bytes: at most 3x the bytes read. Measured in a forked JVM (a fresh heap, nothing
 * else alive) by {@link #main}: heap used after a full GC with only the exception held,
 * minus the heap used before. In {@code mvn verify} the body is about 1.7 MB (100,000 members); the issue's
 * 16 MB body with a million members:
 * {@code mvn -pl core test -Dtest=RetentionTest -Dretention.members=1000000}.
 */
class RetentionTest {
  private static final Pattern RESULT =
      Pattern.compile("bytes=(\\d+) retained=(-?\\d+) afterExtensions=(-?\\d+) extensions=(\\d+)");

  @Test
  void anExceptionRetainsAtMostThreeTimesTheBodyItRead() throws Exception {
    int members = Integer.getInteger("retention.members", 100_000);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"), RetentionTest.class.getName(), Integer.toString(members)));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output;
    try {
      assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the forked JVM ends").isTrue();
      output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    } finally {
      process.destroyForcibly();
    }
    System.out.println("RetentionTest (" + members + " members): " + output);

    Matcher m = RESULT.matcher(output);
    assertThat(m.find()).as(output).isTrue();
    long bytes = Long.parseLong(m.group(1));
    long retained = Long.parseLong(m.group(2));
    long afterExtensions = Long.parseLong(m.group(3));
    assertThat(Long.parseLong(m.group(4))).isEqualTo(members);
    assertThat(retained).as("retained after decoding").isLessThanOrEqualTo(3 * bytes);
    assertThat(afterExtensions).as("retained after reading the extensions once").isLessThanOrEqualTo(3 * bytes);
  }

  /** Kept alive between the measurements. */
  private static volatile Object held;

  /**
   * Decodes a body of {@code args[0]} members and prints the body's size and the heap the
   * exception retains, after decoding and after reading its extensions once.
   */
  public static void main(String[] args) throws IOException {
    int members = Integer.parseInt(args[0]);
    // Load and initialise everything decoding needs before the baseline.
    held = ErrorDecoder.ofDefaults().decode(ResponseView.builder(400).body(new String(body(10), StandardCharsets.UTF_8)).build())
        .extensions();
    held = null;
    long before = usedAfterGc();
    byte[] body = body(members);
    ApiException exception = ErrorDecoder.builder().maxBodyBytes(64 * 1024 * 1024).build()
        .toException(ResponseView.builder(400).body(BoundedBody.of(body, false)).build());
    int length = body.length;
    body = null; // the decoder kept its own copy (BoundedBody.of copies)
    held = exception;
    long retained = usedAfterGc() - before;
    int extensions = exception.error().extensions().size();
    long afterExtensions = usedAfterGc() - before;
    System.out.println("bytes=" + length + " retained=" + retained + " afterExtensions=" + afterExtensions
        + " extensions=" + extensions + " ratio=" + String.format("%.2f", (double) retained / length));
    held = null;
  }

  /** {@code {"message":"big","m0000000":0,...}}: a member every 17 bytes or so. */
  private static byte[] body(int members) {
    StringBuilder sb = new StringBuilder(members * 18 + 32).append("{\"message\":\"big\"");
    for (int i = 0; i < members; i++) {
      String digits = Integer.toString(i);
      sb.append(",\"m").append("0000000", digits.length(), 7).append(digits).append("\":").append(i);
    }
    return sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }

  private static long usedAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
