package dev.apierrors.internal.format;

import dev.apierrors.spi.ErrorBody;
import dev.apierrors.spi.ErrorFields;
import dev.apierrors.spi.ErrorFormat;
import java.io.StringReader;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

/**
 * Row 3, {@code problem_xml} (RFC 9457 Appendix B): {@code application/problem+xml} whose
 * body is well-formed XML. The {@code type}, {@code title}, {@code status}, {@code detail}
 * and {@code instance} children of the root element (in the {@code urn:ietf:rfc:7807}
 * namespace, or in none) are read; other children are ignored (extensions are JSON-only).
 *
 * <p>The JDK's parser is hardened against hostile bodies: any DOCTYPE is refused (so no
 * entity, internal or external, is ever declared: no XXE, no billion laughs), external
 * DTDs, schemas and XInclude are off, and secure processing is on. A refused or malformed
 * body is simply not this format: it falls through to {@code html} or {@code plain_text}.
 */
public final class ProblemXmlFormat implements ErrorFormat {
  /** The namespace of RFC 9457 Appendix B (kept from RFC 7807). */
  public static final String NAMESPACE = "urn:ietf:rfc:7807";

  private static final ErrorHandler SILENT =
      new ErrorHandler() {
        // Without a handler the JDK prints "[Fatal Error]" lines to stderr for every bad body.
        @Override
        public void warning(SAXParseException e) {}

        @Override
        public void error(SAXParseException e) throws SAXParseException {
          throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXParseException {
          throw e;
        }
      };

  @Override
  public String name() {
    return "problem_xml";
  }

  @Override
  public Optional<ErrorFields> decode(ErrorBody body) {
    if (body.mediaType().filter("application/problem+xml"::equals).isEmpty()) {
      return Optional.empty();
    }
    Element root = parse(body.text().strip());
    if (root == null) {
      return Optional.empty();
    }
    Map<String, String> members = new HashMap<>();
    for (Node child = root.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element element
          && (element.getNamespaceURI() == null || NAMESPACE.equals(element.getNamespaceURI()))) {
        String name = element.getLocalName() != null ? element.getLocalName() : element.getTagName();
        String text = element.getTextContent().strip();
        if (!text.isEmpty()) {
          members.putIfAbsent(name, text);
        }
      }
    }
    String type = members.get("type");
    return Optional.of(
        ErrorFields.builder()
            .title(members.get("title"))
            .detail(members.get("detail"))
            .type(type == null ? ProblemJsonFormat.ABOUT_BLANK : type)
            .instance(members.get("instance"))
            .build());
  }

  /** The root element of {@code xml}, or null when it is not acceptable well-formed XML. */
  static @Nullable Element parse(String xml) {
    try {
      DocumentBuilder builder = hardenedFactory().newDocumentBuilder();
      builder.setErrorHandler(SILENT);
      builder.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
      Document document = builder.parse(new InputSource(new StringReader(xml)));
      return document.getDocumentElement();
    } catch (Exception | StackOverflowError e) {
      return null;
    }
  }

  /** A new factory per parse: DocumentBuilderFactory is not documented as thread-safe. */
  private static DocumentBuilderFactory hardenedFactory() throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
    factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    factory.setXIncludeAware(false);
    factory.setExpandEntityReferences(false);
    factory.setValidating(false);
    return factory;
  }
}
