package dev.apierrors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apierrors.ApiErrorsListener.ErrorDecoded;
import dev.apierrors.ApiErrorsListener.GaveUp;
import dev.apierrors.ApiErrorsListener.HostWaited;
import dev.apierrors.ApiErrorsListener.RetryScheduled;
import dev.apierrors.ApiErrorsListener.Succeeded;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A composite listener passes each kind of event to each of its listeners, in order, whatever they throw. */
class CompositeListenerTellsEveryoneTest {
  private static final ApiError ERROR = ApiError.builder(503).format("plain_text").title("Service Unavailable").build();
  private static final ErrorDecoded DECODED =
      new ErrorDecoded("GET", "api.example", 1, ERROR, ServiceUnavailableException.class);
  private static final RetryScheduled RETRY = new RetryScheduled("GET", "api.example", 1, OptionalInt.of(503),
      "ServiceUnavailableException", RetryDecision.retryAfter(Duration.ofMillis(5), WaitSource.BACKOFF, "retry"));
  private static final GaveUp GAVE_UP =
      new GaveUp("GET", "api.example", 3, OptionalInt.of(503), "ServiceUnavailableException", "maxAttempts");
  private static final Succeeded SUCCEEDED = new Succeeded("GET", "api.example", 1, 200);
  private static final HostWaited HOST_WAITED =
      new HostWaited("GET", "api.example", Duration.ofMillis(7), WaitSource.HOST_COOL_DOWN);

  /** Records every event it is told, prefixed by its name; throws {@code toThrow} after recording, if any. */
  private static final class Recorder implements ApiErrorsListener {
    private final String name;
    private final List<String> log;
    private final Throwable toThrow;

    Recorder(String name, List<String> log, Throwable toThrow) {
      this.name = name;
      this.log = log;
      this.toThrow = toThrow;
    }

    private void record(Object event) {
      log.add(name + ":" + event.getClass().getSimpleName());
      if (toThrow instanceof RuntimeException e) {
        throw e;
      }
      if (toThrow instanceof Error e) {
        throw e;
      }
    }

    @Override
    public void onError(ErrorDecoded event) {
      record(event);
    }

    @Override
    public void onRetry(RetryScheduled event) {
      record(event);
    }

    @Override
    public void onGiveUp(GaveUp event) {
      record(event);
    }

    @Override
    public void onSuccess(Succeeded event) {
      record(event);
    }

    @Override
    public void onHostWait(HostWaited event) {
      record(event);
    }
  }

  static Stream<Arguments> events() {
    return Stream.of(
        Arguments.of("ErrorDecoded", (Consumer<ApiErrorsListener>) l -> l.onError(DECODED)),
        Arguments.of("RetryScheduled", (Consumer<ApiErrorsListener>) l -> l.onRetry(RETRY)),
        Arguments.of("GaveUp", (Consumer<ApiErrorsListener>) l -> l.onGiveUp(GAVE_UP)),
        Arguments.of("Succeeded", (Consumer<ApiErrorsListener>) l -> l.onSuccess(SUCCEEDED)),
        Arguments.of("HostWaited", (Consumer<ApiErrorsListener>) l -> l.onHostWait(HOST_WAITED)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("events")
  void everyListenerIsToldInOrderAndNothingIsThrownWhenNoneThrows(String event, Consumer<ApiErrorsListener> tell) {
    List<String> log = new ArrayList<>();
    ApiErrorsListener composite = ApiErrorsListener.composite(
        new Recorder("a", log, null), new Recorder("b", log, null), new Recorder("c", log, null));
    assertThatCode(() -> tell.accept(composite)).doesNotThrowAnyException();
    assertThat(log).containsExactly("a:" + event, "b:" + event, "c:" + event);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("events")
  void anErrorThrownByTheFirstIsRethrownAfterTheOthersWereTold(String event, Consumer<ApiErrorsListener> tell) {
    List<String> log = new ArrayList<>();
    AssertionError boom = new AssertionError("boom");
    ApiErrorsListener composite = ApiErrorsListener.composite(
        new Recorder("a", log, boom), new Recorder("b", log, null));
    assertThatThrownBy(() -> tell.accept(composite)).isSameAs(boom);
    assertThat(boom.getSuppressed()).isEmpty();
    assertThat(log).containsExactly("a:" + event, "b:" + event);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("events")
  void aRuntimeExceptionOfTheLastIsRethrown(String event, Consumer<ApiErrorsListener> tell) {
    List<String> log = new ArrayList<>();
    IllegalStateException boom = new IllegalStateException("boom");
    ApiErrorsListener composite = ApiErrorsListener.composite(
        new Recorder("a", log, null), new Recorder("b", log, boom));
    assertThatThrownBy(() -> tell.accept(composite)).isSameAs(boom);
    assertThat(log).containsExactly("a:" + event, "b:" + event);
  }

  @Test
  void laterThrowablesAreSuppressedIntoTheFirstButTheSameOneNotIntoItself() {
    List<String> log = new ArrayList<>();
    IllegalStateException shared = new IllegalStateException("shared");
    IllegalArgumentException other = new IllegalArgumentException("other");
    ApiErrorsListener composite = ApiErrorsListener.composite(new Recorder("a", log, shared),
        new Recorder("b", log, shared), new Recorder("c", log, other), new Recorder("d", log, null));
    assertThatThrownBy(() -> composite.onSuccess(SUCCEEDED)).isSameAs(shared);
    assertThat(shared.getSuppressed()).containsExactly(other);
    assertThat(log).containsExactly("a:Succeeded", "b:Succeeded", "c:Succeeded", "d:Succeeded");
  }

  @Test
  void aCompositeSaysHowManyListenersItHas() {
    ApiErrorsListener none = ApiErrorsListener.none();
    assertThat(ApiErrorsListener.composite(none, none, none)).hasToString("ApiErrorsListener.composite(3 listeners)");
    assertThat(ApiErrorsListener.composite()).hasToString("ApiErrorsListener.composite(0 listeners)");
    assertThatCode(() -> ApiErrorsListener.composite().onSuccess(SUCCEEDED)).doesNotThrowAnyException();
  }

  @Test
  void aNullListenerIsRefused() {
    assertThatThrownBy(() -> ApiErrorsListener.composite(ApiErrorsListener.none(), null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void theDefaultMethodsIgnoreEveryEvent() {
    ApiErrorsListener nothing = new ApiErrorsListener() {};
    assertThatCode(() -> {
      nothing.onError(DECODED);
      nothing.onRetry(RETRY);
      nothing.onGiveUp(GAVE_UP);
      nothing.onSuccess(SUCCEEDED);
      nothing.onHostWait(HOST_WAITED);
    }).doesNotThrowAnyException();
  }
}
