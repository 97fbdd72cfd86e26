package dev.apierrors.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.jspecify.annotations.Nullable;

/**
 * Undoes an error body's {@code Content-Encoding} ({@code gzip}, {@code x-gzip},
 * {@code deflate}, stacked or not) under bounds on every side: at most
 * {@code maxInputBytes} are taken from the network, and at most as many are fed to each
 * further decoding step (so {@code gzip, gzip} cannot hide a bomb in its inner layer); a
 * deadline stops every step; the gzip header's FEXTRA, FNAME and FCOMMENT fields are
 * skipped byte by byte, never buffered, and count against the input bound.
 *
 * <p>Why not {@code java.util.zip.GZIPInputStream} or okio's {@code GzipSource}: the first
 * reads a header field, and empty blocks, for as long as they last (no bound on its input),
 * the second buffers FNAME and FCOMMENT whole, so an endless file name exhausts the heap
 * before a single byte is decoded.
 *
 * <p>A bound reached ends the decoded stream there ({@code -1}) and is recorded in
 * {@link Bounds}: the caller marks the body truncated. A corrupt stream fails with an
 * {@link IOException} after the bytes it decoded. Every {@link Inflater} made is ended by
 * {@link Decoded#close()}.
 */
public final class ContentDecoding {
  /** The most content codings undone; a longer list is kept as is (no real server sends one). */
  public static final int MAX_CODINGS = 4;

  private static final int BUFFER = 8192;

  private ContentDecoding() {}

  /**
   * The codings of these {@code Content-Encoding} values in the order applied (outermost
   * last), {@code identity} left out, lower-cased; empty when there are none; null when one
   * of them is not {@code gzip}, {@code x-gzip} or {@code deflate} (e.g. {@code br}), or
   * when there are more than {@link #MAX_CODINGS}: such a body cannot be undone and is kept
   * as the server sent it.
   */
  public static @Nullable List<String> codings(List<String> contentEncodingValues) {
    if (contentEncodingValues.isEmpty()) {
      return List.of(); // no Content-Encoding: the common case
    }
    List<String> codings = new ArrayList<>();
    for (String value : contentEncodingValues) {
      for (String coding : value.split(",", -1)) {
        String c = coding.strip().toLowerCase(Locale.ROOT);
        if (c.isEmpty() || c.equals("identity")) {
          continue;
        }
        if (!(c.equals("gzip") || c.equals("x-gzip") || c.equals("deflate")) || codings.size() == MAX_CODINGS) {
          return null;
        }
        codings.add(c);
      }
    }
    return codings;
  }

  /** What stopped a bounded read early; shared by the steps of one body. */
  public static final class Bounds {
    private final long deadlineNanos;
    private boolean limitReached;
    private boolean deadlineReached;

    /** Bounds with a deadline at {@code deadlineNanos} on the {@link System#nanoTime()} scale. */
    public Bounds(long deadlineNanos) {
      this.deadlineNanos = deadlineNanos;
    }

    /** Whether the deadline has passed (and records it when it has). */
    public boolean pastDeadline() {
      if (!deadlineReached && System.nanoTime() - deadlineNanos >= 0) {
        deadlineReached = true;
      }
      return deadlineReached;
    }

    /** Whether an input bound or the deadline cut the body. */
    public boolean cut() {
      return limitReached || deadlineReached;
    }
  }

