package dev.apierrors.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apierrors.ErrorEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The real-world aliases that complete a built-in format of a JSON object (the README's
 * "Real-world aliases"): where real APIs put a detail or a list of errors that no row of
 * the decoding table names. The format that matched stays the format.
 *
 * <ul>
 *   <li>{@link #DETAIL_SOURCES}: where a detail the row left empty is found, in order.
 *       The next alias is one more line there.
 *   <li>FastAPI/pydantic: a top-level {@code detail} array of {@code {loc, msg, type}}
 *       objects gives the entries, when {@code errors} gave none.
 *   <li>Field-keyed bodies (Django REST framework): a {@code json} object whose every
 *       member is an array of strings gives one entry per string, keyed by the member.
 * </ul>
 *
 * Thread-safety: stateless.
 */
final class RealWorldAliases {
  /** A top-level member that may hold the detail, and how to read it from the member's value. */
  private record DetailSource(String member, Function<JsonNode, @Nullable String> read) {}

  /** Where the detail is, when the row found none: the first that gives a string wins. */
  private static final List<DetailSource> DETAIL_SOURCES =
      List.of(
          new DetailSource("detail", RealWorldAliases::string), // DRF, Starlette, {"status":429,"detail":...}
          new DetailSource("detail", RealWorldAliases::firstMsg), // FastAPI: detail[0].msg
          new DetailSource("description", RealWorldAliases::string), // Auth0
          new DetailSource("errorSummary", RealWorldAliases::string), // Okta
          new DetailSource("error_message", RealWorldAliases::string),
          new DetailSource("errorMessage", RealWorldAliases::string),
          new DetailSource("errorMessages", JsonMembers::firstStringElement), // Jira
          new DetailSource("errors", RealWorldAliases::string)); // Shopify

  /** What the aliases made of a body: its entries, its detail, and the members they took. */
  record Completion(List<ErrorEntry> errors, @Nullable String detail) {}

  private RealWorldAliases() {}

  /**
   * Completes what the format and the common rules found in {@code object}.
   *
   * @param jsonRow whether the object matched row 11, {@code json} (no row knew it)
   * @param errors the entries so far; the entry aliases apply only when there are none
   * @param detail the detail so far; the detail aliases apply only when it is null
   * @param used the members fields were read from: the members an alias reads are added
   */
  static Completion complete(
      JsonNode object, boolean jsonRow, List<ErrorEntry> errors, @Nullable String detail, Set<String> used) {
    List<ErrorEntry> entries = errors;
    boolean fieldKeyed = false;
    if (entries.isEmpty()) {
      entries = fastApiEntries(object.get("detail"));
      if (!entries.isEmpty()) {
        used.add("detail");
      } else if (jsonRow) {
        entries = fieldKeyedEntries(object);
        fieldKeyed = !entries.isEmpty();
      }
    }
    if (detail == null) {
      for (DetailSource source : DETAIL_SOURCES) {
        JsonNode value = object.get(source.member());
        detail = value == null ? null : source.read().apply(value);
        if (detail != null) {
          used.add(source.member());
          break;
        }
      }
    }
    if (fieldKeyed) {
      object.properties().forEach(member -> used.add(member.getKey()));
      if (detail == null) {
        detail = entries.get(0).detail().orElse(null);
      }
    }
    return new Completion(entries, detail);
  }

  /** Each element of pydantic's {@code detail} array: field {@code loc}, code {@code type}, detail {@code msg}. */
  private static List<ErrorEntry> fastApiEntries(@Nullable JsonNode detail) {
    if (!JsonMembers.isArrayOfObjects(detail)) {
      return List.of();
    }
    List<ErrorEntry> entries = new ArrayList<>();
    for (JsonNode element : detail) {
      entries.add(ErrorEntry.of(
          JsonMembers.joinedPath(element.get("loc")),
          JsonMembers.code(element, "type"),
          null,
          JsonMembers.text(element, "msg")));
    }
    return entries;
  }

  /** {@code {"email":["is invalid"],"name":["is required"]}}: one entry per string; none if any member is not such an array. */
  private static List<ErrorEntry> fieldKeyedEntries(JsonNode object) {
    List<ErrorEntry> entries = new ArrayList<>();
    for (Map.Entry<String, JsonNode> member : object.properties()) {
      JsonNode value = member.getValue();
      if (!value.isArray()) {
        return List.of();
      }
      for (JsonNode element : value) {
        if (!element.isTextual()) {
          return List.of();
        }
        entries.add(ErrorEntry.of(member.getKey(), null, null, element.textValue()));
      }
    }
    return entries;
  }

  private static @Nullable String string(JsonNode value) {
    return value.isTextual() ? value.textValue() : null;
  }

  private static @Nullable String firstMsg(JsonNode value) {
    return JsonMembers.isArrayOfObjects(value) ? JsonMembers.text(value.get(0), "msg") : null;
  }
}
