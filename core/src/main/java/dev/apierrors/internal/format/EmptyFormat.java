package dev.apierrors.internal.format;

import dev.apierrors.BuiltInFormat;
import dev.apierrors.spi.ErrorBody;
import dev.apierrors.spi.ErrorFields;
import dev.apierrors.spi.ErrorFormat;
import java.util.Optional;

/** Row 1, {@code empty}: no body, or only whitespace. Title: the reason phrase; no detail. */
public final class EmptyFormat implements ErrorFormat {
  @Override
  public String name() {
    return BuiltInFormat.EMPTY.wireName();
  }

  @Override
  public Optional<ErrorFields> decode(ErrorBody body) {
    // A body that parsed as JSON is not blank: its text is not needed to tell.
    if (body.json().isPresent()) {
      return Optional.empty();
    }
    return body.text().isBlank() ? Optional.of(ErrorFields.builder().build()) : Optional.empty();
  }
}
