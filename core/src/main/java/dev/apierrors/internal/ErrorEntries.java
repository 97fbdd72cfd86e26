package dev.apierrors.internal;

import dev.apierrors.ErrorEntry;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;
import org.jspecify.annotations.Nullable;

/**
 * An immutable list of {@link ErrorEntry}s held compactly: four string references an entry,
 * each entry built when it is read. Why: an {@code errors} list is the one part of an error
 * that grows with the body (a 16 MB export failure can list 400,000 rows), and an entry
 * object per row, with a copy of every repeated message, costs more than twice the bytes
 * the server sent. Held this way, the list costs its distinct strings and 16 bytes a row.
 * An entry read twice is two equal instances.
 *
 * <p>The references are held in chunks of {@value #CHUNK} (64 rows): a long list grows by
 * a chunk at a time, never by copying what it holds (copies by doubling had allocated twice
 * the list on the way). The chunks are small so that the first one, which grows by doubling
 * (most lists hold a few rows), is copied little on its way, and the last one wastes little:
 * with chunks of 1,024 rows, a list of 500 allocated three times its references (24 KB for
 * 8 KB), a sixth of what decoding it allocated.
 *
 * <p>Thread-safety: immutable once built; a {@link Collector} is confined to one parse.
 */
public final class ErrorEntries extends AbstractList<ErrorEntry> implements RandomAccess {
  /** References a chunk holds: field, code, title, detail of 64 rows. */
  static final int CHUNK = 256;

  private static final ErrorEntries EMPTY = new ErrorEntries(new String[0][], 0);

  /** field, code, title, detail of each entry, in order, {@link #CHUNK} to a chunk; null for absent. */
  private final @Nullable String[][] chunks;
  private final int size;

  private ErrorEntries(@Nullable String[][] chunks, int size) {
    this.chunks = chunks;
    this.size = size;
  }

  @Override
  public ErrorEntry get(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException("index " + index + ", size " + size);
    }
    int at = 4 * index;
    @Nullable String[] chunk = chunks[at / CHUNK];
    int i = at % CHUNK;
    return ErrorEntry.of(chunk[i], chunk[i + 1], chunk[i + 2], chunk[i + 3]);
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
   * short values (a {@code "message":"bad"} on every row) are kept once, and a value read
   * from the parser's characters ({@link #share(char[], int, int)}) that is already kept
   * is not even made a string.
   */
  public static final class Collector {
    /** Values at most this long are looked up among those already kept. */
    static final int SHARED_MAX_LENGTH = 64;
    /** At most this many distinct values are remembered for sharing. */
    static final int SHARED_MAX_COUNT = 1024;
    /**
     * How many values of one column (one member of the rows: {@code field}, {@code message},
     * ...) are looked up before it is judged: a column where fewer than a fifth of them were
     * already kept ({@code rows[17]}, {@code rows[18]}, ...: a value per row) is not looked
     * up any more. Its values would be distinct strings either way; the lookups (hash,
     * probe, compare) were a third of decoding a list of 500 such rows.
     */
    static final int COLUMN_PROBE = 64;
    /** How many columns {@link #share(int, char[], int, int)} tells apart. */
    static final int COLUMNS = 16;

    /** The full chunks, then {@link #current}. */
    private final List<@Nullable String[]> full = new ArrayList<>();
    /**
     * The chunk being filled: grows by doubling up to {@link #CHUNK} (most lists hold a few
     * rows). It starts with room for two rows: a list of two then needs no trimmed copy at
     * {@link #build()}, and one of one row allocates 48 bytes here instead of 80.
     */
    private @Nullable String[] current = new String[8];
    private int used;
    private int size;
    /** The kept values, open addressing by content; a power of two, at most half full. */
    private @Nullable String[] shared = new String[16];
    private int sharedCount;
    /**
     * The values {@link #share(char[], int, int)} gave last, the oldest replaced first; made
     * at its first call (the rows kept in the tree never make it).
     */
    private @Nullable String @Nullable [] recent;
    private int recentNext;
    /**
     * Per column, a plain value it had (the last one, unless a later one was not plain):
     * {@link #sameAsLast}. Made at the first plain value, with {@link #lastPlainBytes}.
     */
    private @Nullable String @Nullable [] lastPlain;
    /** The bytes of {@link #lastPlain}'s values, {@link #SHARED_MAX_LENGTH} to a column, each made at its first. */
    private byte[] @Nullable [] lastPlainBytes = NO_BYTES;
    private static final byte[][] NO_BYTES = new byte[0][];
    private static final int RECENT = 4;
    /**
     * Per column {@code c}: at {@code c}, values looked up; at {@link #COLUMNS} + {@code c},
     * how many of them were found already kept (until judged). Made at the first value of a
     * row read from the token stream: most lists have none (their rows are in the tree).
     */
    private int @Nullable [] columnCounts;
    /** The columns judged not worth looking up: bit {@code c} for column {@code c}. */
    private int unshared;
    /** Whether the last {@link #share(char[], int, int)} found its value already kept. */
    private boolean found;

