package dev.apierrors.benchmarks;

import dev.apierrors.ApiError;
import dev.apierrors.ErrorDecoder;
import dev.apierrors.spi.BoundedBody;
import dev.apierrors.spi.HttpHeaders;
import dev.apierrors.spi.ResponseView;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The peak heap of reading and decoding one large error body, measured as the smallest
 * {@code -Xmx} at which a fresh JVM does it without {@link OutOfMemoryError} (search over
 * forked JVMs with {@code -Xms} = {@code -Xmx}, one GC thread, and a young generation
 * of only 4 MiB, so that the old generation is nearly the whole heap and the smallest
 * heap is close to the peak of live data), less the
 * smallest heap of the same JVM decoding an empty body. The body is generated on the fly
 * by an {@link InputStream} and read by {@link BoundedBody#read}, so the only copy of it is
 * the SDK's own (read with the body's length known, as from a {@code Content-Length}); the
 * decoder's limit is 32 MiB.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.apierrors.benchmarks.PeakHeap [case...]}
 * (cases: {@value #CASES}). Prints one line per case: bytes read, peak heap, ratio, and the
 * heap the decoded {@link ApiError} keeps (used heap after a full GC, less before).
 */
public final class PeakHeap {
  static final String CASES = "members_1m errors_400k string_16m html_16m";
  private static final int LIMIT = 32 * 1024 * 1024;

  private PeakHeap() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 2 && args[0].equals("--child")) {
      child(args[1]);
      return;
    }
    List<String> cases = args.length > 0 ? List.of(args) : List.of(CASES.split(" "));
    int floor = smallestHeap("empty");
    System.out.printf(Locale.ROOT, "JVM floor (empty body): %d MiB%n", floor);
    for (String name : cases) {
      int heap = smallestHeap(name);
      Result r = run(name, heap + 8);
      double peakMiB = heap - floor;
      double readMiB = r.bytes / (1024.0 * 1024.0);
      System.out.printf(Locale.ROOT,
          "%-12s read %,d bytes (%.1f MiB): peak %.0f MiB = %.1fx the bytes read; retained %.1f MiB = %.1fx; format %s%s%n",
          name, r.bytes, readMiB, peakMiB, peakMiB / readMiB, r.retained / 1048576.0, r.retained / (double) r.bytes,
          r.format, r.note);
    }
  }

  private record Result(boolean ok, long bytes, long retained, String format, String note) {}

  /**
   * The smallest heap, in MiB (within 10%), at which a fresh JVM decodes the case: doubling
   * from 8 MiB up to the first success, then halving the interval. Runs near the bound
   * fail fast on the parallel collector's GC overhead limit rather than thrashing.
   */
  private static int smallestHeap(String name) throws Exception {
    int low = 4;
    int high = 8;
    while (!run(name, high).ok) {
      low = high;
      high *= 2;
      if (high > 4096) {
        throw new IllegalStateException(name + " does not decode in 4 GiB");
      }
    }
    while (high - low > Math.max(2, high / 10)) {
      int mid = (low + high) >>> 1;
      if (run(name, mid).ok) {
        high = mid;
      } else {
        low = mid;
      }
    }
    return high;
  }

  private static Result run(String name, int heapMiB) throws Exception {
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>(List.of(java.toString(),
        "-Xmx" + heapMiB + "m", "-Xms" + heapMiB + "m", "-Xmn4m", "-XX:+UseParallelGC", "-XX:ParallelGCThreads=1", "-XX:+UseGCOverheadLimit", "-Xss4m",
        "-cp", System.getProperty("java.class.path"), PeakHeap.class.getName(), "--child", name));
    Path log = Files.createTempFile("peak-heap", ".txt");
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
        return new Result(false, 0, 0, "", "");
      }
      return parse(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8).strip());
    } finally {
      Files.deleteIfExists(log);
    }
  }

  private static Result parse(int exit, String out) {
    String last = out.isEmpty() ? "" : out.substring(out.lastIndexOf('\n') + 1);
    if (exit != 0 || !last.startsWith("OK ")) {
      return new Result(false, 0, 0, "", "");
    }
    String[] f = last.split(" ");
    return new Result(true, Long.parseLong(f[1]), Long.parseLong(f[2]), f[3], f.length > 4 ? " (" + f[4] + ")" : "");
  }

  /** In the forked JVM: read and decode the body, report bytes, retained heap, format. */
  private static void child(String name) throws IOException {
    ErrorDecoder decoder = ErrorDecoder.builder().maxBodyBytes(LIMIT).build();
    String type = name.startsWith("html") ? "text/html" : "application/json";
    System.gc();
    long before = used();
    // As the adapter reads a body with a Content-Length: one buffer of the body's size.
    long length = generate(name).transferTo(OutputStream.nullOutputStream());
    BoundedBody body = BoundedBody.read(generate(name), LIMIT, length);
    ApiError error = decoder.decode(ResponseView.builder(500)
        .headers(HttpHeaders.of("Content-Type", type))
        .body(body)
        .request("GET", "https://api.example.com/export")
        .build());
    body = null;
    if (error.rawBody().length != Math.min(length, LIMIT)) {
      // The SDK answers a heap too small for the body with what it could read (never an
      // Error): that is not a decoding of this body at this heap.
      System.out.println("SHORT " + error.rawBody().length + " of " + length);
      return;
    }
    System.gc();
    long retained = used() - before;
    System.out.println("OK " + error.rawBody().length + " " + Math.max(0, retained) + " " + error.format()
        + (error.truncated() ? " truncated" : ""));
  }

  private static long used() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** The case's body, generated as it is read. */
  static InputStream generate(String name) {
    return switch (name) {
      case "empty" -> InputStream.nullInputStream();
      // {"m000000":"0000",...}: 17 bytes a member, a million members (~17 MB)
      case "members_1m" -> new Generated("{", 1_000_000,
          i -> (i == 0 ? "" : ",") + "\"m" + digits(i, 6) + "\":\"" + digits(i % 10_000, 4) + "\"", "}");
      // {"errors":[{"field":"rows[000000]","message":"bad"},...]}: ~16 MB
      case "errors_400k" -> new Generated("{\"message\":\"export failed\",\"errors\":[", 400_000,
          i -> (i == 0 ? "" : ",") + "{\"field\":\"rows[" + digits(i, 6) + "]\",\"message\":\"bad\"}",
          "]}");
      // {"message":"xxxx..."}: one 16 MiB string
      case "string_16m" -> new Generated("{\"message\":\"", 16 * 1024, i -> "x".repeat(1024), "\"}");
      case "html_16m" -> new Generated("<html><body><h1>Error</h1>", 16 * 1024,
          i -> "<p>" + "y".repeat(1017) + "</p>", "</body></html>");
      default -> throw new IllegalArgumentException("no case " + name + "; cases: " + CASES);
    };
  }

  /** {@code n} in decimal, zero-padded to {@code width} digits. */
  private static String digits(int n, int width) {
    String s = Integer.toString(n);
    return "0".repeat(Math.max(0, width - s.length())) + s;
  }

  /** head, n parts, tail: an ASCII stream produced part by part, never held whole. */
  private static final class Generated extends InputStream {
    private final String tail;
    private final int count;
    private final java.util.function.IntFunction<String> part;
    private byte[] chunk;
    private int at;
    private int next;

    Generated(String head, int count, java.util.function.IntFunction<String> part, String tail) {
      this.count = count;
      this.part = part;
      this.tail = tail;
      this.chunk = head.getBytes(StandardCharsets.US_ASCII);
    }

    private boolean fill() {
      while (chunk != null && at == chunk.length) {
        at = 0;
        if (next < count) {
          chunk = part.apply(next++).getBytes(StandardCharsets.US_ASCII);
        } else if (next == count) {
          next++;
          chunk = tail.getBytes(StandardCharsets.US_ASCII);
        } else {
          chunk = null;
        }
      }
      return chunk != null;
    }

    @Override
    public int read() {
      return fill() ? chunk[at++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (len == 0) {
        return 0;
      }
      if (!fill()) {
        return -1;
      }
      int n = Math.min(len, chunk.length - at);
      System.arraycopy(chunk, at, b, off, n);
      at += n;
      return n;
    }
  }
}
