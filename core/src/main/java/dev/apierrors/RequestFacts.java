package dev.apierrors;

import dev.apierrors.internal.OneLine;
import java.util.Objects;
import java.util.Set;

/**
 * What the retry decision needs to know about a request: its method, whether it carries
 * an {@code Idempotency-Key} header, and whether its body can be sent only once.
 *
 * <pre>{@code
 * RequestFacts facts = RequestFacts.of("POST").withIdempotencyKey(true);
 * }</pre>
 *
 * <p>Thread-safety: immutable.
 */
public final class RequestFacts {
  /** The methods RFC 9110 §9.2.2 defines as idempotent (methods are case-sensitive). */
  private static final Set<String> IDEMPOTENT_METHODS =
      Set.of("GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE");

  private final String method;
  private final boolean idempotencyKey;
  private final boolean oneShotBody;

  private RequestFacts(String method, boolean idempotencyKey, boolean oneShotBody) {
    this.method = method;
    this.idempotencyKey = idempotencyKey;
    this.oneShotBody = oneShotBody;
  }

  /**
   * Returns the facts of a request with this method, without an {@code Idempotency-Key}
   * and with a body that can be sent again (or none).
   *
   * @param method the request method as sent, e.g. {@code GET}
   * @return the request's facts
   * @throws IllegalArgumentException if {@code method} is blank
   */
  public static RequestFacts of(String method) {
    Objects.requireNonNull(method, "method");
    if (method.isBlank()) {
      throw new IllegalArgumentException("method must not be blank");
    }
    return new RequestFacts(method, false, false);
  }

  /**
   * Returns a copy saying whether the request has an {@code Idempotency-Key} header.
   *
   * @param hasIdempotencyKey whether the request has the header
   * @return a new value; this one is unchanged
   */
  public RequestFacts withIdempotencyKey(boolean hasIdempotencyKey) {
    return new RequestFacts(method, hasIdempotencyKey, oneShotBody);
  }

  /**
   * Returns a copy saying whether the request body can be written only once.
   *
   * @param oneShot whether the body can be written only once
   * @return a new value; this one is unchanged
   */
  public RequestFacts withOneShotBody(boolean oneShot) {
    return new RequestFacts(method, idempotencyKey, oneShot);
  }

  /** {@return the request method as sent, e.g. {@code GET}} */
  public String method() {
    return method;
  }

  /** {@return whether the request has an {@code Idempotency-Key} header} */
  public boolean hasIdempotencyKey() {
    return idempotencyKey;
  }

  /** {@return whether the request body can be written only once (it is then never resent)} */
  public boolean hasOneShotBody() {
    return oneShotBody;
  }

  /**
   * Whether sending the request twice is safe: an idempotent method (GET, HEAD, OPTIONS,
   * TRACE, PUT, DELETE) or an {@code Idempotency-Key} header.
   *
   * @return true when the request may be sent twice
   */
  public boolean isIdempotent() {
    return idempotencyKey || IDEMPOTENT_METHODS.contains(method);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RequestFacts r
        && method.equals(r.method)
        && idempotencyKey == r.idempotencyKey
        && oneShotBody == r.oneShotBody;
  }

  @Override
  public int hashCode() {
    return Objects.hash(method, idempotencyKey, oneShotBody);
  }

  /** One bounded line, e.g. {@code RequestFacts{method=POST, idempotencyKey}}. */
  @Override
  public String toString() {
    return OneLine.of("RequestFacts")
        .add("method", method).flag("idempotencyKey", idempotencyKey).flag("oneShotBody", oneShotBody)
        .toString();
  }
}
