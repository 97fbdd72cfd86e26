package dev.apierrors.examples;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * One in-process run of {@link Main#run(String[], InputStream, PrintStream, PrintStream)}
 * with its output captured: what the tests assert on.
 *
 * @param code the exit code
 * @param out what was printed on the output stream
 * @param err what was printed on the error stream
 */
public record MainRun(int code, String out, String err) {

  /** Runs {@code args} with {@code stdin} as standard input. */
  public static MainRun of(InputStream stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, stdin, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new MainRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Runs {@code args} with an empty standard input. */
  public static MainRun of(String... args) {
    return of(InputStream.nullInputStream(), args);
  }
}
