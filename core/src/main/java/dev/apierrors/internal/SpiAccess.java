package dev.apierrors.internal;

import dev.apierrors.ApiError;
import dev.apierrors.spi.BoundedBody;
import dev.apierrors.spi.Secrets;
import java.nio.charset.Charset;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Lets the decoding pipeline hand values to the public classes and read them without a
 * defensive copy (the public classes copy in and out for their users). Each hook is
 * installed once, by the class initializer of the public class it opens; not exported.
 */
public final class SpiAccess {
  /** Hands a decoded body to an {@link ApiError.Builder}. */
  @FunctionalInterface
  public interface BodyAdopter {
    /**
     * Sets the body on {@code builder} without copying {@code bytes}; its extensions are
     * then the members of its JSON object that are not in {@code fieldMembers}.
     *
     * @param text the bytes decoded with {@code charset}, which the error may keep or drop;
     *     null when it was not built (the error decodes it when asked)
     * @param cut whether the body ended early (at the limit, or by a dropped connection),
     *     so that a JSON object is read from its complete members
     * @param json whether the body parsed as JSON: when not, it is never parsed again
     */
    void adopt(ApiError.Builder builder, byte[] bytes, Charset charset, @Nullable String text,
        boolean truncated, boolean cut, boolean json, Set<String> fieldMembers);
  }

  private static volatile @Nullable Function<BoundedBody, byte[]> bodyBytes;
  private static volatile @Nullable BodyAdopter bodyAdopter;
  private static volatile @Nullable Function<Secrets, Set<String>> secretValues;

  private SpiAccess() {}

  /**
   * Called once by {@link BoundedBody}.
   *
   * @throws IllegalStateException if called a second time
   */
  public static synchronized void installBodyBytes(Function<BoundedBody, byte[]> access) {
    if (bodyBytes != null) {
      throw new IllegalStateException("already installed");
    }
    bodyBytes = Objects.requireNonNull(access, "access");
  }

  /**
   * Called once by {@link ApiError}.
   *
   * @throws IllegalStateException if called a second time
   */
  public static synchronized void installBodyAdopter(BodyAdopter adopter) {
    if (bodyAdopter != null) {
      throw new IllegalStateException("already installed");
    }
    bodyAdopter = Objects.requireNonNull(adopter, "adopter");
  }

  /** The bytes {@code body} holds, not copied: never modify them. */
  public static byte[] bytes(BoundedBody body) {
    // An instance exists, so BoundedBody's initializer has run and installed the hook.
    return Objects.requireNonNull(bodyBytes, "BoundedBody not initialised").apply(body);
  }

  /** Sets a decoded body on {@code builder}, its bytes not copied: see {@link BodyAdopter}. */
  public static ApiError.Builder adoptBody(ApiError.Builder builder, byte[] bytes, Charset charset,
      @Nullable String text, boolean truncated, boolean cut, boolean json, Set<String> fieldMembers) {
    // A builder exists, so ApiError's initializer has run and installed the hook.
    Objects.requireNonNull(bodyAdopter, "ApiError not initialised")
        .adopt(builder, bytes, charset, text, truncated, cut, json, fieldMembers);
    return builder;
  }

  /**
   * Called once by {@link Secrets}.
   *
   * @throws IllegalStateException if called a second time
   */
  public static synchronized void installSecretValues(Function<Secrets, Set<String>> access) {
    if (secretValues != null) {
      throw new IllegalStateException("already installed");
    }
    secretValues = Objects.requireNonNull(access, "access");
  }

  /** The values {@code secrets} holds (immutable): only to mask them, never to show them. */
  public static Set<String> values(Secrets secrets) {
    // An instance exists, so Secrets' initializer has run and installed the hook.
    return Objects.requireNonNull(secretValues, "Secrets not initialised").apply(secrets);
  }
}
