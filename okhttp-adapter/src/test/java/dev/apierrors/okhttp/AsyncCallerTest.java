package dev.apierrors.okhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.apierrors.ApiException;
import dev.apierrors.ConflictException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the non-blocking path promises beyond decoding: unwrapped failures and cancellation. */
@ExtendWith(NoLeakedConnections.class)
class AsyncCallerTest {
  @StartStop final MockWebServer server = TestHttp.newServer();

  private Request get() {
    return new Request.Builder().url(server.url("/")).build();
  }

  @Test
  void handleExceptionallyAndWhenCompleteSeeTheTypedExceptionUnwrapped() throws Exception {
    server.enqueue(TestHttp.response(409, "application/json", "{\"message\":\"version mismatch\"}"));
    CompletableFuture<Response> future = AsyncCaller.of(TestHttp.client()).execute(get());

    AtomicReference<Throwable> viaExceptionally = new AtomicReference<>();
    AtomicReference<Throwable> viaWhenComplete = new AtomicReference<>();

    Throwable viaHandle = future.handle((response, failure) -> failure).get(10, TimeUnit.SECONDS);
    future.exceptionally(failure -> {
      viaExceptionally.set(failure);
      return null;
    }).get(10, TimeUnit.SECONDS);
    future.whenComplete((response, failure) -> viaWhenComplete.set(failure)).handle((r, t) -> t).join();

    assertThat(viaHandle).isExactlyInstanceOf(ConflictException.class).hasMessage("409 Conflict: version mismatch");
    assertThat(viaExceptionally.get()).isSameAs(viaHandle);
    assertThat(viaWhenComplete.get()).isSameAs(viaHandle);
  }

  @Test
  void laterStagesJoinAndGetWrapTheExceptionAsTheJdkDoes() {
    server.enqueue(new MockResponse.Builder().code(409).build());
    CompletableFuture<Response> future = AsyncCaller.of(TestHttp.client()).execute(get());

    Throwable joined = catchThrowable(future::join);
    Throwable got = catchThrowable(() -> future.get(10, TimeUnit.SECONDS));
    Throwable downstream = future.thenApply(r -> r).handle((r, t) -> t).join();

    assertThat(joined).isInstanceOf(CompletionException.class).hasCauseExactlyInstanceOf(ConflictException.class);
    assertThat(got).isInstanceOf(ExecutionException.class).hasCauseExactlyInstanceOf(ConflictException.class);
    assertThat(downstream).isInstanceOf(CompletionException.class).hasCauseExactlyInstanceOf(ConflictException.class);
  }

  @Test
  void cancellingTheFutureCancelsTheCallInFlight() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).headersDelay(10, TimeUnit.SECONDS).build());
    CountDownLatch canceled = new CountDownLatch(1);
    CountDownLatch requestSent = new CountDownLatch(1);
    OkHttpClient client = TestHttp.track(TestHttp.clientBuilder()
        .addInterceptor(ApiErrorsInterceptor.create())
        .eventListener(new EventListener() {
          @Override
          public void requestHeadersEnd(Call call, Request request) {
            requestSent.countDown();
          }

          @Override
          public void canceled(Call call) {
            canceled.countDown();
          }
        }));
    CompletableFuture<Response> future = AsyncCaller.of(client).execute(get());
    assertThat(requestSent.await(10, TimeUnit.SECONDS)).isTrue();

    assertThat(future.cancel(true)).isTrue();

    assertThat(canceled.await(10, TimeUnit.SECONDS)).as("the OkHttp call was canceled").isTrue();
    NoLeakedConnections.awaitCallsEnded(client);
    assertThat(client.dispatcher().runningCallsCount()).isZero();
  }

  @Test
  void aFutureTimingOutCancelsTheCallToo() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).headersDelay(10, TimeUnit.SECONDS).build());
    CountDownLatch canceled = new CountDownLatch(1);
    OkHttpClient client = TestHttp.track(TestHttp.clientBuilder().eventListener(new EventListener() {
      @Override
      public void canceled(Call call) {
        canceled.countDown();
      }
    }));

    CompletableFuture<Response> future = AsyncCaller.of(client).execute(get()).orTimeout(50, TimeUnit.MILLISECONDS);

    assertThat(catchThrowable(future::join)).hasCauseInstanceOf(java.util.concurrent.TimeoutException.class);
    assertThat(canceled.await(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aCallThatEndsOnItsOwnIsNotCanceled() throws Exception {
    server.enqueue(new MockResponse.Builder().code(409).build());
    server.enqueue(new MockResponse.Builder().code(200).body("ok").build());
    CountDownLatch canceled = new CountDownLatch(1);
    OkHttpClient client = TestHttp.track(TestHttp.clientBuilder().eventListener(new EventListener() {
      @Override
      public void canceled(Call call) {
        canceled.countDown();
      }
    }));
    AsyncCaller caller = AsyncCaller.of(client);

    assertThat(catchThrowable(() -> TestHttp.await(caller.execute(get())))).isInstanceOf(ApiException.class);
    try (Response ok = TestHttp.await(caller.execute(get()))) {
      assertThat(ok.body().string()).isEqualTo("ok");
    }

    assertThat(canceled.getCount()).isEqualTo(1);
  }

  @Test
  void theCallerAdoptsTheInstalledInterceptorsSettingsAndCanOverrideThem() throws Exception {
    OkHttpClient client = TestHttp.track(TestHttp.clientBuilder()
        .addInterceptor(ApiErrorsInterceptor.builder().errorStatuses(status -> status >= 500).build()));
    server.enqueue(new MockResponse.Builder().code(404).body("absent").build());
    server.enqueue(new MockResponse.Builder().code(404).body("absent").build());

    try (Response adopted = TestHttp.await(AsyncCaller.of(client).execute(get()))) {
      assertThat(adopted.code()).isEqualTo(404);
    }
    Throwable overridden = catchThrowable(() -> TestHttp.await(AsyncCaller.builder(client)
        .errorStatuses(status -> status >= 400)
        .build()
        .execute(get())).close());
    // The interceptor let the 404 through; the caller's own setting makes it an error.
    assertThat(overridden).isInstanceOf(ApiException.class);
    assertThat(((ApiException) overridden).status()).isEqualTo(404);
  }

  @Test
  void executeRejectsANullRequest() {
    assertThatThrownBy(() -> AsyncCaller.of(TestHttp.client()).execute(null))
        .isInstanceOf(NullPointerException.class);
  }
}
