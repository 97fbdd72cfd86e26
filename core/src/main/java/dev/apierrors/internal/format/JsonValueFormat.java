package dev.apierrors.internal.format;

import dev.apierrors.BuiltInFormat;
import dev.apierrors.spi.ErrorBody;
import dev.apierrors.spi.ErrorFields;
import dev.apierrors.spi.ErrorFormat;
import java.util.Optional;

/**
 * Row 11, {@code json}: any other JSON value but a string (an object no row above knows,
 * an array, a number, {@code true}, {@code false}, {@code null}). No detail; the value is
 * still readable through {@code ApiError.json()} and {@code bodyAs}. A JSON string is
 * {@code plain_text}.
 */
public final class JsonValueFormat implements ErrorFormat {
  @Override
  public String name() {
    return BuiltInFormat.JSON.wireName();
  }

  @Override
  public Optional<ErrorFields> decode(ErrorBody body) {
    return body.json().filter(json -> !json.isTextual()).map(json -> ErrorFields.builder().build());
  }
}
