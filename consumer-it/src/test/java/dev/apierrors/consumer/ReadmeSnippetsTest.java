package dev.apierrors.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles the README's Java snippets exactly as written, against this project's class
 * path: the just-built apierrors jars and the OkHttp and Retrofit a user adds.
 *
 * <p>A block marked {@code <!-- compiled: Name -->} is either a whole compilation unit
 * (the class {@code Name}), or, when {@code src/test/snippets/Name.java} exists, a
 * fragment that this template wraps: the template's line {@code /*README*}{@code /} is
 * replaced by the block, and the template supplies the imports and the variables the
 * fragment uses. Errors are reported with their README line.
 */
class ReadmeSnippetsTest {

  private static final Path TEMPLATES = Path.of("src", "test", "snippets");
  private static final String PLACEHOLDER = "/*README*/";

  /** One Java source file made from a README block, and where its lines come from. */
  private record Unit(String name, String source, int readmeFirstLine, int firstSnippetLine) {
    /** The README line of a line of this source, or -1 for a template line. */
    int readmeLine(long sourceLine) {
      long offset = sourceLine - firstSnippetLine;
      long snippetLines = source.lines().count();
      return offset < 0 || offset >= snippetLines ? -1 : (int) (readmeFirstLine + offset);
    }
  }

  @Test
  void everyMarkedJavaBlockCompilesAsWritten(@TempDir Path work) throws IOException {
    List<Readme.Block> blocks = Readme.blocks("compiled:");
    Map<String, Unit> units = new LinkedHashMap<>();
    for (Readme.Block block : blocks) {
      assertEquals("java", block.language(),
          "README.md line " + block.firstLine() + ": only ```java blocks can be marked compiled");
      String name = block.argument();
      assertTrue(name.matches("[A-Z]\\w*"),
          "README.md line " + block.firstLine() + ": 'compiled: " + name + "' needs a class name");
      if (units.containsKey(name)) {
        fail("README.md line " + block.firstLine() + ": two blocks are marked 'compiled: " + name + "'");
      }
      units.put(name, unit(name, block));
    }

    assertTrue(units.containsKey("QuickStart"), "the quick start is no longer marked <!-- compiled: QuickStart -->");
    Set<String> orphans = new TreeSet<>(templateNames());
    orphans.removeAll(units.keySet());
    assertTrue(orphans.isEmpty(),
        "src/test/snippets has templates for blocks the README no longer marks: " + orphans);

    compile(units, work);
  }

  private static Unit unit(String name, Readme.Block block) throws IOException {
    Path template = TEMPLATES.resolve(name + ".java");
    if (!Files.exists(template)) {
      return new Unit(name, block.text(), block.firstLine(), 1);
    }
    List<String> lines = Files.readAllLines(template, StandardCharsets.UTF_8);
    List<String> out = new ArrayList<>();
    int firstSnippetLine = -1;
    for (String line : lines) {
      if (line.trim().equals(PLACEHOLDER)) {
        if (firstSnippetLine > 0) {
          throw new IllegalStateException(template + " has two " + PLACEHOLDER + " lines");
        }
        firstSnippetLine = out.size() + 1;
        out.addAll(block.text().lines().toList());
      } else {
        out.add(line);
      }
    }
    if (firstSnippetLine < 0) {
      throw new IllegalStateException(template + " has no " + PLACEHOLDER + " line");
    }
    return new Unit(name, String.join("\n", out) + "\n", block.firstLine(), firstSnippetLine);
  }

  private static Set<String> templateNames() throws IOException {
    if (!Files.isDirectory(TEMPLATES)) {
      return Set.of();
    }
    try (Stream<Path> files = Files.list(TEMPLATES)) {
      Set<String> names = new TreeSet<>();
      files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".java"))
          .forEach(n -> names.add(n.substring(0, n.length() - ".java".length())));
      return names;
    }
  }

  private static void compile(Map<String, Unit> units, Path work) throws IOException {
    Path src = Files.createDirectories(work.resolve("src"));
    Path classes = Files.createDirectories(work.resolve("classes"));
    Map<String, Unit> byFile = new LinkedHashMap<>();
    List<Path> files = new ArrayList<>();
    for (Unit unit : units.values()) {
      Path file = src.resolve(unit.name() + ".java");
      Files.writeString(file, unit.source(), StandardCharsets.UTF_8);
      files.add(file);
      byFile.put(file.toUri().getPath(), unit);
    }

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertTrue(javac != null, "no system Java compiler: run the build on a JDK");
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      List<String> options = List.of(
          "-classpath", testClassPath(),
          "-d", classes.toString(),
          "--release", "17",
          // Deprecated or unchecked calls in a README are rot too; the quick start's
          // unused try-with-resources variable is the documented idiom.
          "-Xlint:all,-try,-processing", "-Werror");
      StringWriter out = new StringWriter();
      Boolean ok = javac.getTask(out, fm, diagnostics, options, null, fm.getJavaFileObjectsFromPaths(files)).call();
      if (!ok) {
        StringBuilder report = new StringBuilder("README snippets do not compile:\n");
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
          Unit unit = d.getSource() == null ? null : byFile.get(d.getSource().toUri().getPath());
          if (unit != null) {
            int line = unit.readmeLine(d.getLineNumber());
            report.append(line > 0 ? "README.md line " + line : "template " + unit.name() + ".java line " + d.getLineNumber())
                .append(" (").append(unit.name()).append("): ");
          }
          report.append(d.getKind()).append(": ").append(d.getMessage(Locale.ROOT)).append('\n');
        }
        fail(report.append(out).toString());
      }
    }
  }

  /** Surefire's test class path: this project's dependencies as a user gets them. */
  private static String testClassPath() {
    String cp = System.getProperty("surefire.test.class.path");
    return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
  }
}
