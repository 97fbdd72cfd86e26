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
 * Row 7, {@code code_message}: a JSON object with a {@code code} (string or integer) and
 * a string {@code message} (or {@code Message}, AWS). Code: {@code code}; detail:
 * {@code message}; title: the reason phrase.
 */
public final class CodeMessageFormat implements ErrorFormat {
  /** The members read, with {@code message} or AWS's {@code Message}: no set is built per error. */
  private static final Set<String> CODE_MESSAGE = Set.of("code", "message");
  private static final Set<String> CODE_AWS_MESSAGE = Set.of("code", "Message");
  @Override
  public String name() {
    return BuiltInFormat.CODE_MESSAGE.wireName();
  }

  @Override
  public Optional<ErrorFields> decode(ErrorBody body) {
    JsonNode json = JsonMembers.object(body);
    String code = JsonMembers.code(json, "code");
    String member = JsonMembers.messageMember(json);
    if (code == null || member == null) {
      return Optional.empty();
    }
    return Optional.of(
        ErrorFields.builder()
            .code(code)
            .detail(JsonMembers.text(json, member))
            .consumedMembers(member.equals("message") ? CODE_MESSAGE : CODE_AWS_MESSAGE)
            .build());
  }
}
