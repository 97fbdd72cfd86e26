package dev.apierrors.internal.format;

import dev.apierrors.BuiltInFormat;
import dev.apierrors.spi.ErrorBody;
import dev.apierrors.spi.ErrorFields;
import dev.apierrors.spi.ErrorFormat;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Row 3, {@code problem_xml} (RFC 9457 Appendix B): {@code application/problem+xml} whose
 * body is well-formed XML. The {@code type}, {@code title}, {@code status}, {@code detail}
 * and {@code instance} children of the root element (in the {@code urn:ietf:rfc:7807}
 * namespace, or in none) are read; other children are ignored (extensions are JSON-only).
 *
 * <p>The body is parsed by {@link SecureXml} (no DOCTYPE, no entity, no external access).
 * A refused or malformed body is simply not this format: it falls through to the rows
 * after it.
 */
public final class ProblemXmlFormat implements ErrorFormat {
  /** The namespace of RFC 9457 Appendix B (kept from RFC 7807). */
  public static final String NAMESPACE = "urn:ietf:rfc:7807";

  @Override
  public String name() {
    return BuiltInFormat.PROBLEM_XML.wireName();
  }

  @Override
  public Optional<ErrorFields> decode(ErrorBody body) {
    if (body.mediaType().filter("application/problem+xml"::equals).isEmpty()) {
      return Optional.empty();
    }
    Element root = SecureXml.parse(body.text().strip());
    if (root == null) {
      return Optional.empty();
    }
    Map<String, String> members = new HashMap<>();
    for (Node child = root.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element element
          && (element.getNamespaceURI() == null || NAMESPACE.equals(element.getNamespaceURI()))) {
        String text = SecureXml.text(element);
        if (text != null) {
          members.putIfAbsent(SecureXml.localName(element), text);
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
}
