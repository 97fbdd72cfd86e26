package dev.apierrors.jackson3;

import dev.apierrors.spi.ValueConverter;
import java.lang.reflect.Type;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectMapper;

/**
 * A {@link ValueConverter} over a Jackson 3 mapper of your own ({@code tools.jackson},
 * what Spring Framework 7 and Spring Boot 4 use), so its configuration applies to
 * {@code ApiError.bodyAs} and {@code ApiError.extension}: registered modules, naming
 * strategies, {@code FAIL_ON_UNKNOWN_PROPERTIES} and the rest.
 *
 * <pre>{@code
 * ErrorDecoder decoder = ErrorDecoder.builder()
 *     .valueConverter(Jackson3ValueConverter.of(jsonMapper))
 *     .build();
 * }</pre>
 *
 * <p>Thread-safety: as thread-safe as the mapper, which Jackson's is (it is immutable).
 */
public final class Jackson3ValueConverter implements ValueConverter {
  private final ObjectMapper mapper;

  private Jackson3ValueConverter(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /**
   * Returns a converter that converts with {@code mapper} ({@code convertValue}), e.g. a
   * {@code JsonMapper}. Enabling default typing on that mapper lets a server choose
   * classes: don't.
   *
   * @param mapper your mapper, configured
   * @return the converter
   * @throws NullPointerException if {@code mapper} is null
   */
  public static Jackson3ValueConverter of(ObjectMapper mapper) {
    return new Jackson3ValueConverter(Objects.requireNonNull(mapper, "mapper"));
  }

  /**
   * Converts through the mapper.
   *
   * @throws tools.jackson.core.JacksonException when the value does not convert
   */
  @Override
  public @Nullable Object convert(Object value, Type target) {
    return mapper.convertValue(value, mapper.constructType(target));
  }

  @Override
  public String toString() {
    return "Jackson3ValueConverter{" + mapper.getClass().getName() + '}';
  }
}
