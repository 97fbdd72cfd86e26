package dev.apierrors.internal.format;

import dev.apierrors.BuiltInFormat;
import com.fasterxml.jackson.databind.JsonNode;
import dev.apierrors.spi.ErrorBody;
import dev.apierrors.spi.ErrorFields;
import dev.apierrors.spi.ErrorFormat;
import dev.apierrors.ErrorEntry;
import dev.apierrors.internal.ErrorsMember;
import dev.apierrors.internal.JsonMembers;
import java.util.Optional;
import java.util.Set;

/**
 * Row 8, {@code errors_array}: a JSON object whose {@code errors} is a non-empty array of
 * objects (JSON:API, GraphQL, Stripe-like lists). Title: the first entry's {@code title},
 * else the reason phrase; detail: a top-level string {@code message} (or {@code Message}),
 * else the first entry's detail; code: the first entry's code. The first entry is read
 * like every entry ({@link ErrorsMember#fromObject}: detail from {@code detail},
 * {@code message} or {@code msg}, code from {@code code} or GraphQL's
 * {@code extensions.code}); the entries come from the common {@code errors} rule.
 */
public final class ErrorsArrayFormat implements ErrorFormat {
  @Override
  public String name() {
    return BuiltInFormat.ERRORS_ARRAY.wireName();
  }

  @Override
  public Optional<ErrorFields> decode(ErrorBody body) {
    JsonNode json = JsonMembers.object(body);
    JsonNode errors = json == null ? null : json.get("errors");
    if (!JsonMembers.isArrayOfObjects(errors)) {
      return Optional.empty();
    }
    ErrorEntry first = ErrorsMember.fromObject(errors.get(0));
    String member = JsonMembers.messageMember(json);
    return Optional.of(
        ErrorFields.builder()
            .title(first.title().orElse(null))
            .detail(member != null ? JsonMembers.text(json, member) : first.detail().orElse(null))
            .code(first.code().orElse(null))
            .consumedMembers(member != null ? Set.of(member) : Set.of())
            .build());
  }
}