  /** A stream that reads in blocks only: a single byte is a block of one. */
  private abstract static class BlockStream extends InputStream {
    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      // 0 breaks InputStream's contract (a read of 1 returns 1 or -1): taken as the end,
      // never as a byte that was not read.
      return n <= 0 ? -1 : one[0] & 0xff;
    }
  }

  /** The decoded stream: close it to end its inflaters (it never closes the raw stream). */
  public static final class Decoded extends InputStream {
    private final InputStream top;
    private final List<Inflater> inflaters;

    private Decoded(InputStream top, List<Inflater> inflaters) {
      this.top = top;
      this.inflaters = inflaters;
    }

    @Override
    public int read() throws IOException {
      return top.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return top.read(b, off, len);
    }

    /** Ends every inflater; the raw stream is left open. */
    @Override
    public void close() {
      inflaters.forEach(Inflater::end);
    }
  }

  /**
   * The decoded view of {@code raw} for {@code codings} (as returned by
   * {@link #codings(List)}; empty means the bytes as sent, still bounded).
   */
  public static Decoded decode(InputStream raw, List<String> codings, long maxInputBytes, Bounds bounds) {
    // Only a layer adds an inflater: the bytes as sent (nearly every error body) need no list.
    List<Inflater> inflaters = codings.isEmpty() ? List.of() : new ArrayList<>();
    InputStream s = new Capped(raw, maxInputBytes, bounds);
    for (int i = codings.size() - 1; i >= 0; i--) {
      if (i < codings.size() - 1) {
        s = new Capped(s, maxInputBytes, bounds); // each decoded layer is the next one's input
      }
      s = codings.get(i).equals("deflate") ? new Inflating(s, inflaters) : new Gunzipping(s, inflaters);
    }
    return new Decoded(s, inflaters);
  }

  /** Gives at most {@code cap} bytes of its source, and nothing once the deadline passed. */
  private static final class Capped extends BlockStream {
    private final InputStream in;
    private final long cap;
    private final Bounds bounds;
    private long count;

    Capped(InputStream in, long cap, Bounds bounds) {
      this.in = in;
      this.cap = cap;
      this.bounds = bounds;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (bounds.pastDeadline()) {
        return -1;
      }
      if (count >= cap) {
        // One byte more tells a body that ends exactly here from one that goes on.
        if (!bounds.limitReached && in.read() >= 0) {
          bounds.limitReached = true;
        }
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, cap - count));
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }

  /**
   * A buffer over one source, shared by a layer's header parsing and its inflater (which
   * takes its input straight from the buffer, so no byte is read past the deflate data).
   */
  private static final class Pull {
    final InputStream in;
    final byte[] buf = new byte[BUFFER];
    int pos;
    int limit;

    Pull(InputStream in) {
      this.in = in;
    }

    /** Whether at least {@code k} (at most {@link #BUFFER}) bytes are buffered, reading as needed. */
    boolean ensure(int k) throws IOException {
      while (limit - pos < k) {
        if (pos > 0) {
          System.arraycopy(buf, pos, buf, 0, limit - pos);
          limit -= pos;
          pos = 0;
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n <= 0) { // 0 breaks InputStream's contract: taken as the end, never spun on
          return false;
        }
        limit += n;
      }
      return true;
    }

    int readByte() throws IOException {
      if (!ensure(1)) {
        throw new EOFException("gzip stream ended early");
      }
      return buf[pos++] & 0xff;
    }

    /** Buffered bytes first, then the source directly. */
    int read(byte[] b, int off, int len) throws IOException {
      if (pos < limit) {
        int n = Math.min(len, limit - pos);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        return n;
      }
      return in.read(b, off, len);
    }
  }

  /** The inflating part shared by {@code deflate} and {@code gzip}. */
  private abstract static class Layer extends BlockStream {
    final Pull pull;
    final List<Inflater> inflaters;
    private boolean ended;

    Layer(InputStream in, List<Inflater> inflaters) {
      this.pull = new Pull(in);
      this.inflaters = inflaters;
    }

    @Override
    public final int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (ended) {
        return -1;
      }
      int n = decode(b, off, len);
      if (n < 0) {
        ended = true; // never read past the end again
      }
      return n;
    }

    /** The next decoded bytes into {@code b} ({@code len > 0}), or -1 at the end. */
    abstract int decode(byte[] b, int off, int len) throws IOException;

    Inflater newInflater(boolean raw) {
      Inflater inf = new Inflater(raw);
      inflaters.add(inf);
      return inf;
    }

    /**
     * Inflates into {@code b}: the count, or -1 at the end of the deflate data (the bytes
     * after it stay in {@link #pull}).
     *
     * @throws EOFException if the source ends before the deflate data does
     */
    int inflate(Inflater inf, byte[] b, int off, int len) throws IOException {
      while (true) {
        if (inf.finished()) {
          return -1;
        }
        if (inf.needsInput()) {
          if (!pull.ensure(1)) {
            throw new EOFException("compressed body ended early");
          }
          inf.setInput(pull.buf, pull.pos, pull.limit - pull.pos);
        }
        int n;
        try {
          n = inf.inflate(b, off, len);
        } catch (DataFormatException e) {
          throw new IOException("corrupt compressed body", e);
        } finally {
          pull.pos = pull.limit - inf.getRemaining();
        }
        if (n > 0) {
          return n;
        }
        if (inf.finished()) {
          return -1;
        }
        if (inf.needsDictionary()) {
          throw new IOException("deflate data needs a preset dictionary");
        }
      }
    }
  }

  /** {@code deflate}: zlib-wrapped (RFC 9110), or raw, as some servers send it. */
  private static final class Inflating extends Layer {
    private @Nullable Inflater inflater;

    Inflating(InputStream in, List<Inflater> inflaters) {
      super(in, inflaters);
    }

    @Override
    int decode(byte[] b, int off, int len) throws IOException {
      Inflater inf = inflater;
      if (inf == null) {
        if (!pull.ensure(1)) {
          return -1;
        }
        boolean two = pull.ensure(2);
        int b0 = pull.buf[pull.pos] & 0xff;
        boolean zlib = two && (b0 & 0x0f) == 8 && ((b0 << 8) | (pull.buf[pull.pos + 1] & 0xff)) % 31 == 0;
        inf = newInflater(!zlib);
        inflater = inf;
      }
      return inflate(inf, b, off, len);
    }
  }

  /**
   * {@code gzip} (RFC 1952), one member after another; a body not starting with the gzip
   * magic number is passed through as sent (mislabelled). Each member's CRC-32 is
   * checked: a mismatch fails after the bytes it decoded.
   */
  private static final class Gunzipping extends Layer {
    private final CRC32 crc = new CRC32();
    private @Nullable Inflater inflater;
    private boolean started;
    private boolean passThrough;

    Gunzipping(InputStream in, List<Inflater> inflaters) {
      super(in, inflaters);
    }

    @Override
    int decode(byte[] b, int off, int len) throws IOException {
      if (!started) {
        started = true;
        if (!pull.ensure(1)) {
          return -1;
        }
        if (!startsMember()) {
          passThrough = true;
        } else {
          startMember();
        }
      }
      if (passThrough) {
        return pull.read(b, off, len);
      }
      while (true) {
        Inflater inf = java.util.Objects.requireNonNull(inflater);
        int n = inflate(inf, b, off, len);
        if (n > 0) {
          crc.update(b, off, n);
          return n;
        }
        checkTrailer();
        if (!pull.ensure(1) || !startsMember()) {
          // The end, or bytes that are not a gzip member: ignored, as GZIPInputStream does.
          return -1;
        }
        startMember();
      }
    }

    /** Whether the buffered bytes start with the gzip magic number. */
    private boolean startsMember() throws IOException {
      return pull.ensure(2) && (pull.buf[pull.pos] & 0xff) == 0x1f && (pull.buf[pull.pos + 1] & 0xff) == 0x8b;
    }

    /** Reads a member header (FEXTRA, FNAME, FCOMMENT skipped, never kept) and resets the inflater. */
    private void startMember() throws IOException {
      pull.pos += 2; // the magic number
      int method = pull.readByte();
      if (method != 8) {
        throw new IOException("unsupported gzip compression method " + method);
      }
      int flags = pull.readByte();
      skip(6); // MTIME, XFL, OS
      if ((flags & 4) != 0) {
        skip(pull.readByte() | (pull.readByte() << 8));
      }
      if ((flags & 8) != 0) {
        skipZeroTerminated();
      }
      if ((flags & 16) != 0) {
        skipZeroTerminated();
      }
      if ((flags & 2) != 0) {
        skip(2);
      }
      Inflater inf = inflater;
      if (inf == null) {
        inflater = newInflater(true);
      } else {
        inf.reset();
      }
      crc.reset();
    }

    private void checkTrailer() throws IOException {
      long expected = 0;
      for (int i = 0; i < 4; i++) {
        expected |= (long) pull.readByte() << (8 * i);
      }
      skip(4); // ISIZE: the CRC already tells a damaged member
      if (expected != crc.getValue()) {
        throw new IOException("gzip CRC mismatch");
      }
    }

    private void skip(int n) throws IOException {
      for (int i = 0; i < n; i++) {
        pull.readByte();
      }
    }

    /** An endless field ends at the input bound or the deadline (then EOFException). */
    private void skipZeroTerminated() throws IOException {
      while (pull.readByte() != 0) {
        // skipped
      }
    }
  }
}
