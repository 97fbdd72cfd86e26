package dev.apierrors.spi;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Type;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ValueConverter} over a Jackson 2 {@link ObjectMapper} of your own, so its
 * configuration applies to {@code bodyAs} and {@code extension}: registered modules
 * (java.time, Kotlin, ...), naming strategies, {@code FAIL_ON_UNKNOWN_PROPERTIES} and the
 * rest. For Jackson 3 ({@code tools.jackson}), see the {@code apierrors-jackson3} module.
 *
 * <pre>{@code
 * ErrorDecoder decoder = ErrorDecoder.builder()
 *     .valueConverter(JacksonValueConverter.of(objectMapper))
 *     .build();
 * }</pre>
 *
 * <p>Thread-safety: as thread-safe as the mapper, which Jackson's is once configured.
 */
public final class JacksonValueConverter implements ValueConverter {
  private final ObjectMapper mapper;

  private JacksonValueConverter(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /**
   * Returns a converter that converts with {@code mapper} ({@code convertValue}). Enabling
   * default typing on that mapper lets a server choose classes: don't.
   *
   * @param mapper your mapper, configured
   * @return the converter
   * @throws NullPointerException if {@code mapper} is null
   */
  public static JacksonValueConverter of(ObjectMapper mapper) {
    return new JacksonValueConverter(Objects.requireNonNull(mapper, "mapper"));
  }

  /**
   * Converts through the mapper.
   *
   * @throws IllegalArgumentException (Jackson's) when the value does not convert
   */
  @Override
  public @Nullable Object convert(Object value, Type target) {
    return mapper.convertValue(value, mapper.constructType(target));
  }

  @Override
  public String toString() {
    return "JacksonValueConverter{" + mapper.getClass().getName() + '}';
  }
}
