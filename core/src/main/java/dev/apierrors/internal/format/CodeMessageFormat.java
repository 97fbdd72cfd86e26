package dev.apierrors.internal.format;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apierrors.spi.ErrorBody;
import dev.apierrors.spi.ErrorFields;
import dev.apierrors.spi.ErrorFormat;
import dev.apierrors.internal.JsonMembers;
import java.util.Optional;
import java.util.Set;

/**
 * Row 7, {@code code_message}: a JSON object with a {@code code} (string or integer) and
 * a string {@code message}. Code: {@code code}; detail: {@code message}; title: the reason
 * phrase.
 */
public final class CodeMessageFormat implements ErrorFormat {
  @Override
  public String name() {
    return "code_message";
  }

  @Override
  public Optional<ErrorFields> decode(ErrorBody body) {
    JsonNode json = JsonMembers.object(body);
    String code = JsonMembers.code(json, "code");
    String message = JsonMembers.text(json, "message");
    if (code == null || message == null) {
      return Optional.empty();
    }
    return Optional.of(
        ErrorFields.builder()
            .code(code)
            .detail(message)
            .consumedMembers(Set.of("code", "message"))
            .build());
  }
}
