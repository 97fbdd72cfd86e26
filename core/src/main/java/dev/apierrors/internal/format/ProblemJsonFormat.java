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
 * Row 2, {@code problem_json} (RFC 9457): any JSON object under
 * {@code application/problem+json}; otherwise a JSON object with a string {@code title}
 * and at least one of {@code type}, {@code detail}, {@code instance} (not null) or a
 * numeric {@code status}. The {@code status} member never overrides the HTTP status.
 */
public final class ProblemJsonFormat implements ErrorFormat {
  /** The problem members of RFC 9457 §3.1; every other member is an extension. */
  static final Set<String> MEMBERS = Set.of("type", "title", "status", "detail", "instance");

  /** The type of a problem that gives none (RFC 9457 §4.2.1). */
  public static final String ABOUT_BLANK = "about:blank";

  @Override
  public String name() {
    return BuiltInFormat.PROBLEM_JSON.wireName();
  }

  @Override
  public Optional<ErrorFields> decode(ErrorBody body) {
    JsonNode json = JsonMembers.object(body);
    if (json == null || !(isProblemMediaType(body) || looksLikeProblem(json))) {
      return Optional.empty();
    }
    String type = JsonMembers.text(json, "type");
    return Optional.of(
        ErrorFields.builder()
            .title(JsonMembers.text(json, "title"))
            .detail(JsonMembers.text(json, "detail"))
            .type(type == null ? ABOUT_BLANK : type)
            .instance(JsonMembers.text(json, "instance"))
            .consumedMembers(MEMBERS)
            .build());
  }

  private static boolean isProblemMediaType(ErrorBody body) {
    return body.mediaType().filter("application/problem+json"::equals).isPresent();
  }

  private static boolean looksLikeProblem(JsonNode json) {
    JsonNode status = json.get("status");
    return JsonMembers.text(json, "title") != null
        && (JsonMembers.has(json, "type")
            || JsonMembers.has(json, "detail")
            || JsonMembers.has(json, "instance")
            || (status != null && status.isNumber()));
  }
}
