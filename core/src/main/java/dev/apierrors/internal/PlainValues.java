package dev.apierrors.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The plain Java form of JSON that {@code ApiError} hands out: {@code String}; {@code Long},
 * or {@code BigInteger} for an integer beyond {@code long}; {@code Double} for any other
 * number; {@code Boolean}; unmodifiable {@code List} and {@code Map<String, Object>} (in
 * document order; a repeated member keeps its first position and its last value); and
 * {@code null} for JSON null. Immutable all the way down, so it is shared without copies.
 */
public final class PlainValues {
  private PlainValues() {}

  /**
   * The plain form of a tree. Recursive, but no deeper than the tree, whose depth the
   * parser bounds ({@link Json#MAX_NESTING_DEPTH}).
   */
  public static @Nullable Object of(JsonNode node) {
    switch (node.getNodeType()) {
      case OBJECT -> {
        Map<String, @Nullable Object> map = new LinkedHashMap<>(capacity(node.size()));
        for (Map.Entry<String, JsonNode> member : node.properties()) {
          map.put(member.getKey(), of(member.getValue()));
        }
        return Collections.unmodifiableMap(map);
      }
      case ARRAY -> {
        List<@Nullable Object> list = new ArrayList<>(node.size());
        for (JsonNode element : node) {
          list.add(of(element));
        }
        return Collections.unmodifiableList(list);
      }
      case STRING -> {
        return node.textValue();
      }
      case NUMBER -> {
        if (node.isIntegralNumber()) {
          return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
        }
        return node.doubleValue();
      }
      case BOOLEAN -> {
        return node.booleanValue();
      }
      case NULL, MISSING -> {
        return null;
      }
      default -> {
        // BINARY and POJO nodes: never produced by parsing text.
        return node.asText();
      }
    }
  }

  /**
   * An immutable copy of values a caller gave, in the plain form: other integer types
   * become {@code Long} (a {@code BigInteger} that fits too), {@code Float} and
   * {@code BigDecimal} become {@code Double}, any collection a {@code List}.
   *
   * @throws IllegalArgumentException for any other type, a map key that is not a string,
   *     or nesting deeper than {@link Json#MAX_NESTING_DEPTH} (a cycle, say)
   */
  public static Map<String, @Nullable Object> copyOf(Map<String, ?> values) {
    Map<String, @Nullable Object> copy = new LinkedHashMap<>(capacity(values.size()));
    values.forEach((name, value) -> copy.put(
        requireName(name), copy(value, 1, "extension \"" + BodyText.clip(name) + '"')));
    return Collections.unmodifiableMap(copy);
  }

  private static @Nullable Object copy(@Nullable Object value, int depth, String where) {
    if (depth > Json.MAX_NESTING_DEPTH) {
      throw new IllegalArgumentException(
          where + " is nested deeper than " + Json.MAX_NESTING_DEPTH + " levels (a cycle?)");
    }
    if (value == null || value instanceof String || value instanceof Boolean
        || value instanceof Long || value instanceof Double) {
      return value;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger big) {
      return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }
    if (value instanceof Float || value instanceof BigDecimal) {
      return ((Number) value).doubleValue();
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, @Nullable Object> copy = new LinkedHashMap<>(capacity(map.size()));
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (!(entry.getKey() instanceof String key)) {
          throw new IllegalArgumentException(where + " has a map key that is not a String: "
              + (entry.getKey() == null ? "null" : entry.getKey().getClass().getName()));
        }
        copy.put(key, copy(entry.getValue(), depth + 1, where));
      }
      return Collections.unmodifiableMap(copy);
    }
    if (value instanceof Collection<?> collection) {
      List<@Nullable Object> copy = new ArrayList<>(collection.size());
      for (Object element : collection) {
        copy.add(copy(element, depth + 1, where));
      }
      return Collections.unmodifiableList(copy);
    }
    throw new IllegalArgumentException(where + " is a " + value.getClass().getName()
        + ": plain values are String, Number, Boolean, List, Map and null");
  }

  private static String requireName(@Nullable String name) {
    if (name == null) {
      throw new IllegalArgumentException("an extension name must not be null");
    }
    return name;
  }

  private static int capacity(int size) {
    return (int) Math.min(1 << 30, size * 4L / 3 + 1);
  }
}
