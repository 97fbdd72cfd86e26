package dev.apierrors.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apierrors.ErrorDecoder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link BoundedBody#read(InputStream, HttpHeaders, ErrorDecoder)}: content codings and every bound. */
class BoundedReadTest {
  private static final String TEXT = "{\"title\":\"Quota exceeded\",\"detail\":\"Try tomorrow\"}";
  private static final byte[] BYTES = TEXT.getBytes(StandardCharsets.UTF_8);

  private static final int LIMIT = 16 * 1024;
  private static final long COMPRESSED_LIMIT = 64 * 1024;
  private static final ErrorDecoder DECODER = ErrorDecoder.builder()
      .maxBodyBytes(LIMIT).maxCompressedBodyBytes(COMPRESSED_LIMIT).build();

  private static BoundedBody read(InputStream in, String... contentEncodings) {
    return read(in, DECODER, contentEncodings);
  }

  private static BoundedBody read(InputStream in, ErrorDecoder decoder, String... contentEncodings) {
    HttpHeaders.Builder headers = HttpHeaders.builder();
    for (String coding : contentEncodings) {
      headers.add("Content-Encoding", coding);
    }
    return BoundedBody.read(in, headers.build(), decoder);
  }

  private static String text(BoundedBody body) {
    return new String(body.bytes(), StandardCharsets.UTF_8);
  }

