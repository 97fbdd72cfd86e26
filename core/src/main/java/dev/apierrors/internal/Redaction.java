package dev.apierrors.internal;

import dev.apierrors.HttpHeaders;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Keeps credentials out of messages, {@code toString()}s and logs: secret query
 * parameters of URLs, and the values of credential headers wherever they appear.
 */
public final class Redaction {
  /** What replaces a secret. */
  public static final String MASK = "[REDACTED]";

  /** Query parameter names (compared without regard to case) whose values are secrets. */
  static final Set<String> SECRET_PARAMS =
      Set.of(
          "token", "access_token", "api_key", "apikey", "key", "secret", "client_secret",
          "password", "signature", "sig");

  private static final List<String> CREDENTIAL_REQUEST_HEADERS =
      List.of("Authorization", "Proxy-Authorization", "Cookie");

  /** Values shorter than this are not scrubbed from free text: too likely to hit innocent words. */
  private static final int MIN_SECRET_LENGTH = 4;

  private Redaction() {}

  /** Whether a query parameter with this name carries a secret. */
  public static boolean isSecretParam(String name) {
    return SECRET_PARAMS.contains(name.toLowerCase(Locale.ROOT));
  }

  /**
   * Returns {@code url} with the value of every secret query parameter replaced by
   * {@link #MASK}, and any user-info ({@code user:pass@}) removed.
   */
  public static String redactUrl(String url) {
    String result = url;
    int scheme = result.indexOf("://");
    if (scheme >= 0) {
      int hostStart = scheme + 3;
      int hostEnd = indexOfAny(result, "/?#", hostStart);
      int at = result.lastIndexOf('@', hostEnd < 0 ? result.length() - 1 : hostEnd - 1);
      if (at >= hostStart) {
        result = result.substring(0, hostStart) + MASK + "@" + result.substring(at + 1);
      }
    }
    int q = result.indexOf('?');
    if (q < 0) {
      return result;
    }
    int hash = result.indexOf('#', q);
    String query = hash < 0 ? result.substring(q + 1) : result.substring(q + 1, hash);
    String fragment = hash < 0 ? "" : result.substring(hash);
    StringBuilder sb = new StringBuilder(result.length()).append(result, 0, q + 1);
    String[] pairs = query.split("&", -1);
    for (int i = 0; i < pairs.length; i++) {
      if (i > 0) {
        sb.append('&');
      }
      String pair = pairs[i];
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      if (eq >= 0 && isSecretParam(decode(name))) {
        sb.append(name).append('=').append(MASK);
      } else {
        sb.append(pair);
      }
    }
    return sb.append(fragment).toString();
  }

  /**
   * Collects the secret values that must never be shown: credential request headers
   * (whole, and their credentials after the scheme), {@code Set-Cookie} values and their
   * cookie values, and the secret query parameters of {@code url} (raw and decoded).
   */
  public static Set<String> secretValues(
      HttpHeaders requestHeaders, HttpHeaders responseHeaders, @Nullable String url) {
    Set<String> secrets = new LinkedHashSet<>();
    for (String header : CREDENTIAL_REQUEST_HEADERS) {
      for (String value : requestHeaders.allValues(header)) {
        addCredential(secrets, value);
        if (header.equals("Cookie")) {
          addCookieValues(secrets, value);
        }
      }
    }
    for (String value : responseHeaders.allValues("Set-Cookie")) {
      addIfLongEnough(secrets, value);
      int semi = value.indexOf(';');
      addCookieValues(secrets, semi < 0 ? value : value.substring(0, semi));
    }
    if (url != null) {
      int q = url.indexOf('?');
      if (q >= 0) {
        int hash = url.indexOf('#', q);
        String query = hash < 0 ? url.substring(q + 1) : url.substring(q + 1, hash);
        for (String pair : query.split("&")) {
          int eq = pair.indexOf('=');
          if (eq >= 0 && isSecretParam(decode(pair.substring(0, eq)))) {
            String raw = pair.substring(eq + 1);
            addIfLongEnough(secrets, raw);
            addIfLongEnough(secrets, decode(raw));
          }
        }
      }
    }
    return secrets;
  }

  /**
   * Returns {@code text} with every occurrence of each secret replaced by {@link #MASK};
   * longer secrets first, so that a secret containing another is masked whole.
   */
  public static String scrub(String text, Set<String> secrets) {
    if (secrets.isEmpty() || text.isEmpty()) {
      return text;
    }
    List<String> ordered = new ArrayList<>(secrets);
    ordered.sort(Comparator.comparingInt(String::length).reversed());
    String result = text;
    for (String secret : ordered) {
      if (!secret.isEmpty() && result.contains(secret)) {
        result = result.replace(secret, MASK);
      }
    }
    return result;
  }

  private static void addCredential(Set<String> secrets, String value) {
    addIfLongEnough(secrets, value);
    int space = value.indexOf(' ');
    if (space > 0) {
      addIfLongEnough(secrets, value.substring(space + 1).strip());
    }
  }

  private static void addCookieValues(Set<String> secrets, String cookieHeader) {
    for (String cookie : cookieHeader.split(";")) {
      int eq = cookie.indexOf('=');
      if (eq >= 0) {
        addIfLongEnough(secrets, cookie.substring(eq + 1).strip());
      }
    }
  }

  private static void addIfLongEnough(Set<String> secrets, String value) {
    if (value.length() >= MIN_SECRET_LENGTH) {
      secrets.add(value);
    }
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  private static int indexOfAny(String s, String chars, int from) {
    for (int i = from; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }
}
