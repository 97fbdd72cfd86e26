package dev.apierrors.internal;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Pulls the human-readable summary out of an HTML error page: the text of
 * {@code <title>}, else of the first {@code <h1>}, with tags inside stripped, the common
 * entities decoded and whitespace collapsed.
 *
 * <p>A hand-written linear scanner, not a regular expression and not an HTML parser: an
 * error page may be megabytes of hostile markup, and all we need is one element's text.
 * Every step is linear in the input, and the element's text is capped before processing.
 */
public final class HtmlText {
  /** The most raw characters of an element considered (far more than any real title). */
  static final int MAX_ELEMENT_CHARS = 64 * 1024;

  private static final Map<String, String> ENTITIES =
      Map.of("amp", "&", "lt", "<", "gt", ">", "quot", "\"", "apos", "'", "nbsp", "\u00A0");

  private HtmlText() {}

  /** The title (else first h1) text of {@code html}; null when neither has text. */
  public static @Nullable String summary(String html) {
    String title = elementText(html, "title");
    return title != null ? title : elementText(html, "h1");
  }

  /** The processed text of the first {@code <tag>} element; null when absent or blank. */
  static @Nullable String elementText(String html, String tag) {
    int open = findTag(html, tag, 0, false);
    if (open < 0) {
      return null;
    }
    int start = html.indexOf('>', open);
    if (start < 0) {
      return null;
    }
    start++;
    int end = findTag(html, tag, start, true);
    if (end < 0) {
      end = html.length();
    }
    end = Math.min(end, start + MAX_ELEMENT_CHARS);
    String text = collapseWhitespace(decodeEntities(stripTags(html.substring(start, end))));
    return text.isEmpty() ? null : BodyText.clip(text);
  }

  /**
   * The index of the {@code <} of the first {@code <tag} (or {@code </tag} when
   * {@code closing}) at or after {@code from}, matched without regard to case and followed
   * by {@code >}, {@code /}, whitespace or the end; -1 when none.
   */
  static int findTag(String html, String tag, int from, boolean closing) {
    int nameOffset = closing ? 2 : 1;
    for (int i = html.indexOf('<', from); i >= 0; i = html.indexOf('<', i + 1)) {
      if (closing && (i + 1 >= html.length() || html.charAt(i + 1) != '/')) {
        continue;
      }
      int after = i + nameOffset + tag.length();
      if (html.regionMatches(true, i + nameOffset, tag, 0, tag.length())
          && (after >= html.length() || isTagNameEnd(html.charAt(after)))) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isTagNameEnd(char c) {
    return c == '>' || c == '/' || Character.isWhitespace(c);
  }

  static String stripTags(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    boolean inTag = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (inTag) {
        inTag = c != '>';
      } else if (c == '<') {
        inTag = true;
        sb.append(' '); // <br>, </span><span>: words on either side stay apart
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** Decodes {@code &amp; &lt; &gt; &quot; &apos; &nbsp;}, {@code &#NN;} and {@code &#xHH;}. */
  static String decodeEntities(String s) {
    if (s.indexOf('&') < 0) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length());
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      int semi = c == '&' ? semicolonNear(s, i) : -1;
      if (semi > i + 1) {
        String decoded = entity(s.substring(i + 1, semi));
        if (decoded != null) {
          sb.append(decoded);
          i = semi + 1;
          continue;
        }
      }
      sb.append(c);
      i++;
    }
    return sb.toString();
  }

  /** The {@code ;} ending an entity that starts at {@code amp}; looks at most 10 chars ahead. */
  private static int semicolonNear(String s, int amp) {
    int limit = Math.min(s.length(), amp + 11);
    for (int j = amp + 1; j < limit; j++) {
      if (s.charAt(j) == ';') {
        return j;
      }
    }
    return -1;
  }

  private static @Nullable String entity(String name) {
    if (name.charAt(0) != '#') {
      return ENTITIES.get(name);
    }
    boolean hex = name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X');
    String digits = name.substring(hex ? 2 : 1);
    if (digits.isEmpty() || digits.length() > 7) {
      return null;
    }
    int codePoint;
    try {
      codePoint = Integer.parseInt(digits, hex ? 16 : 10);
    } catch (NumberFormatException e) {
      return null;
    }
    if (codePoint <= 0 || codePoint > Character.MAX_CODE_POINT
        || (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE)) {
      return "\uFFFD";
    }
    return new String(Character.toChars(codePoint));
  }

  /** Runs of whitespace (including no-break spaces) become one space; ends are trimmed. */
  static String collapseWhitespace(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    boolean pendingSpace = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        pendingSpace = sb.length() > 0;
      } else {
        if (pendingSpace) {
          sb.append(' ');
          pendingSpace = false;
        }
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
