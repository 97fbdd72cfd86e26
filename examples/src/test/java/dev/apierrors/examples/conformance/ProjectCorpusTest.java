package dev.apierrors.examples.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apierrors.examples.Main;
import dev.apierrors.examples.conformance.ConformanceRunnerTest.Run;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The project's conformance corpus (core/src/test/resources/conformance, copied onto this
 * module's test class path by the pom) passes through the runner over real HTTP: real
 * sockets, the real OkHttp client, the SDK installed as a user installs it.
 */
class ProjectCorpusTest {

  static List<Path> corpusFiles() throws IOException, URISyntaxException {
    URL folder = ProjectCorpusTest.class.getClassLoader().getResource("conformance");
    assertThat(folder).as("the corpus on the test class path (see the pom's testResources)").isNotNull();
    try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
      List<Path> list = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
      assertThat(list).as("corpus files").isNotEmpty();
      return list;
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpusFiles")
  void everyCaseOfTheCorpusPassesOverHttp(Path file) {
    Run run = ConformanceRunnerTest.run(file.toString());

    assertThat(ConformanceRunnerTest.failures(run)).as(file.getFileName().toString()).isEmpty();
    assertThat(run.lines()).isNotEmpty();
    assertThat(run.summary()).isEqualTo(run.lines().size() + " passed, 0 failed");
    assertThat(run.code()).isEqualTo(Main.OK);
  }
}
