package dev.apierrors.internal.format;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apierrors.spi.ErrorBody;
import dev.apierrors.ErrorEntry;
import dev.apierrors.spi.ErrorFields;
import dev.apierrors.spi.ErrorFormat;
import dev.apierrors.internal.ErrorsMember;
import dev.apierrors.internal.JsonMembers;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Row 9, {@code nested_error}: a JSON object whose {@code error} is an object (Google
 * APIs, Microsoft Graph, ...). Detail: {@code error.message}; code: {@code error.status}
 * when a string, else {@code error.code}; entries: {@code error.errors}, else
 * {@code error.details}, by the common {@code errors} rule (when neither gives any, the
 * top-level {@code errors} member, as for every format); title: the reason phrase.
 */
public final class NestedErrorFormat implements ErrorFormat {
  @Override
  public String name() {
    return "nested_error";
  }

  @Override
  public Optional<ErrorFields> decode(ErrorBody body) {
    JsonNode json = JsonMembers.object(body);
    JsonNode error = json == null ? null : json.get("error");
    if (error == null || !error.isObject()) {
      return Optional.empty();
    }
    String code = JsonMembers.text(error, "status");
    JsonNode entries = error.get("errors");
    if (entries == null || entries.isNull()) {
      entries = error.get("details");
    }
    ErrorFields.Builder fields = ErrorFields.builder()
        .detail(JsonMembers.text(error, "message"))
        .code(code != null ? code : JsonMembers.code(error, "code"))
        .consumedMembers(Set.of("error"));
    List<ErrorEntry> nested = ErrorsMember.entries(entries);
    if (!nested.isEmpty()) {
      fields.errors(nested); // else the common rule reads a top-level errors member
    }
    return Optional.of(fields.build());
  }
}
