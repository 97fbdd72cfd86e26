package dev.apierrors.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apierrors.spi.ErrorBody;
import dev.apierrors.spi.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The {@link ErrorBody} the pipeline hands to every format: read once, decoded to text
 * at most once (when a format asks for it, for a body parsed from its UTF-8 bytes), parsed
 * as JSON at most once. Not to be shared across threads; the tree must not be changed.
 */
public final class DecodedBody implements ErrorBody {
  private static final HeaderName CONTENT_TYPE = HeaderName.of("Content-Type");

  private final int status;
  private final HttpHeaders headers;
  /** Held as the optionals the formats ask for, each asking several times: built once. */
  private final Optional<String> mediaType;
  /** The text; null until asked for when it is built from {@link #utf8} on demand. */
  private @Nullable String text;
  /** The bytes the text is decoded from when asked for (UTF-8); null when the text is given. */
  private final byte @Nullable [] utf8;
  private final Optional<JsonNode> json;
  private final boolean truncated;

  private DecodedBody(int status, HttpHeaders headers, @Nullable String contentType, @Nullable String text,
      byte @Nullable [] utf8, @Nullable JsonNode json, boolean truncated) {
    this.status = status;
    this.headers = headers;
    this.mediaType = BodyText.mediaType(contentType);
    this.text = text;
    this.utf8 = utf8;
    this.json = Optional.ofNullable(json);
    this.truncated = truncated;
  }

  /** A body with its decoded text and, when it is JSON, its tree. */
  public static DecodedBody of(
      int status, HttpHeaders headers, String text, @Nullable JsonNode json, boolean truncated) {
    return of(status, headers, CONTENT_TYPE.first(headers), text, json, truncated);
  }

  /**
   * As {@link #of(int, HttpHeaders, String, JsonNode, boolean)}, with the {@code Content-Type}
   * its caller has already looked up (the pipeline reads it once, for the charset).
   */
  public static DecodedBody of(int status, HttpHeaders headers, @Nullable String contentType, String text,
      @Nullable JsonNode json, boolean truncated) {
    return new DecodedBody(
        status, Objects.requireNonNull(headers), contentType, Objects.requireNonNull(text), null, json, truncated);
  }

  /**
   * A body whose text is the UTF-8 decoding of {@code utf8}, built only if a format asks for
   * it: a JSON body matched by a JSON format never needs it (for a 16 MiB body, a copy less
   * at the peak of decoding). Confined to the decoding thread, like every body.
   */
  public static DecodedBody ofUtf8(int status, HttpHeaders headers, @Nullable String contentType, byte[] utf8,
      @Nullable JsonNode json, boolean truncated) {
    return new DecodedBody(
        status, Objects.requireNonNull(headers), contentType, null, Objects.requireNonNull(utf8), json, truncated);
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
    String t = text;
    if (t == null) {
      t = BodyText.decodeWith(Objects.requireNonNull(utf8), StandardCharsets.UTF_8);
      text = t;
    }
    return t;
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
