package dev.apierrors.spi;

import dev.apierrors.internal.HeaderName;
import dev.apierrors.internal.OneLine;
import dev.apierrors.internal.SpiAccess;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Immutable HTTP header fields: names are case-insensitive, a name may have several
 * values, and the order in which values were added is kept.
 *
 * <p>{@link #toString()} never shows the value of a credential-bearing header
 * ({@code Authorization}, {@code Proxy-Authorization}, {@code Cookie},
 * {@code Set-Cookie}).
 *
 * <p>Thread-safety: instances are immutable and safe to share.
 */
public final class HttpHeaders {
  private static final HttpHeaders EMPTY = new HttpHeaders(new String[0], new Object[0], 0, true);

  static {
    // The SDK's own lookups (some twenty-five names per decoded error) with each name's
    // filter bits computed once.
    SpiAccess.installHeaderLookup(new SpiAccess.HeaderLookup() {
      @Override
      public int indexOf(HttpHeaders headers, HeaderName name) {
        return headers.find(name.name(), name.bits());
      }

      @Override
      public String firstValue(HttpHeaders headers, int index) {
        return headers.firstAt(index);
      }

      @Override
      public List<String> allValues(HttpHeaders headers, int index) {
        return headers.valuesAt(index);
      }
    });
  }

  private static final Set<String> SENSITIVE =
      Set.of("authorization", "proxy-authorization", "cookie", "set-cookie");

  /**
   * Above this many distinct names, lookups go through a map of lower-cased names; at or
   * below it (every real response), through the arrays, comparing names without
   * lower-casing them: every decoded error looks up a dozen names, nearly all absent.
   */
  private static final int SCAN_MAX = 16;

  /** The distinct names, each as first added (original case), in order; the first {@link #count}. */
  private final String[] names;
  /**
   * The values of each name, in order: its one value (a {@link String}, nearly every field)
   * or an immutable list of two or more. No list is built for a field sent once, and the
   * arrays are the builder's own, handed over (it copies them if it is used again).
   */
  private final Object[] values;
  /** How many distinct names {@link #names} and {@link #values} hold. */
  private final int count;
  /** Lower-cased name to index, only when there are more than {@link #SCAN_MAX} names. */
  private final @Nullable Map<String, Integer> index;
  /**
   * Whether every name is ASCII: then a lookup by an ASCII name compares lengths first and
   * never lower-cases (for ASCII, {@code equalsIgnoreCase} is the same rule as lower-casing).
   */
  private final boolean asciiNames;
  /**
   * A filter of the names present: two bits per name, set from its length and its first and
   * last characters, lower-cased ({@link HeaderName#bits}); all bits set when some name is not
   * ASCII. A lookup whose bits are not all set finds nothing without scanning: decoding an
   * error asks for some twenty-five names (request ids, rate limits, retry-after, credentials),
   * nearly all absent, and a response has a dozen fields.
   */
  private final long nameFilter;

  private HttpHeaders(String[] names, Object[] values, int count, boolean asciiNames) {
    this.names = names;
    this.values = values;
    this.count = count;
    this.asciiNames = asciiNames;
    long filter = 0;
    for (int i = 0; i < count; i++) {
      long bits = asciiNames ? HeaderName.bits(names[i]) : 0;
      filter |= bits != 0 ? bits : -1L; // a name the filter cannot hold turns it off
    }
    this.nameFilter = filter;
    this.index = count > SCAN_MAX ? lowerIndex(names, count) : null;
  }

  /** {@return headers with no fields} */
  public static HttpHeaders empty() {
    return EMPTY;
  }

  /**
   * Returns headers holding a copy of {@code fields}.
   *
   * @param fields the values of each field name, in order
   * @return the headers
   * @throws NullPointerException if a name, list or value is null
   */
  public static HttpHeaders of(Map<String, ? extends List<String>> fields) {
    Builder builder = builder();
    fields.forEach((name, values) -> values.forEach(value -> builder.add(name, value)));
    return builder.build();
  }

  /**
   * Returns headers from alternating names and values: {@code of("Retry-After", "5")}.
   *
   * @param namesAndValues a name, its value, the next name, its value, ...
   * @return the headers
   * @throws IllegalArgumentException if the number of arguments is odd
   */
  public static HttpHeaders of(String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("expected name, value pairs; got an odd number of strings");
    }
    Builder builder = builder();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      builder.add(namesAndValues[i], namesAndValues[i + 1]);
    }
    return builder.build();
  }

  /** {@return a new, empty builder} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The first value of {@code name} (case-insensitive), trimmed, if present.
   *
   * @param name the field name, in any case
   * @return the first value, or empty when absent
   */
  public Optional<String> firstValue(String name) {
    int i = find(name);
    return i < 0 ? Optional.empty() : Optional.of(firstAt(i));
  }

  /** The first value of the name at {@code i}. */
  private String firstAt(int i) {
    return values[i] instanceof String one ? one : valuesAt(i).get(0);
  }

  /**
   * Every value of {@code name} (case-insensitive), in order; empty if absent.
   *
   * @param name the field name, in any case
   * @return the values, in the order received
   */
  public List<String> allValues(String name) {
    int i = find(name);
    return i < 0 ? List.of() : valuesAt(i);
  }

  /** The values of the name at {@code i}, as a list (built for a field sent once). */
  @SuppressWarnings("unchecked")
  private List<String> valuesAt(int i) {
    Object held = values[i];
    return held instanceof String one ? List.of(one) : (List<String>) held;
  }

  /**
   * Whether a field named {@code name} (case-insensitive) is present.
   *
   * @param name the field name, in any case
   * @return true when at least one field has this name
   */
  public boolean contains(String name) {
    return find(name) >= 0;
  }

  private int find(String name) {
    return find(name, nameFilter != -1L && index == null ? HeaderName.bits(name) : 0);
  }

  /**
   * The index of {@code name}, -1 if absent.
   *
   * @param bits {@code name}'s {@link HeaderName#bits}, or 0 for no filtering
   */
  private int find(String name, long bits) {
    Map<String, Integer> map = index;
    if (map != null) {
      Integer i = map.get(lower(name));
      return i == null ? -1 : i;
    }
    if (bits != 0 && (nameFilter & bits) != bits) {
      return -1;
    }
    return indexOf(names, count, name, asciiNames);
  }

  /**
   * The index of the name among the first {@code count} that equals {@code name} ignoring
   * case; -1 if none. When {@code namesAscii} says every name is ASCII, a name of another
   * length never matches (no character lower-cases to a different number of ASCII
   * characters), and one that {@code equalsIgnoreCase} rejects never matches either (a
   * character that lower-cases to an ASCII letter, the Kelvin sign say, passes it too).
   * Whether {@code name} is ASCII is asked only when it passes and is not the same string:
   * a name absent from the headers (nearly every lookup) costs a length comparison per
   * field, and one sent in the case it is asked in costs an {@code equals}.
   */
  private static int indexOf(String[] names, int count, String name, boolean namesAscii) {
    for (int i = 0; i < count; i++) {
      String candidate = names[i];
      if (!namesAscii) {
        if (sameName(candidate, name)) {
          return i;
        }
      } else if (candidate.length() == name.length()
          && (candidate.equals(name) || candidate.equalsIgnoreCase(name) && (isAscii(name) || sameName(candidate, name)))) {
        // equalsIgnoreCase passes some names the lower-casing rule does not (a dotless i
        // for an i): for a name not ASCII, the rule itself decides.
        return i;
      }
    }
    return -1;
  }

  /**
   * Whether two names are equal once lower-cased ({@link Locale#ROOT}), without
   * lower-casing them when both are ASCII (then {@code equalsIgnoreCase} is the same rule).
   */
  static boolean sameName(String a, String b) {
    if (isAscii(a) && isAscii(b)) {
      return a.equalsIgnoreCase(b);
    }
    return lower(a).equals(lower(b));
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /** {@return the field names as first added (original case), in order} */
  public List<String> names() {
    return List.of(Arrays.copyOf(names, count));
  }

  /** {@return whether there are no fields} */
  public boolean isEmpty() {
    return count == 0;
  }

  /**
   * Whether the value of {@code name} is a credential and must never be shown.
   *
   * @param name a header field name, in any case
   * @return true for {@code Authorization}, {@code Proxy-Authorization}, {@code Cookie} and {@code Set-Cookie}
   */
  public static boolean isSensitive(String name) {
    return SENSITIVE.contains(lower(name));
  }

  /** Lower-cased name to values, in order: what equality is about. */
  private Map<String, List<String>> byLowerName() {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      map.put(lower(names[i]), valuesAt(i));
    }
    return map;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HttpHeaders other && byLowerName().equals(other.byLowerName());
  }

  @Override
  public int hashCode() {
    return byLowerName().hashCode();
  }

  /**
   * The fields, one per name, on one line of at most 2,000 characters: credential values
   * replaced by {@code [██]}, control characters escaped, at most 10 fields and how many
   * more, e.g. {@code HttpHeaders{fields={Retry-After=[5], Cookie=[██]}}}.
   */
  @Override
  public String toString() {
    return OneLine.of("HttpHeaders")
        .entries("fields", count, java.util.stream.IntStream.range(0, count)
            .mapToObj(i -> names[i] + "=" + (isSensitive(names[i]) ? "[██]" : valuesAt(i).toString()))
            .iterator())
        .toString();
  }

  /** Each of the first {@code count} names, lower-cased, to its index: the lookup past {@link #SCAN_MAX} names. */
  private static Map<String, Integer> lowerIndex(String[] names, int count) {
    Map<String, Integer> map = new HashMap<>();
    for (int i = 0; i < count; i++) {
      map.put(lower(names[i]), i);
    }
    return map;
  }

  private static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /**
   * Builds {@link HttpHeaders}. Not thread-safe; {@link #build()} may be called
   * repeatedly and each result is independent of later changes.
   */
  public static final class Builder {
    private String[] names = new String[8];
    /**
     * Per name, its one value (a {@link String}, nearly every field) or its values so far
     * (an {@link ArrayList}, or the immutable list a build made of it): no list is built for
     * a field sent once.
     */
    private Object[] values = new Object[8];
    private int count;
    /**
     * Whether the arrays were handed to a built {@link HttpHeaders}: a later {@link #add}
     * copies them first, so that what was built never changes (a builder is nearly always
     * built once, and then nothing is copied).
     */
    private boolean shared;
    /** Whether every name so far is ASCII: then a lookup compares lengths first. */
    private boolean asciiNames = true;
    private @Nullable Map<String, Integer> index;

    private Builder() {}

    /**
     * Adds one value for {@code name}; leading and trailing whitespace of the value
     * is removed (RFC 9110 §5.5).
     *
     * @param name the field name
     * @param value the field value
     * @return this builder
     * @throws NullPointerException if either argument is null
     */
    public Builder add(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      if (shared) {
        names = Arrays.copyOf(names, names.length);
        values = Arrays.copyOf(values, values.length);
        shared = false;
      }
      int i = find(name);
      if (i < 0) {
        asciiNames &= isAscii(name);
        i = count++;
        if (i == names.length) {
          names = Arrays.copyOf(names, i * 2);
          values = Arrays.copyOf(values, i * 2);
        }
        names[i] = name;
        if (index != null) {
          index.put(lower(name), i);
        } else if (count > SCAN_MAX) {
          index = lowerIndex(names, count);
        }
      }
      String stripped = value.strip();
      Object held = values[i];
      if (held == null) {
        values[i] = stripped;
      } else if (held instanceof String first) {
        List<String> all = new ArrayList<>(2);
        all.add(first);
        all.add(stripped);
        values[i] = all;
      } else if (!(held instanceof ArrayList<?>)) {
        @SuppressWarnings("unchecked")
        List<String> all = new ArrayList<>((List<String>) held); // made immutable by a build
        all.add(stripped);
        values[i] = all;
      } else {
        @SuppressWarnings("unchecked")
        List<String> all = (List<String>) held;
        all.add(stripped);
      }
      return this;
    }

    private int find(String name) {
      Map<String, Integer> map = index;
      if (map != null) {
        Integer i = map.get(lower(name));
        return i == null ? -1 : i;
      }
      return indexOf(names, count, name, asciiNames);
    }

    /** {@return the immutable headers built so far} */
    public HttpHeaders build() {
      if (count == 0) {
        return EMPTY;
      }
      for (int i = 0; i < count; i++) {
        if (values[i] instanceof ArrayList<?> all) {
          values[i] = List.copyOf(all); // immutable from now on; a later add copies it
        }
      }
      shared = true;
      return new HttpHeaders(names, values, count, asciiNames);
    }
  }
}
