package dev.apierrors.internal.format;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apierrors.BuiltInFormat;
import dev.apierrors.internal.JsonMembers;
import dev.apierrors.spi.ErrorBody;
import dev.apierrors.spi.ErrorFields;
import dev.apierrors.spi.ErrorFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Row 10, {@code message}: a JSON object with a string {@code message} (or {@code Message},
 * AWS), the detail. Code: Heroku's {@code {"id":"not_found","message":...,"url":...}}
 * gives its {@code id} when it is a string without whitespace and the object has no member
 * but {@code id}, {@code message} and {@code url} (a stricter shape than "any {@code id}",
 * which is usually a resource's or a request's id, not an error code).
 */
public final class MessageMemberFormat implements ErrorFormat {
  private static final Set<String> HEROKU_MEMBERS = Set.of("id", "message", "url");

  @Override
  public String name() {
    return BuiltInFormat.MESSAGE.wireName();
  }

  @Override
  public Optional<ErrorFields> decode(ErrorBody body) {
    JsonNode json = JsonMembers.object(body);
    String member = JsonMembers.messageMember(json);
    if (member == null) {
      return Optional.empty();
    }
    String id = herokuId(json);
    return Optional.of(
        ErrorFields.builder()
            .detail(JsonMembers.text(json, member))
            .code(id)
            .consumedMembers(id == null ? Set.of(member) : Set.of(member, "id"))
            .build());
  }

  private static @Nullable String herokuId(JsonNode json) {
    String id = JsonMembers.text(json, "id");
    if (id == null || id.isEmpty() || OAuthErrorFormat.hasWhitespace(id)) {
      return null;
    }
    for (Map.Entry<String, JsonNode> member : json.properties()) {
      if (!HEROKU_MEMBERS.contains(member.getKey())) {
        return null;
      }
    }
    return id;
  }
}
