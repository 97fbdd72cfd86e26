package dev.apierrors.internal.format;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apierrors.spi.ErrorBody;
import dev.apierrors.spi.ErrorFields;
import dev.apierrors.spi.ErrorFormat;
import dev.apierrors.internal.JsonMembers;
import java.util.Optional;
import java.util.Set;

/**
 * Row 8, {@code errors_array}: a JSON object whose {@code errors} is a non-empty array of
 * objects (JSON:API, GraphQL, Stripe-like lists). Title: the first entry's {@code title},
 * else the reason phrase; detail: a top-level string {@code message}, else the first
 * entry's {@code detail}, else its {@code message}; code: the first entry's {@code code}.
 * The entries come from the common {@code errors} rule.
 */
public final class ErrorsArrayFormat implements ErrorFormat {
  @Override
  public String name() {
    return "errors_array";
  }

  @Override
  public Optional<ErrorFields> decode(ErrorBody body) {
    JsonNode json = JsonMembers.object(body);
    JsonNode errors = json == null ? null : json.get("errors");
    if (errors == null || !errors.isArray() || errors.isEmpty() || !allObjects(errors)) {
      return Optional.empty();
    }
    JsonNode first = errors.get(0);
    String message = JsonMembers.text(json, "message");
    String detail = message != null ? message : JsonMembers.text(first, "detail");
    return Optional.of(
        ErrorFields.builder()
            .title(JsonMembers.text(first, "title"))
            .detail(detail != null ? detail : JsonMembers.text(first, "message"))
            .code(JsonMembers.code(first, "code"))
            .consumedMembers(message != null ? Set.of("message") : Set.of())
            .build());
  }

  private static boolean allObjects(JsonNode array) {
    for (JsonNode element : array) {
      if (!element.isObject()) {
        return false;
      }
    }
    return true;
  }
}
