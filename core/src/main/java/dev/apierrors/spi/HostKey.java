package dev.apierrors.spi;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Which host a request goes to, for the state its calls share ({@link HostStateStore}):
 * scheme, host and port, and optionally a key of the user's (e.g. an API token's id, so
 * that two tokens' limits stay apart). The user's key may be secret: it takes part in
 * {@link #equals(Object)} but never appears in {@link #toString()} or {@link #label()}.
 *
 * @param scheme {@code http} or {@code https}, lower case
 * @param host the host name or address, lower case
 * @param port the port
 * @param userKey the user's key; null for none
 */
public record HostKey(String scheme, String host, int port, @Nullable String userKey) {
  /**
   * Normalises and checks the components.
   *
   * @param scheme {@code http} or {@code https}, lower case
   * @param host the host name or address, lower case
   * @param port the port
   * @param userKey the user's key; null for none
   * @throws IllegalArgumentException if {@code port} is not in 1..65535
   */
  public HostKey {
    scheme = Objects.requireNonNull(scheme, "scheme").toLowerCase(Locale.ROOT);
    host = Objects.requireNonNull(host, "host").toLowerCase(Locale.ROOT);
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be in 1..65535, was " + port);
    }
  }

  /**
   * The key of {@code scheme://host:port}, without a user key.
   *
   * @param scheme {@code http} or {@code https}
   * @param host the host name or address
   * @param port the port
   * @return the key
   */
  public static HostKey of(String scheme, String host, int port) {
    return new HostKey(scheme, host, port, null);
  }

  /**
   * This key with the user's key {@code userKey} (null for none).
   *
   * @param userKey the user's key, or null for none
   * @return a new key; this one is unchanged
   */
  public HostKey withUserKey(@Nullable String userKey) {
    return new HostKey(scheme, host, port, userKey);
  }

  /** {@return the user's key, when there is one} */
  public Optional<String> user() {
    return Optional.ofNullable(userKey);
  }

  /**
   * The host as events, logs and metrics name it: the host, with {@code :port} when the
   * port is not the scheme's default. Never the user's key.
   *
   * @return the host's label
   */
  public String label() {
    boolean defaultPort = ("https".equals(scheme) && port == 443) || ("http".equals(scheme) && port == 80);
    return defaultPort ? host : host + ':' + port;
  }

  @Override
  public String toString() {
    return scheme + "://" + label() + (userKey == null ? "" : " (user key ****)");
  }
}
