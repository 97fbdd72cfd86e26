package dev.apierrors.spi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Hostile compressed bodies, as endless generated streams (nothing held in memory) or small
 * byte arrays, and the compressors for ordinary ones.
 */
public final class Bombs {
  private Bombs() {}

  /** A non-final empty stored deflate block: five bytes that inflate to nothing. */
  static final byte[] EMPTY_BLOCK = {0x00, 0x00, 0x00, (byte) 0xff, (byte) 0xff};

  /** A gzip header with these flags and nothing after it. */
  static byte[] gzipHeader(int flags) {
    return new byte[] {0x1f, (byte) 0x8b, 8, (byte) flags, 0, 0, 0, 0, 0, (byte) 0xff};
  }

  /** One gzip member of nothing, carrying a 65,535-byte FEXTRA field. */
  static byte[] emptyMemberWithMaxExtra() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(gzipHeader(4));
    out.write(0xff);
    out.write(0xff);
    out.writeBytes(new byte[0xffff]);
    out.writeBytes(new byte[] {0x01, 0x00, 0x00, (byte) 0xff, (byte) 0xff}); // final empty block
    out.writeBytes(new byte[8]); // CRC-32 and ISIZE of nothing
    return out.toByteArray();
  }

  /** {@code prefix}, then {@code unit} repeated forever; counts the bytes read from it. */
  static final class Endless extends InputStream {
    private final byte[] prefix;
    private final byte[] unit;
    private long position;

    Endless(byte[] prefix, byte[] unit) {
      this.prefix = prefix;
      this.unit = unit;
    }

    /** The bytes read so far. */
    long pulled() {
      return position;
    }

    @Override
    public int read() {
      return next() & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      for (int i = 0; i < len; i++) {
        b[off + i] = next();
      }
      return len;
    }

    private byte next() {
      long p = position++;
      return p < prefix.length ? prefix[(int) p] : unit[(int) ((p - prefix.length) % unit.length)];
    }
  }

  /** An endless gzip header field: FNAME (8) or FCOMMENT (16) that never ends. */
  static Endless endlessHeaderField(int flag) {
    return new Endless(gzipHeader(flag), new byte[] {'a'});
  }

  /** gzip members of nothing, each with a maximal FEXTRA, forever. */
  static Endless endlessExtraMembers() {
    return new Endless(new byte[0], emptyMemberWithMaxExtra());
  }

  /** gzip whose deflate data is empty blocks forever. */
  static Endless endlessEmptyGzip() {
    return new Endless(gzipHeader(0), EMPTY_BLOCK);
  }

  /** deflate (zlib-wrapped, or raw) that is empty blocks forever. */
  static Endless endlessEmptyDeflate(boolean raw) {
    return new Endless(raw ? new byte[0] : new byte[] {0x78, (byte) 0x9c}, EMPTY_BLOCK);
  }

  /** {@code n} bytes of gzip whose deflate data is empty blocks (no end): the inner layer of a double bomb. */
  static byte[] emptyGzipPrefix(int n) {
    byte[] out = new byte[n];
    byte[] header = gzipHeader(0);
    for (int i = 0; i < n; i++) {
      out[i] = i < header.length ? header[i] : EMPTY_BLOCK[(i - header.length) % EMPTY_BLOCK.length];
    }
    return out;
  }

  public static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return out.toByteArray();
  }

  public static byte[] deflate(byte[] data, boolean raw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, raw);
    try (OutputStream d = new DeflaterOutputStream(out, deflater)) {
      d.write(data);
    } catch (IOException e) {
      throw new AssertionError(e);
    } finally {
      deflater.end();
    }
    return out.toByteArray();
  }

  /** gzip of {@code data} whose header carries FEXTRA, FNAME, FCOMMENT and FHCRC. */
  static byte[] gzipWithEveryHeaderField(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(gzipHeader(4 | 8 | 16 | 2));
    out.writeBytes(new byte[] {3, 0, 'x', 'y', 'z'});
    out.writeBytes("name.json\0".getBytes());
    out.writeBytes("a comment\0".getBytes());
    out.writeBytes(new byte[] {0, 0}); // FHCRC (not checked by readers)
    out.writeBytes(deflate(data, true));
    CRC32 crc = new CRC32();
    crc.update(data);
    long c = crc.getValue();
    for (int i = 0; i < 4; i++) {
      out.write((int) (c >>> (8 * i)));
    }
    for (int i = 0; i < 4; i++) {
      out.write(data.length >>> (8 * i));
    }
    return out.toByteArray();
  }
}
