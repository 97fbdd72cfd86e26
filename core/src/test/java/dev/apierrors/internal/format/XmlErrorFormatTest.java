package dev.apierrors.internal.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apierrors.ApiError;
import dev.apierrors.ErrorDecoder;
import dev.apierrors.internal.DecodedBody;
import dev.apierrors.spi.ErrorFields;
import dev.apierrors.spi.HttpHeaders;
import dev.apierrors.spi.ResponseView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Row 11a, {@code xml_error}: where the error element is, what is read from it, and what is refused. */
class XmlErrorFormatTest {
  private final XmlErrorFormat format = new XmlErrorFormat();

  private Optional<ErrorFields> decode(String contentType, String xml) {
    HttpHeaders headers = contentType == null ? HttpHeaders.empty() : HttpHeaders.of("Content-Type", contentType);
    return format.decode(DecodedBody.of(400, headers, xml, null, false));
  }

  static Stream<Arguments> shapes() {
    return Stream.of(
        // name, content type, body, code, detail, request id
        Arguments.of("S3: the root is the error", "application/xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NoSuchKey</Code><Message>The specified key"
                + " does not exist.</Message><Key>a.txt</Key><RequestId>4442587FB7D0A2F9</RequestId>"
                + "<HostId>abc=</HostId></Error>",
            "NoSuchKey", "The specified key does not exist.", "4442587FB7D0A2F9"),
        Arguments.of("AWS Query: ErrorResponse/Error, RequestId beside it", "text/xml",
            "<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><Error><Type>Sender</Type>"
                + "<Code>NoSuchEntity</Code><Message>The user with name bob cannot be found.</Message></Error>"
                + "<RequestId>4b8e1a2d-0000-4c1f-9d3c-example</RequestId></ErrorResponse>",
            "NoSuchEntity", "The user with name bob cannot be found.", "4b8e1a2d-0000-4c1f-9d3c-example"),
        Arguments.of("EC2: Response/Errors/Error, RequestID", "text/xml;charset=UTF-8",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>InvalidInstanceID.NotFound"
                + "</Code><Message>The instance ID 'i-1a2b3c4d' does not exist</Message></Error></Errors>"
                + "<RequestID>ea966190-f9aa-478e-9ede-example</RequestID></Response>",
            "InvalidInstanceID.NotFound", "The instance ID 'i-1a2b3c4d' does not exist",
            "ea966190-f9aa-478e-9ede-example"),
        Arguments.of("a default namespace on every element", "application/xml",
            "<Error xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Code>C</Code><Message>M</Message></Error>",
            "C", "M", null),
        Arguments.of("prefixed names are compared by local name", "application/xml",
            "<s3:Error xmlns:s3=\"urn:x\"><s3:Code>C</s3:Code><s3:Message> M </s3:Message>"
                + "<s3:RequestId>R</s3:RequestId></s3:Error>",
            "C", "M", "R"),
        Arguments.of("Code without Message", null, "<Error><Code>SlowDown</Code></Error>", "SlowDown", null, null),
        Arguments.of("empty Message is none", null, "<Error><Code>C</Code><Message>  </Message></Error>",
            "C", null, null),
        Arguments.of("Azure: a multi-line Message, trimmed", "application/xml",
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>BlobNotFound</Code><Message>\n"
                + "The specified blob does not exist.\nRequestId:9b3d\nTime:2024-01-01T00:00:00Z\n</Message></Error>",
            "BlobNotFound", "The specified blob does not exist.\nRequestId:9b3d\nTime:2024-01-01T00:00:00Z", null),
        Arguments.of("the error element's RequestId when the root has none", "application/xml",
            "<ErrorResponse><Error><Code>C</Code><RequestID>inner</RequestID></Error></ErrorResponse>",
            "C", null, "inner"),
        Arguments.of("the root's RequestId wins", "application/xml",
            "<ErrorResponse><Error><Code>C</Code><RequestId>inner</RequestId></Error><RequestId>outer</RequestId>"
                + "</ErrorResponse>",
            "C", null, "outer"),
        Arguments.of("the root's own Code wins over an Error child", "application/xml",
            "<Error><Code>outer</Code><Error><Code>inner</Code></Error></Error>", "outer", null, null),
        Arguments.of("the first Error child only", "application/xml",
            "<ErrorResponse><Error><Type>x</Type></Error><Error><Code>second</Code></Error></ErrorResponse>",
            null, null, null),
        Arguments.of("CDATA and entities in text", "application/xml",
            "<Error><Code>C</Code><Message><![CDATA[a < b]]> &amp; c</Message></Error>", "C", "a < b & c", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shapes")
  void readsCodeMessageAndRequestIdFromTheErrorElement(
      String name, String contentType, String xml, String code, String detail, String requestId) {
    Optional<ErrorFields> fields = decode(contentType, xml);

    if (code == null && detail == null) {
      assertThat(fields).isEmpty();
      return;
    }
    assertThat(fields).hasValueSatisfying(f -> {
      assertThat(f.code().orElse(null)).as("code").isEqualTo(code);
      assertThat(f.detail().orElse(null)).as("detail").isEqualTo(detail);
      assertThat(f.requestId().orElse(null)).as("request id").isEqualTo(requestId);
      assertThat(f.title()).isEmpty();
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "<Error>", "<Error/>", "<Error >", "<Error\n>", "<ErrorResponse>", " \n<?xml version=\"1.0\"?>\n <Error>",
      "<?xml version='1.0' encoding='UTF-8'?><Error>"})
  void sniffsAnErrorStartTagAfterWhitespaceAndADeclaration(String start) {
    assertThat(XmlErrorFormat.startsWithErrorTag(start + "<Code>C</Code></Error>")).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "<Errors>", "<ErrorResponses>", "<error>", "<s3:Error>", "x<Error>", "<!-- c --><Error>", "<Response>",
      "<?xml version=\"1.0\"?>x<Error>"})
  void otherStartsAreNotSniffed(String start) {
    assertThat(XmlErrorFormat.startsWithErrorTag(start + "<Code>C</Code></Error>")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"application/xml", "text/xml", "Application/XML; charset=utf-8"})
  void xmlMediaTypesNeedNoErrorRoot(String contentType) {
    assertThat(decode(contentType, "<Response><Errors><Error><Message>m</Message></Error></Errors></Response>"))
        .hasValueSatisfying(f -> assertThat(f.detail()).contains("m"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"text/plain", "application/json", "text/html"})
  void otherMediaTypesNeedTheErrorStartTag(String contentType) {
    assertThat(decode(contentType, "<Response><Errors><Error><Code>C</Code></Error></Errors></Response>")).isEmpty();
    assertThat(decode(contentType, "<Error><Code>C</Code></Error>")).isPresent();
  }

  @Test
  void externalEntityIsNeverResolved(@TempDir Path dir) throws IOException {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "TOP-SECRET-CONTENT");
    String xml = "<?xml version=\"1.0\"?><!DOCTYPE Error [<!ENTITY xxe SYSTEM \"" + secret.toUri()
        + "\">]><Error><Code>&xxe;</Code><Message>&xxe;</Message></Error>";

    assertThat(decode("application/xml", xml)).isEmpty();
    ApiError error = decodeFully("application/xml", xml);
    assertThat(error.format()).isEqualTo("plain_text");
    assertThat(error.code()).isEmpty();
    assertThat(error.detail()).hasValueSatisfying(d -> assertThat(d).doesNotContain("TOP-SECRET-CONTENT"));
  }

  @Test
  void etcPasswdEntityDoesNotLeakThroughThePipeline() {
    String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE Error [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
        + "<Error><Code>C</Code><Message>&xxe;</Message></Error>";

    ApiError error = decodeFully(null, xml);

    assertThat(error.format()).isEqualTo("plain_text");
    assertThat(error.detail()).hasValueSatisfying(d -> assertThat(d).doesNotContain("root:"));
  }

  @Test
  void internalDtdIsRefusedEvenWithoutEntities() {
    assertThat(decode("application/xml", "<!DOCTYPE Error><Error><Code>C</Code></Error>")).isEmpty();
    assertThat(decode("application/xml",
        "<?xml version=\"1.0\"?><!DOCTYPE Error [<!ELEMENT Error ANY>]><Error><Code>C</Code></Error>")).isEmpty();
  }

  @Test
  void externalDtdIsNeverFetched() throws IOException {
    boolean fetched = HostileXml.fetchesExternalDtd("Error", "<Code>C</Code>",
        xml -> assertThat(decode("application/xml", xml)).isEmpty());

    assertThat(fetched).as("the parser connected to fetch the DTD").isFalse();
  }

  @Test
  void parameterEntityIsRefused() {
    String xml = "<?xml version=\"1.0\"?><!DOCTYPE Error [<!ENTITY % remote SYSTEM \"http://127.0.0.1:1/x\">"
        + "%remote;]><Error><Code>C</Code></Error>";

    assertThat(decode("application/xml", xml)).isEmpty();
  }

  @Test
  void billionLaughsIsRefused() {
    assertThat(decode("application/xml", HostileXml.billionLaughs("Error", "Message"))).isEmpty();
  }

  @Test
  void xincludeIsNotProcessed(@TempDir Path dir) throws IOException {
    Path secret = dir.resolve("inc.xml");
    Files.writeString(secret, "<Message>INCLUDED-SECRET</Message>");
    String xml = "<Error xmlns:xi=\"http://www.w3.org/2001/XInclude\"><Code>C</Code>"
        + "<xi:include href=\"" + secret.toUri() + "\"/></Error>";

    assertThat(decode("application/xml", xml)).hasValueSatisfying(f -> assertThat(f.detail()).isEmpty());
  }

  @Test
  void deeplyNestedDocumentsAreRefusedWhileParsed() {
    String nested = "<a>".repeat(SecureXml.MAX_DEPTH - 2) + "x" + "</a>".repeat(SecureXml.MAX_DEPTH - 2);
    String tooDeep = "<a>".repeat(50_000) + "x" + "</a>".repeat(50_000);

    assertThat(decode("application/xml", "<Error><Code>C</Code><Message>" + nested + "</Message></Error>"))
        .hasValueSatisfying(f -> assertThat(f.detail()).contains("x"));
    assertThat(decode("application/xml", "<Error><Code>C</Code><Message><a>" + nested + "</a></Message></Error>"))
        .isEmpty();
    assertThat(decode("application/xml", "<Error><Code>C</Code><Message>" + tooDeep + "</Message></Error>")).isEmpty();
  }

  @Test
  void aRequestIdHeaderWinsOverTheBodysAndTheBodysFillsIn() {
    String xml = "<Error><Code>NoSuchBucket</Code><Message>m</Message><RequestId>FROM-BODY</RequestId></Error>";

    ApiError withHeader = ErrorDecoder.ofDefaults().decode(ResponseView.builder(404)
        .headers(HttpHeaders.of("Content-Type", "application/xml", "x-amz-request-id", "ignored",
            "X-Request-Id", "FROM-HEADER"))
        .body(xml)
        .build());
    ApiError withoutHeader = decodeFully("application/xml", xml);

    assertThat(withHeader.requestId()).contains("FROM-HEADER");
    assertThat(withoutHeader.requestId()).contains("FROM-BODY");
    assertThat(withoutHeader.code()).contains("NoSuchBucket");
    assertThat(withoutHeader.format()).isEqualTo("xml_error");
  }

  private static ApiError decodeFully(String contentType, String xml) {
    HttpHeaders headers = contentType == null ? HttpHeaders.empty() : HttpHeaders.of("Content-Type", contentType);
    return ErrorDecoder.ofDefaults().decode(ResponseView.builder(400).headers(headers).body(xml).build());
  }
}
