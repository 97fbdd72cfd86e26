package dev.apierrors.examples.snippets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each snippet's main runs on its own and prints what its Javadoc promises. */
class SnippetsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "WrapOkHttpClient      | NotFoundException: 404 User not found: No user with id 42",
      "CatchTypedExceptions  | TooManyRequestsException: slow down, retry in 30000 ms",
      "ConfigureRetryPolicy  | got 200 after 2 attempts",
      "ReadExtensions        | balance:    30",
      "AsyncCall             | NotFoundException: 404 Not Found: gone fishing",
  })
  void snippetRunsOnItsOwn(String snippet, String expected) throws Exception {
    Method main = Class.forName("dev.apierrors.examples.snippets." + snippet).getMethod("main", String[].class);
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      main.invoke(null, (Object) new String[0]);
    } finally {
      System.setOut(original);
    }

    assertThat(captured.toString(StandardCharsets.UTF_8)).contains(expected);
  }
}
