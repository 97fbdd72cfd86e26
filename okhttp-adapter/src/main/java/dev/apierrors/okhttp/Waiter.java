package dev.apierrors.okhttp;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import okhttp3.Call;

/**
 * How the blocking path waits between attempts. Package-private so that tests can record
 * the waits instead of sleeping them.
 */
@FunctionalInterface
interface Waiter {
  /**
   * Waits {@code millis}, ending early with an {@link IOException} if {@code call} is
   * cancelled, or with an {@link InterruptedIOException} (the thread's interrupt flag
   * kept) if the thread is interrupted.
   */
  void await(Call call, long millis) throws IOException;

  /**
   * Parks in slices of at most 10 ms, checking for cancellation between slices (OkHttp
   * has no cancellation callback common to 4.12 and 5.x); an interrupt unparks at once.
   */
  Waiter SLICED = (call, millis) -> {
    long slice = TimeUnit.MILLISECONDS.toNanos(10);
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (true) {
      if (call.isCanceled()) {
        throw new IOException("Canceled");
      }
      if (Thread.interrupted()) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting to retry");
      }
      long left = end - System.nanoTime();
      if (left <= 0) {
        return;
      }
      LockSupport.parkNanos(Waiter.class, Math.min(left, slice));
    }
  };
}
