package dev.apierrors.internal;

import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The set of member names the decoded fields came from, as the pipeline collects them for
 * one body: a handful of names (a format's own, an alias or two) held in an array and
 * found by a linear scan, which for so few names costs less than hashing them into a
 * {@link HashSet} built for every error; past {@value #ARRAY_MAX} names (a field-keyed
 * body whose every member is a field) a {@link HashSet} takes over.
 *
 * <p>Not thread-safe: filled by the decoding thread, then only read (the error adopts it
 * and asks it whether it holds a name). No null names.
 */
final class MemberNames extends AbstractSet<String> {
  /** Names kept in the array before the set moves to a hash set. */
  static final int ARRAY_MAX = 16;

  private String[] names = new String[8];
  private int size;
  private @Nullable Set<String> hashed;

  /** A set holding {@code initial}. */
  MemberNames(Collection<String> initial) {
    addAll(initial);
  }

  @Override
  public boolean add(String name) {
    Objects.requireNonNull(name, "name");
    Set<String> set = hashed;
    if (set != null) {
      return set.add(name);
    }
    if (indexOf(name) >= 0) {
      return false;
    }
    if (size == ARRAY_MAX) {
      set = new HashSet<>(Arrays.asList(names).subList(0, size));
      set.add(name);
      hashed = set;
      names = new String[0];
      size = 0;
      return true;
    }
    if (size == names.length) {
      names = Arrays.copyOf(names, ARRAY_MAX);
    }
    names[size++] = name;
    return true;
  }

  @Override
  public boolean contains(Object o) {
    Set<String> set = hashed;
    if (set != null) {
      return set.contains(o);
    }
    return o instanceof String name && indexOf(name) >= 0;
  }

  private int indexOf(String name) {
    for (int i = 0; i < size; i++) {
      if (names[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public Iterator<String> iterator() {
    Set<String> set = hashed;
    // Read-only: the set only grows, through add.
    return set != null
        ? java.util.Collections.unmodifiableSet(set).iterator()
        : java.util.Collections.unmodifiableList(Arrays.asList(names).subList(0, size)).iterator();
  }

  @Override
  public int size() {
    Set<String> set = hashed;
    return set != null ? set.size() : size;
  }
}
