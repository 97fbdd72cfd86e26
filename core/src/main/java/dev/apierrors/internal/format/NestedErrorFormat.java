package dev.apierrors.internal.format;

import dev.apierrors.BuiltInFormat;
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
import org.jspecify.annotations.Nullable;

/**
 * Row 9, {@code nested_error}: a JSON object whose {@code error} is an object (Google
 * APIs, Microsoft Graph, Elasticsearch, Stripe, ...). Detail: {@code error.message} (or
 * {@code Message}), else {@code error.reason} (Elasticsearch), else
 * {@code error.developer_message} (Stripe v2), each if a string; code:
 * {@code error.status} when a string, else {@code error.code}, else {@code error.type} when
 * a string (Elasticsearch's {@code index_not_found_exception}); entries: {@code error.errors}, else
 * {@code error.details}, by the common {@code errors} rule (when neither gives any, the
 * top-level {@code errors} member, as for every format); title: the reason phrase.
 */
public final class NestedErrorFormat implements ErrorFormat {
  @Override
  public String name() {
    return BuiltInFormat.NESTED_ERROR.wireName();
  }

  @Override
  public Optional<ErrorFields> decode(ErrorBody body) {
    JsonNode json = JsonMembers.object(body);
    JsonNode error = json == null ? null : json.get("error");
    if (error == null || !error.isObject()) {
      return Optional.empty();
    }
    JsonNode entries = error.get("errors");
    if (entries == null || entries.isNull()) {
      entries = error.get("details");
    }
    ErrorFields.Builder fields = ErrorFields.builder()
        .detail(detail(error))
        .code(code(error))
        .consumedMembers(Set.of("error"));
    List<ErrorEntry> nested = ErrorsMember.entries(entries);
    if (!nested.isEmpty()) {
      fields.errors(nested); // else the common rule reads a top-level errors member
    }
    return Optional.of(fields.build());
  }

  /** {@code error.message}, else {@code error.reason}, else {@code error.developer_message}. */
  private static @Nullable String detail(JsonNode error) {
    String message = JsonMembers.message(error);
    if (message != null) {
      return message;
    }
    String reason = JsonMembers.text(error, "reason");
    return reason != null ? reason : JsonMembers.text(error, "developer_message");
  }

  /** {@code error.status} if a string, else {@code error.code}, else {@code error.type} if a string. */
  private static @Nullable String code(JsonNode error) {
    String status = JsonMembers.text(error, "status");
    if (status != null) {
      return status;
    }
    String code = JsonMembers.code(error, "code");
    return code != null ? code : JsonMembers.text(error, "type");
  }
}
