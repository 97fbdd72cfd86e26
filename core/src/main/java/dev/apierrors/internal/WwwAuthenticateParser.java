package dev.apierrors.internal;

import dev.apierrors.Challenge;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Parses {@code WWW-Authenticate} values into challenges (RFC 9110 §11.6.1):
 *
 * <pre>
 * challenge  = auth-scheme [ 1*SP ( token68 / #auth-param ) ]
 * auth-param = token BWS "=" BWS ( token / quoted-string )
 * </pre>
 *
 * <p>A value may hold several challenges separated by commas; a comma followed by
 * {@code token =} continues the current challenge's parameters, while a comma followed
 * by another token starts a new challenge. Quoted strings are unquoted (backslash
 * escapes honoured); parameter names are lower-cased by {@link Challenge#of}; the first
 * of duplicate parameters wins.
 *
 * <p>Bad input is skipped, never thrown: an unparseable challenge or parameter is
 * dropped up to the next comma and parsing resumes there (so {@code Bearer
 * realm="unterminated} still yields a {@code Bearer} challenge, without that parameter).
 * Work is linear in the input and capped at {@value #MAX_CHALLENGES} challenges and
 * {@value #MAX_PARAMS} parameters per challenge. Thread-safety: stateless.
 */
public final class WwwAuthenticateParser {
  static final int MAX_CHALLENGES = 64;
  static final int MAX_PARAMS = 64;

  private WwwAuthenticateParser() {}

  /** Every challenge that can be parsed from {@code headerValues}, in order. */
  public static List<Challenge> parse(List<String> headerValues) {
    if (headerValues.isEmpty()) {
      return List.of(); // most errors: no challenge, nothing to build
    }
    List<Challenge> challenges = new ArrayList<>();
    for (String value : headerValues) {
      new Cursor(value).parseInto(challenges);
      if (challenges.size() >= MAX_CHALLENGES) {
        return List.copyOf(challenges.subList(0, MAX_CHALLENGES));
      }
    }
    return List.copyOf(challenges);
  }

  private static boolean isTchar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
  }

  private static boolean isToken68Char(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "-._~+/".indexOf(c) >= 0;
  }

  private static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t';
  }

  /** One pass over one header value. */
  private static final class Cursor {
    private final String s;
    private int pos;

    Cursor(String s) {
      this.s = s;
    }

    void parseInto(List<Challenge> out) {
      while (out.size() < MAX_CHALLENGES) {
        skipWhitespaceAndCommas();
        if (pos >= s.length()) {
          return;
        }
        String scheme = token();
        if (scheme == null) {
          skipPastComma();
          continue;
        }
        int afterScheme = pos;
        skipWhitespace();
        if (pos >= s.length() || s.charAt(pos) == ',') {
          out.add(Challenge.of(scheme, null, Map.of()));
          continue;
        }
        if (pos == afterScheme) {
          // Something glued to the scheme ("realm=x" without a scheme): not a challenge.
          skipPastComma();
          continue;
        }
        String token68 = token68();
        if (token68 != null) {
          out.add(Challenge.of(scheme, token68, Map.of()));
          continue;
        }
        out.add(Challenge.of(scheme, null, params()));
      }
    }

    /** A token68 standing alone (followed by the end or a comma), else null and no move. */
    private @Nullable String token68() {
      int start = pos;
      while (pos < s.length() && isToken68Char(s.charAt(pos))) {
        pos++;
      }
      if (pos == start) {
        return null;
      }
      while (pos < s.length() && s.charAt(pos) == '=') {
        pos++;
      }
      int end = pos;
      skipWhitespace();
      if (pos >= s.length() || s.charAt(pos) == ',') {
        return s.substring(start, end);
      }
      pos = start;
      return null;
    }

    /**
     * Auth-params up to the start of the next challenge or the end. Called only where a
     * token68 did not fit, so the first element is a parameter or junk.
     */
    private Map<String, String> params() {
      Map<String, String> params = new LinkedHashMap<>();
      while (pos < s.length()) {
        String name = token();
        skipWhitespace();
        if (name == null || pos >= s.length() || s.charAt(pos) != '=') {
          skipPastComma(); // not an auth-param: drop it up to the next comma
        } else {
          pos++;
          skipWhitespace();
          String value = pos < s.length() && s.charAt(pos) == '"' ? quotedString() : token();
          if (value == null) {
            skipPastComma(); // no value, or an unterminated quoted string
          } else {
            if (params.size() < MAX_PARAMS) {
              params.putIfAbsent(name, value);
            }
            skipWhitespace();
            if (pos < s.length() && s.charAt(pos) != ',') {
              skipPastComma(); // junk after a value
            }
          }
        }
        skipWhitespaceAndCommas();
        if (!nextIsParam()) {
          return params;
        }
      }
      return params;
    }

    /** Whether the cursor is at {@code token BWS "="}, i.e. another parameter. */
    private boolean nextIsParam() {
      int i = pos;
      while (i < s.length() && isTchar(s.charAt(i))) {
        i++;
      }
      if (i == pos) {
        return false;
      }
      while (i < s.length() && isWhitespace(s.charAt(i))) {
        i++;
      }
      return i < s.length() && s.charAt(i) == '=';
    }

    private @Nullable String token() {
      int start = pos;
      while (pos < s.length() && isTchar(s.charAt(pos))) {
        pos++;
      }
      return pos == start ? null : s.substring(start, pos);
    }

    /** A quoted-string at the cursor, unquoted; null (cursor at the end) if unterminated. */
    private @Nullable String quotedString() {
      StringBuilder sb = new StringBuilder();
      pos++; // opening quote
      while (pos < s.length()) {
        char c = s.charAt(pos++);
        if (c == '"') {
          return sb.toString();
        }
        if (c == '\\' && pos < s.length()) {
          c = s.charAt(pos++);
        }
        sb.append(c);
      }
      return null;
    }

    private void skipPastComma() {
      boolean quoted = false;
      while (pos < s.length()) {
        char c = s.charAt(pos++);
        if (quoted && c == '\\') {
          pos++;
        } else if (c == '"') {
          quoted = !quoted;
        } else if (!quoted && c == ',') {
          return;
        }
      }
    }

    private void skipWhitespace() {
      while (pos < s.length() && isWhitespace(s.charAt(pos))) {
        pos++;
      }
    }

    private void skipWhitespaceAndCommas() {
      while (pos < s.length() && (isWhitespace(s.charAt(pos)) || s.charAt(pos) == ',')) {
        pos++;
      }
    }
  }
}
