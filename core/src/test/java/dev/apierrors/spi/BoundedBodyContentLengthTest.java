package dev.apierrors.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apierrors.ErrorDecoder;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link BoundedBody#read(InputStream, HttpHeaders, ErrorDecoder)} with and without a
 * {@code Content-Length}, right or wrong, and the plain reads' edge cases.
 */
class BoundedBodyContentLengthTest {
  private static final byte[] BODY = "{\"message\":\"Not found\"}".getBytes(StandardCharsets.UTF_8);

  private static BoundedBody read(byte[] body, ErrorDecoder decoder, String... namesAndValues) {
    return BoundedBody.read(new ByteArrayInputStream(body), HttpHeaders.of(namesAndValues), decoder);
  }

  @ParameterizedTest(name = "Content-Length: ''{0}''")
  @CsvSource(
      delimiter = '|',
      value = {
        "23", "0", "1", "22", "24", "1000000", "999999999999999999", "0000000000000000023",
        "99999999999999999999", "9223372036854775808", "-1", "-23", "+23", "2 3", "23a", "a23", "0x17",
        "'/'", "':'", "1/", "1:", "''", "' '", "٢٣",
      })
  void anyContentLengthIsOnlyAHintAndNeverFailsTheRead(String contentLength) {
    BoundedBody body = read(BODY, ErrorDecoder.ofDefaults(), "Content-Length", contentLength);

    assertThat(body.bytes()).isEqualTo(BODY);
    assertThat(body.truncated()).isFalse();
    assertThat(body.incomplete()).isFalse();
    assertThat(body.contentEncoding()).isEmpty();
  }

  @Test
  void noContentLengthReadsTheWholeBody() {
    BoundedBody body = read(BODY, ErrorDecoder.ofDefaults());

    assertThat(body.bytes()).isEqualTo(BODY);
    assertThat(body.truncated()).isFalse();
  }

  @ParameterizedTest(name = "Content-Length {0}, limit 10")
  @CsvSource({"23", "10", "5", "-1"})
  void aBodyLongerThanTheLimitIsCutWhateverItsAnnouncedLength(String contentLength) {
    ErrorDecoder decoder = ErrorDecoder.builder().maxBodyBytes(10).build();

    BoundedBody body = read(BODY, decoder, "Content-Length", contentLength);

    assertThat(new String(body.bytes(), StandardCharsets.UTF_8)).isEqualTo("{\"message\"");
    assertThat(body.truncated()).isTrue();
  }

  @Test
  void theContentLengthOfACompressedBodyIsNotTheDecodedLength() {
    byte[] gzip = Bombs.gzip(BODY);

    BoundedBody body = read(gzip, ErrorDecoder.ofDefaults(),
        "Content-Encoding", "gzip", "Content-Length", String.valueOf(gzip.length));

    assertThat(body.bytes()).isEqualTo(BODY);
    assertThat(body.truncated()).isFalse();
  }

  @Test
  void anUncodedBodyPastTheCompressedLimitIsCutThereNotFailed() {
    // Without a coding, the bytes taken from the network are the body's bytes.
    ErrorDecoder decoder = ErrorDecoder.builder().maxBodyBytes(1000).maxCompressedBodyBytes(10).build();

    BoundedBody body = read(BODY, decoder, "Content-Length", String.valueOf(BODY.length));

    assertThat(new String(body.bytes(), StandardCharsets.UTF_8)).isEqualTo("{\"message\"");
    assertThat(body.truncated()).isTrue();
    assertThat(body.incomplete()).isFalse();
  }

  @Test
  void anUncodedBodyEndingAtTheCompressedLimitIsWhole() {
    ErrorDecoder decoder = ErrorDecoder.builder().maxBodyBytes(1000).maxCompressedBodyBytes(BODY.length).build();

    BoundedBody body = read(BODY, decoder);

    assertThat(body.bytes()).isEqualTo(BODY);
    assertThat(body.truncated()).isFalse();
    assertThat(body.incomplete()).isFalse();
  }

  @Test
  void aStreamReturningZeroBytesIsAFailedReadThatKeepsWhatArrived() {
    InputStream oneThenZero = new InputStream() {
      private boolean sent;

      @Override
      public int read() {
        return -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (sent) {
          return 0;
        }
        sent = true;
        b[off] = 'x';
        return 1;
      }
    };

    BoundedBody body = BoundedBody.read(oneThenZero, 100);

    assertThat(body.bytes()).containsExactly('x');
    assertThat(body.incomplete()).isTrue();
    assertThat(body.truncated()).isFalse();
  }

  @Test
  void theEmptyBodyHasNoBytesAndNoFlags() {
    BoundedBody empty = BoundedBody.empty();

    assertThat(empty.length()).isZero();
    assertThat(empty.bytes()).isEmpty();
    assertThat(empty.truncated()).isFalse();
    assertThat(empty.incomplete()).isFalse();
    assertThat(empty.contentEncoding()).isEmpty();
    assertThat(empty).hasToString("BoundedBody{0 bytes}");
  }
}
