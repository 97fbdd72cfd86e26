package dev.apierrors.internal;

import dev.apierrors.ErrorEntry;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import org.jspecify.annotations.Nullable;

/**
 * An immutable list of {@link ErrorEntry}s held compactly: four string references an entry
 * in one array, each entry built when it is read. Why: an {@code errors} list is the one
 * part of an error that grows with the body (a 16 MB export failure can list 400,000
 * rows), and an entry object per row, with a copy of every repeated message, costs more
 * than twice the bytes the server sent. Held this way, the list costs its distinct strings
 * and 16 bytes a row. An entry read twice is two equal instances.
 *
 * <p>Thread-safety: immutable once built; a {@link Collector} is confined to one parse.
 */
public final class ErrorEntries extends AbstractList<ErrorEntry> implements RandomAccess {
  private static final ErrorEntries EMPTY = new ErrorEntries(new String[0], 0);

  /** field, code, title, detail of each entry, in order; null for absent. */
  private final @Nullable String[] members;
  private final int size;

  private ErrorEntries(@Nullable String[] members, int size) {
    this.members = members;
    this.size = size;
  }

  @Override
  public ErrorEntry get(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException("index " + index + ", size " + size);
    }
    int at = 4 * index;
    return ErrorEntry.of(members[at], members[at + 1], members[at + 2], members[at + 3]);
  }

  @Override
  public int size() {
    return size;
  }

  /** {@code entries} as an immutable list: itself when already one of these, else a copy. */
  public static List<ErrorEntry> copyOf(List<ErrorEntry> entries) {
    return entries instanceof ErrorEntries ? entries : List.copyOf(entries);
  }

  /**
   * Collects the entries of one {@code errors} array as its elements are parsed. Repeated
   * short values (a {@code "message":"bad"} on every row) are kept once.
   */
  public static final class Collector {
    /** Values at most this long are looked up among those already kept. */
    private static final int SHARED_MAX_LENGTH = 64;
    /** At most this many distinct values are remembered for sharing. */
    private static final int SHARED_MAX_COUNT = 1024;

    private @Nullable String[] members = new String[16];
    private int size;
    private final Map<String, String> shared = new HashMap<>();

    /** Adds {@code entry}. */
    public void add(ErrorEntry entry) {
      if (4 * (size + 1) > members.length) {
        members = Arrays.copyOf(members, Math.max(16, members.length * 2));
      }
      int at = 4 * size;
      members[at] = share(entry.field().orElse(null));
      members[at + 1] = share(entry.code().orElse(null));
      members[at + 2] = share(entry.title().orElse(null));
      members[at + 3] = share(entry.detail().orElse(null));
      size++;
    }

    private @Nullable String share(@Nullable String value) {
      if (value == null || value.length() > SHARED_MAX_LENGTH) {
        return value;
      }
      String kept = shared.get(value);
      if (kept != null) {
        return kept;
      }
      if (shared.size() < SHARED_MAX_COUNT) {
        shared.put(value, value);
      }
      return value;
    }

    /** {@return the entries collected, in order} */
    public ErrorEntries build() {
      if (size == 0) {
        return EMPTY;
      }
      return new ErrorEntries(4 * size == members.length ? members : Arrays.copyOf(members, 4 * size), size);
    }
  }
}
