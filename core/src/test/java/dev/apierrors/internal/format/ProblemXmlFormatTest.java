package dev.apierrors.internal.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apierrors.spi.ErrorFields;
import dev.apierrors.spi.HttpHeaders;
import dev.apierrors.internal.DecodedBody;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProblemXmlFormatTest {
  private final ProblemXmlFormat format = new ProblemXmlFormat();

  private Optional<ErrorFields> decode(String contentType, String xml) {
    return format.decode(DecodedBody.of(400, HttpHeaders.of("Content-Type", contentType), xml, null, false));
  }

  @Test
  void readsTheProblemMembersInTheRfcNamespace() {
    Optional<ErrorFields> fields = decode("application/problem+xml; charset=utf-8",
        "\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<problem xmlns=\"urn:ietf:rfc:7807\"><type>https://example.com/probs/out-of-credit</type>"
            + "<title>You do not have enough credit.</title><detail> Balance is 30. </detail>"
            + "<instance>/account/12345/msgs/abc</instance><balance>30</balance></problem>");

    assertThat(fields).hasValueSatisfying(f -> {
      assertThat(f.type()).contains("https://example.com/probs/out-of-credit");
      assertThat(f.title()).contains("You do not have enough credit.");
      assertThat(f.detail()).contains("Balance is 30.");
      assertThat(f.instance()).contains("/account/12345/msgs/abc");
    });
  }

  @Test
  void readsUnqualifiedMembersAndIgnoresOtherNamespaces() {
    Optional<ErrorFields> fields = decode("application/problem+xml",
        "<problem xmlns:x=\"urn:other\"><x:title>not this</x:title><title>This</title></problem>");

    assertThat(fields).hasValueSatisfying(f -> {
      assertThat(f.title()).contains("This");
      assertThat(f.type()).contains("about:blank");
      assertThat(f.detail()).isEmpty();
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"application/xml", "text/xml", "application/problem+json"})
  void otherMediaTypesAreNotProblemXml(String contentType) {
    assertThat(decode(contentType, "<problem><title>T</title></problem>")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "<problem><title>T</title>", "not xml", "<a></b>", "<p/><p/>"})
  void malformedXmlIsNotProblemXml(String xml) {
    assertThat(decode("application/problem+xml", xml)).isEmpty();
  }

  @Test
  void externalEntityIsNeverResolved(@TempDir Path dir) throws IOException {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "TOP-SECRET-CONTENT");
    String xml = "<?xml version=\"1.0\"?><!DOCTYPE problem [<!ENTITY xxe SYSTEM \"" + secret.toUri()
        + "\">]><problem><title>&xxe;</title><detail>&xxe;</detail></problem>";

    assertThat(decode("application/problem+xml", xml)).isEmpty();
  }

  @Test
  void etcPasswdEntityDoesNotLeakThroughThePipeline() {
    String xml = "<?xml version=\"1.0\"?><!DOCTYPE problem [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
        + "<problem><title>&xxe;</title></problem>";
    dev.apierrors.ApiError error = dev.apierrors.ErrorDecoder.ofDefaults().decode(
        dev.apierrors.spi.ResponseView.builder(400)
            .headers(HttpHeaders.of("Content-Type", "application/problem+xml"))
            .body(xml)
            .build());

    assertThat(error.format()).isEqualTo("plain_text");
    assertThat(error.title()).isEqualTo("Bad Request");
    assertThat(error.detail()).hasValueSatisfying(d -> assertThat(d).doesNotContain("root:"));
  }

  @Test
  void externalDtdIsNeverFetched() throws IOException {
    boolean fetched = HostileXml.fetchesExternalDtd("problem", "<title>T</title>",
        xml -> assertThat(decode("application/problem+xml", xml)).isEmpty());

    assertThat(fetched).as("the parser connected to fetch the DTD").isFalse();
  }

  @Test
  void billionLaughsIsRefused() {
    assertThat(decode("application/problem+xml", HostileXml.billionLaughs("problem", "title"))).isEmpty();
  }

  @Test
  void xincludeIsNotProcessed(@TempDir Path dir) throws IOException {
    Path secret = dir.resolve("inc.xml");
    Files.writeString(secret, "<detail>INCLUDED-SECRET</detail>");
    String xml = "<problem xmlns:xi=\"http://www.w3.org/2001/XInclude\"><title>T</title>"
        + "<xi:include href=\"" + secret.toUri() + "\"/></problem>";

    assertThat(decode("application/problem+xml", xml)).hasValueSatisfying(f -> assertThat(f.detail()).isEmpty());
  }
}
