package dev.apierrors.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Parses a body's text as JSON, once, into a Jackson tree.
 *
 * <p>Why streaming and not {@code ObjectMapper.readTree}: a body cut at the byte limit is
 * invalid JSON, yet docs/specification.md §3 wants the members that were complete before the cut. So
 * the tree is built token by token from Jackson's {@link JsonParser} (same cost as
 * {@code readTree}, one pass) and, when the input ends early, what was complete is kept.
 *
 * <p>What "complete" means for a cut object: a member counts only when its value ended
 * before the cut. A nested object or array that was cut is dropped whole (not kept with
 * its complete members), so a half-read {@code errors} list never looks like the full
 * list; a number that touches the cut is dropped too ({@code 12} may have been
 * {@code 1234}). Only an object root is kept: a cut array or scalar is not JSON.
 *
 * <p>Nesting is bounded by {@link Json#MAX_NESTING_DEPTH} (Jackson's stream constraints);
 * deeper input is not JSON. Building uses an explicit stack, never recursion.
 */
public final class JsonTree {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonTree() {}

  /**
   * Parses {@code text}.
   *
   * @param cut whether the body was cut (at the limit, or by a dropped connection): then an
   *     object whose input ends early is returned with its complete members
   * @return the tree, or empty when the text is not (acceptable) JSON. Never throws.
   */
  public static Optional<JsonNode> parse(String text, boolean cut) {
    if (!mayBeJson(text)) {
      return Optional.empty();
    }
    try (JsonParser parser = Json.parser(text)) {
      return Optional.ofNullable(build(parser, text.length(), cut));
    } catch (Exception | StackOverflowError e) {
      return Optional.empty();
    }
  }

  /** Whether the first non-whitespace character can start a JSON value: saves parsing HTML. */
  static boolean mayBeJson(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        continue;
      }
      return c == '{' || c == '[' || c == '"' || c == '-' || (c >= '0' && c <= '9')
          || c == 't' || c == 'f' || c == 'n';
    }
    return false;
  }

  private static final class Frame {
    final ContainerNode<?> node;
    @Nullable String name;

    Frame(ContainerNode<?> node) {
      this.node = node;
    }

    void add(JsonNode value) {
      if (node instanceof ObjectNode object) {
        object.set(name == null ? "" : name, value);
      } else {
        ((ArrayNode) node).add(value);
      }
    }
  }

  private static @Nullable JsonNode build(JsonParser p, int length, boolean cut) throws Exception {
    Deque<Frame> stack = new ArrayDeque<>();
    JsonNode root = null;
    // The root member whose number ran up to the end of the input: it may have been cut.
    String numberAtEnd = null;
    try {
      JsonToken t;
      while (root == null && (t = p.nextToken()) != null) {
        numberAtEnd = null;
        switch (t) {
          case START_OBJECT -> stack.push(new Frame(NODES.objectNode()));
          case START_ARRAY -> stack.push(new Frame(NODES.arrayNode()));
          case FIELD_NAME -> stack.element().name = p.currentName();
          case END_OBJECT, END_ARRAY -> {
            JsonNode done = stack.pop().node;
            if (stack.isEmpty()) {
              root = done;
            } else {
              stack.element().add(done);
            }
          }
          default -> {
            JsonNode value = scalar(p, t);
            if (stack.isEmpty()) {
              root = value;
            } else {
              stack.element().add(value);
              if (value.isNumber() && stack.size() == 1 && p.currentLocation().getCharOffset() >= length) {
                numberAtEnd = stack.element().name;
              }
            }
          }
        }
      }
      if (root == null || p.nextToken() != null) {
        return null; // no value at all, or trailing content after it
      }
      return root;
    } catch (StreamConstraintsException e) {
      // Too deep or too long: not JSON for us. But a cut body never reaches its end, so a
      // limit hit inside a cut object is the cut seen early: keep the complete members.
      if (!cut || root != null || stack.isEmpty() || !(stack.getLast().node instanceof ObjectNode object)) {
        return null;
      }
      return object;
    } catch (JsonProcessingException e) {
      // Accept the cut only when the parser failed at the very end of the input: an
      // error earlier on is invalid JSON, cut or not.
      if (!cut || root != null || stack.isEmpty() || p.currentLocation().getCharOffset() < length) {
        return null;
      }
      Frame bottom = stack.getLast();
      if (!(bottom.node instanceof ObjectNode object)) {
        return null;
      }
      if (numberAtEnd != null) {
        object.remove(numberAtEnd);
      }
      return object;
    }
  }

  private static JsonNode scalar(JsonParser p, JsonToken t) throws Exception {
    return switch (t) {
      case VALUE_STRING -> NODES.textNode(p.getText());
      case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
        case INT -> NODES.numberNode(p.getIntValue());
        case LONG -> NODES.numberNode(p.getLongValue());
        default -> NODES.numberNode(p.getBigIntegerValue());
      };
      case VALUE_NUMBER_FLOAT -> NODES.numberNode(p.getDoubleValue());
      case VALUE_TRUE -> NODES.booleanNode(true);
      case VALUE_FALSE -> NODES.booleanNode(false);
      default -> NODES.nullNode();
    };
  }
}
