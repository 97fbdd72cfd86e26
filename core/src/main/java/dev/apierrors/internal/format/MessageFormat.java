package dev.apierrors.internal.format;

import dev.apierrors.spi.ErrorBody;
import dev.apierrors.spi.ErrorFields;
import dev.apierrors.spi.ErrorFormat;
import dev.apierrors.internal.JsonMembers;
import java.util.Optional;
import java.util.Set;

/** Row 10, {@code message}: a JSON object with a string {@code message}, the detail. */
public final class MessageFormat implements ErrorFormat {
  @Override
  public String name() {
    return "message";
  }

  @Override
  public Optional<ErrorFields> decode(ErrorBody body) {
    String message = JsonMembers.text(JsonMembers.object(body), "message");
    if (message == null) {
      return Optional.empty();
    }
    return Optional.of(
        ErrorFields.builder().detail(message).consumedMembers(Set.of("message")).build());
  }
}
