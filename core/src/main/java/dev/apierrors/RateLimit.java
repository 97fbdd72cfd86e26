package dev.apierrors;

import org.jspecify.annotations.Nullable;
import dev.apierrors.internal.OneLine;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The rate-limit state a response announced ({@code RateLimit}/{@code RateLimit-Policy},
 * {@code RateLimit-*} or {@code X-RateLimit-*} headers). Each member may be absent.
 *
 * <p>Thread-safety: immutable.
 */
public final class RateLimit {
  private final OptionalLong limit;
  private final OptionalLong remaining;
  private final OptionalLong resetMillis;

  private RateLimit(OptionalLong limit, OptionalLong remaining, OptionalLong resetMillis) {
    this.limit = limit;
    this.remaining = remaining;
    this.resetMillis = resetMillis;
  }

  /**
   * Returns a rate-limit state; absent members are {@link OptionalLong#empty()}.
   *
   * @param limit the requests allowed in the window
   * @param remaining the requests left in the window
   * @param resetMillis milliseconds until the window resets
   * @return the rate-limit state
   */
  public static RateLimit of(OptionalLong limit, OptionalLong remaining, OptionalLong resetMillis) {
    return new RateLimit(
        Objects.requireNonNull(limit, "limit"),
        Objects.requireNonNull(remaining, "remaining"),
        Objects.requireNonNull(resetMillis, "resetMillis"));
  }

  /** {@return the number of requests allowed in the current window} */
  public OptionalLong limit() {
    return limit;
  }

  /** {@return the number of requests left in the current window} */
  public OptionalLong remaining() {
    return remaining;
  }

  /** {@return milliseconds from the response until the window resets (0 when already past)} */
  public OptionalLong resetMillis() {
    return resetMillis;
  }

  /** {@return whether the server said no request is left and when the window resets} */
  public boolean isExhausted() {
    return remaining.isPresent() && remaining.getAsLong() <= 0 && resetMillis.isPresent();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RateLimit r
        && limit.equals(r.limit)
        && remaining.equals(r.remaining)
        && resetMillis.equals(r.resetMillis);
  }

  @Override
  public int hashCode() {
    return Objects.hash(limit, remaining, resetMillis);
  }

  /** One line: the members present, e.g. {@code RateLimit{limit=100, remaining=0, resetMillis=3000}}. */
  @Override
  public String toString() {
    return OneLine.of("RateLimit")
        .add("limit", boxed(limit)).add("remaining", boxed(remaining)).add("resetMillis", boxed(resetMillis))
        .toString();
  }

  private static @Nullable Long boxed(OptionalLong v) {
    return v.isPresent() ? v.getAsLong() : null;
  }
}