    /** Adds {@code entry}. */
    public void add(ErrorEntry entry) {
      add(share(entry.field().orElse(null)), share(entry.code().orElse(null)),
          share(entry.title().orElse(null)), share(entry.detail().orElse(null)));
    }

    /** Adds an entry of these values, as they are (each already {@linkplain #share shared}). */
    void add(@Nullable String field, @Nullable String code, @Nullable String title, @Nullable String detail) {
      if (used == current.length) {
        if (current.length < CHUNK) {
          current = Arrays.copyOf(current, current.length * 2);
        } else {
          full.add(current);
          current = new String[CHUNK];
          used = 0;
        }
      }
      current[used] = field;
      current[used + 1] = code;
      current[used + 2] = title;
      current[used + 3] = detail;
      used += 4;
      size++;
    }

    /** {@code value}, or the equal value already kept. */
    @Nullable String share(@Nullable String value) {
      if (value == null || value.length() > SHARED_MAX_LENGTH) {
        return value;
      }
      int mask = shared.length - 1;
      for (int i = slot(value.hashCode()); ; i = (i + 1) & mask) {
        String kept = shared[i];
        if (kept == null) {
          keep(i, value);
          return value;
        }
        if (kept.equals(value)) {
          return kept;
        }
      }
    }

    /**
     * As {@link #share(char[], int, int)}, for a value of {@code column} (0 to
     * {@link #COLUMNS} - 1: which member of the row it is), unless that column has been
     * judged not worth it ({@link #COLUMN_PROBE}): then a new string.
     */
    String share(int column, char[] chars, int offset, int length) {
      if ((unshared & (1 << column)) != 0 || length > SHARED_MAX_LENGTH) {
        return new String(chars, offset, length);
      }
      String value = share(chars, offset, length);
      count(column, found);
      if (isPlain(chars, offset, length)) {
        rememberPlain(column, value, chars, offset, length);
      }
      return value;
    }

    /**
     * The value of {@code column} whose JSON string starts at {@code start} in the UTF-8
     * input {@code utf8} (just past its opening quote), when it is a plain value that column
     * had before: then the string is never decoded. Null when it is not (or may not be) one.
     *
     * <p>Why it is exact: a plain value (printable ASCII, no quote, no backslash) is written
     * in JSON as its own bytes, and a string whose first bytes are those, then a quote, is
     * that value, whatever follows. The parser still reads past the string, and checks it.
     */
    @Nullable String sameAsLast(int column, byte[] utf8, int start) {
      @Nullable String[] plain = lastPlain;
      String last = plain == null ? null : plain[column];
      if (last == null || (unshared & (1 << column)) != 0) {
        return null;
      }
      int end = start + last.length();
      if (start < 0 || end >= utf8.length || utf8[end] != '"'
          || !Arrays.equals(lastPlainBytes[column], 0, last.length(), utf8, start, end)) {
        return null;
      }
      count(column, true);
      return last;
    }

    /** Counts a value of {@code column} looked up, {@code wasKept} if it was already kept, until the column is judged. */
    private void count(int column, boolean wasKept) {
      int[] counts = columnCounts;
      if (counts == null) {
        counts = new int[2 * COLUMNS];
        columnCounts = counts;
      }
      if (counts[column] < COLUMN_PROBE) {
        counts[COLUMNS + column] += wasKept ? 1 : 0;
        if (++counts[column] == COLUMN_PROBE && counts[COLUMNS + column] * 5 < COLUMN_PROBE) {
          unshared |= 1 << column;
        }
      }
    }

