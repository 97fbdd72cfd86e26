package dev.apierrors.internal.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A body that is not acceptable XML gives null, and the JDK parser prints nothing about it. */
class SecureXmlSilenceTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "<error><code>x</error>",
      "<error>",
      "not xml at all",
      "<a:error><a:code>x</a:code></a:error>",
      "<!DOCTYPE error [<!ENTITY x \"y\">]><error>&x;</error>",
      "<error></error><second/>",
  })
  void aRefusedBodyIsNullAndNothingIsPrinted(String xml) {
    PrintStream saved = System.err;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));

      assertThat(SecureXml.parse(xml)).isNull();
    } finally {
      System.setErr(saved);
    }
    assertThat(printed.toString(StandardCharsets.UTF_8)).isEmpty();
  }
}
