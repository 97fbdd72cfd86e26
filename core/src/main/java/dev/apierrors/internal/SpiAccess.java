package dev.apierrors.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apierrors.ApiError;
import dev.apierrors.spi.BoundedBody;
import dev.apierrors.spi.Secrets;
import java.util.Map;
import java.util.Set;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Lets the decoding pipeline hand values to the public classes and read them without a
 * defensive copy (the public classes copy in and out for their users). Each hook is
 * installed once, by the class initializer of the public class it opens; not exported.
 */
public final class SpiAccess {
  /** Hands the pipeline's own JSON tree and extension members to an {@link ApiError.Builder}. */
  @FunctionalInterface
  public interface JsonAdopter {
    /** Sets both on {@code builder} without copying them. */
    void adopt(ApiError.Builder builder, @Nullable JsonNode body, Map<String, JsonNode> extensions);
  }

  private static volatile @Nullable Function<BoundedBody, byte[]> bodyBytes;
  private static volatile @Nullable JsonAdopter jsonAdopter;
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
  public static synchronized void installJsonAdopter(JsonAdopter adopter) {
    if (jsonAdopter != null) {
      throw new IllegalStateException("already installed");
    }
    jsonAdopter = Objects.requireNonNull(adopter, "adopter");
  }

  /** The bytes {@code body} holds, not copied: never modify them. */
  public static byte[] bytes(BoundedBody body) {
    // An instance exists, so BoundedBody's initializer has run and installed the hook.
    return Objects.requireNonNull(bodyBytes, "BoundedBody not initialised").apply(body);
  }

  /** Sets the pipeline's own tree and extensions on {@code builder}, not copied. */
  public static ApiError.Builder adoptJson(ApiError.Builder builder, @Nullable JsonNode body,
      Map<String, JsonNode> extensions) {
    // A builder exists, so ApiError's initializer has run and installed the hook.
    Objects.requireNonNull(jsonAdopter, "ApiError not initialised").adopt(builder, body, extensions);
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
