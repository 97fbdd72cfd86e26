package dev.apierrors.fuzz;

import dev.apierrors.spi.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * A header fuzzer's input, read as text so that seeds are written by hand: one header
 * field per line, {@code Name: value} (split at the first colon; a line without one is
 * ignored), and an optional {@code @now: <epoch seconds>} line that sets the local
 * clock (clamped to {@link Instant}'s range; default {@link #DEFAULT_NOW}). Invalid
 * UTF-8 becomes U+FFFD, so every byte string is some input.
 */
record HeaderInput(List<Field> fields, Instant now) {
  static final Instant DEFAULT_NOW = Instant.parse("2026-06-01T12:00:00Z");

  /** One header field as the input gave it (the value is not stripped here). */
  record Field(String name, String value) {}

  static HeaderInput of(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    List<Field> fields = new ArrayList<>();
    Instant now = DEFAULT_NOW;
    for (String line : text.split("\n", -1)) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = line.substring(0, colon).strip();
      String value = line.substring(colon + 1);
      if (name.equals("@now")) {
        now = clock(value.strip(), now);
      } else {
        fields.add(new Field(name, value));
      }
    }
    return new HeaderInput(List.copyOf(fields), now);
  }

  private static Instant clock(String seconds, Instant fallback) {
    try {
      long s = Long.parseLong(seconds);
      return Instant.ofEpochSecond(
          Math.max(Instant.MIN.getEpochSecond(), Math.min(Instant.MAX.getEpochSecond(), s)));
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  HttpHeaders headers() {
    return headersWhere(f -> true);
  }

  /** The headers made of the fields that {@code keep} accepts, in order. */
  HttpHeaders headersWhere(Predicate<Field> keep) {
    HttpHeaders.Builder builder = HttpHeaders.builder();
    for (Field f : fields) {
      if (keep.test(f)) {
        builder.add(f.name, f.value);
      }
    }
    return builder.build();
  }

  /** Whether {@code field} is named one of {@code names}, without regard to case. */
  static boolean named(Field field, List<String> names) {
    String lower = field.name.toLowerCase(Locale.ROOT);
    return names.stream().anyMatch(n -> n.toLowerCase(Locale.ROOT).equals(lower));
  }
}
