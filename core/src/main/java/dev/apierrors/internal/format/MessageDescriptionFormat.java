package dev.apierrors.internal.format;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apierrors.spi.ErrorBody;
import dev.apierrors.spi.ErrorFields;
import dev.apierrors.spi.ErrorFormat;
import dev.apierrors.internal.JsonMembers;
import java.util.Optional;
import java.util.Set;

/**
 * Row 6, {@code message_description}: a JSON object with a string {@code message} and a
 * string {@code description}. Title: {@code message}; detail: {@code description}.
 */
public final class MessageDescriptionFormat implements ErrorFormat {
  @Override
  public String name() {
    return "message_description";
  }

  @Override
  public Optional<ErrorFields> decode(ErrorBody body) {
    JsonNode json = JsonMembers.object(body);
    String message = JsonMembers.text(json, "message");
    String description = JsonMembers.text(json, "description");
    if (message == null || description == null) {
      return Optional.empty();
    }
    return Optional.of(
        ErrorFields.builder()
            .title(message)
            .detail(description)
            .consumedMembers(Set.of("message", "description"))
            .build());
  }
}
