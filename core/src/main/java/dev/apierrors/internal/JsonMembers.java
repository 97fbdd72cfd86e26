package dev.apierrors.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apierrors.spi.ErrorBody;
import java.util.ArrayDeque;
import java.util.Deque;
import org.jspecify.annotations.Nullable;

/** Null-safe reads of JSON members, shared by the formats and the common field rules. */
public final class JsonMembers {
  /** How many nodes {@link #firstString(JsonNode)} visits at most. */
  static final int MAX_NODES_VISITED = 10_000;

  private JsonMembers() {}

  /** The body's JSON when it is an object, else null: what most formats look at. */
  public static @Nullable JsonNode object(ErrorBody body) {
    JsonNode node = body.json().orElse(null);
    return node != null && node.isObject() ? node : null;
  }

  /** The member {@code name} of {@code node} when node is an object and the member a string. */
  public static @Nullable String text(@Nullable JsonNode node, String name) {
    JsonNode member = node == null ? null : node.get(name);
    return member != null && member.isTextual() && node.isObject() ? member.textValue() : null;
  }

  /**
   * Which member of {@code node} holds its message: {@code message} when it is a string;
   * else {@code Message} (AWS JSON protocols) when it is a string and the object has no
   * {@code message} member at all; else null.
   */
  public static @Nullable String messageMember(@Nullable JsonNode node) {
    if (text(node, "message") != null) {
      return "message";
    }
    return node != null && !node.has("message") && text(node, "Message") != null ? "Message" : null;
  }

  /** The message of {@code node} as {@link #messageMember(JsonNode)} finds it, or null. */
  public static @Nullable String message(@Nullable JsonNode node) {
    String member = messageMember(node);
    return member == null ? null : text(node, member);
  }

  /** The first element of {@code node} that is a string, when node is an array; else null. */
  public static @Nullable String firstStringElement(@Nullable JsonNode node) {
    if (node != null && node.isArray()) {
      for (JsonNode element : node) {
        if (element.isTextual()) {
          return element.textValue();
        }
      }
    }
    return null;
  }

  /** Whether {@code node} is a non-empty array whose every element is an object. */
  public static boolean isArrayOfObjects(@Nullable JsonNode node) {
    if (node == null || !node.isArray() || node.isEmpty()) {
      return false;
    }
    for (JsonNode element : node) {
      if (!element.isObject()) {
        return false;
      }
    }
    return true;
  }

  /**
   * A location path as one string: a string as is; an array of strings and integers
   * (GraphQL's {@code path}, pydantic's {@code loc}) joined with {@code .}, numbers as
   * digits. Null for anything else, an empty array, or an array holding another value.
   */
  public static @Nullable String joinedPath(@Nullable JsonNode node) {
    if (node == null) {
      return null;
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (!node.isArray() || node.isEmpty()) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    boolean first = true;
    for (JsonNode element : node) {
      if (!element.isTextual() && !element.isIntegralNumber()) {
        return null;
      }
      if (!first) {
        sb.append('.');
      }
      first = false;
      sb.append(element.isTextual() ? element.textValue() : element.asText());
    }
    return sb.toString();
  }

  /** Whether {@code node} is an object with a member {@code name} that is not JSON null. */
  public static boolean has(@Nullable JsonNode node, String name) {
    JsonNode member = node == null || !node.isObject() ? null : node.get(name);
    return member != null && !member.isNull();
  }

  /**
   * The member {@code name} as a code: a non-blank string as is, an integer in decimal;
   * null for anything else.
   */
  public static @Nullable String code(@Nullable JsonNode node, String name) {
    JsonNode member = node == null || !node.isObject() ? null : node.get(name);
    if (member == null) {
      return null;
    }
    if (member.isTextual()) {
      return member.textValue().isBlank() ? null : member.textValue();
    }
    return member.isIntegralNumber() ? member.asText() : null;
  }

  /**
   * The first string found in {@code node}, depth-first in document order (the node itself
   * when it is a string); null when there is none within {@value #MAX_NODES_VISITED} nodes.
   */
  public static @Nullable String firstString(@Nullable JsonNode node) {
    if (node == null) {
      return null;
    }
    Deque<JsonNode> pending = new ArrayDeque<>();
    pending.push(node);
    int visited = 0;
    while (!pending.isEmpty() && visited++ < MAX_NODES_VISITED) {
      JsonNode current = pending.pop();
      if (current.isTextual()) {
        return current.textValue();
      }
      if (current.isContainerNode()) {
        // Push children in reverse so the first child is visited first.
        JsonNode[] children = new JsonNode[current.size()];
        int i = 0;
        for (JsonNode child : current) {
          children[i++] = child;
        }
        for (int j = children.length - 1; j >= 0; j--) {
          pending.push(children[j]);
        }
      }
    }
    return null;
  }
}
