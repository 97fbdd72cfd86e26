package dev.apierrors.internal;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A map of a few names, in insertion order: names and values in two arrays, found by a
 * linear scan, and a {@link LinkedHashMap} past {@value #ARRAY_MAX} names. For the maps
 * built per error body, which hold a handful of names: the members of each object of a
 * decoding tree (Jackson's own {@code ObjectNode} would hold them in a
 * {@code LinkedHashMap}, a table and an entry object per member). The sets built per error
 * are {@link SmallSet}s, the same scheme without values.
 *
 * <p>A map as {@code ObjectNode} uses it: {@code get}, {@code put} (replacing a value
 * keeps its place, as in a {@code LinkedHashMap}), {@code remove}, iteration in order.
 * No null names. Not thread-safe: filled by one thread, then only read.
 *
 * @param <V> the type of the values
 */
final class SmallMap<V> extends AbstractMap<String, V> {
  static final int ARRAY_MAX = 16;

  private @Nullable String[] names = new String[4];
  /**
   * The names' hash codes, compared before the names: a decoding tree's names come from
   * Jackson's symbol table, whose strings keep their hash, so a miss (every put of a new
   * member) costs an int comparison per name, not a string comparison.
   */
  private int[] hashes = new int[4];
  private @Nullable Object[] values = new Object[4];
  private int size;
  private @Nullable LinkedHashMap<String, V> large;

  @Override
  public @Nullable V get(Object key) {
    Map<String, V> map = large;
    if (map != null) {
      return map.get(key);
    }
    int i = indexOf(key);
    return i < 0 ? null : valueAt(i);
  }

  @Override
  public boolean containsKey(Object key) {
    Map<String, V> map = large;
    return map != null ? map.containsKey(key) : indexOf(key) >= 0;
  }

  @Override
  public @Nullable V put(String key, V value) {
    Objects.requireNonNull(key, "key");
    Map<String, V> map = large;
    if (map != null) {
      return map.put(key, value);
    }
    int hash = key.hashCode();
    int i = indexOf(key, hash);
    if (i >= 0) {
      V old = valueAt(i);
      values[i] = value;
      return old;
    }
    if (size == ARRAY_MAX) {
      LinkedHashMap<String, V> grown = new LinkedHashMap<>();
      for (int j = 0; j < size; j++) {
        grown.put(names[j], valueAt(j));
      }
      grown.put(key, value);
      large = grown;
      names = new String[0];
      hashes = new int[0];
      values = new Object[0];
      size = 0;
      return null;
    }
    if (size == names.length) {
      names = Arrays.copyOf(names, ARRAY_MAX);
      hashes = Arrays.copyOf(hashes, ARRAY_MAX);
      values = Arrays.copyOf(values, ARRAY_MAX);
    }
    names[size] = key;
    hashes[size] = hash;
    values[size] = value;
    size++;
    return null;
  }

  @Override
  public @Nullable V remove(Object key) {
    Map<String, V> map = large;
    if (map != null) {
      return map.remove(key);
    }
    int i = indexOf(key);
    if (i < 0) {
      return null;
    }
    V old = valueAt(i);
    removeAt(i);
    return old;
  }

  @SuppressWarnings("unchecked") // only values of V are put
  private V valueAt(int i) {
    return (V) values[i];
  }

  private void removeAt(int i) {
    System.arraycopy(names, i + 1, names, i, size - i - 1);
    System.arraycopy(hashes, i + 1, hashes, i, size - i - 1);
    System.arraycopy(values, i + 1, values, i, size - i - 1);
    size--;
    names[size] = null;
    values[size] = null;
  }

  @Override
  public int size() {
    Map<String, V> map = large;
    return map != null ? map.size() : size;
  }

  private int indexOf(@Nullable Object key) {
    return key == null ? -1 : indexOf(key, key.hashCode());
  }

  private int indexOf(Object key, int hash) {
    for (int i = 0; i < size; i++) {
      if (hashes[i] == hash) {
        String name = names[i];
        if (name == key || name.equals(key)) {
          return i;
        }
      }
    }
    return -1;
  }

  @Override
  public Set<Entry<String, V>> entrySet() {
    Map<String, V> map = large;
    return map != null ? map.entrySet() : new Entries();
  }

  /** The members in order; an entry's {@code setValue} and the iterator's {@code remove} write through. */
  private final class Entries extends AbstractSet<Entry<String, V>> {
    @Override
    public Iterator<Entry<String, V>> iterator() {
      return new Iterator<>() {
        private int next;
        private int last = -1;

        @Override
        public boolean hasNext() {
          return next < size;
        }

        @Override
        public Entry<String, V> next() {
          if (next >= size) {
            throw new NoSuchElementException();
          }
          int at = next++;
          last = at;
          return new SimpleEntry<String, V>(names[at], valueAt(at)) {
            @Override
            public V setValue(V value) {
              values[at] = value;
              return super.setValue(value);
            }
          };
        }

        @Override
        public void remove() {
          if (last < 0) {
            throw new IllegalStateException();
          }
          removeAt(last);
          next = last;
          last = -1;
        }
      };
    }

    @Override
    public int size() {
      return size;
    }
  }
}
