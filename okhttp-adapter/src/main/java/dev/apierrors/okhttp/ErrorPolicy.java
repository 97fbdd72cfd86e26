package dev.apierrors.okhttp;

import dev.apierrors.spi.Secrets;
import dev.apierrors.ErrorDecoder;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.IntPredicate;

/**
 * Which responses are errors and how they are decoded: the settings that
 * {@link ApiErrorsInterceptor} and {@link AsyncCaller} share. Immutable; the builders of
 * both hold one and replace it as settings are given.
 */
final class ErrorPolicy {
  /** The default error statuses: every 4xx and 5xx. */
  static final IntPredicate CLIENT_AND_SERVER_ERRORS = status -> status >= 400 && status <= 599;

  static final ErrorPolicy DEFAULTS =
      new ErrorPolicy(ErrorDecoder.ofDefaults(), CLIENT_AND_SERVER_ERRORS, new int[0]);

  private final ErrorDecoder decoder;
  private final IntPredicate errorStatuses;
  /** Sorted, without duplicates: looked up by binary search so the check allocates nothing. */
  private final int[] successStatuses;

  private ErrorPolicy(ErrorDecoder decoder, IntPredicate errorStatuses, int[] successStatuses) {
    this.decoder = decoder;
    this.errorStatuses = errorStatuses;
    this.successStatuses = successStatuses;
  }

  ErrorDecoder decoder() {
    return decoder;
  }

  /**
   * Whether a response with this status is turned into an exception. A status outside
   * 100..999 (a broken server) is never one: no {@code ApiError} can carry it.
   */
  boolean isError(int status) {
    return status >= 100 && status <= 999
        && errorStatuses.test(status)
        && Arrays.binarySearch(successStatuses, status) < 0;
  }

  ErrorPolicy withDecoder(ErrorDecoder decoder) {
    return new ErrorPolicy(Objects.requireNonNull(decoder, "decoder"), errorStatuses, successStatuses);
  }

  ErrorPolicy withErrorStatuses(IntPredicate errorStatuses) {
    return new ErrorPolicy(decoder, Objects.requireNonNull(errorStatuses, "errorStatuses"), successStatuses);
  }

  /**
   * Adds statuses that are never errors, whatever the error predicate says.
   *
   * @throws IllegalArgumentException if a status is not in 100..999
   */
  ErrorPolicy withSuccessStatuses(int... statuses) {
    Objects.requireNonNull(statuses, "statuses");
    for (int status : statuses) {
      if (status < 100 || status > 999) {
        throw new IllegalArgumentException("status must be a 3-digit HTTP status, was " + status);
      }
    }
    int[] merged = Arrays.copyOf(successStatuses, successStatuses.length + statuses.length);
    System.arraycopy(statuses, 0, merged, successStatuses.length, statuses.length);
    return new ErrorPolicy(decoder, errorStatuses, Arrays.stream(merged).sorted().distinct().toArray());
  }

  @Override
  public String toString() {
    return Secrets.none().oneLine("{decoder=" + decoder + ", treatAsSuccess=" + Arrays.toString(successStatuses) + '}');
  }
}
