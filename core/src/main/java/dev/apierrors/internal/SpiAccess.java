package dev.apierrors.internal;

import dev.apierrors.ApiError;
import dev.apierrors.spi.BoundedBody;
import dev.apierrors.spi.HttpHeaders;
import dev.apierrors.spi.Secrets;
import java.nio.charset.Charset;
import java.util.List;
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

  /** Looks names up in {@link HttpHeaders} with their filter bits already computed. */
  public interface HeaderLookup {
    /**
     * {@return the index of the field named {@code name} in {@code headers}, -1 if absent}
     *
     * @param headers the headers to look in
     * @param name the name, with its bits
     */
    int indexOf(HttpHeaders headers, HeaderName name);

    /**
     * {@return the first value of the field at {@code index}}
     *
     * @param headers the headers
     * @param index an index {@link #indexOf} returned
     */
    String firstValue(HttpHeaders headers, int index);

    /**
     * {@return every value of the field at {@code index}, immutable}
     *
     * @param headers the headers
     * @param index an index {@link #indexOf} returned
     */
    List<String> allValues(HttpHeaders headers, int index);
  }

  private static volatile @Nullable HeaderLookup headerLookup;
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
   * Called once by {@link HttpHeaders}.
   *
   * @throws IllegalStateException if called a second time
   */
  public static synchronized void installHeaderLookup(HeaderLookup lookup) {
    if (headerLookup != null) {
      throw new IllegalStateException("already installed");
    }
    headerLookup = Objects.requireNonNull(lookup, "lookup");
  }

  /** The index of {@code name}'s field in {@code headers}, -1 if absent. */
  public static int headerIndex(HttpHeaders headers, HeaderName name) {
    // An instance exists, so HttpHeaders' initializer has run and installed the hook.
    return Objects.requireNonNull(headerLookup, "HttpHeaders not initialised").indexOf(headers, name);
  }

  /** The first value of the field at {@code index} ({@link #headerIndex}). */
  public static String headerFirstValue(HttpHeaders headers, int index) {
    return Objects.requireNonNull(headerLookup, "HttpHeaders not initialised").firstValue(headers, index);
  }

  /** Every value of the field at {@code index} ({@link #headerIndex}), immutable. */
  public static List<String> headerValues(HttpHeaders headers, int index) {
    return Objects.requireNonNull(headerLookup, "HttpHeaders not initialised").allValues(headers, index);
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
