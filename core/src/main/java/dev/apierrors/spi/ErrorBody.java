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
  /** {@return the HTTP status} */
  int status();

  /** {@return the response headers} */
  HttpHeaders headers();

  /**
   * The media type of {@code Content-Type}, lower-cased and without parameters, e.g.
   * {@code application/problem+json}.
   *
   * @return the media type, or empty without a valid {@code Content-Type}
   */
  Optional<String> mediaType();

  /** {@return the body as text, in its charset (bad bytes become U+FFFD, a BOM is dropped)} */
  String text();

  /**
   * The body parsed as JSON, when it is JSON; for a JSON object cut by the body limit,
   * the object with the members complete before the cut. Must not be modified.
   *
   * @return the parsed JSON, or empty when the body is not JSON
   */
  Optional<JsonNode> json();

  /** {@return whether the body was cut at the decoder's limit} */
  boolean truncated();

  /** {@return the status's reason phrase ({@code Not Found}, {@code HTTP 599} when unregistered)} */
  String reasonPhrase();
}
