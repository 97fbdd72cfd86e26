package dev.apierrors.okhttp;

import java.io.IOException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The ways a user sends a call: blocking, OkHttp's own {@code enqueue()}, and the
 * {@link AsyncCaller} with and without the interceptor on the client. Each returns the
 * response or throws the exception the caller would see, unwrapped.
 */
enum CallMode {
  EXECUTE {
    @Override
    Response call(OkHttpClient.Builder client, ApiErrorsInterceptor errors, Request request) throws IOException {
      return TestHttp.track(client.addInterceptor(errors)).newCall(request).execute();
    }
  },
  ENQUEUE {
    @Override
    Response call(OkHttpClient.Builder client, ApiErrorsInterceptor errors, Request request) throws IOException {
      return TestHttp.await(TestHttp.enqueue(TestHttp.track(client.addInterceptor(errors)).newCall(request)));
    }
  },
  ASYNC_CALLER {
    @Override
    Response call(OkHttpClient.Builder client, ApiErrorsInterceptor errors, Request request) throws IOException {
      return TestHttp.await(AsyncCaller.of(TestHttp.track(client.addInterceptor(errors))).execute(request));
    }
  },
  /** The caller decodes the error responses itself, with the same settings. */
  ASYNC_CALLER_WITHOUT_INTERCEPTOR {
    @Override
    Response call(OkHttpClient.Builder client, ApiErrorsInterceptor errors, Request request) throws IOException {
      AsyncCaller.Builder caller = AsyncCaller.builder(TestHttp.track(client));
      ErrorPolicy policy = errors.engine().errors();
      caller.decoder(policy.decoder()).errorStatuses(policy::isError);
      return TestHttp.await(caller.build().execute(request));
    }
  };

  abstract Response call(OkHttpClient.Builder client, ApiErrorsInterceptor errors, Request request)
      throws IOException;

  Response call(ApiErrorsInterceptor errors, Request request) throws IOException {
    return call(TestHttp.clientBuilder(), errors, request);
  }

  Response call(Request request) throws IOException {
    return call(ApiErrorsInterceptor.create(), request);
  }
}
