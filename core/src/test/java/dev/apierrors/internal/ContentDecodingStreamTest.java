package dev.apierrors.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apierrors.spi.Bombs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The decoded stream of {@link ContentDecoding#decode}: single-byte and block reads, the
 * input cap read in pieces, the end of the data, sources that deliver their bytes in
 * pieces, and closing.
 */
class ContentDecodingStreamTest {
  private static final long NO_CAP = Long.MAX_VALUE;

  private static ContentDecoding.Bounds noDeadline() {
    return new ContentDecoding.Bounds(System.nanoTime() + 3_600_000_000_000L);
  }

  private static ContentDecoding.Decoded decode(InputStream raw, String... codings) {
    return ContentDecoding.decode(raw, List.of(codings), NO_CAP, noDeadline());
  }

  /** Every byte by {@link InputStream#read()}, up to the first -1. */
  private static byte[] readByByte(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int b; (b = in.read()) != -1; ) {
      assertThat(b).isBetween(0, 255);
      out.write(b);
    }
    return out.toByteArray();
  }

  /** Every byte by block reads of {@code len}, up to the first -1 (a 0 fails the test). */
  private static byte[] readByBlocks(InputStream in, int len) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[len];
    for (int n; (n = in.read(buf, 0, len)) != -1; ) {
      assertThat(n).as("a block read returns bytes or -1").isPositive();
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  private static final byte[] TEXT = "{\"title\":\"Caf\u00e9 closed\"}".getBytes(StandardCharsets.UTF_8);

  @ParameterizedTest(name = "{0}")
  @CsvSource({"identity", "gzip", "deflate", "raw deflate", "gzip gzip"})
  void singleByteReadsGiveEveryDecodedByteThenTheEnd(String how) throws IOException {
    try (ContentDecoding.Decoded in = decode(new ByteArrayInputStream(encode(how, TEXT)), codings(how))) {
      assertThat(readByByte(in)).isEqualTo(TEXT);
      assertThat(in.read()).isEqualTo(-1);
      assertThat(in.read(new byte[8], 0, 8)).isEqualTo(-1);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"identity", "gzip", "deflate", "raw deflate", "gzip gzip"})
  void blockReadsGiveEveryDecodedByteThenTheEndForEver(String how) throws IOException {
    try (ContentDecoding.Decoded in = decode(new ByteArrayInputStream(encode(how, TEXT)), codings(how))) {
      assertThat(readByBlocks(in, 5)).isEqualTo(TEXT);
      assertThat(in.read(new byte[8], 0, 8)).isEqualTo(-1);
      assertThat(in.read()).isEqualTo(-1);
      assertThat(in.read(new byte[8], 0, 0)).isZero();
    }
  }

  @Test
  void aBodyLabelledGzipButSentPlainIsPassedThroughWhateverTheReadSizes() throws IOException {
    byte[] plain = "plain text, not gzip".getBytes(StandardCharsets.UTF_8);
    try (ContentDecoding.Decoded in = decode(new ByteArrayInputStream(plain), "gzip")) {
      assertThat(in.read()).isEqualTo('p');
      byte[] rest = new byte[100];
      int n = in.read(rest, 0, rest.length);
      assertThat(new String(rest, 0, n, StandardCharsets.UTF_8)).isEqualTo("lain text, not gzip");
      assertThat(in.read(rest, 0, rest.length)).isEqualTo(-1);
    }
  }

  @Test
  void anEmptyBodyLabelledDeflateEndsAtOnce() throws IOException {
    try (ContentDecoding.Decoded in = decode(new ByteArrayInputStream(new byte[0]), "deflate")) {
      assertThat(in.read(new byte[8], 0, 8)).isEqualTo(-1);
    }
  }

  @ParameterizedTest(name = "{0} bytes sent, cap 10")
  @CsvSource({"20, 10, true", "11, 10, true", "10, 10, false", "7, 7, false"})
  void theInputCapHoldsAcrossReadsOfAnySize(int sent, int expected, boolean cut) throws IOException {
    byte[] raw = new byte[sent];
    Arrays.fill(raw, (byte) 'x');
    ContentDecoding.Bounds bounds = noDeadline();
    try (ContentDecoding.Decoded in = ContentDecoding.decode(new ByteArrayInputStream(raw), List.of(), 10, bounds)) {
      byte[] buf = new byte[100];
      int first = in.read(buf, 0, 4);
      int total = first;
      for (int n; (n = in.read(buf, 0, buf.length)) != -1; ) {
        assertThat(n).isPositive();
        total += n;
      }

      assertThat(first).isEqualTo(4);
      assertThat(total).isEqualTo(expected);
      assertThat(bounds.cut()).isEqualTo(cut);
    }
  }

  @Test
  void theSecondReadAfterTheCapGivesTheRemainderOfTheCapOnly() throws IOException {
    byte[] raw = new byte[50];
    ContentDecoding.Bounds bounds = noDeadline();
    try (ContentDecoding.Decoded in = ContentDecoding.decode(new ByteArrayInputStream(raw), List.of(), 10, bounds)) {
      byte[] buf = new byte[100];

      assertThat(in.read(buf, 0, 4)).isEqualTo(4);
      assertThat(in.read(buf, 0, 100)).isEqualTo(6);
      assertThat(in.read(buf, 0, 100)).isEqualTo(-1);
      assertThat(in.read()).isEqualTo(-1);
      assertThat(bounds.cut()).isTrue();
    }
  }

  @Test
  void rawDeflateWhoseFirstByteLooksLikeAZlibMethodIsStillRaw() throws IOException {
    // A stored, non-final block whose first byte is 0x08 (its unused bits set): the low
    // nibble of a zlib header's CMF, but 0x08 0x02 is no zlib header (not a multiple of 31).
    byte[] raw = {0x08, 0x02, 0x00, (byte) 0xfd, (byte) 0xff, 'h', 'i', 0x01, 0x00, 0x00, (byte) 0xff, (byte) 0xff};

    try (ContentDecoding.Decoded in = decode(new ByteArrayInputStream(raw), "deflate")) {
      assertThat(readByBlocks(in, 100)).isEqualTo("hi".getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void deflateDataWhoseLastBlockArrivesInALaterReadEndsWithMinusOne() throws IOException {
    // A stored block "hi", then (in a read of its own) an empty final block: the read that
    // gets it inflates nothing and finds the end.
    byte[] first = {0x00, 0x02, 0x00, (byte) 0xfd, (byte) 0xff, 'h', 'i'};
    byte[] last = {0x01, 0x00, 0x00, (byte) 0xff, (byte) 0xff};

    try (ContentDecoding.Decoded in = decode(new Pieces(first, last), "deflate")) {
      byte[] buf = new byte[100];
      assertThat(in.read(buf, 0, 100)).isEqualTo(2);
      assertThat(in.read(buf, 0, 100)).isEqualTo(-1);
    }
  }

  @ParameterizedTest(name = "split after {0} bytes of the second member")
  @CsvSource({"1", "2", "3", "10"})
  void gzipMembersSplitAcrossReadsAnywhereAreAllDecoded(int intoSecond) throws IOException {
    byte[] a = gzip("first member, ".getBytes(StandardCharsets.UTF_8));
    byte[] b = gzip("second member".getBytes(StandardCharsets.UTF_8));
    byte[] both = concat(a, b);
    int split = a.length + intoSecond;

    try (ContentDecoding.Decoded in = decode(
        new Pieces(Arrays.copyOf(both, split), Arrays.copyOfRange(both, split, both.length)), "gzip")) {
      assertThat(new String(readByBlocks(in, 100), StandardCharsets.UTF_8)).isEqualTo("first member, second member");
    }
  }

  @Test
  void aSecondMemberWhoseFirstByteEndsAShortReadIsDecoded() throws IOException {
    // The first member's size field and the second member's first byte arrive in one read
    // of their own: the buffer holds one byte when the next member's magic number is checked.
    byte[] a = gzip("first member, ".getBytes(StandardCharsets.UTF_8));
    byte[] b = gzip("second member".getBytes(StandardCharsets.UTF_8));

    try (ContentDecoding.Decoded in = decode(new Pieces(
        Arrays.copyOf(a, a.length - 4),
        concat(Arrays.copyOfRange(a, a.length - 4, a.length), Arrays.copyOf(b, 1)),
        Arrays.copyOfRange(b, 1, b.length)), "gzip")) {
      assertThat(new String(readByBlocks(in, 100), StandardCharsets.UTF_8)).isEqualTo("first member, second member");
    }
  }

  @Test
  void aGzipHeaderArrivingOneByteAtATimeIsDecoded() throws IOException {
    byte[] body = gzip(TEXT);
    byte[][] pieces = new byte[body.length][];
    for (int i = 0; i < body.length; i++) {
      pieces[i] = new byte[] {body[i]};
    }

    try (ContentDecoding.Decoded in = decode(new Pieces(pieces), "gzip")) {
      assertThat(readByBlocks(in, 64)).isEqualTo(TEXT);
    }
  }

  @Test
  void zlibDeflateArrivingOneByteAtATimeIsDecoded() throws IOException {
    byte[] body = deflate(TEXT, false);
    byte[][] pieces = new byte[body.length][];
    for (int i = 0; i < body.length; i++) {
      pieces[i] = new byte[] {body[i]};
    }

    try (ContentDecoding.Decoded in = decode(new Pieces(pieces), "deflate")) {
      assertThat(readByBlocks(in, 64)).isEqualTo(TEXT);
    }
  }

  @Test
  void closingEndsTheInflatersSoTheRestCannotBeRead() throws IOException {
    byte[] big = new byte[100_000];
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) (i * 31 + (i >> 7));
    }
    ContentDecoding.Decoded in = decode(new ByteArrayInputStream(gzip(big)), "gzip");
    assertThat(in.read()).isEqualTo(big[0] & 0xff);

    in.close();

    assertThatThrownBy(() -> in.read(new byte[1024], 0, 1024)).isInstanceOf(RuntimeException.class);
  }

  @Test
  void closingNeverClosesTheRawStream() throws IOException {
    boolean[] closed = {false};
    InputStream raw = new ByteArrayInputStream(gzip(TEXT)) {
      @Override
      public void close() {
        closed[0] = true;
      }
    };

    decode(raw, "gzip").close();

    assertThat(closed[0]).isFalse();
  }

  private static String[] codings(String how) {
    return switch (how) {
      case "identity" -> new String[0];
      case "raw deflate" -> new String[] {"deflate"};
      case "gzip gzip" -> new String[] {"gzip", "gzip"};
      default -> new String[] {how};
    };
  }

  private static byte[] encode(String how, byte[] data) {
    return switch (how) {
      case "identity" -> data;
      case "gzip" -> gzip(data);
      case "deflate" -> deflate(data, false);
      case "raw deflate" -> deflate(data, true);
      case "gzip gzip" -> gzip(gzip(data));
      default -> throw new IllegalArgumentException(how);
    };
  }

  static byte[] gzip(byte[] data) {
    return Bombs.gzip(data);
  }

  static byte[] deflate(byte[] data, boolean raw) {
    return Bombs.deflate(data, raw);
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /**
   * A source that gives its pieces one read each (never more than one piece a read), and
   * holds callers to {@link InputStream}'s bounds contract.
   */
  static final class Pieces extends InputStream {
    private final List<byte[]> pieces;
    private int piece;
    private int pos;

    Pieces(byte[]... pieces) {
      this.pieces = new ArrayList<>(List.of(pieces));
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      Objects.checkFromIndexSize(off, len, b.length);
      if (len == 0) {
        return 0;
      }
      while (piece < pieces.size() && pos == pieces.get(piece).length) {
        piece++;
        pos = 0;
      }
      if (piece == pieces.size()) {
        return -1;
      }
      byte[] current = pieces.get(piece);
      int n = Math.min(len, current.length - pos);
      System.arraycopy(current, pos, b, off, n);
      pos += n;
      return n;
    }
  }

  /** A source that breaks InputStream's contract: every block read returns 0 bytes. */
  private static final class ZeroReads extends InputStream {
    @Override
    public int read() {
      return -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      return 0;
    }
  }

  @Test
  void aSourceThatReadsZeroBytesNeverGivesAByteThatWasNotRead() throws IOException {
    try (ContentDecoding.Decoded in = decode(new ZeroReads())) {
      assertThat(in.read()).isEqualTo(-1);
    }
    try (ContentDecoding.Decoded in = ContentDecoding.decode(new ZeroReads(), List.of(), 10, noDeadline())) {
      assertThat(in.read()).isEqualTo(-1);
    }
  }
}
