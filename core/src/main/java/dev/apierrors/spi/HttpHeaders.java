package dev.apierrors.spi;

import dev.apierrors.internal.OneLine;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

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
  private static final HttpHeaders EMPTY = new HttpHeaders(Map.of());
  private static final Set<String> SENSITIVE =
      Set.of("authorization", "proxy-authorization", "cookie", "set-cookie");

  /** Lower-cased name → (original name, values). */
  private final Map<String, Entry> entries;

  private record Entry(String name, List<String> values) {}

  private HttpHeaders(Map<String, Entry> entries) {
    this.entries = entries;
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
    Entry entry = entries.get(lower(name));
    return entry == null ? Optional.empty() : Optional.of(entry.values.get(0));
  }

  /**
   * Every value of {@code name} (case-insensitive), in order; empty if absent.
   *
   * @param name the field name, in any case
   * @return the values, in the order received
   */
  public List<String> allValues(String name) {
    Entry entry = entries.get(lower(name));
    return entry == null ? List.of() : entry.values;
  }

  /**
   * Whether a field named {@code name} (case-insensitive) is present.
   *
   * @param name the field name, in any case
   * @return true when at least one field has this name
   */
  public boolean contains(String name) {
    return entries.containsKey(lower(name));
  }

  /** {@return the field names as first added (original case), in order} */
  public List<String> names() {
    List<String> names = new ArrayList<>(entries.size());
    entries.values().forEach(e -> names.add(e.name));
    return Collections.unmodifiableList(names);
  }

  /** {@return whether there are no fields} */
  public boolean isEmpty() {
    return entries.isEmpty();
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

  @Override
  public boolean equals(Object o) {
    return o instanceof HttpHeaders other && entries.equals(other.entries);
  }

  @Override
  public int hashCode() {
    return entries.hashCode();
  }

  /**
   * The fields, one per name, on one line of at most 2,000 characters: credential values
   * replaced by {@code [██]}, control characters escaped, at most 10 fields and how many
   * more, e.g. {@code HttpHeaders{fields={Retry-After=[5], Cookie=[██]}}}.
   */
  @Override
  public String toString() {
    return OneLine.of("HttpHeaders")
        .entries("fields", entries.size(), entries.values().stream()
            .map(e -> e.name + "=" + (isSensitive(e.name) ? "[██]" : e.values.toString()))
            .iterator())
        .toString();
  }

  private static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /**
   * Builds {@link HttpHeaders}. Not thread-safe; {@link #build()} may be called
   * repeatedly and each result is independent of later changes.
   */
  public static final class Builder {
    private final Map<String, Entry> entries = new LinkedHashMap<>();

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
      entries
          .computeIfAbsent(lower(name), k -> new Entry(name, new ArrayList<>()))
          .values
          .add(value.strip());
      return this;
    }

    /** {@return the immutable headers built so far} */
    public HttpHeaders build() {
      if (entries.isEmpty()) {
        return EMPTY;
      }
      Map<String, Entry> copy = new LinkedHashMap<>();
      entries.forEach((k, e) -> copy.put(k, new Entry(e.name, List.copyOf(e.values))));
      return new HttpHeaders(Collections.unmodifiableMap(copy));
    }
  }
}
