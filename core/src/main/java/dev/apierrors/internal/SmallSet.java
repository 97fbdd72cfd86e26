package dev.apierrors.internal;

import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The small sets of strings every error builds, in the order added: the member names the
 * decoded fields came from (a format's own, an alias or two) and the credential values of
 * a call (a bearer header and its token, a cookie or two). Nearly always a handful, held in
 * one array and found by a scan, instead of a {@code LinkedHashSet}'s map, table and entry
 * per value. Past {@value #ARRAY_MAX} values (a field-keyed body whose every member is a
 * field, a response of many {@code Set-Cookie}s) it hashes them, so that no body or
 * response costs a quadratic scan.
 *
 * <p>Not thread-safe: filled by one thread, then only read, or copied into an immutable set
 * ({@link #toImmutable()}). No nulls; its iterator cannot remove.
 */
public final class SmallSet extends AbstractSet<String> {
  /** Values found by a scan before the set hashes them. */
  static final int ARRAY_MAX = 16;

  private String[] values = new String[4];
  private int count;
  /** Every value, once there are more than {@link #ARRAY_MAX}; null before. */
  private @Nullable Set<String> hashed;

  /** {@return an empty set} */
  public static SmallSet create() {
    return new SmallSet();
  }

  /**
   * {@return a set of {@code initial}'s values, each once}
   *
   * @param initial the first values
   */
  public static SmallSet of(Collection<String> initial) {
    SmallSet set = new SmallSet();
    set.addAll(initial);
    return set;
  }

  private SmallSet() {}

  @Override
  public boolean add(String value) {
    Objects.requireNonNull(value, "value");
    Set<String> all = hashed;
    if (all != null) {
      return all.add(value);
    }
    if (indexOf(value) >= 0) {
      return false;
    }
    if (count == ARRAY_MAX) {
      all = new LinkedHashSet<>(Arrays.asList(values).subList(0, count));
      all.add(value);
      hashed = all;
      values = new String[0];
      count = 0;
      return true;
    }
    if (count == values.length) {
      values = Arrays.copyOf(values, Math.min(ARRAY_MAX, count * 2));
    }
    values[count++] = value;
    return true;
  }

  @Override
  public boolean contains(Object o) {
    Set<String> all = hashed;
    return all != null ? all.contains(o) : indexOf(o) >= 0;
  }

  /** The index of {@code o} among the values scanned, -1 if absent. */
  private int indexOf(@Nullable Object o) {
    for (int i = 0; i < count; i++) {
      if (values[i].equals(o)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public int size() {
    Set<String> all = hashed;
    return all != null ? all.size() : count;
  }

  @Override
  public Iterator<String> iterator() {
    Set<String> all = hashed;
    if (all != null) {
      return java.util.Collections.unmodifiableSet(all).iterator();
    }
    return new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < count;
      }

      @Override
      public String next() {
        if (next >= count) {
          throw new NoSuchElementException();
        }
        return values[next++];
      }
    };
  }

  /**
   * {@return the values, as an immutable set}: {@code Set.of} of the values, already
   * distinct, rather than {@code Set.copyOf}, which first copies them into a
   * {@code HashSet} of its own to find duplicates.
   */
  public Set<String> toImmutable() {
    Set<String> all = hashed;
    if (all != null) {
      return Set.of(all.toArray(new String[0]));
    }
    return switch (count) {
      case 0 -> Set.of();
      case 1 -> Set.of(values[0]);
      case 2 -> Set.of(values[0], values[1]); // the usual pair: a bearer header and its token
      default -> Set.of(Arrays.copyOf(values, count));
    };
  }
}
