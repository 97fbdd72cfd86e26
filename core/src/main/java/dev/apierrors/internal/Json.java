package dev.apierrors.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.BasicPolymorphicTypeValidator;
import dev.apierrors.spi.JacksonValueConverter;
import dev.apierrors.spi.ValueConverter;

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

  private static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(MAX_NESTING_DEPTH)
                          .maxNumberLength(1000)
                          .maxStringLength(MAX_STRING_LENGTH)
                          .maxNameLength(50_000)
                          .maxDocumentLength(MAX_DOCUMENT_CHARS)
                          .build())
                  .build())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .polymorphicTypeValidator(BasicPolymorphicTypeValidator.builder().build())
          .build();

  private static final ValueConverter DEFAULT_CONVERTER = JacksonValueConverter.of(MAPPER);

  private Json() {}

  /** The factory of the parsers above (same bounds), for parsers over bytes. */
  public static JsonFactory factory() {
    return MAPPER.getFactory();
  }

  /** The converter over the private mapper: the default of every decoder. */
  public static ValueConverter defaultConverter() {
    return DEFAULT_CONVERTER;
  }
}
