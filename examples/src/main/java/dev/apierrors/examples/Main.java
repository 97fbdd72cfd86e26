package dev.apierrors.examples;

import dev.apierrors.examples.conformance.ConformanceCommand;
import dev.apierrors.examples.decode.DecodeCommand;
import dev.apierrors.examples.demo.Demo;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The examples jar's entry point, with three commands:
 *
 * <pre>
 * java -jar apierrors-examples.jar                       the demo (also: demo)
 * java -jar apierrors-examples.jar decode FILE|-         decode a response saved with curl -i
 * java -jar apierrors-examples.jar conformance FILE...   run conformance case files
 * </pre>
 *
 * <p>Exit codes: 0 success; 1 a conformance case failed (or the demo failed); 2 bad
 * usage or unreadable input.
 */
public final class Main {
  /** Exit code for success. */
  public static final int OK = 0;
  /** Exit code when a conformance case failed. */
  public static final int FAILED = 1;
  /** Exit code for bad usage or unreadable input. */
  public static final int BAD_INPUT = 2;

  private static final String USAGE = String.join(System.lineSeparator(),
      "usage: java -jar apierrors-examples.jar [demo]",
      "       java -jar apierrors-examples.jar decode FILE     (FILE as printed by curl -i; - for stdin)",
      "       java -jar apierrors-examples.jar conformance FILE...");

  private Main() {}

  /** Runs the command and exits the JVM with its exit code. */
  public static void main(String[] args) {
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    int code = run(args, System.in, out, err);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Runs the command with the process's standard input; see {@link #run(String[], InputStream, PrintStream, PrintStream)}. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, System.in, out, err);
  }

  /**
   * Runs one command and returns its exit code; never calls {@link System#exit(int)}.
   *
   * @param args the command line
   * @param in what {@code decode -} reads
   * @param out where results go
   * @param err where errors go (one line each)
   */
  public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    String command = args.length == 0 ? "demo" : args[0];
    String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
    switch (command) {
      case "demo":
        if (rest.length != 0) {
          return usage(err, "demo takes no arguments");
        }
        return new Demo(out).run();
      case "decode":
        if (rest.length != 1) {
          return usage(err, "decode takes one FILE (or - for stdin)");
        }
        return new DecodeCommand(out, err).run(rest[0], in);
      case "conformance":
        if (rest.length == 0) {
          return usage(err, "conformance takes at least one FILE");
        }
        return new ConformanceCommand(out, err).run(Arrays.asList(rest));
      case "-h":
      case "--help":
      case "help":
        out.println(USAGE);
        return OK;
      default:
        return usage(err, "unknown command '" + command + "'");
    }
  }

  private static int usage(PrintStream err, String problem) {
    err.println("apierrors-examples: " + problem);
    err.println(USAGE);
    return BAD_INPUT;
  }
}
