package dev.apierrors;

/**
 * Where a long-running operation stands, as a status response tells it
 * ({@link PollPolicy}).
 *
 * <p>Thread-safety: an enum, immutable.
 */
public enum OperationState {
  /** Not done yet: poll again. */
  RUNNING,
  /** Done, and it worked. */
  SUCCEEDED,
  /** Done, and it failed (or was canceled). */
  FAILED
}
