package dev.apierrors;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What {@link PollPolicy#decide} says after a status response: poll again after a wait,
 * the operation is done (succeeded or failed), or stop polling (a limit was reached).
 *
 * <p>Thread-safety: immutable.
 */
public final class PollDecision {
  /** The kinds of decision. */
  public enum Kind {
    /** The operation is still running: poll again after {@link #waitDuration()}. */
    POLL_AGAIN,
    /** The operation succeeded: the status response (or {@link #resultLocation()}) is the result. */
    SUCCEEDED,
    /** The operation failed: the status response is the error. */
    FAILED,
    /** The operation is still running but a limit was reached: stop, see {@link #reason()}. */
    GIVE_UP
  }

  private final Kind kind;
  private final Duration wait;
  private final @Nullable WaitSource source;
  private final @Nullable String resultLocation;
  private final String reason;

  private PollDecision(Kind kind, Duration wait, @Nullable WaitSource source, @Nullable String resultLocation,
      String reason) {
    this.kind = kind;
    this.wait = wait;
    this.source = source;
    this.resultLocation = resultLocation;
    this.reason = reason;
  }

  static PollDecision pollAgain(Duration wait, WaitSource source, String reason) {
    return new PollDecision(Kind.POLL_AGAIN, wait, source, null, reason);
  }

  static PollDecision succeeded(@Nullable String resultLocation, String reason) {
    return new PollDecision(Kind.SUCCEEDED, Duration.ZERO, null, resultLocation, reason);
  }

  static PollDecision failed(String reason) {
    return new PollDecision(Kind.FAILED, Duration.ZERO, null, null, reason);
  }

  static PollDecision giveUp(String reason) {
    return new PollDecision(Kind.GIVE_UP, Duration.ZERO, null, null, reason);
  }

  /** {@return what to do} */
  public Kind kind() {
    return kind;
  }

  /** {@return whether the operation reached a terminal state (succeeded or failed)} */
  public boolean isTerminal() {
    return kind == Kind.SUCCEEDED || kind == Kind.FAILED;
  }

  /** {@return how long to wait before the next poll; zero unless {@link Kind#POLL_AGAIN}} */
  public Duration waitDuration() {
    return wait;
  }

  /** {@return where the wait came from ({@code retry-after} or {@code backoff}); empty unless polling again} */
  public Optional<WaitSource> waitSource() {
    return Optional.ofNullable(source);
  }

  /**
   * For a success, where the created resource is ({@code Location}, or a JSON
   * {@code resourceLocation} member), not yet resolved against the status URL; empty when
   * the status response names none.
   *
   * @return the created resource's location, or empty
   */
  public Optional<String> resultLocation() {
    return Optional.ofNullable(resultLocation);
  }

  /** {@return why, in a few words} */
  public String reason() {
    return reason;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PollDecision d && kind == d.kind && wait.equals(d.wait) && source == d.source
        && Objects.equals(resultLocation, d.resultLocation) && reason.equals(d.reason);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, wait, source, resultLocation, reason);
  }

  @Override
  public String toString() {
    return switch (kind) {
      case POLL_AGAIN -> "poll again in " + wait.toMillis() + " ms (" + Objects.requireNonNull(source).label() + "): " + reason;
      case SUCCEEDED -> "succeeded: " + reason;
      case FAILED -> "failed: " + reason;
      case GIVE_UP -> "give up: " + reason;
    };
  }
}
