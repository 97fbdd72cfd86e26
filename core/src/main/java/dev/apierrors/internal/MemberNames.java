package dev.apierrors.internal;

import java.util.AbstractSet;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;

/**
 * The set of member names the decoded fields came from, as the pipeline collects them for
 * one body: a handful of names (a format's own, an alias or two), held in a
 * {@link SmallMap} (found by a linear scan while there are at most {@value #ARRAY_MAX}, a
 * hash past that: a field-keyed body whose every member is a field).
 *
 * <p>Not thread-safe: filled by the decoding thread, then only read (the error adopts it
 * and asks it whether it holds a name). No null names; its iterator cannot remove.
 */
final class MemberNames extends AbstractSet<String> {
  /** Names found by a linear scan before the set hashes them. */
  static final int ARRAY_MAX = SmallMap.ARRAY_MAX;

  private final SmallMap<Boolean> names = new SmallMap<>();

  /** A set holding {@code initial}. */
  MemberNames(Collection<String> initial) {
    addAll(initial);
  }

  @Override
  public boolean add(String name) {
    return names.put(name, Boolean.TRUE) == null;
  }

  @Override
  public boolean contains(Object o) {
    return names.containsKey(o);
  }

  @Override
  public Iterator<String> iterator() {
    return Collections.unmodifiableSet(names.keySet()).iterator();
  }

  @Override
  public int size() {
    return names.size();
  }
}
