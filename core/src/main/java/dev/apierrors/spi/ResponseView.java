package dev.apierrors.spi;

import dev.apierrors.ErrorDecoder;
import dev.apierrors.internal.HeaderName;
import dev.apierrors.internal.OneLine;
import dev.apierrors.internal.Redaction;
import dev.apierrors.internal.SpiAccess;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A transport-neutral view of one HTTP response, as any HTTP client can fill it:
 * status, headers, the bounded body, and the request it answers. This is what the
 * {@link ErrorDecoder} reads.
 *
 * <p>The request's credential headers ({@code Authorization}, {@code Proxy-Authorization},
 * {@code Cookie}) may be given with {@link Builder#requestHeaders(HttpHeaders)}: they are
 * kept only to scrub their values from every message and {@code toString()}, in case a
 * server echoes them back. The credentials of the other requests that went out for the
 * call (redirects, the request as sent on the network) are given as {@link Secrets} with
 * {@link Builder#secrets(Secrets)}.
 *
 * <p>Thread-safety: immutable.
 */
public final class ResponseView {
  private static final HeaderName CONTENT_TYPE = HeaderName.of("Content-Type");

  private final int status;
  private final HttpHeaders headers;
  private final BoundedBody body;
  private final @Nullable String requestMethod;
  private final @Nullable String requestUrl;
  private final HttpHeaders requestHeaders;
  private final Secrets secrets;

  private ResponseView(Builder b) {
    this.status = b.status;
    this.headers = b.headers;
    this.body = b.body;
    this.requestMethod = b.requestMethod;
    this.requestUrl = b.requestUrl;
    this.requestHeaders = b.requestHeaders;
    this.secrets = b.secrets;
  }

  /**
   * Returns a builder for a response with this status.
   *
   * @param status the HTTP status, 100..999
   * @return a new builder
   * @throws IllegalArgumentException if {@code status} is not in 100..999
   */
  public static Builder builder(int status) {
    return new Builder(status);
  }

  /** {@return the HTTP status code} */
  public int status() {
    return status;
  }

  /** {@return the response's header fields} */
  public HttpHeaders headers() {
    return headers;
  }

  /** {@return the response's {@code Content-Type}, if any, as sent} */
  public Optional<String> contentType() {
    return CONTENT_TYPE.firstValue(headers);
  }

  /** {@return the body bytes read (at most the decoder's limit)} */
  public BoundedBody body() {
    return body;
  }

  /** {@return the method of the request this response answers, e.g. {@code GET}} */
  public Optional<String> requestMethod() {
    return Optional.ofNullable(requestMethod);
  }

  /** {@return the URL of the request as sent (not redacted: never log it as is)} */
  public Optional<String> requestUrl() {
    return Optional.ofNullable(requestUrl);
  }

  /** {@return the request headers given to the builder (used only for redaction)} */
  public HttpHeaders requestHeaders() {
    return requestHeaders;
  }

  /** {@return the credentials given to the builder, masked wherever the SDK shows text} */
  public Secrets secrets() {
    return secrets;
  }

  /**
   * One line of at most 2,000 characters: the status, the headers (credential values
   * hidden) and the body's size; never the URL's secrets or the body's text.
   */
  @Override
  public String toString() {
    // A response header may echo a credential of the request: mask those as well.
    Set<String> masked = Redaction.secretValues(requestHeaders, headers, requestUrl);
    masked.addAll(SpiAccess.values(secrets));
    return OneLine.of("ResponseView", masked)
        .add("status", status)
        .add("headers", headers.isEmpty() ? null : headers)
        .add("request", requestMethod == null ? null : requestMethod + " "
            + (requestUrl == null ? "" : Redaction.redactUrl(requestUrl)))
        .add("body", body)
        .toString();
  }

  /** Builds a {@link ResponseView}. Not thread-safe. */
  public static final class Builder {
    private final int status;
    private HttpHeaders headers = HttpHeaders.empty();
    private BoundedBody body = BoundedBody.empty();
    private @Nullable String requestMethod;
    private @Nullable String requestUrl;
    private HttpHeaders requestHeaders = HttpHeaders.empty();
    private Secrets secrets = Secrets.none();

    private Builder(int status) {
      if (status < 100 || status > 999) {
        throw new IllegalArgumentException("status must be a 3-digit HTTP status, was " + status);
      }
      this.status = status;
    }

    /**
     * Sets the response headers (default: none).
     *
     * @param headers the response headers
     * @return this builder
     */
    public Builder headers(HttpHeaders headers) {
      this.headers = Objects.requireNonNull(headers, "headers");
      return this;
    }

    /**
     * Sets the body read (default: empty).
     *
     * @param body the body read
     * @return this builder
     */
    public Builder body(BoundedBody body) {
      this.body = Objects.requireNonNull(body, "body");
      return this;
    }

    /**
     * Sets a complete body from a string, sent as UTF-8 (for tests and tools).
     *
     * @param utf8Body a complete body from a string
     * @return this builder
     */
    public Builder body(String utf8Body) {
      this.body = BoundedBody.of(utf8Body.getBytes(java.nio.charset.StandardCharsets.UTF_8), false);
      return this;
    }

    /**
     * Sets the request this response answers.
     *
     * @param method the request method, e.g. {@code GET}
     * @param url the request URL as sent
     * @return this builder
     */
    public Builder request(String method, String url) {
      this.requestMethod = Objects.requireNonNull(method, "method");
      this.requestUrl = Objects.requireNonNull(url, "url");
      return this;
    }

    /**
     * Sets the request's headers, whose credential values are scrubbed from every message.
     *
     * @param requestHeaders the request's headers
     * @return this builder
     */
    public Builder requestHeaders(HttpHeaders requestHeaders) {
      this.requestHeaders = Objects.requireNonNull(requestHeaders, "requestHeaders");
      return this;
    }

    /**
     * Sets the credentials of the other requests that went out for this response (each
     * redirect, the request as it left on the network): masked in every message and
     * {@code toString()} (default: none).
     *
     * @param secrets the credentials collected by the adapter
     * @return this builder
     */
    public Builder secrets(Secrets secrets) {
      this.secrets = Objects.requireNonNull(secrets, "secrets");
      return this;
    }

    /** {@return the immutable view} */
    public ResponseView build() {
      return new ResponseView(this);
    }
  }
}
