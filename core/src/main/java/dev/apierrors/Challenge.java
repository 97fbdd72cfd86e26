package dev.apierrors;

import dev.apierrors.internal.OneLine;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One authentication challenge of a {@code WWW-Authenticate} header (RFC 9110
 * §11.6.1): a scheme with either auth parameters or a token68.
 *
 * <p>Parameter names are case-insensitive and kept lower-cased; quoted values are
 * unquoted. {@link #toString()} is one line of at most 2,000 characters, control
 * characters escaped, the token68 never shown; a challenge of an {@link ApiError} also
 * masks the credentials of the request it answers. Thread-safety: immutable.
 */
public final class Challenge {
  private final String scheme;
  private final @Nullable String token68;
  private final Map<String, String> params;
  /** Masked in {@link #toString()}; not part of the value (equals ignores it). */
  private final Set<String> secrets;

  private Challenge(String scheme, @Nullable String token68, Map<String, String> params, Set<String> secrets) {
    this.scheme = scheme;
    this.token68 = token68;
    this.params = params;
    this.secrets = secrets;
  }

  /**
   * Returns a challenge.
   *
   * @param scheme the auth scheme as sent, e.g. {@code Bearer}
   * @param token68 the token68, or null when the challenge has parameters or nothing
   * @param params the auth parameters in order; names are lower-cased
   * @return the challenge
   * @throws IllegalArgumentException if the scheme is blank
   */
  public static Challenge of(String scheme, @Nullable String token68, Map<String, String> params) {
    if (scheme.isBlank()) {
      throw new IllegalArgumentException("scheme must not be blank");
    }
    Map<String, String> copy = new LinkedHashMap<>();
    params.forEach((k, v) -> copy.putIfAbsent(k.toLowerCase(Locale.ROOT), Objects.requireNonNull(v)));
    return new Challenge(scheme, token68, Collections.unmodifiableMap(copy), Set.of());
  }

  /** This challenge, masking {@code secrets} in its {@code toString()} as well. */
  Challenge masking(Set<String> secrets) {
    return secrets.isEmpty() || this.secrets.containsAll(secrets)
        ? this
        : new Challenge(scheme, token68, params, secrets);
  }

  /** {@return the auth scheme as the server wrote it, e.g. {@code Bearer}, {@code Basic}} */
  public String scheme() {
    return scheme;
  }

  /**
   * Whether this challenge's scheme is {@code name}, compared without regard to case.
   *
   * @param name a scheme name, e.g. {@code Bearer}
   * @return true when the scheme matches
   */
  public boolean isScheme(String name) {
    return scheme.equalsIgnoreCase(name);
  }

  /** {@return the token68 form of the challenge, when it has one} */
  public Optional<String> token68() {
    return Optional.ofNullable(token68);
  }

  /** {@return the auth parameters, names lower-cased, in the order sent} */
  public Map<String, String> params() {
    return params;
  }

  /**
   * One auth parameter, by case-insensitive name.
   *
   * @param name the parameter's name, in any case
   * @return the parameter's value, or empty when absent
   */
  public Optional<String> param(String name) {
    return Optional.ofNullable(params.get(name.toLowerCase(Locale.ROOT)));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Challenge c
        && scheme.equals(c.scheme)
        && Objects.equals(token68, c.token68)
        && params.equals(c.params);
  }

  @Override
  public int hashCode() {
    return Objects.hash(scheme, token68, params);
  }

  /** One bounded line: the scheme, {@code token68=…} when there is one, and the parameters. */
  @Override
  public String toString() {
    return OneLine.of("Challenge", secrets)
        .add("scheme", scheme)
        .add("token68", token68 == null ? null : "…")
        .map("params", params)
        .toString();
  }
}
