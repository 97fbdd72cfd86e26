package dev.apierrors.internal.format;

import dev.apierrors.BuiltInFormat;
import com.fasterxml.jackson.databind.JsonNode;
import dev.apierrors.spi.ErrorBody;
import dev.apierrors.spi.ErrorFields;
import dev.apierrors.spi.ErrorFormat;
import dev.apierrors.internal.JsonMembers;
import java.util.Optional;
import java.util.Set;

/**
 * Row 6, {@code message_description}: a JSON object with a string {@code message} (or
 * {@code Message}, AWS) and a string {@code description}. Title: {@code message}; detail: {@code description}.
 */
public final class MessageDescriptionFormat implements ErrorFormat {
  @Override
  public String name() {
    return BuiltInFormat.MESSAGE_DESCRIPTION.wireName();
  }

  @Override
  public Optional<ErrorFields> decode(ErrorBody body) {
    JsonNode json = JsonMembers.object(body);
    String member = JsonMembers.messageMember(json);
    String description = JsonMembers.text(json, "description");
    if (member == null || description == null) {
      return Optional.empty();
    }
    return Optional.of(
        ErrorFields.builder()
            .title(JsonMembers.text(json, member))
            .detail(description)
            .consumedMembers(Set.of(member, "description"))
            .build());
  }
}
