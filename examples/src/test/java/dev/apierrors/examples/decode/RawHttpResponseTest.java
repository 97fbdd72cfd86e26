package dev.apierrors.examples.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RawHttpResponseTest {

  private static RawHttpResponse parse(String text) {
    return RawHttpResponse.parse(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String body(RawHttpResponse r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  @Test
  void readsStatusHeadersAndBodyWithCrlf() {
    RawHttpResponse r = parse("HTTP/1.1 429 Too Many Requests\r\nRetry-After: 5\r\nX-Thing:  a b \r\n\r\n{\"a\":1}\r\n");

    assertThat(r.status()).isEqualTo(429);
    assertThat(r.statusLine()).isEqualTo("HTTP/1.1 429 Too Many Requests");
    assertThat(r.headers().firstValue("retry-after")).contains("5");
    assertThat(r.headers().firstValue("X-Thing")).contains("a b");
    assertThat(body(r)).isEqualTo("{\"a\":1}\r\n");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "HTTP/2 503|503",
      "HTTP/2 404 |404",
      "HTTP/1.0 500 Internal Server Error|500",
      "HTTP/3 420|420",
  })
  void acceptsEveryHttpVersionCurlPrints(String statusLine, int status) {
    assertThat(parse(statusLine + "\ncontent-type: text/plain\n\nboom").status()).isEqualTo(status);
  }

  @Test
  void readsLfOnlyLinesAndKeepsRepeatedHeadersInOrder() {
    RawHttpResponse r = parse("HTTP/2 401\nwww-authenticate: Basic realm=\"a\"\nWWW-Authenticate: Bearer\n\n");

    assertThat(r.headers().allValues("WWW-Authenticate")).containsExactly("Basic realm=\"a\"", "Bearer");
    assertThat(r.body()).isEmpty();
  }

  @Test
  void takesTheLastHeaderBlockAfter100Continue() {
    RawHttpResponse r = parse("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 413 Content Too Large\r\nContent-Type: text/plain\r\n\r\ntoo big");

    assertThat(r.status()).isEqualTo(413);
    assertThat(r.headers().firstValue("Content-Type")).contains("text/plain");
    assertThat(body(r)).isEqualTo("too big");
  }

  @Test
  void takesTheLastHeaderBlockAfterAProxyConnect() {
    RawHttpResponse r = parse("HTTP/1.1 200 Connection established\r\nProxy-Agent: squid\r\n\r\n"
        + "HTTP/2 502\r\ncontent-type: text/html\r\n\r\n<html></html>");

    assertThat(r.status()).isEqualTo(502);
    assertThat(r.headers().contains("Proxy-Agent")).isFalse();
    assertThat(body(r)).isEqualTo("<html></html>");
  }

  @Test
  void joinsObsoleteLineFoldingIntoThePreviousValue() {
    RawHttpResponse r = parse("HTTP/1.1 400 Bad Request\nX-Long: first\n  second\n\n");

    assertThat(r.headers().firstValue("X-Long")).contains("first second");
  }

  @Test
  void acceptsAHeadWithoutBlankLineOrBodyAndLeadingBlankLines() {
    RawHttpResponse r = parse("\n\r\nHTTP/1.1 404 Not Found\r\nContent-Length: 0");

    assertThat(r.status()).isEqualTo(404);
    assertThat(r.headers().firstValue("Content-Length")).contains("0");
    assertThat(r.body()).isEmpty();
  }

  @Test
  void keepsBodyBytesExactly() {
    byte[] bytes = new byte[] {'H', 'T', 'T', 'P', '/', '1', '.', '1', ' ', '5', '0', '0', '\n', '\n',
        (byte) 0xff, 0, (byte) 0xfe, '\r', '\n'};

    assertThat(RawHttpResponse.parse(bytes).body()).containsExactly((byte) 0xff, 0, (byte) 0xfe, '\r', '\n');
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   \n\r\n", "\uFEFF"})
  void rejectsEmptyInput(String text) {
    assertThatThrownBy(() -> parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("empty input");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"error\": \"not a response\"}",
      "GET / HTTP/1.1\r\nHost: x\r\n\r\n",
      "HTTP/1.1 99 Odd\r\n\r\n",
      "HTTP/1.1 4000 Odd\r\n\r\n",
      "HTTP/x 400\r\n\r\n",
  })
  void rejectsWhatIsNotAStatusLine(String text) {
    assertThatThrownBy(() -> parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 1 should be a status line");
  }

  @Test
  void rejectsAHeaderLineWithoutNameAndColonAndSaysWhichLine() {
    assertThatThrownBy(() -> parse("HTTP/1.1 400 Bad Request\r\nRetry-After: 1\r\nthis is not a header\r\n\r\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 3 should be a header field");
  }
}
