package dev.apierrors.internal.format;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apierrors.ErrorBody;
import dev.apierrors.ErrorFields;
import dev.apierrors.ErrorFormat;
import dev.apierrors.internal.DecodedBody;
import dev.apierrors.internal.ErrorsMember;
import dev.apierrors.internal.JsonMembers;
import java.util.Optional;
import java.util.Set;

/**
 * Row 9, {@code nested_error}: a JSON object whose {@code error} is an object (Google
 * APIs, Microsoft Graph, ...). Detail: {@code error.message}; code: {@code error.status}
 * when a string, else {@code error.code}; entries: {@code error.errors}, else
 * {@code error.details}, by the common {@code errors} rule; title: the reason phrase.
 */
public final class NestedErrorFormat implements ErrorFormat {
  @Override
  public String name() {
    return "nested_error";
  }

  @Override
  public Optional<ErrorFields> decode(ErrorBody body) {
    JsonNode json = DecodedBody.object(body);
    JsonNode error = json == null ? null : json.get("error");
    if (error == null || !error.isObject()) {
      return Optional.empty();
    }
    String code = JsonMembers.text(error, "status");
    JsonNode entries = error.get("errors");
    if (entries == null || entries.isNull()) {
      entries = error.get("details");
    }
    return Optional.of(
        ErrorFields.builder()
            .detail(JsonMembers.text(error, "message"))
            .code(code != null ? code : JsonMembers.code(error, "code"))
            .errors(ErrorsMember.entries(entries))
            .consumedMembers(Set.of("error"))
            .build());
  }
}
