package dev.apierrors.internal.format;

import java.io.StringReader;
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
 * The one way the XML formats ({@code problem_xml}, {@code xml_error}) parse a body: the
 * JDK's parser hardened against hostile bodies. Any DOCTYPE is refused (so no entity,
 * internal or external, is ever declared: no XXE, no billion laughs), external DTDs,
 * schemas and XInclude are off, secure processing is on, and elements nest at most
 * {@value #MAX_DEPTH} deep. A refused or malformed body gives null, never an exception.
 * Thread-safety: stateless.
 */
final class SecureXml {
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

  /** The JDK parser's limit on element depth (JAXP's {@code jdk.xml.maxElementDepth}). */
  private static final String MAX_ELEMENT_DEPTH = "http://www.oracle.com/xml/jaxp/properties/maxElementDepth";

  /** How deep an accepted document may nest: far more than any error document does. */
  static final int MAX_DEPTH = 64;

  private SecureXml() {}

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

  /** The element's name without its namespace prefix. */
  static String localName(Element element) {
    return element.getLocalName() != null ? element.getLocalName() : element.getTagName();
  }

  /** The first child element of {@code parent} whose local name is {@code name}, or null. */
  static @Nullable Element child(@Nullable Element parent, String name) {
    if (parent == null) {
      return null;
    }
    for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element element && localName(element).equals(name)) {
        return element;
      }
    }
    return null;
  }

  /** The text content of {@code element}, trimmed; null when it is absent or empty. */
  static @Nullable String text(@Nullable Element element) {
    if (element == null) {
      return null;
    }
    String text = element.getTextContent().strip();
    return text.isEmpty() ? null : text;
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
    try {
      // Error documents are a few levels deep; a deeper one is refused while it is parsed,
      // before reading its text could recurse once per level.
      factory.setAttribute(MAX_ELEMENT_DEPTH, MAX_DEPTH);
    } catch (IllegalArgumentException e) {
      // Another JAXP implementation: without the limit, a too-deep text still cannot
      // crash the decoding (the pipeline falls back to plain text).
    }
    factory.setXIncludeAware(false);
    factory.setExpandEntityReferences(false);
    factory.setValidating(false);
    return factory;
  }
}
