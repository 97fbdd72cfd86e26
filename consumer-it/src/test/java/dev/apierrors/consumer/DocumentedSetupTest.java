package dev.apierrors.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import retrofit2.Retrofit;

/**
 * The dependency setup the README documents is this project's, and it gives one OkHttp.
 */
class DocumentedSetupTest {

  /** The marker of a README block that must be in this pom. */
  static final String MARKER = "in consumer-it/pom.xml";

  @Test
  void everyReadmeDependencyBlockIsInThisPom() throws IOException {
    List<String> pom = trimmedLines(Files.readString(Path.of("pom.xml"), StandardCharsets.UTF_8));
    List<Readme.Block> blocks = Readme.blocks(MARKER);
    for (Readme.Block block : blocks) {
      List<String> wanted = trimmedLines(block.text());
      assertTrue(Collections.indexOfSubList(pom, wanted) >= 0,
          "README.md line " + block.firstLine() + ": this block is not in consumer-it/pom.xml as written"
              + " (same lines, indentation aside); copy it there, so the build checks it:\n" + block.text());
    }
    assertTrue(blocks.stream().anyMatch(b -> b.text().contains("<artifactId>okhttp-jvm</artifactId>")),
        "no README block marked <!-- in consumer-it/pom.xml --> declares okhttp-jvm (the quick start's)");
    assertTrue(blocks.stream().anyMatch(b -> b.text().contains("<artifactId>retrofit</artifactId>")
            && b.text().contains("<exclusion>")),
        "no README block marked <!-- in consumer-it/pom.xml --> declares Retrofit with the <exclusion> of its OkHttp");
  }

  @Test
  void retrofitWithTheDocumentedExclusionLeavesOneOkHttp() throws IOException {
    List<URL> copies = Collections.list(
        DocumentedSetupTest.class.getClassLoader().getResources("okhttp3/OkHttpClient.class"));
    assertEquals(1, copies.size(), "OkHttpClient is on the class path more than once: " + copies);
    assertTrue(copies.get(0).toString().contains("okhttp-jvm-"), "OkHttp 5 (okhttp-jvm) is the one: " + copies);

    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> okhttpJars = new ArrayList<>();
    for (String entry : classPath.split(java.io.File.pathSeparator)) {
      String name = Path.of(entry).getFileName().toString();
      if (name.startsWith("okhttp")) {
        okhttpJars.add(name);
      }
    }
    assertEquals(List.of("okhttp-jvm-5.5.1.jar"), okhttpJars);
    // Retrofit 2.11's OkHttp 3.14.9 would have brought okio 1.x beside OkHttp 5's okio 3.
    assertFalse(classPath.contains("okio-1."), "okio 1.x is on the class path: " + classPath);
  }

  @Test
  void retrofitRunsOnTheUsersOkHttp() {
    OkHttpClient client = new OkHttpClient();
    Retrofit retrofit = new Retrofit.Builder().baseUrl("http://localhost/").client(client).build();
    assertEquals(client, retrofit.callFactory());
  }

  private static List<String> trimmedLines(String text) {
    return text.lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
  }
}
