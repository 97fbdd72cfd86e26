package dev.apierrors.okhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.apierrors.ErrorDecoder;
import dev.apierrors.NotFoundException;
import dev.apierrors.spi.ErrorBody;
import dev.apierrors.spi.ErrorFields;
import dev.apierrors.spi.ErrorFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A user's {@link ErrorFormat} is a callback: on every call path, one that throws from
 * {@code decode} or breaks its contract once registered ({@code name()} throwing an
 * exception or an {@code Error}, or turning null or blank) is skipped for the built-ins, a
 * format that does not match is never asked its name, and none of it hangs a call, leaks
 * its connection, or shows the request's credential, echoed in the body.
 */
@ExtendWith(NoLeakedConnections.class)
class CustomFormatOverHttpTest {
  private static final String TOKEN = "sk_live_format_7d1f3b62";

  @StartStop final MockWebServer server = TestHttp.newServer();

  /** How the format goes wrong once the decoder has checked its name. */
  enum Breach {
    DECODE_THROWS_EXCEPTION, DECODE_THROWS_ERROR, NAME_THROWS_EXCEPTION, NAME_THROWS_ERROR, NAME_NULL, NAME_BLANK
  }

  /** Matches every body; after its first {@code name()} (the builder's check) it breaks as told. */
  private static class BreakingFormat implements ErrorFormat {
    private final Breach breach;
    private final boolean matches;
    final AtomicInteger names = new AtomicInteger();

    BreakingFormat(Breach breach, boolean matches) {
      this.breach = breach;
      this.matches = matches;
    }

    @Override
    public @Nullable String name() {
      if (names.getAndIncrement() == 0) {
        return "mine";
      }
      return switch (breach) {
        case NAME_THROWS_EXCEPTION -> throw new IllegalStateException("no name today");
        case NAME_THROWS_ERROR -> throw new AssertionError("name broke");
        case NAME_NULL -> null;
        case NAME_BLANK -> "  ";
        default -> "mine";
      };
    }

    @Override
    public Optional<ErrorFields> decode(ErrorBody body) {
      switch (breach) {
        case DECODE_THROWS_EXCEPTION -> throw new IllegalStateException("decode broke " + TOKEN);
        case DECODE_THROWS_ERROR -> throw new AssertionError("decode broke " + TOKEN);
        default -> {
          return matches ? Optional.of(ErrorFields.builder().code("mine").build()) : Optional.empty();
        }
      }
    }
  }

  private NotFoundException call(CallMode mode, ErrorFormat format) {
    server.enqueue(TestHttp.response(404, "application/json",
        "{\"message\":\"no such order\",\"debug\":\"echoed Bearer " + TOKEN + "\"}"));
    ApiErrorsInterceptor errors = ApiErrorsInterceptor.builder()
        .decoder(ErrorDecoder.builder().addFormat(format).build())
        .build();
    Request request = new Request.Builder().url(server.url("/orders/7"))
        .header("Authorization", "Bearer " + TOKEN).build();
    return catchThrowableOfType(NotFoundException.class, () -> mode.call(errors, request).close());
  }

  @ParameterizedTest
  @EnumSource(CallMode.class)
  void aBrokenFormatIsSkippedForTheBuiltIns(CallMode mode) {
    for (Breach breach : Breach.values()) {
      NotFoundException e = call(mode, new BreakingFormat(breach, true));

      assertThat(e.error().format()).as(breach.name()).isEqualTo("message");
      assertThat(e.error().code()).as(breach.name()).isEmpty();
      assertThat(e.error().detail()).as(breach.name()).contains("no such order");
      assertThat(e.getMessage()).as(breach.name()).doesNotContain(TOKEN);
      assertThat(e.error().toString()).as(breach.name()).doesNotContain(TOKEN);
    }
  }

  @ParameterizedTest
  @EnumSource(CallMode.class)
  void aFormatThatDoesNotMatchIsNeverAskedItsName(CallMode mode) {
    BreakingFormat format = new BreakingFormat(Breach.NAME_THROWS_ERROR, false);

    NotFoundException e = call(mode, format);

    assertThat(format.names).hasValue(1); // the builder's check only
    assertThat(e.error().format()).isEqualTo("message");
    assertThat(e.getMessage()).doesNotContain(TOKEN);
  }

  @ParameterizedTest
  @EnumSource(CallMode.class)
  void aFormatThatMatchesIsNamedAsItSays(CallMode mode) {
    BreakingFormat format = new BreakingFormat(Breach.NAME_BLANK, true) {
      @Override
      public String name() {
        names.incrementAndGet();
        return "mine";
      }
    };

    NotFoundException e = call(mode, format);

    assertThat(e.error().format()).isEqualTo("mine");
    assertThat(e.error().code()).hasValue("mine");
    assertThat(e.getMessage()).doesNotContain(TOKEN);
  }
}
