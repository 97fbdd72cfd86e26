package dev.apierrors.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

/** Failures passed on by an adapter keep their class and lose their credentials. */
class SecretsTest {
  private static final String TOKEN = "tok-0123456789-abcdef";
  private static final Secrets SECRETS = Secrets.builder()
      .request("https://api.test/x?api_key=" + TOKEN, HttpHeaders.of("Cookie", "session=c00kie-0123456789"))
      .build();

  @Test
  void aFailureShowingNoCredentialIsReturnedItself() {
    IOException failure = new SocketTimeoutException("timeout");
    failure.addSuppressed(new IOException("connection reset"));

    assertThat(SECRETS.scrub(failure)).isSameAs(failure);
  }

  @Test
  void aStatusLineQuotingCredentialsGivesTheSameClassWithThemMasked() {
    ProtocolException failure = new ProtocolException(
        "Unexpected status line: HTTP/1.1 5x3 Bearer sk-unknown-987654321 api_key=other-value-1 " + TOKEN);

    IOException scrubbed = SECRETS.scrub(failure);

    assertThat(scrubbed).isInstanceOf(ProtocolException.class).isNotSameAs(failure)
        .hasMessage("Unexpected status line: HTTP/1.1 5x3 Bearer [REDACTED] api_key=[REDACTED] [REDACTED]");
    assertThat(scrubbed.getStackTrace()).isEqualTo(failure.getStackTrace());
  }

  @Test
  void causesAndSuppressedAreMaskedTooEvenInACycle() {
    IOException cause = new IOException("sent Cookie: session=c00kie-0123456789");
    IOException failure = new IOException("call failed", cause);
    IOException looping = new IOException("suppressed " + TOKEN);
    failure.addSuppressed(looping);
    looping.addSuppressed(failure); // a cycle: must end

    IOException scrubbed = SECRETS.scrub(failure);

    StringWriter trace = new StringWriter();
    scrubbed.printStackTrace(new PrintWriter(trace));
    assertThat(trace.toString()).doesNotContain("c00kie-0123456789", TOKEN).contains("call failed", "[REDACTED]");
    assertThat(scrubbed.getCause()).hasMessage("sent Cookie: [REDACTED]");
  }

  @Test
  void aFailureOfAClassThatCannotBeCopiedBecomesAPlainIOExceptionNamingIt() {
    IOException failure = new IOException(TOKEN) {
      private static final long serialVersionUID = 1L;
    };

    IOException scrubbed = SECRETS.scrub(failure);

    assertThat(scrubbed.getClass()).isEqualTo(IOException.class);
    assertThat(scrubbed.getMessage()).contains(SecretsTest.class.getName()).doesNotContain(TOKEN);
  }

  @Test
  void toStringNeverShowsAValue() {
    assertThat(SECRETS.toString()).isEqualTo("Secrets{3 values}").doesNotContain(TOKEN);
    assertThat(SECRETS.oneLine("a\nb " + TOKEN)).isEqualTo("a\\nb [REDACTED]");
  }
}
