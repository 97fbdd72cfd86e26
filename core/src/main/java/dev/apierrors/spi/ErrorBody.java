package dev.apierrors.spi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * What an {@link ErrorFormat} gets to decode: the response and its body, read once,
 * decoded to text once and parsed as JSON at most once.
 *
 * <p>Thread-safety: implementations are immutable; the JSON tree must not be modified.
 */
public interface ErrorBody {
  /** The HTTP status. */
  int status();

  /** The response headers. */
  HttpHeaders headers();

  /**
   * The media type of {@code Content-Type}, lower-cased and without parameters, e.g.
   * {@code application/problem+json}.
   */
  Optional<String> mediaType();

  /** The body as text, in its charset (bad bytes become U+FFFD, a BOM is dropped). */
  String text();

  /**
   * The body parsed as JSON, when it is JSON; for a JSON object cut by the body limit,
   * the object with the members complete before the cut. Must not be modified.
   */
  Optional<JsonNode> json();

  /** Whether the body was cut at the decoder's limit. */
  boolean truncated();

  /** The status's reason phrase ({@code Not Found}, {@code HTTP 599} when unregistered). */
  String reasonPhrase();
}
