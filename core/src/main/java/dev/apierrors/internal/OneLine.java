package dev.apierrors.internal;

import java.util.Collection;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Builds the {@code toString()} of every public value: {@code Type{name=value, ...}} on one
 * line of at most {@link #MAX_LENGTH} characters, whatever the values hold. Each value has
 * the known secrets masked (before anything is cut, so no prefix of a secret survives),
 * its control characters escaped ({@link #escape}), and is cut at
 * {@link #MAX_VALUE_LENGTH} characters; a list or map shows at most {@link #MAX_ITEMS}
 * items and says how many more there are ({@code … 499,990 more}), even when the line is
 * nearly full. A line that would pass the limit ends with {@code …}}.
 *
 * <p>The work is bounded too: a value is scrubbed and escaped only as far as it can be
 * shown, and a list's items past those shown are never turned into strings.
 *
 * <p>Not thread-safe; one per {@code toString()} call.
 */
public final class OneLine {
  /** The longest line, in characters (UTF-16 units). */
  public static final int MAX_LENGTH = 2_000;
  /** The longest single value, in characters, before it is cut with {@code …}. */
  public static final int MAX_VALUE_LENGTH = 300;
  /** The most items of a list or map shown. */
  public static final int MAX_ITEMS = 10;

  private static final String ELLIPSIS = "…";
  /** Room kept while filling a list for its {@code , … 2,147,483,647 more]} and what closes the line. */
  private static final int SUMMARY_ROOM = 32;
  /** Below this much room, a list item is not started: the summary counts it instead. */
  private static final int MIN_ITEM_ROOM = 24;

  private final StringBuilder sb;
  private final Set<String> secrets;
  private final int longestSecret;
  private boolean empty = true;
  private boolean cut;

  private OneLine(Set<String> secrets) {
    this.sb = new StringBuilder(128);
    this.secrets = secrets;
    int longest = 0;
    for (String secret : secrets) {
      longest = Math.max(longest, secret.length());
    }
    this.longestSecret = longest;
  }

  private static OneLine begin(String type, Set<String> secrets) {
    OneLine line = new OneLine(secrets);
    line.appendValue(type, MAX_VALUE_LENGTH);
    line.sb.append('{');
    return line;
  }

  /** Starts {@code Type{...}}, with no secrets to mask. */
  public static OneLine of(String type) {
    return begin(type, Set.of());
  }

  /** Starts {@code Type{...}}, masking each of {@code secrets} wherever it appears. */
  public static OneLine of(String type, Set<String> secrets) {
    return begin(type, secrets);
  }

  /** Adds {@code name=value}; nothing when {@code value} is null. */
  public OneLine add(String name, @Nullable Object value) {
    if (value != null && name(name)) {
      appendValue(String.valueOf(value), Math.min(MAX_VALUE_LENGTH, room()));
    }
    return this;
  }

  /** Adds {@code name=value}. */
  public OneLine add(String name, long value) {
    return add(name, (Object) Long.toString(value));
  }

  /** Adds the bare {@code name} when {@code set}, e.g. {@code truncated}. */
  public OneLine flag(String name, boolean set) {
    if (set && separator()) {
      appendValue(name, Math.min(MAX_VALUE_LENGTH, room()));
    }
    return this;
  }

  /** Adds {@code name=[a, b, … 12 more]}; nothing when {@code items} is empty. */
  public OneLine list(String name, Collection<?> items) {
    if (!items.isEmpty() && name(name)) {
      appendItems('[', items.iterator(), items.size(), ']');
    }
    return this;
  }

  /** Adds {@code name={k=v, … 3 more}}; nothing when {@code map} is empty. */
  public OneLine map(String name, Map<?, ?> map) {
    if (!map.isEmpty() && name(name)) {
      appendItems('{', map.entrySet().iterator(), map.size(), '}');
    }
    return this;
  }

  /**
   * Adds {@code name={a, b, … 3 more}} from {@code size} items given one by one (e.g. a
   * view that hides credentials); nothing when {@code size} is 0.
   */
  public OneLine entries(String name, int size, Iterator<?> items) {
    if (size > 0 && name(name)) {
      appendItems('{', items, size, '}');
    }
    return this;
  }

  /** The line: {@code Type{...}}, ending {@code …}} when something was left out for length. */
  @Override
  public String toString() {
    return cut ? sb + ELLIPSIS + "}" : sb + "}";
  }

  /**
   * Returns {@code text} with each of {@code secrets} masked, control characters escaped
   * and cut at {@code max} characters (with {@code …}): one line for free text such as a
   * decision's reason or an attempt's message.
   */
  public static String text(CharSequence text, Set<String> secrets, int max) {
    OneLine line = new OneLine(secrets);
    line.appendValue(text, max);
    return line.sb.toString();
  }

  /**
   * Returns {@code text} with the characters that could break or forge a log line
   * written as one of their own: {@code \r}, {@code \n}, {@code \t} and {@code \0} as such,
   * every other C0 and C1 control character, DEL, the Unicode line and paragraph
   * separators, the bidirectional controls and lone surrogates as a Unicode escape: a
   * backslash, {@code u} and the character's four hexadecimal digits.
   */
  public static String escape(CharSequence text) {
    StringBuilder sb = new StringBuilder(text.length());
    appendEscaped(sb, text, 0, text.length(), Integer.MAX_VALUE);
    return sb.toString();
  }

  private boolean name(String name) {
    if (!separator()) {
      return false;
    }
    appendValue(name, Math.min(MAX_VALUE_LENGTH, room()));
    if (room() < 2) {
      cut = true;
      return false;
    }
    sb.append('=');
    return true;
  }

  /** Appends {@code ", "} before any field but the first; false when the line is full. */
  private boolean separator() {
    if (cut) {
      return false;
    }
    int needed = empty ? 1 : 3;
    if (room() < needed) {
      cut = true;
      return false;
    }
    if (!empty) {
      sb.append(", ");
    }
    empty = false;
    return true;
  }

  /** Characters that may still be added, keeping room for {@code …}} at the end. */
  private int room() {
    return MAX_LENGTH - 2 - sb.length();
  }

  private void appendItems(char open, Iterator<?> items, int size, char close) {
    sb.append(open);
    int shown = 0;
    while (shown < MAX_ITEMS && items.hasNext()) {
      int itemRoom = room() - SUMMARY_ROOM - (shown == 0 ? 0 : 2);
      if (itemRoom < MIN_ITEM_ROOM) {
        break;
      }
      Object item = items.next();
      if (shown > 0) {
        sb.append(", ");
      }
      appendValue(String.valueOf(item), Math.min(MAX_VALUE_LENGTH, itemRoom));
      shown++;
    }
    if (shown < size) {
      sb.append(shown == 0 ? "" : ", ").append(ELLIPSIS).append(' ')
          .append(String.format(Locale.ROOT, "%,d", size - shown)).append(" more");
    }
    sb.append(close);
  }

  /**
   * Appends {@code value} scrubbed, escaped and cut to {@code max} characters. Only the
   * part that can be shown is scrubbed: a secret starting inside it ends at most
   * {@code longestSecret} characters after it.
   */
  private void appendValue(CharSequence value, int max) {
    if (max <= 0) {
      cut = true;
      return;
    }
    CharSequence shown = value;
    boolean more = false;
    if (!secrets.isEmpty()) {
      int window = (int) Math.min(value.length(), (long) max + longestSecret);
      shown = Redaction.scrub(value.subSequence(0, window).toString(), secrets);
      more = window < value.length();
    }
    int before = sb.length();
    if (appendEscaped(sb, shown, 0, shown.length(), max) == shown.length() && !more) {
      return;
    }
    sb.setLength(before);
    appendEscaped(sb, shown, 0, shown.length(), max - 1);
    sb.append(ELLIPSIS);
  }

  /**
   * Appends {@code text[from, to)} escaped while the result grows by at most {@code max}
   * characters; an escape or a surrogate pair is never split. Returns where it stopped.
   */
  private static int appendEscaped(StringBuilder sb, CharSequence text, int from, int to, int max) {
    long limit = (long) sb.length() + Math.max(0, max);
    int i = from;
    while (i < to) {
      char c = text.charAt(i);
      String escaped = null;
      int width = 1;
      if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(text.charAt(i + 1))) {
        width = 2;
      } else if (needsEscape(c)) {
        escaped = switch (c) {
          case '\r' -> "\\r";
          case '\n' -> "\\n";
          case '\t' -> "\\t";
          case '\0' -> "\\0";
          default -> String.format(Locale.ROOT, "\\u%04x", (int) c);
        };
      }
      int length = escaped == null ? width : escaped.length();
      if (sb.length() + length > limit) {
        return i;
      }
      if (escaped == null) {
        sb.append(text, i, i + width);
      } else {
        sb.append(escaped);
      }
      i += width;
    }
    return i;
  }

  private static boolean needsEscape(char c) {
    return c < 0x20
        || (c >= 0x7f && c <= 0x9f)
        || c == '\u2028' || c == '\u2029'
        || c == '\u200e' || c == '\u200f'
        || (c >= '\u202a' && c <= '\u202e')
        || (c >= '\u2066' && c <= '\u2069')
        || Character.isSurrogate(c); // a lone one: a pair is handled before
  }
}
