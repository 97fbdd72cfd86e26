package dev.apierrors.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apierrors.spi.ErrorBody;
import dev.apierrors.spi.HttpHeaders;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The {@link ErrorBody} the pipeline hands to every format: read once, decoded to text
 * once, parsed as JSON at most once. Immutable; the tree is shared and must not be changed.
 */
public final class DecodedBody implements ErrorBody {
  private final int status;
  private final HttpHeaders headers;
  /** Held as the optionals the formats ask for, each asking several times: built once. */
  private final Optional<String> mediaType;
  private final String text;
  private final Optional<JsonNode> json;
  private final boolean truncated;

  private DecodedBody(
      int status, HttpHeaders headers, String text, @Nullable JsonNode json, boolean truncated) {
    this.status = status;
    this.headers = headers;
    this.mediaType = BodyText.mediaType(headers.firstValue("Content-Type").orElse(null));
    this.text = text;
    this.json = Optional.ofNullable(json);
    this.truncated = truncated;
  }

  /** A body with its decoded text and, when it is JSON, its tree. */
  public static DecodedBody of(
      int status, HttpHeaders headers, String text, @Nullable JsonNode json, boolean truncated) {
    return new DecodedBody(
        status, Objects.requireNonNull(headers), Objects.requireNonNull(text), json, truncated);
  }

  @Override
  public int status() {
    return status;
  }

  @Override
  public HttpHeaders headers() {
    return headers;
  }

  @Override
  public Optional<String> mediaType() {
    return mediaType;
  }

  @Override
  public String text() {
    return text;
  }

  @Override
  public Optional<JsonNode> json() {
    return json;
  }

  @Override
  public boolean truncated() {
    return truncated;
  }

  @Override
  public String reasonPhrase() {
    return ReasonPhrases.of(status);
  }

  @Override
  public String toString() {
    return "DecodedBody{status=" + status + ", mediaType=" + mediaType.orElse(null) + ", json=" + json.isPresent()
        + ", truncated=" + truncated + '}';
  }
}
