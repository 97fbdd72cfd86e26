package dev.apierrors.internal.format;

import dev.apierrors.BuiltInFormat;
import dev.apierrors.spi.ErrorBody;
import dev.apierrors.spi.ErrorFields;
import dev.apierrors.spi.ErrorFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Element;

/**
 * Row 11a, {@code xml_error}: the XML error documents of AWS S3, the AWS Query and EC2
 * APIs, MinIO, Google Cloud Storage and Azure Storage, e.g.
 * {@code <Error><Code>NoSuchKey</Code><Message>...</Message><RequestId>...</RequestId></Error>}.
 *
 * <p>Matches {@code application/xml} or {@code text/xml}, or a body of any other type (or
 * none) that starts, after whitespace and an optional XML declaration, with an
 * {@code <Error} or {@code <ErrorResponse} start tag; and only when the body is
 * well-formed XML ({@link SecureXml}: no DOCTYPE, no entity, no external access) whose
 * error element has a {@code Code} or {@code Message} child. The error element is the
 * root, else the root's first {@code Error} child (AWS Query's
 * {@code ErrorResponse/Error}), else the first {@code Error} of the root's {@code Errors}
 * (EC2's {@code Response/Errors/Error}). Names are compared by local name, in any
 * namespace; texts are trimmed.
 *
 * <p>Code: {@code Code}; detail: {@code Message}; title: the reason phrase; request id: a
 * {@code RequestId} or {@code RequestID} child of the root or of the error element (a
 * request-id header still wins).
 */
public final class XmlErrorFormat implements ErrorFormat {
  /** Whitespace, an optional XML declaration, whitespace, then an Error or ErrorResponse start tag. */
  private static final Pattern ERROR_START =
      Pattern.compile("\\s*(?:<\\?xml[^>]{0,512}\\?>\\s*)?<(?:Error|ErrorResponse)[\\s/>].*", Pattern.DOTALL);

  /** How much of the body's start the sniffing looks at; the pattern needs no more. */
  private static final int SNIFF_CHARS = 1024;

  @Override
  public String name() {
    return BuiltInFormat.XML_ERROR.wireName();
  }

  @Override
  public Optional<ErrorFields> decode(ErrorBody body) {
    if (!isXmlMediaType(body) && !startsWithErrorTag(body.text())) {
      return Optional.empty();
    }
    Element root = SecureXml.parse(body.text().strip());
    Element error = errorElement(root);
    if (root == null || error == null) {
      return Optional.empty();
    }
    String requestId = requestId(root);
    return Optional.of(
        ErrorFields.builder()
            .code(SecureXml.text(SecureXml.child(error, "Code")))
            .detail(SecureXml.text(SecureXml.child(error, "Message")))
            .requestId(requestId != null ? requestId : requestId(error))
            .build());
  }

  private static boolean isXmlMediaType(ErrorBody body) {
    return body.mediaType().filter(t -> t.equals("application/xml") || t.equals("text/xml")).isPresent();
  }

  static boolean startsWithErrorTag(String text) {
    String start = text.length() > SNIFF_CHARS ? text.substring(0, SNIFF_CHARS) : text;
    return ERROR_START.matcher(start).matches();
  }

  private static @Nullable Element errorElement(@Nullable Element root) {
    if (hasCodeOrMessage(root)) {
      return root;
    }
    Element error = SecureXml.child(root, "Error");
    if (hasCodeOrMessage(error)) {
      return error;
    }
    Element nested = SecureXml.child(SecureXml.child(root, "Errors"), "Error");
    return hasCodeOrMessage(nested) ? nested : null;
  }

  private static boolean hasCodeOrMessage(@Nullable Element element) {
    return SecureXml.child(element, "Code") != null || SecureXml.child(element, "Message") != null;
  }

  private static @Nullable String requestId(Element element) {
    String id = SecureXml.text(SecureXml.child(element, "RequestId"));
    return id != null ? id : SecureXml.text(SecureXml.child(element, "RequestID"));
  }
}
