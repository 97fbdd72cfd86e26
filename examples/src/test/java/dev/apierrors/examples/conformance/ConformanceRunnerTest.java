package dev.apierrors.examples.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apierrors.examples.Main;
import dev.apierrors.examples.MainRun;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner over real HTTP with the module's own small cases. */
class ConformanceRunnerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /** The own cases run once for the tests that only read their lines. */
  private static Run ownCases;

  @BeforeAll
  static void runOwnCases() {
    ownCases = run(resource("own-cases.json"));
  }

  /** What one run printed: the case lines parsed, the summary line, the exit code. */
  record Run(int code, List<JsonNode> lines, String summary, String err) {
    JsonNode line(String name) {
      return lines.stream().filter(l -> l.path("name").asText().equals(name)).findFirst().orElseThrow();
    }
  }

  static Run run(String... files) {
    String[] args = Stream.concat(Stream.of("conformance"), Stream.of(files)).toArray(String[]::new);
    MainRun run = MainRun.of(args);
    List<String> printed = run.out().lines().toList();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : printed.subList(0, Math.max(0, printed.size() - 1))) {
      try {
        lines.add(JSON.readTree(line));
      } catch (IOException e) {
        throw new AssertionError("not a JSON line: " + line, e);
      }
    }
    return new Run(run.code(), lines, printed.isEmpty() ? "" : printed.get(printed.size() - 1), run.err());
  }

  static String resource(String name) {
    try {
      return Path.of(ConformanceRunnerTest.class.getResource(name).toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The lines whose check is not "pass", for a readable assertion message. */
  static String failures(Run run) {
    StringBuilder sb = new StringBuilder();
    run.lines().stream().filter(l -> !l.path("check").asText().equals("pass"))
        .forEach(l -> sb.append(l.path("name").asText()).append(": ").append(l.path("check").asText()).append('\n'));
    return sb.toString();
  }

  @Test
  void ownCasesCoveringEveryExpectationKindPass() {
    Run run = ownCases;

    assertThat(failures(run)).isEmpty();
    assertThat(run.summary()).isEqualTo(run.lines().size() + " passed, 0 failed");
    assertThat(run.lines()).hasSizeGreaterThanOrEqualTo(17);
    assertThat(run.code()).isEqualTo(Main.OK);
  }

  @Test
  void everyLineHasExactlyTheOutputFieldsInOrder() {
    Run run = ownCases;

    for (JsonNode line : run.lines()) {
      List<String> names = new ArrayList<>();
      line.fieldNames().forEachRemaining(names::add);
      assertThat(names).as(line.path("name").asText()).containsExactlyElementsOf(CaseOutput.FIELDS);
    }
  }

  @Test
  void successLineHasOnlyItsFieldsSetAndTheRestNull() {
    JsonNode line = ownCases.line("success-passes-through");

    for (String field : CaseOutput.FIELDS) {
      boolean set = List.of("name", "outcome", "attempts", "waitedMillis", "elapsedMillis", "status", "check")
          .contains(field);
      assertThat(line.path(field).isNull()).as(field).isEqualTo(!set);
    }
    assertThat(line.path("status").asInt()).isEqualTo(201);
  }

  @Test
  void ioErrorLineNamesTheExceptionAndCountsTheRequestsTheServerReceived() {
    JsonNode line = ownCases.line("no-response-at-all");

    assertThat(line.path("outcome").asText()).isEqualTo("io_error");
    assertThat(line.path("exception").asText()).endsWith("Exception");
    assertThat(line.path("attempts").asInt()).isEqualTo(1);
    assertThat(line.path("status").isNull()).isTrue();
  }

  @Test
  void aFailingCaseSaysWhatDiffersAndExitsWith1() {
    Run run = run(resource("failing-cases.json"));

    assertThat(run.code()).isEqualTo(Main.FAILED);
    assertThat(run.summary()).isEqualTo("1 passed, 3 failed");
    assertThat(run.line("passes").path("check").asText()).isEqualTo("pass");
    assertThat(run.line("deliberately-wrong-expectations").path("check").asText())
        .isEqualTo("fail: exception: expected \"GoneException\", got \"NotFoundException\"; "
            + "attempts: expected 2, got 1");
    assertThat(run.line("malformed-case").path("check").asText())
        .isEqualTo("fail: invalid case: case 'malformed-case': 'responses' must be a non-empty array");
    assertThat(run.line("malformed-request").path("check").asText())
        .isEqualTo("fail: invalid case: case 'malformed-request': request.path must be a path starting with '/',"
            + " was 'no-slash'");
  }

  @Test
  void casesOfSeveralFilesRunInOrder() {
    Run run = run(resource("failing-cases.json"), resource("own-cases.json"));

    assertThat(run.lines().get(0).path("name").asText()).isEqualTo("passes");
    assertThat(run.lines().get(4).path("name").asText()).isEqualTo("problem-json-with-every-member");
    assertThat(run.summary()).endsWith("passed, 3 failed");
  }

  @Test
  void leavesNoThreadOfItsOwnBehind() throws InterruptedException {
    Set<Thread> before = userThreads();

    run(resource("own-cases.json"));

    // Shut-down executors finish their threads promptly, but not synchronously: poll briefly.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    Set<Thread> left = userThreads();
    left.removeAll(before);
    while (!left.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
      left = userThreads();
      left.removeAll(before);
    }
    assertThat(left).as("non-daemon threads started by the runner and still alive").isEmpty();
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(t -> t.isAlive() && t.getName().equals("conformance-retry-scheduler"));
  }

  private static Set<Thread> userThreads() {
    Set<Thread> threads = new HashSet<>();
    Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && !t.isDaemon()).forEach(threads::add);
    return threads;
  }

  @Test
  void unreadableFilesExitWith2AndOneLineBeforeRunningAnything() throws IOException {
    Path notJson = Files.writeString(dir.resolve("broken.json"), "[{\"name\": ");
    Path notArray = Files.writeString(dir.resolve("object.json"), "{\"name\": \"x\"}");

    for (String file : List.of(dir.resolve("missing.json").toString(), notJson.toString(), notArray.toString())) {
      Run run = run(resource("own-cases.json"), file);

      assertThat(run.code()).as(file).isEqualTo(Main.BAD_INPUT);
      assertThat(run.lines()).as(file).isEmpty();
      assertThat(run.summary()).as(file).isEmpty();
      assertThat(run.err().lines()).as(file).singleElement().asString().startsWith("conformance: ");
    }
  }
}
