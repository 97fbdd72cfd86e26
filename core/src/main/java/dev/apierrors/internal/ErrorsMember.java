package dev.apierrors.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apierrors.ErrorEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@code errors} rule of docs/specification.md §4: turns an {@code errors} member (or row 9's
 * {@code error.errors}/{@code error.details}) into {@link ErrorEntry}s, whichever of the
 * three common shapes it has:
 *
 * <ul>
 *   <li>an array of objects: {@code field} is the first present of {@code pointer},
 *       {@code field}, {@code name}, {@code param}, {@code parameter},
 *       {@code source.pointer}, {@code source.parameter}, {@code target} (Microsoft
 *       Graph, Azure), {@code path} (GraphQL: an array joined with {@code .}, or a string);
 *       {@code code} is {@code code}, else {@code extensions.code} (GraphQL), a string or
 *       an integer; {@code title} is {@code title}; {@code detail} is {@code detail} if a
 *       string, else {@code message}, else {@code msg};
 *   <li>an array of strings: one entry each with only a detail (an array may mix both);
 *   <li>an object (ASP.NET, Rails, {@code status_error}): one entry per key, in order, with
 *       the key as field: a string value is the detail, an array of strings gives one
 *       entry per string, an object value gives its {@code message}, else its
 *       {@code detail}.
 * </ul>
 *
 * Wherever a {@code message} is read, a {@code Message} counts when the object has no
 * {@code message} ({@link JsonMembers#messageMember(JsonNode)}).
 *
 * Anything else (a number, a string, null) gives no entries.
 */
public final class ErrorsMember {
  private static final List<String> FIELD_MEMBERS =
      List.of("pointer", "field", "name", "param", "parameter");
  private static final List<String> SOURCE_FIELD_MEMBERS = List.of("pointer", "parameter");

  private ErrorsMember() {}

  /** The entries of {@code errors}; empty (immutable) when it is absent or has none of the shapes. */
  public static List<ErrorEntry> entries(@Nullable JsonNode errors) {
    if (errors == null || !(errors.isArray() || errors.isObject())) {
      return List.of(); // nearly every body: no list built
    }
    List<ErrorEntry> entries = new ArrayList<>();
    if (errors.isArray()) {
      for (JsonNode element : errors) {
        ErrorEntry entry = ofElement(element);
        if (entry != null) {
          entries.add(entry);
        }
      }
    } else if (errors.isObject()) {
      for (Map.Entry<String, JsonNode> member : errors.properties()) {
        addKeyed(entries, member.getKey(), member.getValue());
      }
    }
    return entries;
  }

  /**
   * The entry one element of an {@code errors} array gives: an object's, a string's (a
   * detail); null for anything else. Each element is read on its own, so the entries of an
   * array can be collected as it is parsed ({@link JsonTree}; past its first objects,
   * {@link StreamedErrorRow} applies this rule to the token stream).
   */
  static @Nullable ErrorEntry ofElement(JsonNode element) {
    if (element.isObject()) {
      return fromObject(element);
    }
    return element.isTextual() ? ErrorEntry.ofDetail(element.textValue()) : null;
  }

  /** One entry from an object of an {@code errors} array. */
  public static ErrorEntry fromObject(JsonNode object) {
    String code = JsonMembers.code(object, "code");
    return ErrorEntry.of(
        field(object),
        code != null ? code : JsonMembers.code(object.get("extensions"), "code"),
        JsonMembers.text(object, "title"),
        detailOrMessage(object));
  }

  private static void addKeyed(List<ErrorEntry> entries, String key, JsonNode value) {
    if (value.isTextual()) {
      entries.add(ErrorEntry.of(key, null, null, value.textValue()));
    } else if (value.isArray()) {
      for (JsonNode element : value) {
        if (element.isTextual()) {
          entries.add(ErrorEntry.of(key, null, null, element.textValue()));
        }
      }
    } else if (value.isObject()) {
      entries.add(ErrorEntry.of(key, null, null, messageOrDetail(value)));
    }
  }

  private static @Nullable String field(JsonNode object) {
    for (String name : FIELD_MEMBERS) {
      String value = JsonMembers.text(object, name);
      if (value != null) {
        return value;
      }
    }
    JsonNode source = object.get("source");
    for (String name : SOURCE_FIELD_MEMBERS) {
      String value = JsonMembers.text(source, name);
      if (value != null) {
        return value;
      }
    }
    String target = JsonMembers.text(object, "target");
    return target != null ? target : JsonMembers.joinedPath(object.get("path"));
  }

  private static @Nullable String detailOrMessage(JsonNode object) {
    String detail = JsonMembers.text(object, "detail");
    if (detail != null) {
      return detail;
    }
    String message = JsonMembers.message(object);
    return message != null ? message : JsonMembers.text(object, "msg");
  }

  private static @Nullable String messageOrDetail(JsonNode object) {
    String message = JsonMembers.message(object);
    return message != null ? message : JsonMembers.text(object, "detail");
  }
}
