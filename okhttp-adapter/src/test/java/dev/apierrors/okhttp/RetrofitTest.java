package dev.apierrors.okhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.apierrors.NotFoundException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.ResponseBody;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import retrofit2.Call;
import retrofit2.Callback;
import retrofit2.Response;
import retrofit2.Retrofit;
import retrofit2.http.GET;
import retrofit2.http.Path;

/** Retrofit users get the typed exceptions unchanged, from execute() and enqueue(). */
@ExtendWith(NoLeakedConnections.class)
class RetrofitTest {
  interface UsersApi {
    @GET("users/{id}")
    Call<ResponseBody> user(@Path("id") String id);
  }

  @StartStop final MockWebServer server = TestHttp.newServer();
  private UsersApi api;

  @BeforeEach
  void createService() {
    api = new Retrofit.Builder()
        .baseUrl(server.url("/api/"))
        .client(TestHttp.client())
        .build()
        .create(UsersApi.class);
  }

  @Test
  void executeThrowsTheTypedException() {
    server.enqueue(TestHttp.response(404, "application/json", "{\"code\":\"no_user\",\"message\":\"No user 42\"}"));

    NotFoundException e = catchThrowableOfType(NotFoundException.class, () -> api.user("42").execute());

    assertThat(e.error().code()).hasValue("no_user");
    assertThat(e.error().requestUrl()).hasValue(server.url("/api/users/42").toString());
  }

  @Test
  void enqueueDeliversTheTypedExceptionToOnFailure() throws Exception {
    server.enqueue(TestHttp.response(404, "application/json", "{\"code\":\"no_user\",\"message\":\"No user 42\"}"));
    CompletableFuture<Response<ResponseBody>> outcome = new CompletableFuture<>();

    api.user("42").enqueue(new Callback<>() {
      @Override
      public void onResponse(Call<ResponseBody> call, Response<ResponseBody> response) {
        outcome.complete(response);
      }

      @Override
      public void onFailure(Call<ResponseBody> call, Throwable t) {
        outcome.completeExceptionally(t);
      }
    });

    ExecutionException e = catchThrowableOfType(ExecutionException.class, () -> outcome.get(10, TimeUnit.SECONDS));
    assertThat(e.getCause()).isExactlyInstanceOf(NotFoundException.class).hasMessage("404 Not Found: No user 42");
  }

  @Test
  void successReachesRetrofitWithItsBody() throws Exception {
    server.enqueue(TestHttp.response(200, "application/json", "{\"id\":42}"));

    Response<ResponseBody> response = api.user("42").execute();

    try (ResponseBody body = response.body()) {
      assertThat(response.isSuccessful()).isTrue();
      assertThat(body.string()).isEqualTo("{\"id\":42}");
    }
  }
}
