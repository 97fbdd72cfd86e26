package dev.apierrors.examples.support;

import org.jspecify.annotations.Nullable;

/**
 * Text shown on a terminal: values come from untrusted response bodies, so control
 * characters (ANSI escapes, newlines) are made visible instead of being printed.
 * Thread-safety: stateless.
 */
public final class Text {
  private Text() {}

  /**
   * Returns {@code value} on one line with control characters escaped ({@code \n},
   * {@code \u001b}, ...), cut to {@code max} characters with an ellipsis; {@code -} for null.
   */
  public static String oneLine(@Nullable String value, int max) {
    if (value == null) {
      return "-";
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (sb.length() >= max) {
        return sb.append('…').toString();
      }
      switch (c) {
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }

  /** Pads {@code value} with spaces on the right to {@code width} characters. */
  public static String pad(String value, int width) {
    return value.length() >= width ? value : value + " ".repeat(width - value.length());
  }
}
