package dev.apierrors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apierrors.ApiErrorsListener.GaveUp;
import dev.apierrors.ApiErrorsListener.HostWaited;
import dev.apierrors.ApiErrorsListener.RetryScheduled;
import dev.apierrors.ApiErrorsListener.Succeeded;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ApiErrorsListenerTest {
  private static final Succeeded OK = new Succeeded("GET", "h", 1, 200);

  @Test
  void compositeTellsEveryListenerEvenWhenOneThrowsThenRethrowsTheFirst() {
    List<String> told = new ArrayList<>();
    ApiErrorsListener throwsRuntime = new ApiErrorsListener() {
      @Override
      public void onSuccess(Succeeded event) {
        told.add("a");
        throw new IllegalStateException("a");
      }
    };
    ApiErrorsListener throwsError = new ApiErrorsListener() {
      @Override
      public void onSuccess(Succeeded event) {
        told.add("b");
        throw new AssertionError("b");
      }
    };
    ApiErrorsListener records = new ApiErrorsListener() {
      @Override
      public void onSuccess(Succeeded event) {
        told.add("c");
      }
    };

    assertThatThrownBy(() -> ApiErrorsListener.composite(throwsRuntime, throwsError, records).onSuccess(OK))
        .isInstanceOf(IllegalStateException.class)
        .satisfies(e -> assertThat(e.getSuppressed()).singleElement().isInstanceOf(AssertionError.class));
    assertThat(told).containsExactly("a", "b", "c");
  }

  @Test
  void compositeOfOneIsThatListenerAndNoneIgnoresEverything() {
    ApiErrorsListener one = new ApiErrorsListener() {};
    assertThat(ApiErrorsListener.composite(one)).isSameAs(one);
    ApiErrorsListener.none().onSuccess(OK);
    ApiErrorsListener.none().onHostWait(new HostWaited("GET", "h", Duration.ZERO, WaitSource.PACING));
    assertThat(ApiErrorsListener.none()).hasToString("ApiErrorsListener.none()");
  }

  @Test
  void eventsRejectImpossibleValues() {
    RetryDecision stop = RetryDecision.stop("no");
    RetryDecision retry = RetryDecision.retryAfter(Duration.ofMillis(5), WaitSource.BACKOFF, "yes");
    assertThatThrownBy(() -> new RetryScheduled("GET", "h", 1, OptionalInt.empty(), "IOException", stop))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new GaveUp("GET", "h", -1, OptionalInt.empty(), "IOException", "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new HostWaited("GET", "h", Duration.ofMillis(-1), WaitSource.PACING))
        .isInstanceOf(IllegalArgumentException.class);
    RetryScheduled scheduled = new RetryScheduled("GET", "h", 1, OptionalInt.of(503), "ServiceUnavailableException", retry);
    assertThat(scheduled.waitDuration()).isEqualTo(Duration.ofMillis(5));
    assertThat(scheduled.waitSource()).isEqualTo(WaitSource.BACKOFF);
  }

  @Test
  void hostWaitSourcesAreNamedAndPacingIsTheClientsOwn() {
    assertThat(WaitSource.HOST_COOL_DOWN.label()).isEqualTo("host-cool-down");
    assertThat(WaitSource.HOST_COOL_DOWN.isServerRequested()).isTrue();
    assertThat(WaitSource.PACING.label()).isEqualTo("pacing");
    assertThat(WaitSource.PACING.isServerRequested()).isFalse();
  }
}
