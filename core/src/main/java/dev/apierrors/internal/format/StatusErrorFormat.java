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
 * Row 4, {@code status_error}: a JSON object whose {@code status} is the string
 * {@code ERROR} (any case) and whose {@code error} is a string, e.g.
 * {@code {"status":"ERROR","error":"Validation failed","errors":{"email":"taken"}}}.
 * Title: {@code error}. Detail: {@code errors.error} when a string, else the first string
 * found in {@code errors} (depth-first, bounded). The entries come from the common
 * {@code errors} rule.
 */
public final class StatusErrorFormat implements ErrorFormat {
  @Override
  public String name() {
    return BuiltInFormat.STATUS_ERROR.wireName();
  }

  @Override
  public Optional<ErrorFields> decode(ErrorBody body) {
    JsonNode json = JsonMembers.object(body);
    String status = JsonMembers.text(json, "status");
    String error = JsonMembers.text(json, "error");
    if (json == null || status == null || !status.equalsIgnoreCase("ERROR") || error == null) {
      return Optional.empty();
    }
    JsonNode errors = json.get("errors");
    String detail = JsonMembers.text(errors, "error");
    return Optional.of(
        ErrorFields.builder()
            .title(error)
            .detail(detail != null ? detail : JsonMembers.firstString(errors))
            .consumedMembers(Set.of("status", "error"))
            .build());
  }
}
