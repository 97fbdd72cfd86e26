package dev.apierrors.spi;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BoundedBodyTest {

  @ParameterizedTest(name = "{0} bytes, limit {1}")
  @CsvSource({"0, 10, 0, false", "9, 10, 9, false", "10, 10, 10, false", "11, 10, 10, true", "100000, 10, 10, true", "5, 0, 0, true"})
  void readsUpToTheLimit(int size, int limit, int expectedLength, boolean truncated) {
    BoundedBody body = BoundedBody.read(new ByteArrayInputStream(new byte[size]), limit);

    assertThat(body.length()).isEqualTo(expectedLength);
    assertThat(body.truncated()).isEqualTo(truncated);
    assertThat(body.incomplete()).isFalse();
  }

  @ParameterizedTest(name = "{0} bytes announced as {1}, limit {2}")
  @CsvSource({
      "48, 48, 1000, 48, false", "48, 10, 1000, 48, false", "48, 5000000, 1000, 48, false",
      "48, 0, 1000, 48, false", "2000, 48, 1000, 1000, true", "1000, 1000, 1000, 1000, false",
      "1001, 1000, 1000, 1000, true", "0, 48, 1000, 0, false"})
  void anAnnouncedLengthIsOnlyAHint(int size, long announced, int limit, int expectedLength, boolean truncated) {
    byte[] sent = new byte[size];
    Arrays.fill(sent, (byte) 'x');

    BoundedBody body = BoundedBody.read(new ByteArrayInputStream(sent), limit, announced);

    assertThat(body.length()).isEqualTo(expectedLength);
    assertThat(body.truncated()).isEqualTo(truncated);
    assertThat(body.incomplete()).isFalse();
    assertThat(body.bytes()).isEqualTo(Arrays.copyOf(sent, expectedLength));
  }

  @Test
  void anUnknownLengthReadsLikeTheTwoArgumentForm() {
    byte[] sent = "{\"code\":\"x\"}".getBytes(StandardCharsets.UTF_8);

    BoundedBody body = BoundedBody.read(new ByteArrayInputStream(sent), 100, -1);

    assertThat(body.bytes()).isEqualTo(sent);
    assertThat(body.truncated()).isFalse();
  }

  @Test
  void neverReadsMoreThanOneByteBeyondTheLimit() {
    CountingEndlessStream endless = new CountingEndlessStream();

    BoundedBody body = BoundedBody.read(endless, 1000);

    assertThat(body.length()).isEqualTo(1000);
    assertThat(body.truncated()).isTrue();
    assertThat(endless.bytesRead).isLessThanOrEqualTo(1001);
  }

  @Test
  void streamThatFailsMidwayKeepsTheBytesThatArrived() {
    InputStream dropping = new InputStream() {
      private int sent;

      @Override
      public int read() throws IOException {
        if (sent == 5) {
          throw new IOException("connection reset");
        }
        return "hello world".charAt(sent++);
      }
    };

    BoundedBody body = BoundedBody.read(dropping, 1024);

    assertThat(new String(body.bytes(), StandardCharsets.UTF_8)).isEqualTo("hello");
    assertThat(body.incomplete()).isTrue();
    assertThat(body.truncated()).isFalse();
  }

  @Test
  void streamThatThrowsAnUncheckedExceptionIsTreatedAsDropped() {
    InputStream broken = new InputStream() {
      private boolean sent;

      @Override
      public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0];
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (sent) {
          throw new IllegalStateException("stream closed");
        }
        sent = true;
        b[off] = 'x';
        return 1;
      }
    };

    BoundedBody body = BoundedBody.read(broken, 1024);

    assertThat(body.bytes()).containsExactly('x');
    assertThat(body.incomplete()).isTrue();
  }

  @Test
  void bytesAreCopied() {
    byte[] source = {1, 2, 3};
    BoundedBody body = BoundedBody.of(source, false);

    source[0] = 9;
    body.bytes()[1] = 9;

    assertThat(body.bytes()).containsExactly(1, 2, 3);
  }

  @Test
  void negativeLimitIsRejected() {
    assertThatThrownBy(() -> BoundedBody.read(InputStream.nullInputStream(), -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxBytes must be >= 0, was -1");
  }

  @Test
  void toStringShowsSizeAndStateButNoContent() {
    BoundedBody body = BoundedBody.of("secret".getBytes(StandardCharsets.UTF_8), true);

    assertThat(body.toString()).isEqualTo("BoundedBody{6 bytes, truncated}");
  }

  /** An endless body that counts what it was asked for. */
  private static final class CountingEndlessStream extends InputStream {
    long bytesRead;

    @Override
    public int read() {
      bytesRead++;
      return 'a';
    }

    @Override
    public int read(byte[] b, int off, int len) {
      bytesRead += len;
      Arrays.fill(b, off, off + len, (byte) 'a');
      return len;
    }
  }
}
