package dev.apierrors.spi;

import dev.apierrors.ApiException;
import dev.apierrors.internal.OneLine;
import dev.apierrors.internal.Redaction;
import dev.apierrors.internal.SmallSet;
import dev.apierrors.internal.SpiAccess;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The credentials of the requests that went out for one call, so that none of them is
 * shown: for adapters, which collect them from every request sent (the caller's, each
 * redirect, the request as it left on the network) and hand them to the
 * {@link ResponseView} and to {@link #scrub(IOException)} for the I/O failures they pass on.
 *
 * <p>What counts as a credential: the values of {@code Authorization},
 * {@code Proxy-Authorization} and {@code Cookie} (whole, the credentials after the scheme,
 * each cookie value), of {@code Set-Cookie} (whole and the cookie value), and the values of
 * the query (and fragment) parameters named {@code token}, {@code access_token},
 * {@code api_key}, {@code apikey}, {@code key}, {@code secret}, {@code client_secret},
 * {@code password}, {@code signature} or {@code sig}, in any case.
 *
 * <pre>{@code
 * Secrets secrets = Secrets.builder()
 *     .request(originalUrl, originalHeaders)
 *     .request(redirectedUrl, headersAsSent)
 *     .responseHeaders(responseHeaders)
 *     .build();
 * }</pre>
 *
 * <p>{@link #toString()} shows only how many values are held. Thread-safety: immutable.
 */
public final class Secrets {
  private static final Secrets NONE = new Secrets(Set.of());
  /** How deep causes and suppressed exceptions are followed; deeper ones are left out of a copy. */
  private static final int MAX_DEPTH = 16;

  static {
    SpiAccess.installSecretValues(secrets -> secrets.values);
  }

  private final Set<String> values;

  private Secrets(Set<String> values) {
    this.values = values;
  }

  /** {@return no credentials: text is still made one bounded line, and shaped credentials masked} */
  public static Secrets none() {
    return NONE;
  }

  /** {@return an empty builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return whether no value is held} */
  public boolean isEmpty() {
    return values.isEmpty();
  }

  /**
   * Masks the values held.
   *
   * @param text any text
   * @return {@code text} with every value held replaced by {@code [REDACTED]}
   */
  public String scrub(String text) {
    return Redaction.scrub(text, values);
  }

  /**
   * Returns {@code failure} itself when no message, {@code toString()}, cause or suppressed
   * exception of it shows a credential (the usual case: nothing is copied), else a copy
   * where each does not: the same class where it has a public {@code (String)} constructor
   * (so that {@code catch} clauses and retry decisions treat it alike), with the same stack
   * trace, its causes and suppressed exceptions copied the same way; a plain
   * {@link IOException} naming the class otherwise. Masked are the values held and, since
   * the transport may quote what the server sent (a malformed status line, a chunk header),
   * anything shaped like a credential: {@code Bearer xyz}, {@code Authorization: ...},
   * {@code api_key=xyz}. An {@link ApiException} is kept as it is: it masks its own.
   *
   * @param failure the failure to pass on
   * @return {@code failure}, or its masked copy
   */
  public IOException scrub(IOException failure) {
    Objects.requireNonNull(failure, "failure");
    if (failure instanceof ApiException) {
      return failure; // it masks its own
    }
    try {
      if (!shows(failure, Collections.newSetFromMap(new IdentityHashMap<>()), 0)) {
        return failure;
      }
      Throwable copy = copy(failure, new IdentityHashMap<>(), 0);
      return copy instanceof IOException io ? io : new IOException(safe(failure.getClass().getName()), copy);
    } catch (RuntimeException | StackOverflowError e) {
      // A failure whose getMessage() or toString() throws: nothing of it can be checked, so none is shown.
      return new IOException(safe(failure.getClass().getName()) + " (its message could not be checked for credentials)");
    }
  }

  /**
   * Returns {@code text} as one line safe to show in a {@code toString()}: the values held
   * masked, control characters escaped, at most 2,000 characters (cut with {@code …}).
   *
   * @param text any text
   * @return the line
   */
  public String oneLine(CharSequence text) {
    return OneLine.text(text, values, OneLine.MAX_LENGTH);
  }

  /** {@return the number of values held, never a value} */
  @Override
  public String toString() {
    return "Secrets{" + values.size() + " values}";
  }

  private String safe(@Nullable String text) {
    return text == null ? "" : Redaction.scrubShapes(Redaction.scrub(text, values));
  }

  private boolean unsafe(@Nullable String text) {
    return text != null && !safe(text).equals(text);
  }

  /**
   * Whether any string of {@code t}'s graph shows a credential; each throwable visited
   * once. A graph deeper than {@link #MAX_DEPTH} counts as showing one: the copy cuts it.
   */
  private boolean shows(Throwable t, Set<Throwable> seen, int depth) {
    if (depth > MAX_DEPTH) {
      return true;
    }
    if (!seen.add(t) || t instanceof ApiException) {
      return false;
    }
    if (unsafe(t.getMessage()) || unsafe(t.getLocalizedMessage()) || unsafe(t.toString())) {
      return true;
    }
    Throwable cause = t.getCause();
    if (cause != null && shows(cause, seen, depth + 1)) {
      return true;
    }
    for (Throwable s : t.getSuppressed()) {
      if (shows(s, seen, depth + 1)) {
        return true;
      }
    }
    return false;
  }

  private Throwable copy(Throwable t, Map<Throwable, Throwable> copies, int depth) {
    Throwable done = copies.get(t);
    if (done != null) {
      return done;
    }
    if (t instanceof ApiException || !shows(t, Collections.newSetFromMap(new IdentityHashMap<>()), depth)) {
      copies.put(t, t);
      return t;
    }
    String message = t.getMessage() == null ? null : safe(t.getMessage());
    Throwable copy = sameClass(t, message);
    if (copy == null) {
      String line = safe(t.getClass().getName()) + (message == null ? "" : ": " + message);
      copy = t instanceof IOException ? new IOException(line) : new RuntimeException(line);
    }
    copies.put(t, copy);
    copy.setStackTrace(t.getStackTrace());
    Throwable cause = t.getCause();
    if (cause != null && copy.getCause() == null && depth < MAX_DEPTH) {
      try {
        copy.initCause(copy(cause, copies, depth + 1));
      } catch (IllegalStateException | IllegalArgumentException e) {
        // A class that set its cause to null itself: the copy goes without one.
      }
    }
    for (Throwable s : depth < MAX_DEPTH ? t.getSuppressed() : new Throwable[0]) {
      Throwable suppressed = copy(s, copies, depth + 1);
      if (suppressed != copy) {
        copy.addSuppressed(suppressed);
      }
    }
    return copy;
  }

  /** A new instance of {@code t}'s class with {@code message}, when that class allows it safely. */
  private @Nullable Throwable sameClass(Throwable t, @Nullable String message) {
    Class<? extends Throwable> type = t.getClass();
    if (!Modifier.isPublic(type.getModifiers())) {
      return null;
    }
    try {
      Constructor<? extends Throwable> constructor = type.getConstructor(String.class);
      Throwable copy = constructor.newInstance(message);
      if (t instanceof InterruptedIOException from && copy instanceof InterruptedIOException to) {
        to.bytesTransferred = from.bytesTransferred;
      }
      // A constructor that adds text of its own (or a toString() that shows fields) is not trusted.
      boolean clean = !unsafe(copy.getMessage()) && !unsafe(copy.toString());
      return clean ? copy : null;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return null;
    }
  }

  /**
   * Collects {@link Secrets}. Not thread-safe; {@link #build()} may be called repeatedly.
   */
  public static final class Builder {
    private final SmallSet values = SmallSet.create();

    private Builder() {}

    /**
     * Adds the credentials of one request that went out: its credential headers and the
     * secret parameters of its URL.
     *
     * @param url the request's URL as sent (not redacted)
     * @param headers the request's headers as sent (all of them: only credentials are kept)
     * @return this builder
     */
    public Builder request(String url, HttpHeaders headers) {
      Redaction.addSecretValues(values, headers, HttpHeaders.empty(), Objects.requireNonNull(url, "url"));
      return this;
    }

    /**
     * Adds the {@code Set-Cookie} values of a response (a redirect's, or the final one's).
     *
     * @param headers the response's headers
     * @return this builder
     */
    public Builder responseHeaders(HttpHeaders headers) {
      Redaction.addSecretValues(values, HttpHeaders.empty(), headers, null);
      return this;
    }

    /**
     * Adds everything {@code other} holds.
     *
     * @param other more secrets
     * @return this builder
     */
    public Builder addAll(Secrets other) {
      values.addAll(other.values);
      return this;
    }

    /** {@return the immutable secrets collected so far} */
    public Secrets build() {
      return values.isEmpty() ? NONE : new Secrets(values.toImmutable());
    }
  }
}
