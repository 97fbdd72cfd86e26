package dev.apierrors.spi;

import dev.apierrors.ApiError;
import dev.apierrors.ErrorDecoder;
import java.lang.reflect.Type;
import org.jspecify.annotations.Nullable;

/**
 * Converts the plain values of an error body to the caller's own types: what
 * {@link ApiError#bodyAs(Class)} and {@link ApiError#extension(String, Class)} go through.
 * Set one on {@link ErrorDecoder.Builder#valueConverter(ValueConverter)} so your mapper's
 * modules (java.time, Kotlin, naming strategies) apply:
 *
 * <pre>{@code
 * // Jackson 2
 * ErrorDecoder.builder().valueConverter(JacksonValueConverter.of(objectMapper)).build();
 * // Jackson 3 (module apierrors-jackson3)
 * ErrorDecoder.builder().valueConverter(Jackson3ValueConverter.of(jsonMapper)).build();
 * }</pre>
 *
 * <p>The default is a private Jackson 2 mapper: unknown members are ignored, polymorphic
 * typing is never enabled (class names in a body are never resolved), nesting and lengths
 * are bounded.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface ValueConverter {
  /**
   * Converts {@code value} to {@code target}.
   *
   * @param value a plain value as in {@link ApiError#extensions()}: a {@code String}, a
   *     {@code Long} or {@code BigInteger} (integers), a {@code Double} (other numbers), a
   *     {@code Boolean}, or an unmodifiable {@code List} or {@code Map<String, Object>} of
   *     those (whose elements may be null); never null itself
   * @param target the type asked for: a {@code Class}, or a generic type such as
   *     {@code List<Item>}
   * @return the converted value; null is read as "no value" ({@code Optional.empty()})
   * @throws Exception when {@code value} does not convert: its message says why, and is
   *     reported in the {@link dev.apierrors.ErrorConversionException} the caller gets
   */
  @Nullable Object convert(Object value, Type target) throws Exception;
}