  static Stream<Arguments> undoneCodings() {
    return Stream.of(
        Arguments.of("no coding", BYTES, new String[] {}),
        Arguments.of("identity", BYTES, new String[] {"identity"}),
        Arguments.of("gzip", Bombs.gzip(BYTES), new String[] {"gzip"}),
        Arguments.of("x-gzip, any case", Bombs.gzip(BYTES), new String[] {"X-GZip"}),
        Arguments.of("identity, gzip", Bombs.gzip(BYTES), new String[] {"identity, gzip"}),
        Arguments.of("deflate (zlib)", Bombs.deflate(BYTES, false), new String[] {"deflate"}),
        Arguments.of("deflate (raw)", Bombs.deflate(BYTES, true), new String[] {"deflate"}),
        Arguments.of("gzip, gzip", Bombs.gzip(Bombs.gzip(BYTES)), new String[] {"gzip, gzip"}),
        Arguments.of("gzip and gzip in two fields", Bombs.gzip(Bombs.gzip(BYTES)), new String[] {"gzip", "gzip"}),
        Arguments.of("deflate, gzip", Bombs.gzip(Bombs.deflate(BYTES, false)), new String[] {"deflate, gzip"}),
        Arguments.of("gzip with every header field", Bombs.gzipWithEveryHeaderField(BYTES), new String[] {"gzip"}),
        Arguments.of("two gzip members", concat(Bombs.gzip(Arrays.copyOf(BYTES, 10)),
            Bombs.gzip(Arrays.copyOfRange(BYTES, 10, BYTES.length))), new String[] {"gzip"}),
        Arguments.of("gzip then garbage", concat(Bombs.gzip(BYTES), "trailing".getBytes(StandardCharsets.UTF_8)),
            new String[] {"gzip"}),
        Arguments.of("labelled gzip, sent plain", BYTES, new String[] {"gzip"}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("undoneCodings")
  void undoesTheContentCodings(String name, byte[] body, String[] contentEncodings) {
    BoundedBody read = read(new ByteArrayInputStream(body), contentEncodings);

    assertThat(text(read)).isEqualTo(TEXT);
    assertThat(read.truncated()).isFalse();
    assertThat(read.incomplete()).isFalse();
    assertThat(read.contentEncoding()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("undoneCodings")
  void aCompressedBodyEndingExactlyAtTheInputLimitIsNotTruncated(String name, byte[] body, String[] codings) {
    ErrorDecoder exact = ErrorDecoder.builder().maxCompressedBodyBytes(body.length).build();

    BoundedBody read = read(new ByteArrayInputStream(body), exact, codings);

    assertThat(text(read)).isEqualTo(TEXT);
    assertThat(read.truncated()).isFalse();
  }

  @Test
  void anEmptyBodyLabelledGzipIsEmpty() {
    BoundedBody read = read(new ByteArrayInputStream(new byte[0]), "gzip");

    assertThat(read.length()).isZero();
    assertThat(read.incomplete()).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unknownCodings")
  void aCodingThatCannotBeUndoneKeepsTheBytesAsReceivedAndSaysSo(String contentEncoding) {
    byte[] body = Bombs.gzip(BYTES);

    BoundedBody read = read(new ByteArrayInputStream(body), contentEncoding);

    assertThat(read.bytes()).isEqualTo(body);
    assertThat(read.contentEncoding()).hasValue(contentEncoding);
  }

  static Stream<String> unknownCodings() {
    return Stream.of("br", "zstd", "gzip, br", "compress", "\u0000garbage", "gzip, gzip, gzip, gzip, gzip");
  }

  @Test
  void anUnknownCodingIsStillBoundedByTheBodyLimit() {
    Bombs.Endless endless = new Bombs.Endless(new byte[0], new byte[] {'x'});

    BoundedBody read = read(endless, "br");

    assertThat(read.length()).isEqualTo(LIMIT);
    assertThat(read.truncated()).isTrue();
    assertThat(endless.pulled()).isLessThanOrEqualTo(LIMIT + 1);
  }

  static Stream<Arguments> bombs() {
    return Stream.of(
        Arguments.of("endless gzip FNAME", (Supplier<Bombs.Endless>) () -> Bombs.endlessHeaderField(8), "gzip"),
        Arguments.of("endless gzip FCOMMENT", (Supplier<Bombs.Endless>) () -> Bombs.endlessHeaderField(16), "gzip"),
        Arguments.of("gzip members of FEXTRA only", (Supplier<Bombs.Endless>) Bombs::endlessExtraMembers, "gzip"),
        Arguments.of("gzip of empty blocks", (Supplier<Bombs.Endless>) Bombs::endlessEmptyGzip, "gzip"),
        Arguments.of("zlib deflate of empty blocks",
            (Supplier<Bombs.Endless>) () -> Bombs.endlessEmptyDeflate(false), "deflate"),
        Arguments.of("raw deflate of empty blocks",
            (Supplier<Bombs.Endless>) () -> Bombs.endlessEmptyDeflate(true), "deflate"),
        Arguments.of("gzip, gzip of empty blocks", (Supplier<Bombs.Endless>) Bombs::endlessEmptyGzip, "gzip, gzip"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bombs")
  void aBodyThatInflatesToNothingStopsAtTheInputLimit(String name, Supplier<Bombs.Endless> bomb, String coding) {
    Bombs.Endless endless = bomb.get();

    BoundedBody read = read(endless, coding);

    assertThat(read.length()).isZero();
    assertThat(read.truncated()).isTrue();
    assertThat(read.incomplete()).isFalse();
    assertThat(endless.pulled()).isBetween(COMPRESSED_LIMIT, COMPRESSED_LIMIT + 1);
  }

  @Test
  void theInnerLayerOfADoubleGzipIsBoundedToo() {
    // 16 MiB of an endless inner gzip compress to ~16 KB: the outer layer is well within
    // the input limit, the inner one is what must stop.
    byte[] outer = Bombs.gzip(Bombs.emptyGzipPrefix(16 * 1024 * 1024));
    assertThat((long) outer.length).isLessThan(COMPRESSED_LIMIT);

    BoundedBody read = read(new ByteArrayInputStream(outer), "gzip, gzip");

    assertThat(read.length()).isZero();
    assertThat(read.truncated()).isTrue();
  }

  @Test
  void aHugeDecodedBodyStopsAtTheBodyLimit() {
    byte[] zeros = Bombs.gzip(new byte[8 * 1024 * 1024]);

    BoundedBody read = read(new ByteArrayInputStream(zeros), "gzip");

    assertThat(read.length()).isEqualTo(LIMIT);
    assertThat(read.truncated()).isTrue();
  }

  @Test
  void aCorruptMemberKeepsWhatWasDecodedBeforeIt() {
    byte[] body = Bombs.gzip(BYTES);
    body[body.length - 8] ^= 1; // the CRC-32

    BoundedBody read = read(new ByteArrayInputStream(body), "gzip");

    assertThat(text(read)).isEqualTo(TEXT);
    assertThat(read.incomplete()).isTrue();
    assertThat(read.truncated()).isFalse();
  }

  @Test
  void aBodyCutMidStreamKeepsWhatWasDecoded() {
    byte[] body = Bombs.gzip(BYTES);

    BoundedBody read = read(new ByteArrayInputStream(Arrays.copyOf(body, body.length - 12)), "gzip");

    assertThat(TEXT).startsWith(text(read));
    assertThat(read.incomplete()).isTrue();
  }

  @Test
  void aBodyThatTricklesForeverEndsAtTheReadTimeout() {
    ErrorDecoder quick = DECODER.toBuilder().bodyReadTimeout(Duration.ofMillis(200)).build();
    InputStream trickle = new InputStream() {
      @Override
      public int read() throws IOException {
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          throw new java.io.InterruptedIOException();
        }
        return 'a';
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        b[off] = (byte) read();
        return 1;
      }
    };
    long start = System.nanoTime();

    BoundedBody read = read(trickle, quick);

    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
    assertThat(read.truncated()).isTrue();
    assertThat(read.length()).isBetween(1, 200);
    assertThat(elapsedMillis).isBetween(190L, 2_000L);
  }

  @Test
  void aFailedReadAfterTheDeadlineIsTheBoundsCutNotAFailure() {
    ErrorDecoder quick = DECODER.toBuilder().bodyReadTimeout(Duration.ofMillis(50)).build();
    InputStream slowThenTimeout = new InputStream() {
      private int sent;

      @Override
      public int read() throws IOException {
        if (sent++ < 3) {
          return 'a';
        }
        try {
          Thread.sleep(100); // a read blocked past the deadline, then ended by the socket's timeout
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        throw new java.net.SocketTimeoutException("timeout");
      }
    };

    BoundedBody read = read(slowThenTimeout, quick);

    assertThat(text(read)).isEqualTo("aaa");
    assertThat(read.truncated()).isTrue();
    assertThat(read.incomplete()).isFalse();
  }

  static Stream<Arguments> misbehavingStreams() {
    return Stream.of(
        // Out of memory, nothing can be kept: the caller must close the stream first.
        Arguments.of("OutOfMemoryError", new OutOfMemoryError("Java heap space"), ""),
        Arguments.of("RuntimeException", new IllegalStateException("closed"), "ok"),
        Arguments.of("IOException", new IOException("reset"), "ok"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("misbehavingStreams")
  void aStreamThatThrowsGivesWhatArrivedAndNeverThrows(String name, Throwable thrown, String kept) {
    InputStream failing = new InputStream() {
      private int sent;

      @Override
      public int read() throws IOException {
        if (sent == 2) {
          sneakyThrow(thrown);
        }
        return "ok".charAt(sent++);
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        b[off] = (byte) read(); // one byte a call, so each arrives before the failure
        return 1;
      }
    };

    BoundedBody read = read(failing);

    assertThat(text(read)).isEqualTo(kept);
    assertThat(read.incomplete()).isTrue();
  }

  @Test
  void aStreamReturningZeroBytesIsTakenAsEndedNotSpunOn() {
    InputStream zeros = new InputStream() {
      @Override
      public int read() {
        return -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        return 0;
      }
    };

    BoundedBody read = read(zeros, "gzip");
    BoundedBody plain = BoundedBody.read(zeros, 100);

    assertThat(read.length()).isZero();
    assertThat(plain.length()).isZero();
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> void sneakyThrow(Throwable t) throws T {
    throw (T) t;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(a);
    out.writeBytes(b);
    return out.toByteArray();
  }
}
