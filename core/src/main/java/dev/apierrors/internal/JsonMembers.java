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
