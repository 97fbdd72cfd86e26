package dev.apierrors.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apierrors.ApiError;
import dev.apierrors.ApiException;
import dev.apierrors.ErrorDecoder;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How {@link Secrets#scrub(IOException)} walks causes and suppressed failures, and what it copies. */
class SecretsFailureGraphTest {
  private static final String TOKEN = "tok-0123456789-abcdef";
  /** Built for each test (not in a static initializer), so that coverage sees it built by the test. */
  private final Secrets secrets =
      Secrets.builder().request("https://api.test/x?api_key=" + TOKEN, HttpHeaders.empty()).build();
  /** Causes and suppressed failures are followed this deep (the failure itself is at depth 0). */
  private static final int MAX_DEPTH = 16;

  /** A chain of {@code levels} failures, each the cause of the one before: level 0 first. */
  private static IOException causeChain(int levels, Function<Integer, String> message) {
    IOException deepest = new IOException(message.apply(levels - 1));
    for (int i = levels - 2; i >= 0; i--) {
      deepest = new IOException(message.apply(i), deepest);
    }
    return deepest;
  }

  /** A chain of {@code levels} failures, each suppressed by the one before. */
  private static IOException suppressedChain(int levels, Function<Integer, String> message) {
    IOException deepest = new IOException(message.apply(levels - 1));
    for (int i = levels - 2; i >= 0; i--) {
      IOException outer = new IOException(message.apply(i));
      outer.addSuppressed(deepest);
      deepest = outer;
    }
    return deepest;
  }

  private static List<Throwable> causes(Throwable t) {
    List<Throwable> levels = new ArrayList<>();
    for (Throwable c = t; c != null; c = c.getCause()) {
      levels.add(c);
    }
    return levels;
  }

  private static List<Throwable> suppressed(Throwable t) {
    List<Throwable> levels = new ArrayList<>();
    for (Throwable c = t; c != null; c = c.getSuppressed().length == 0 ? null : c.getSuppressed()[0]) {
      levels.add(c);
    }
    return levels;
  }

  @Test
  void aCleanChainAsDeepAsFollowedIsReturnedItself() {
    IOException byCause = causeChain(MAX_DEPTH + 1, i -> "level " + i);
    IOException bySuppressed = suppressedChain(MAX_DEPTH + 1, i -> "level " + i);

    assertThat(secrets.scrub(byCause)).isSameAs(byCause);
    assertThat(secrets.scrub(bySuppressed)).isSameAs(bySuppressed);
  }

  @Test
  void aCleanChainDeeperThanFollowedIsCopiedAndCut() {
    IOException failure = causeChain(MAX_DEPTH + 2, i -> "level " + i);

    IOException scrubbed = secrets.scrub(failure);

    assertThat(scrubbed).isNotSameAs(failure).hasMessage("level 0");
    assertThat(causes(scrubbed)).hasSize(MAX_DEPTH + 1).last().satisfies(t -> assertThat(t).hasMessage("level 16"));
  }

  @Test
  void aCleanSuppressedChainDeeperThanFollowedIsCopiedAndCut() {
    IOException failure = suppressedChain(MAX_DEPTH + 2, i -> "level " + i);

    IOException scrubbed = secrets.scrub(failure);

    assertThat(scrubbed).isNotSameAs(failure);
    assertThat(suppressed(scrubbed)).hasSize(MAX_DEPTH + 1).last().satisfies(t -> assertThat(t).hasMessage("level 16"));
  }

  @ParameterizedTest(name = "{0} levels")
  @ValueSource(ints = {2, MAX_DEPTH + 1, MAX_DEPTH + 2, 40})
  void aCredentialAtEachLevelOfACauseChainIsMaskedAndTheChainCutAtTheDepthFollowed(int levels) {
    IOException failure = causeChain(levels, i -> "level " + i + " " + TOKEN);

    List<Throwable> copied = causes(secrets.scrub(failure));

    assertThat(copied).hasSize(Math.min(levels, MAX_DEPTH + 1));
    for (int i = 0; i < copied.size(); i++) {
      assertThat(copied.get(i)).isExactlyInstanceOf(IOException.class).hasMessage("level " + i + " [REDACTED]");
    }
  }

  @ParameterizedTest(name = "{0} levels")
  @ValueSource(ints = {2, MAX_DEPTH + 1, MAX_DEPTH + 2, 40})
  void aCredentialAtEachLevelOfASuppressedChainIsMaskedAndTheChainCut(int levels) {
    IOException failure = suppressedChain(levels, i -> "level " + i + " " + TOKEN);

    List<Throwable> copied = suppressed(secrets.scrub(failure));

    assertThat(copied).hasSize(Math.min(levels, MAX_DEPTH + 1));
    for (int i = 0; i < copied.size(); i++) {
      assertThat(copied.get(i)).hasMessage("level " + i + " [REDACTED]");
    }
  }

  @Test
  void aCredentialOnlyInASuppressedFailureIsMaskedThere() {
    IOException failure = new IOException("call failed");
    failure.addSuppressed(new IOException("retry sent " + TOKEN));

    IOException scrubbed = secrets.scrub(failure);

    assertThat(scrubbed).isNotSameAs(failure).hasMessage("call failed");
    assertThat(scrubbed.getSuppressed()).singleElement()
        .satisfies(s -> assertThat(s).hasMessage("retry sent [REDACTED]"));
  }

  @Test
  void cleanCausesAndSuppressedOfACopyAreKeptThemselves() {
    IOException cleanCause = new IOException("connection reset");
    IOException cleanSuppressed = new IOException("first attempt failed");
    IOException failure = new IOException("sent " + TOKEN, cleanCause);
    failure.addSuppressed(cleanSuppressed);

    IOException scrubbed = secrets.scrub(failure);

    assertThat(scrubbed).hasMessage("sent [REDACTED]");
    assertThat(scrubbed.getCause()).isSameAs(cleanCause);
    assertThat(scrubbed.getSuppressed()).containsExactly(cleanSuppressed);
  }

  @Test
  void aFailureSeenTwiceIsCopiedOnce() {
    IOException shared = new IOException("shared " + TOKEN);
    IOException failure = new IOException("call failed", shared);
    failure.addSuppressed(shared);

    IOException scrubbed = secrets.scrub(failure);

    assertThat(scrubbed.getCause()).hasMessage("shared [REDACTED]");
    assertThat(scrubbed.getSuppressed()).containsExactly(scrubbed.getCause());
  }

  @Test
  void aCleanCycleIsReturnedItself() {
    IOException a = new IOException("a");
    IOException b = new IOException("b", a);
    a.addSuppressed(b);

    assertThat(secrets.scrub(a)).isSameAs(a);
    assertThat(secrets.scrub(b)).isSameAs(b);
  }

  @Test
  void anApiExceptionInTheGraphIsKeptAsItIs() {
    ApiException api = ApiException.of(ApiError.builder(401).detail("bad " + TOKEN).build(), 1);
    IOException clean = new IOException("call failed", api);
    IOException showing = new IOException("sent " + TOKEN, api);

    assertThat(secrets.scrub(clean)).isSameAs(clean);
    assertThat(secrets.scrub(showing).getCause()).isSameAs(api);
  }

  @Test
  void aFailureOfAClassThatCannotBeCopiedNamesItsClassThenItsMaskedMessage() {
    IOException failure = new IOException("sent " + TOKEN) {
      private static final long serialVersionUID = 1L;
    };
    IOException noMessage = new IOException((String) null, new IOException(TOKEN)) {
      private static final long serialVersionUID = 1L;
    };

    assertThat(secrets.scrub(failure)).isExactlyInstanceOf(IOException.class)
        .hasMessage(failure.getClass().getName() + ": sent [REDACTED]");
    IOException scrubbed = secrets.scrub(noMessage);
    assertThat(scrubbed).isExactlyInstanceOf(IOException.class).hasMessage(noMessage.getClass().getName());
    assertThat(scrubbed.getCause()).hasMessage("[REDACTED]");
  }

  @Test
  void aRuntimeCauseOfAClassThatCannotBeCopiedStaysARuntimeException() {
    RuntimeException cause = new IllegalStateException("state " + TOKEN) {
      private static final long serialVersionUID = 1L;
    };
    IOException failure = new IOException("call failed", cause);

    IOException scrubbed = secrets.scrub(failure);

    assertThat(scrubbed.getCause()).isExactlyInstanceOf(RuntimeException.class)
        .hasMessage(cause.getClass().getName() + ": state [REDACTED]");
  }

  @Test
  void aTimeoutKeepsTheBytesItTransferred() {
    SocketTimeoutException failure = new SocketTimeoutException("read timed out after " + TOKEN);
    failure.bytesTransferred = 42;

    IOException scrubbed = secrets.scrub(failure);

    assertThat(scrubbed).isExactlyInstanceOf(SocketTimeoutException.class).hasMessage("read timed out after [REDACTED]");
    assertThat(((SocketTimeoutException) scrubbed).bytesTransferred).isEqualTo(42);
  }

  @Test
  void aFailureWhoseMessageCannotBeReadIsReplacedByOneThatShowsNothing() {
    IOException failure = new IOException() {
      private static final long serialVersionUID = 1L;

      @Override
      public String getMessage() {
        throw new IllegalStateException("no message " + TOKEN);
      }
    };

    IOException scrubbed = secrets.scrub(failure);

    assertThat(scrubbed).isExactlyInstanceOf(IOException.class).isNotSameAs(failure)
        .hasMessage(failure.getClass().getName() + " (its message could not be checked for credentials)");
  }

  @Test
  void secretsMaskTextAndSayWhetherTheyHoldAny() {
    assertThat(Secrets.none().isEmpty()).isTrue();
    assertThat(secrets.isEmpty()).isFalse();
    assertThat(secrets.scrub("key " + TOKEN + " again " + TOKEN)).isEqualTo("key [REDACTED] again [REDACTED]");
    assertThat(Secrets.none().scrub("key " + TOKEN)).isEqualTo("key " + TOKEN);
  }

  @Test
  void theBuilderCollectsRequestsResponsesAndOtherSecrets() {
    Secrets fromResponse = Secrets.builder()
        .responseHeaders(HttpHeaders.of("Set-Cookie", "sid=c00kie-value; Path=/"))
        .build();
    Secrets all = Secrets.builder()
        .addAll(fromResponse)
        .addAll(secrets)
        .request("https://h/cb#access_token=fragment-token", HttpHeaders.of("Authorization", "Bearer bearer-token"))
        .build();

    assertThat(fromResponse.scrub("sid=c00kie-value; Path=/ and c00kie-value")).isEqualTo("[REDACTED] and [REDACTED]");
    assertThat(all.scrub("c00kie-value " + TOKEN + " fragment-token bearer-token"))
        .isEqualTo("[REDACTED] [REDACTED] [REDACTED] [REDACTED]");
    assertThat(all.toString()).isEqualTo("Secrets{6 values}");
  }

  @Test
  void anEmptyBuilderGivesNone() {
    assertThat(Secrets.builder().build()).isSameAs(Secrets.none());
    assertThat(Secrets.builder().request("https://h/p?page=1", HttpHeaders.empty()).build()).isSameAs(Secrets.none());
    assertThat(Secrets.builder().addAll(secrets).build()).isNotSameAs(Secrets.none()).hasToString("Secrets{1 values}");
  }

  @Test
  void theDecoderMasksTheSecretsAnAdapterCollectedFromOtherRequests() {
    // a redirect's query carried the token: the final request and its headers do not show it
    Secrets redirect = Secrets.builder()
        .request("https://old.test/x?token=" + TOKEN, HttpHeaders.empty())
        .build();
    ResponseView view = ResponseView.builder(400)
        .headers(HttpHeaders.of("Content-Type", "application/json"))
        .body("{\"title\":\"Bad token\",\"detail\":\"token " + TOKEN + " is not valid\"}")
        .request("GET", "https://new.test/x")
        .secrets(redirect)
        .build();

    ApiException exception = ErrorDecoder.ofDefaults().toException(view);

    assertThat(exception).hasMessage("400 Bad token: token [REDACTED] is not valid");
    assertThat(exception.error().toString()).doesNotContain(TOKEN);
    assertThat(view.toString()).doesNotContain(TOKEN);
  }
}
