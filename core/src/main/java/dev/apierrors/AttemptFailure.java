package dev.apierrors;

import dev.apierrors.spi.RetrySession;

import dev.apierrors.internal.OneLine;
import dev.apierrors.internal.Redaction;
import java.io.IOException;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One failed attempt of a call under a {@link RetryPolicy}, as handed to resilience4j:
 * it is the {@code getLastThrowable()} of the {@code RetryOnRetryEvent}s (and of the
 * {@code RetryOnErrorEvent}s) published by the {@code Retry} of a {@link RetrySession}.
 *
 * <pre>{@code
 * retry.getEventPublisher().onRetry(event -> {
 *   AttemptFailure f = (AttemptFailure) event.getLastThrowable();
 *   log.info("attempt {} failed ({}), retrying in {} ms from {}", f.attempt(), f.failure(),
 *       event.getWaitInterval().toMillis(), f.decision().waitSource().orElseThrow().label());
 * });
 * }</pre>
 *
 * <p>Its {@linkplain #getCause() cause} is the attempt's failure: the {@link ApiException}
 * of the error response, or the I/O failure. It is a carrier, never thrown to the caller
 * (who gets the failure itself), and has no stack trace of its own. The exception that
 * ends a retried call carries the earlier attempts' {@code AttemptFailure}s as suppressed
 * exceptions, oldest first, so their failures stay readable:
 *
 * <pre>{@code
 * for (Throwable earlier : e.getSuppressed()) {
 *   if (earlier instanceof AttemptFailure f) log.info("attempt {}: {}", f.attempt(), f.failure());
 * }
 * }</pre>
 *
 * <p>Its message (and so its {@code toString()}) is one line of at most
 * {@value ApiException#MAX_MESSAGE_LENGTH} characters, control characters escaped, that
 * never shows a credential: an API error's are masked, and in an I/O failure's message
 * anything shaped like one ({@code Bearer xyz}, {@code Authorization: ...},
 * {@code api_key=xyz}).
 *
 * <p>Thread-safety: immutable (its message is built once, when first asked for).
 */
public final class AttemptFailure extends IOException {
  private static final long serialVersionUID = 1L;

  /** The number of the attempt that failed, 1 for the first. */
  private final int attempt;
  /** What was decided after the attempt. */
  private final RetryDecision decision;
  /**
   * The message, once built ({@link #getMessage()}): most attempts are retried and their
   * record is never shown, so it is not built with it. Rebuilt from the attempt, its failure
   * and its decision after deserialization; a race builds it twice, to the same string.
   */
  private transient @Nullable String message;

  /**
   * Records that attempt number {@code attempt} failed with {@code failure} and what was
   * decided about it. For adapters that drive a {@link dev.apierrors.spi.RetrySession}
   * themselves, and for tests.
   *
   * @param attempt the number of the attempt that failed, 1 for the first
   * @param failure the error response's exception, or the I/O failure
   * @param decision what was decided after this attempt
   * @return the record of the failed attempt
   * @throws IllegalArgumentException if {@code attempt} is below 1
   */
  public static AttemptFailure of(int attempt, IOException failure, RetryDecision decision) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be >= 1, was " + attempt);
    }
    return new AttemptFailure(attempt, failure, decision);
  }

  private AttemptFailure(int attempt, IOException failure, RetryDecision decision) {
    super((String) null, Objects.requireNonNull(failure, "failure"));
    this.attempt = attempt;
    this.decision = Objects.requireNonNull(decision, "decision");
  }

  /**
   * How many times the request behind {@code failure} was sent: the
   * {@link ApiException#attempts()} of an API error; for an exception that ended a
   * retried call (an I/O failure, a cancel, an interrupt), counted from the
   * {@code AttemptFailure}s it carries as suppressed exceptions (each retried attempt was
   * followed by another); else 1.
   *
   * @param failure an exception thrown by a call (any kind)
   * @return the number of attempts, at least 1
   */
  public static int attemptsOf(Throwable failure) {
    if (failure instanceof ApiException api) {
      return api.attempts();
    }
    if (failure instanceof AttemptFailure f) {
      return f.attempt;
    }
    int attempts = 1;
    for (Throwable suppressed : failure.getSuppressed()) {
      if (suppressed instanceof AttemptFailure f) {
        // decision is transient: null after deserialization, when only the number is known.
        boolean retried = f.decision != null && f.decision.isRetry();
        attempts = Math.max(attempts, retried ? f.attempt + 1 : f.attempt);
      }
    }
    return attempts;
  }

  /** {@return the number of the attempt that failed, 1 for the first} */
  public int attempt() {
    return attempt;
  }

  /** {@return the attempt's failure: an {@link ApiException}, or the I/O failure} Same as {@link #getCause()}. */
  public IOException failure() {
    return (IOException) Objects.requireNonNull(getCause());
  }

  /** {@return the status of the error response, empty for an I/O failure} */
  public OptionalInt status() {
    return getCause() instanceof ApiException api ? OptionalInt.of(api.status()) : OptionalInt.empty();
  }

  /** {@return what was decided after this attempt: the wait and where it came from, or why not to retry} */
  public RetryDecision decision() {
    return decision;
  }

  /**
   * {@return the message: the attempt, its failure's message and the decision, on one line}
   * Built when first asked for.
   */
  @Override
  public String getMessage() {
    String built = message;
    if (built == null) {
      built = messageOf(attempt, failure(), decision);
      message = built;
    }
    return built;
  }

  /** No stack trace: the failure has the one that matters, and this is made on every attempt. */
  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }

  /**
   * One line of at most {@value ApiException#MAX_MESSAGE_LENGTH} characters. An API
   * error's message is already scrubbed (and its credentials are masked once more); an
   * I/O failure's message comes from the transport, which may quote what the server sent,
   * so anything shaped like a credential is masked there ({@code Bearer xyz},
   * {@code api_key=xyz}), control characters are escaped.
   */
  private static String messageOf(int attempt, IOException failure, RetryDecision decision) {
    Set<String> secrets = Set.of();
    String what;
    if (failure instanceof ApiException api) {
      what = String.valueOf(api.getMessage());
      secrets = api.error().secrets();
    } else {
      String message;
      try {
        message = failure.getMessage();
      } catch (RuntimeException e) {
        message = null; // a transport's exception whose message fails: its class still says what it was
      }
      what = failure.getClass().getSimpleName() + (message == null ? "" : ": " + Redaction.scrubShapes(message));
    }
    return OneLine.text("attempt " + attempt + " failed: " + what + "; " + decision, secrets,
        ApiException.MAX_MESSAGE_LENGTH);
  }
}
