package dev.apierrors.examples.conformance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apierrors.examples.Main;
import dev.apierrors.examples.support.Text;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code conformance FILE...}: runs every case of every file in order and prints one JSON
 * line per case, then {@code N passed, M failed}.
 *
 * <p>Every file is read and parsed before any case runs. Exit codes: 0 when every case
 * passed, 1 when one failed (a malformed case counts as failed), 2 when a file cannot
 * be read or is not a JSON array (one line on the error stream, nothing run).
 *
 * <p>Not thread-safe; one per run.
 */
public final class ConformanceCommand {
  private static final ObjectMapper JSON = JsonMapper.builder()
      // ASCII-only output: the lines survive any terminal or file encoding.
      .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
      .build();

  private final PrintStream out;
  private final PrintStream err;

  /** Prints the result lines to {@code out} and problems with the files to {@code err}. */
  public ConformanceCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** Runs the cases of {@code files} and returns the exit code. */
  public int run(List<String> files) {
    List<JsonNode> cases = new ArrayList<>();
    for (String file : files) {
      JsonNode root;
      try {
        root = JSON.readTree(Files.readAllBytes(Path.of(file)));
      } catch (NoSuchFileException e) {
        return unreadable("no such file: " + file);
      } catch (JsonProcessingException e) {
        return unreadable(file + " is not valid JSON: " + e.getOriginalMessage());
      } catch (IOException | InvalidPathException e) {
        return unreadable("cannot read " + file + ": " + e.getMessage());
      }
      if (root == null || !root.isArray()) {
        return unreadable(file + " must hold a JSON array of cases");
      }
      root.forEach(cases::add);
    }
    int passed = 0;
    int failed = 0;
    CaseRunner runner = new CaseRunner();
    for (int i = 0; i < cases.size(); i++) {
      ObjectNode line = runOne(runner, cases.get(i), i);
      out.println(write(line));
      out.flush();
      if ("pass".equals(line.path("check").asText())) {
        passed++;
      } else {
        failed++;
      }
    }
    out.println(passed + " passed, " + failed + " failed");
    return failed == 0 ? Main.OK : Main.FAILED;
  }

  private static ObjectNode runOne(CaseRunner runner, JsonNode node, int index) {
    ConformanceCase c;
    try {
      c = ConformanceCase.fromJson(node, index);
    } catch (IllegalArgumentException e) {
      String name = node.path("name").isTextual() ? node.get("name").asText() : "case #" + (index + 1);
      ObjectNode line = CaseOutput.blank(name);
      line.put("check", "fail: invalid case: " + e.getMessage());
      return line;
    }
    return runner.run(c);
  }

  private int unreadable(String problem) {
    err.println("conformance: " + Text.oneLine(problem, 300));
    return Main.BAD_INPUT;
  }

  static String write(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }
}
