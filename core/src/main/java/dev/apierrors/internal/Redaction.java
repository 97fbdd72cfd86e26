package dev.apierrors.internal;

import dev.apierrors.spi.HttpHeaders;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

  /** {@link #SECRET_PARAMS} as an array, for the allocation-free scan of every URL. */
  private static final String[] SECRET_PARAM_NAMES = SECRET_PARAMS.toArray(new String[0]);

  /** The longest of {@link #SECRET_PARAMS}: a longer name is not one of them. */
  private static final int LONGEST_SECRET_PARAM =
      SECRET_PARAMS.stream().mapToInt(String::length).max().orElse(0);

  private static final HeaderName[] CREDENTIAL_REQUEST_HEADERS =
      {HeaderName.of("Authorization"), HeaderName.of("Proxy-Authorization"), HeaderName.of("Cookie")};
  private static final HeaderName COOKIE = CREDENTIAL_REQUEST_HEADERS[2];
  private static final HeaderName SET_COOKIE = HeaderName.of("Set-Cookie");

  /**
   * Credentials by their shape, for text the transport wrote (an I/O failure's message may
   * quote a status line or a chunk header the server sent): an auth scheme followed by its
   * credentials, a credential header's value, and a secret-named {@code name=value}.
   */
  private static final Pattern CREDENTIAL_SHAPES = Pattern.compile(
      "(?i)(\\b(?:bearer|basic|digest|negotiate|ntlm|token|mac|hoba)\\s+)[^\\s,;\"']+"
          + "|(\\b(?:proxy-authorization|authorization|set-cookie|cookie)\\s*[:=]\\s*).+"
          + "|((?<![a-z0-9_])(?:" + String.join("|", SECRET_PARAMS) + ")\\s*=\\s*)[^&\\s\"';,]+");

  /** Values shorter than this are not scrubbed from free text: too likely to hit innocent words. */
  private static final int MIN_SECRET_LENGTH = 4;

  /**
   * What separates one parameter from the next in a query or a fragment: a {@code ?} or a
   * {@code #} inside one too (a fragment may hold a second {@code #}), so that no secret
   * hides behind a name that merely ends in one.
   */
  private static final String PAIR_SEPARATORS = "&?#";

  private Redaction() {}

  /** Whether a query parameter with this name carries a secret. */
  public static boolean isSecretParam(String name) {
    return SECRET_PARAMS.contains(name.toLowerCase(Locale.ROOT));
  }

  /**
   * Returns {@code url} with the value of every secret parameter of its query and of its
   * fragment (OAuth's implicit flow puts {@code access_token} there) replaced by
   * {@link #MASK}, and any user-info ({@code user:pass@}) replaced by {@link #MASK}.
   */
  public static String redactUrl(String url) {
    if (url.indexOf('@') < 0 && !mayHaveSecretParam(url)) {
      return url; // nearly every URL: nothing to mask, nothing to build
    }
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
    int hash = result.indexOf('#');
    String beforeFragment = hash < 0 ? result : result.substring(0, hash);
    int q = beforeFragment.indexOf('?');
    StringBuilder sb = new StringBuilder(result.length());
    if (q < 0) {
      sb.append(beforeFragment);
    } else {
      sb.append(beforeFragment, 0, q + 1);
      redactParams(beforeFragment.substring(q + 1), sb);
    }
    if (hash >= 0) {
      sb.append('#');
      redactParams(result.substring(hash + 1), sb);
    }
    return sb.toString();
  }

  /**
   * Whether a parameter of the query or fragment of {@code url} may be secret: a name that
   * is one of {@link #SECRET_PARAMS} (any case), or one with {@code %}, {@code +} or a character
   * beyond ASCII that only decoding or case mapping can tell. Conservative and allocation-free; {@link #redactUrl} then does
   * the exact work.
   */
  public static boolean mayHaveSecretParam(String url) {
    // String.indexOf is an intrinsic: the path before the query is skipped at its speed.
    int query = url.indexOf('?');
    int fragment = url.indexOf('#');
    int start = query < 0 ? fragment : fragment < 0 ? query : Math.min(query, fragment);
    while (start >= 0 && start < url.length()) {
      int nameStart = start + 1;
      int end = nameStart;
      while (end < url.length()) {
        char c = url.charAt(end);
        if (c == '=' || c == '&' || c == '?' || c == '#') {
          break;
        }
        if (c == '%' || c == '+' || c >= 0x80) {
          return true; // decoding or case mapping beyond ASCII: let the exact rule decide
        }
        end++;
      }
      int length = end - nameStart;
      if (length <= LONGEST_SECRET_PARAM) {
        for (String secret : SECRET_PARAM_NAMES) {
          if (secret.length() == length && asciiRegionMatchesLower(url, nameStart, secret)) {
            return true;
          }
        }
      }
      start = indexOfAny(url, "&?#", end);
    }
    return false;
  }

  /**
   * Whether {@code url} from {@code start} is {@code lowerSecret} in any case. The caller
   * has checked that those characters are ASCII: a plain comparison after lower-casing A-Z
   * then decides exactly what {@code regionMatches(true, ...)} would, without its per-character
   * case tables (it was most of building an error's URL).
   */
  private static boolean asciiRegionMatchesLower(String url, int start, String lowerSecret) {
    for (int k = 0; k < lowerSecret.length(); k++) {
      char c = url.charAt(start + k);
      if (c >= 'A' && c <= 'Z') {
        c += 'a' - 'A';
      }
      if (c != lowerSecret.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Appends {@code params} ({@code a=b&c=d}) to {@code sb} with secret values masked. A
   * {@code ?} or a {@code #} also separates pairs, so that {@code #x?token=..},
   * {@code #x#token=..} or {@code ?a=1?token=..} cannot hide a secret behind a name that
   * merely ends in one ({@link #mayHaveSecretParam} separates them the same way).
   */
  private static void redactParams(String params, StringBuilder sb) {
    int start = 0;
    while (start <= params.length()) {
      int end = indexOfAny(params, PAIR_SEPARATORS, start);
      String pair = end < 0 ? params.substring(start) : params.substring(start, end);
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      if (eq >= 0 && isSecretParam(decode(name))) {
        sb.append(name).append('=').append(MASK);
      } else {
        sb.append(pair);
      }
      if (end < 0) {
        return;
      }
      sb.append(params.charAt(end));
      start = end + 1;
    }
  }

  /**
   * Collects the secret values that must never be shown: credential request headers
   * (whole, and their credentials after the scheme), {@code Set-Cookie} values and their
   * cookie values, and the secret parameters of the query and fragment of {@code url} (raw
   * and decoded).
   */
  public static Set<String> secretValues(
      HttpHeaders requestHeaders, HttpHeaders responseHeaders, @Nullable String url) {
    Set<String> secrets = SmallSet.create();
    addSecretValues(secrets, requestHeaders, responseHeaders, url);
    return secrets;
  }

  /** Adds what {@link #secretValues} collects to {@code secrets}: no set of its own on the way. */
  public static void addSecretValues(Set<String> secrets,
      HttpHeaders requestHeaders, HttpHeaders responseHeaders, @Nullable String url) {
    // Indexed loops: the field lists are short and an iterator per field showed in the
    // allocation of every error call.
    for (HeaderName header : CREDENTIAL_REQUEST_HEADERS) {
      List<String> values = header.allValues(requestHeaders);
      for (int i = 0; i < values.size(); i++) {
        String value = values.get(i);
        addCredential(secrets, value);
        if (header == COOKIE) {
          addCookieValues(secrets, value);
        }
      }
    }
    List<String> setCookies = SET_COOKIE.allValues(responseHeaders);
    for (int i = 0; i < setCookies.size(); i++) {
      String value = setCookies.get(i);
      addIfLongEnough(secrets, value);
      int semi = value.indexOf(';');
      addCookieValues(secrets, semi < 0 ? value : value.substring(0, semi));
    }
    if (url != null && mayHaveSecretParam(url)) {
      addUrlSecrets(secrets, url);
    }
  }

  /**
   * Whether {@link #addSecretValues} could find anything in these headers: whether they hold
   * one of the credential fields it reads. Lets a caller skip building a set for the
   * common response whose request sent no credential.
   */
  public static boolean hasCredentialFields(HttpHeaders requestHeaders, HttpHeaders responseHeaders) {
    for (HeaderName header : CREDENTIAL_REQUEST_HEADERS) {
      if (header.in(requestHeaders)) {
        return true;
      }
    }
    return SET_COOKIE.in(responseHeaders);
  }

  /**
   * The values of the secret parameters of {@code url}'s query and fragment (raw and
   * decoded), as {@link #secretValues} collects them; an immutable empty set, built without
   * allocating, when no parameter may be secret (nearly every URL).
   */
  public static Set<String> urlSecretValues(String url) {
    if (!mayHaveSecretParam(url)) {
      return Set.of();
    }
    Set<String> secrets = SmallSet.create();
    addUrlSecrets(secrets, url);
    return secrets;
  }

  /** Adds the secret parameters' values of {@code url}, whose parameters may be secret. */
  private static void addUrlSecrets(Set<String> secrets, String url) {
    int hash = url.indexOf('#');
    int q = url.indexOf('?');
    if (q >= 0 && (hash < 0 || q < hash)) {
      addParamValues(secrets, hash < 0 ? url.substring(q + 1) : url.substring(q + 1, hash));
    }
    if (hash >= 0) {
      addParamValues(secrets, url.substring(hash + 1));
    }
  }

  /**
   * Returns {@code text} with every occurrence of each secret replaced by {@link #MASK};
   * longer secrets first, so that a secret containing another is masked whole.
   */
  public static String scrub(String text, Set<String> secrets) {
    if (secrets.isEmpty() || text.isEmpty() || !containsAny(text, secrets)) {
      return text; // the common case: no secret in the text, nothing sorted or copied
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

  /**
   * Returns {@code text} with every credential {@link #CREDENTIAL_SHAPES shaped} like one
   * replaced by {@link #MASK}, whether or not its value is known: {@code Bearer xyz},
   * {@code Authorization: ...} (to the end of the text), {@code api_key=xyz}. For text from
   * the transport only: in an API's own words ("Basic plan required") it would mask too much.
   */
  public static String scrubShapes(String text) {
    Matcher m = CREDENTIAL_SHAPES.matcher(text);
    if (!m.find()) {
      return text;
    }
    StringBuilder sb = new StringBuilder(text.length());
    int last = 0;
    do {
      String prefix = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
      sb.append(text, last, m.start()).append(prefix).append(MASK);
      last = m.end();
    } while (m.find());
    return sb.append(text, last, text.length()).toString();
  }

  private static void addParamValues(Set<String> secrets, String params) {
    // Split by hand: String.split with a character class compiles a regex per call.
    int start = 0;
    while (start <= params.length()) {
      int end = indexOfAny(params, PAIR_SEPARATORS, start);
      String pair = end < 0 ? params.substring(start) : params.substring(start, end);
      start = end < 0 ? params.length() + 1 : end + 1;
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq >= 0 && isSecretParam(decode(pair.substring(0, eq)))) {
        String raw = pair.substring(eq + 1);
        addIfLongEnough(secrets, raw);
        addIfLongEnough(secrets, decode(raw));
      }
    }
  }

  /**
   * Adds a credential header's value whole, and the credentials after its scheme
   * ({@code Bearer xyz} gives {@code xyz}). The credentials are added whatever their
   * length: the contract forbids showing them, and real tokens are long enough that
   * masking a short one everywhere costs little.
   */
  private static void addCredential(Set<String> secrets, String value) {
    String v = value.strip();
    addIfLongEnough(secrets, v);
    int space = indexOfWhitespace(v);
    if (space > 0) {
      String credentials = v.substring(space + 1).strip();
      if (!credentials.isEmpty()) {
        secrets.add(credentials);
      }
    }
  }

  private static int indexOfWhitespace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        return i;
      }
    }
    return -1;
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

  private static boolean containsAny(String text, Set<String> secrets) {
    for (String secret : secrets) {
      if (!secret.isEmpty() && text.contains(secret)) {
        return true;
      }
    }
    return false;
  }

  /** The first index at or after {@code from} of one of {@code chars} (one to three characters); -1 if none. */
  private static int indexOfAny(String s, String chars, int from) {
    // Up to three characters, compared directly: a String.indexOf per character of a URL
    // was the larger part of redacting one.
    char a = chars.charAt(0);
    char b = chars.length() > 1 ? chars.charAt(1) : a;
    char c = chars.length() > 2 ? chars.charAt(2) : a;
    for (int i = from; i < s.length(); i++) {
      char x = s.charAt(i);
      if (x == a || x == b || x == c) {
        return i;
      }
    }
    return -1;
  }

}
