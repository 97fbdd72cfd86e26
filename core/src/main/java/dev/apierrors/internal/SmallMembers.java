package dev.apierrors.internal;

import com.fasterxml.jackson.databind.JsonNode;
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
 * The members of one JSON object of a decoding tree, in document order: names and values
 * in two arrays, found by a linear scan while there are few (an error object has a handful
 * of members), a {@link LinkedHashMap} past {@value #ARRAY_MAX}. Jackson's own
 * {@code ObjectNode} holds its members in a {@code LinkedHashMap}: a table and an entry
 * object per member, for every object of every error body.
 *
 * <p>A map as {@code ObjectNode} uses it: {@code get}, {@code put} (replacing a value
 * keeps its place, as in a {@code LinkedHashMap}), {@code remove}, iteration in order.
 * Not thread-safe: filled by one parse, then only read.
 */
final class SmallMembers extends AbstractMap<String, JsonNode> {
  static final int ARRAY_MAX = 16;

  private @Nullable String[] names = new String[4];
  private @Nullable JsonNode[] values = new JsonNode[4];
  private int size;
  private @Nullable LinkedHashMap<String, JsonNode> large;

  @Override
  public @Nullable JsonNode get(Object key) {
    Map<String, JsonNode> map = large;
    if (map != null) {
      return map.get(key);
    }
    int i = indexOf(key);
    return i < 0 ? null : values[i];
  }

  @Override
  public boolean containsKey(Object key) {
    Map<String, JsonNode> map = large;
    return map != null ? map.containsKey(key) : indexOf(key) >= 0;
  }

  @Override
  public @Nullable JsonNode put(String key, JsonNode value) {
    Objects.requireNonNull(key, "key");
    Map<String, JsonNode> map = large;
    if (map != null) {
      return map.put(key, value);
    }
    int i = indexOf(key);
    if (i >= 0) {
      JsonNode old = values[i];
      values[i] = value;
      return old;
    }
    if (size == ARRAY_MAX) {
      LinkedHashMap<String, JsonNode> grown = new LinkedHashMap<>();
      for (int j = 0; j < size; j++) {
        grown.put(names[j], values[j]);
      }
      grown.put(key, value);
      large = grown;
      names = new String[0];
      values = new JsonNode[0];
      size = 0;
      return null;
    }
    if (size == names.length) {
      names = Arrays.copyOf(names, ARRAY_MAX);
      values = Arrays.copyOf(values, ARRAY_MAX);
    }
    names[size] = key;
    values[size] = value;
    size++;
    return null;
  }

  @Override
  public @Nullable JsonNode remove(Object key) {
    Map<String, JsonNode> map = large;
    if (map != null) {
      return map.remove(key);
    }
    int i = indexOf(key);
    if (i < 0) {
      return null;
    }
    JsonNode old = values[i];
    removeAt(i);
    return old;
  }

  private void removeAt(int i) {
    System.arraycopy(names, i + 1, names, i, size - i - 1);
    System.arraycopy(values, i + 1, values, i, size - i - 1);
    size--;
    names[size] = null;
    values[size] = null;
  }

  @Override
  public int size() {
    Map<String, JsonNode> map = large;
    return map != null ? map.size() : size;
  }

  private int indexOf(@Nullable Object key) {
    for (int i = 0; i < size; i++) {
      if (names[i].equals(key)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public Set<Entry<String, JsonNode>> entrySet() {
    Map<String, JsonNode> map = large;
    return map != null ? map.entrySet() : new Entries();
  }

  /** The members in order; an entry's {@code setValue} and the iterator's {@code remove} write through. */
  private final class Entries extends AbstractSet<Entry<String, JsonNode>> {
    @Override
    public Iterator<Entry<String, JsonNode>> iterator() {
      return new Iterator<>() {
        private int next;
        private int last = -1;

        @Override
        public boolean hasNext() {
          return next < size;
        }

        @Override
        public Entry<String, JsonNode> next() {
          if (next >= size) {
            throw new NoSuchElementException();
          }
          int at = next++;
          last = at;
          return new SimpleEntry<>(names[at], values[at]) {
            @Override
            public JsonNode setValue(JsonNode value) {
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