    /** Whether these characters are printable ASCII with no quote and no backslash: a JSON string of its own bytes. */
    private static boolean isPlain(char[] chars, int offset, int length) {
      for (int i = offset; i < offset + length; i++) {
        char c = chars[i];
        if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
          return false;
        }
      }
      return true;
    }

    /** Remembers {@code value}, plain, as {@code column}'s last ({@link #sameAsLast}). */
    private void rememberPlain(int column, String value, char[] chars, int offset, int length) {
      @Nullable String[] plain = lastPlain;
      byte[] @Nullable [] bytes = lastPlainBytes;
      if (plain == null) {
        plain = new String[COLUMNS];
        bytes = new byte[COLUMNS][];
        lastPlain = plain;
        lastPlainBytes = bytes;
      }
      byte[] into = bytes[column];
      if (into == null) {
        into = new byte[SHARED_MAX_LENGTH];
        bytes[column] = into;
      }
      for (int i = 0; i < length; i++) {
        into[i] = (byte) chars[offset + i];
      }
      plain[column] = value;
    }

    /** The string of {@code length} characters of {@code chars} from {@code offset}, or the equal value kept. */
    String share(char[] chars, int offset, int length) {
      found = true;
      if (length > SHARED_MAX_LENGTH) {
        found = false;
        return new String(chars, offset, length);
      }
      // The values of the last rows first: a list repeats a message row after row, and a
      // comparison that fails at its first characters costs less than hashing the value.
      @Nullable String[] recent = this.recent;
      if (recent == null) {
        recent = new String[RECENT];
        this.recent = recent;
      }
      for (String value : recent) {
        if (value != null && sameChars(value, chars, offset, length)) {
          return value;
        }
      }
      String value = shareHashed(chars, offset, length);
      recent[recentNext] = value;
      recentNext = (recentNext + 1) % RECENT;
      return value;
    }

    private String shareHashed(char[] chars, int offset, int length) {
      int hash = 0; // String.hashCode's, so that both kinds of value meet in one table
      for (int i = 0; i < length; i++) {
        hash = 31 * hash + chars[offset + i];
      }
      int mask = shared.length - 1;
      for (int i = slot(hash); ; i = (i + 1) & mask) {
        String kept = shared[i];
        if (kept == null) {
          String value = new String(chars, offset, length);
          keep(i, value);
          found = false;
          return value;
        }
        if (sameChars(kept, chars, offset, length)) {
          return kept;
        }
      }
    }

    private static boolean sameChars(String kept, char[] chars, int offset, int length) {
      if (kept.length() != length) {
        return false;
      }
      for (int i = 0; i < length; i++) {
        if (kept.charAt(i) != chars[offset + i]) {
          return false;
        }
      }
      return true;
    }

    /** Keeps {@code value} at the free slot {@code slot}, while fewer than {@link #SHARED_MAX_COUNT} are kept. */
    private void keep(int slot, String value) {
      if (sharedCount == SHARED_MAX_COUNT) {
        return;
      }
      shared[slot] = value;
      sharedCount++;
      if (2 * sharedCount > shared.length) {
        @Nullable String[] old = shared;
        shared = new String[old.length * 2];
        int mask = shared.length - 1;
        for (String s : old) {
          if (s != null) {
            int i = slot(s.hashCode());
            while (shared[i] != null) {
              i = (i + 1) & mask;
            }
            shared[i] = s;
          }
        }
      }
    }

    /**
     * A slot for a string hash: Fibonacci hashing, its top bits. Row values differ in their
     * last characters ({@code rows[17]}, {@code rows[18]}), which a string hash turns into
     * neighbouring numbers; taken as they are, they filled neighbouring slots, and linear
     * probing then walked long runs (a fifth of decoding a 64 KiB list).
     */
    private int slot(int hash) {
      return (hash * 0x9E3779B9) >>> (32 - Integer.numberOfTrailingZeros(shared.length));
    }

    /** {@return the entries collected, in order} */
    public ErrorEntries build() {
      if (size == 0) {
        return EMPTY;
      }
      @Nullable String[][] chunks = new String[full.size() + 1][];
      full.toArray(chunks);
      // A list within one chunk (nearly every one) is trimmed; a full chunk is never copied.
      chunks[full.size()] = full.isEmpty() && used < current.length ? Arrays.copyOf(current, used) : current;
      return new ErrorEntries(chunks, size);
    }
  }
}
