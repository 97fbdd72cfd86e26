package dev.apierrors.okhttp;

import dev.apierrors.RetryDecision;
import dev.apierrors.spi.RetrySession;
import java.io.IOException;
import java.util.OptionalLong;
import okhttp3.Call;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import okio.Timeout;

/**
 * The retry loop of {@link ApiErrorsInterceptor}: sends, decodes, asks the policy, waits,
 * sends again, all within the one OkHttp call (an application interceptor may proceed
 * more than once, each earlier response being closed first).
 */
final class BlockingRetry {
  private BlockingRetry() {}

  static Response proceed(Interceptor.Chain chain, ErrorPolicy errors, RetrySettings retries, Waiter waiter)
      throws IOException {
    Request request = chain.request();
    Call call = chain.call();
    // The interceptor runs as the call starts, so its callTimeout counts from about here.
    long startNanos = System.nanoTime();
    RetrySession session = RetrySession.start(retries.policy(), retries.retry(), RetrySettings.factsOf(request));
    while (true) {
      IOException failure;
      try {
        Response response = ErrorResponses.proceed(chain, request, errors);
        if (!errors.isError(response.code())) {
          session.onSuccess();
          return response;
        }
        failure = ErrorResponses.toException(request, response, errors.decoder()); // closes it
      } catch (IOException e) {
        failure = e;
      }
      if (call.isCanceled()) {
        throw session.failureToThrow(failure);
      }
      RetryDecision decision = session.onFailure(failure, millisUntilDeadline(call.timeout(), startNanos));
      if (!decision.isRetry()) {
        throw session.failureToThrow(failure);
      }
      try {
        waiter.await(call, decision.waitMillis());
      } catch (IOException stopped) {
        stopped.addSuppressed(session.failureToThrow(failure));
        throw stopped;
      }
    }
  }

  /**
   * Time left on the call: its {@code callTimeout} (okio's {@code timeoutNanos}, counted
   * from the call's start) and any deadline set on {@code call.timeout()}, whichever ends
   * first; empty when neither is set. Uses only the {@link Timeout} API of okio 3, common
   * to OkHttp 4.12 and 5.
   */
  static OptionalLong millisUntilDeadline(Timeout timeout, long startNanos) {
    long now = System.nanoTime();
    long timeoutNanos = timeout.timeoutNanos();
    boolean hasTimeout = timeoutNanos > 0;
    if (!hasTimeout && !timeout.hasDeadline()) {
      return OptionalLong.empty();
    }
    long deadline = hasTimeout ? startNanos + timeoutNanos : Long.MAX_VALUE;
    if (timeout.hasDeadline() && (!hasTimeout || timeout.deadlineNanoTime() - deadline < 0)) {
      deadline = timeout.deadlineNanoTime();
    }
    return RetrySettings.millisUntil(deadline, now);
  }
}
