package dev.apierrors.internal;

import java.time.Clock;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The current instant for the header parsers, read from the decoder's clock only when a
 * header needs it (an HTTP-date {@code Retry-After}, an epoch rate-limit reset), and then
 * once: most errors carry no such header, and reading a clock is not free.
 *
 * <p>A clock that throws, or returns null, gives the system's time: a user's clock never
 * costs a field. Not thread-safe: one per decoding.
 */
public final class Now {
  private final @Nullable Clock clock;
  private @Nullable Instant instant;

  private Now(@Nullable Clock clock, @Nullable Instant instant) {
    this.clock = clock;
    this.instant = instant;
  }

  /** {@return the given instant, always} */
  public static Now of(Instant instant) {
    return new Now(null, instant);
  }

  /** {@return the instant of {@code clock}, read on first use} */
  public static Now of(Clock clock) {
    return new Now(clock, null);
  }

  /** {@return the instant: the clock's, read now if not yet read} */
  public Instant get() {
    Instant read = instant;
    if (read == null) {
      try {
        read = clock == null ? null : clock.instant();
      } catch (RuntimeException e) {
        read = null;
      }
      if (read == null) {
        read = Instant.now();
      }
      instant = read;
    }
    return read;
  }
}
