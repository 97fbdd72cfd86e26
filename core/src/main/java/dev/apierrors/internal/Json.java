package dev.apierrors.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.BasicPolymorphicTypeValidator;
import dev.apierrors.spi.JacksonValueConverter;
import dev.apierrors.spi.ValueConverter;
import java.lang.reflect.Type;
import org.jspecify.annotations.Nullable;

/**
 * The one Jackson mapper apierrors uses, private to it: bounded nesting and lengths,
 * lenient about unknown properties, and never with polymorphic typing: no default typing,
 * and a validator that refuses every class name, so a server can't choose which class a
 * body becomes, not even through a {@code @JsonTypeInfo(use = CLASS)} on a user's type.
 * Nothing outside this class can reach (and so reconfigure) the mapper or its factory.
 */
public final class Json {
  /** Deeper JSON than this is not parsed as JSON (it is then decoded as text). */
  public static final int MAX_NESTING_DEPTH = 500;

  /** The longest body text parsed: the decoder reads at most 64 MiB. */
  private static final long MAX_DOCUMENT_CHARS = 64L * 1024 * 1024;

  /** The longest string value parsed, in characters; a longer one makes the body not JSON. */
  public static final int MAX_STRING_LENGTH = 20_000_000;

  /**
   * The parsers' factory: built at once (cheap), unlike the mapper, which only converting
   * an extension's value needs.
   */
  private static final JsonFactory FACTORY = newFactory();

  /** The default of every decoder; it builds the mapper when it first converts. */
  private static final ValueConverter DEFAULT_CONVERTER = new DefaultConverter();

  private Json() {}

  private static JsonFactory newFactory() {
    return JsonFactory.builder()
        .streamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxNumberLength(1000)
                .maxStringLength(MAX_STRING_LENGTH)
                .maxNameLength(50_000)
                .maxDocumentLength(MAX_DOCUMENT_CHARS)
                .build())
        .build();
  }

  /**
   * The mapper, built on first use (the JVM initialises a nested class when it is first
   * read, once, thread-safely). Why not at once: building an {@code ObjectMapper} is most
   * of what a fresh JVM's first {@code ErrorDecoder} costs (about 150 of 220 ms here), and
   * decoding never needs it; only {@code ApiError.extension(name, type)} and the like do.
   * It has a factory of its own (same bounds): a mapper makes itself its factory's codec.
   */
  private static final class Mapper {
    static final ObjectMapper INSTANCE = JsonMapper.builder(newFactory())
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .polymorphicTypeValidator(BasicPolymorphicTypeValidator.builder().build())
        .build();

    static final ValueConverter CONVERTER = JacksonValueConverter.of(INSTANCE);
  }

  /** {@link JacksonValueConverter} over the private mapper, built when it first converts. */
  private static final class DefaultConverter implements ValueConverter {
    @Override
    public @Nullable Object convert(Object value, Type target) throws Exception {
      return Mapper.CONVERTER.convert(value, target);
    }

    @Override
    public String toString() {
      // What the mapper's converter says, without building the mapper to say it.
      return "JacksonValueConverter{" + JsonMapper.class.getName() + '}';
    }
  }

  /** The factory of the parsers above (same bounds), for parsers over bytes. */
  public static JsonFactory factory() {
    return FACTORY;
  }

  /** The converter over the private mapper: the default of every decoder. */
  public static ValueConverter defaultConverter() {
    return DEFAULT_CONVERTER;
  }
}
