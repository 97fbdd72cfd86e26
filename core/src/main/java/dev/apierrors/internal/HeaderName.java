package dev.apierrors.internal;

import dev.apierrors.spi.HttpHeaders;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A header field name the SDK looks up in every decoded error (request ids, rate limits,
 * retry-after, credentials: some twenty-five names, nearly all absent), with the bits of
 * {@link HttpHeaders}' filter of names computed once instead of at each lookup. Looking
 * one up finds exactly what {@link HttpHeaders#allValues(String)} of its name finds.
 *
 * <p>Thread-safety: immutable.
 */
public final class HeaderName {
  private final String name;
  private final long bits;

  private HeaderName(String name) {
    this.name = name;
    this.bits = bits(name);
  }

  /**
   * {@return the name, its filter bits computed}
   *
   * @param name a field name, in any case
   */
  public static HeaderName of(String name) {
    return new HeaderName(Objects.requireNonNull(name, "name"));
  }

  /**
   * Two bits of 64 for {@code name}, from its length and its first and last characters,
   * ASCII-lower-cased; 0 (no filtering) for an empty name or one whose first or last
   * character is not ASCII. Those bits are the same for every name equal to it under the
   * lookup rule when the headers' names are all ASCII: a name that lower-cases to an ASCII
   * name has its length, but a first or last character such as the Kelvin sign lower-cases
   * to an ASCII letter, so such a name is looked up by scanning.
   *
   * @param name a field name
   * @return its two bits, or 0
   */
  public static long bits(String name) {
    int length = name.length();
    if (length == 0) {
      return 0;
    }
    char first = name.charAt(0);
    char last = name.charAt(length - 1);
    if (first >= 0x80 || last >= 0x80) {
      return 0;
    }
    int h = (length * 31 + lowerAscii(first)) * 31 + lowerAscii(last);
    h *= 0x9E3779B9; // Fibonacci hashing: the top bits mix all of h
    return (1L << (h >>> 26)) | (1L << ((h >>> 20) & 63));
  }

  private static int lowerAscii(char c) {
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
  }

  /** {@return the name, as given} */
  public String name() {
    return name;
  }

  /** {@return the filter bits of the name} */
  public long bits() {
    return bits;
  }

  /**
   * {@return whether {@code headers} hold a field of this name}
   *
   * @param headers the headers to look in
   */
  public boolean in(HttpHeaders headers) {
    return SpiAccess.headerIndex(headers, this) >= 0;
  }

  /**
   * {@return the first value of this name in {@code headers}, trimmed; null when absent}
   *
   * @param headers the headers to look in
   */
  public @Nullable String first(HttpHeaders headers) {
    int i = SpiAccess.headerIndex(headers, this);
    return i < 0 ? null : SpiAccess.headerFirstValue(headers, i);
  }

  /**
   * {@return the first value of this name in {@code headers}, trimmed, if present}
   *
   * @param headers the headers to look in
   */
  public Optional<String> firstValue(HttpHeaders headers) {
    return Optional.ofNullable(first(headers));
  }

  /**
   * {@return every value of this name in {@code headers}, in order; empty if absent}
   *
   * @param headers the headers to look in
   */
  public List<String> allValues(HttpHeaders headers) {
    int i = SpiAccess.headerIndex(headers, this);
    return i < 0 ? List.of() : SpiAccess.headerValues(headers, i);
  }

  @Override
  public String toString() {
    return name;
  }
}
