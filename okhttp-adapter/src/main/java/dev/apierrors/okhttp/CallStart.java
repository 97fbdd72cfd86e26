package dev.apierrors.okhttp;

import java.io.IOException;
import okhttp3.Call;
import okhttp3.Interceptor;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * The first application interceptor {@link ApiErrorsInterceptor#addTo} installs: notes
 * when each call started down the chain, so that the call's deadline counts the time spent
 * in the interceptors above the SDK's (fetching a token, a client-side rate limiter), as
 * OkHttp's {@code callTimeout} does.
 *
 * <p>The note is kept per thread (the interceptors of one call run on one thread, one
 * inside the other), restored when the call returns (a call made from inside another
 * interceptor nests properly), and keyed by the {@link Call}, so a call that did not pass
 * here never reads another's. Allocates nothing per call. Thread-safety: stateless.
 */
final class CallStart implements Interceptor {
  static final CallStart INSTANCE = new CallStart();

  private static final ThreadLocal<Note> NOTE = ThreadLocal.withInitial(Note::new);

  private CallStart() {}

  /** The current call on this thread and when it started. */
  private static final class Note {
    @Nullable Call call;
    long startNanos;
    /** Whether {@link #startNanos} was read (the call had a callTimeout when it passed). */
    boolean timed;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Note note = NOTE.get();
    Call outerCall = note.call;
    long outerStart = note.startNanos;
    Call call = chain.call();
    note.call = call;
    // Only a callTimeout is counted from the start (ApiErrorsInterceptor.start): without
    // one (OkHttp's default), the clock is not read.
    boolean timed = call.timeout().timeoutNanos() > 0;
    boolean outerTimed = note.timed;
    note.timed = timed;
    note.startNanos = timed ? System.nanoTime() : 0L;
    try {
      return chain.proceed(chain.request());
    } finally {
      note.call = outerCall;
      note.startNanos = outerStart;
      note.timed = outerTimed;
    }
  }

  /**
   * Whether {@code call} passed this interceptor, i.e. the SDK was installed with
   * {@code addTo()} (which also installs the {@link NetworkShield}). Allocates nothing.
   */
  static boolean passed(Call call) {
    return NOTE.get().call == call;
  }

  /**
   * When {@code call} passed this interceptor (noted only for a call with a callTimeout, the
   * one use of it), else {@code otherwise}.
   */
  static long startNanos(Call call, long otherwise) {
    Note note = NOTE.get();
    return note.call == call && note.timed ? note.startNanos : otherwise;
  }

  @Override
  public String toString() {
    return "CallStart";
  }
}
