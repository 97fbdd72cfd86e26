package dev.apierrors.examples.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Compares a case's {@code expect} members with the runner's output line. Only the
 * members present are compared; an unknown member is itself a difference (so that a typo
 * never passes silently).
 *
 * <p>Thread-safety: stateless.
 */
final class Expectations {
  /** Output fields compared by equality with the member of the same name. */
  private static final Set<String> EQUAL = Set.of(
      "outcome", "attempts", "waitedMillis", "elapsedMillis", "status", "exception", "format", "title",
      "detail", "code", "type", "instance", "requestId", "retryAfterMillis", "truncated", "rawBodyPrefix",
      "message", "pollPaths");

  private Expectations() {}

  /**
   * Returns the differences between {@code expect} and {@code actual}, empty when every
   * expectation holds.
   *
   * @param expect the case's {@code expect} object
   * @param actual the output line (with every output field, nulls included)
   * @param rawBody the whole raw body text read (not only the output's 200-character prefix)
   */
  static List<String> differences(ObjectNode expect, ObjectNode actual, @Nullable String rawBody) {
    List<String> diffs = new ArrayList<>();
    for (Map.Entry<String, JsonNode> member : expect.properties()) {
      String key = member.getKey();
      JsonNode want = member.getValue();
      JsonNode got = actual.path(key);
      switch (key) {
        case "errors" -> compareErrors(want, got, diffs);
        case "rateLimit" -> compareMembers("rateLimit", want, got, diffs);
        case "challenges" -> compareChallenges(want, got, diffs);
        case "detailContains" -> contains("detail", want, actual.path("detail"), true, diffs);
        case "rawBodyContains" -> contains("rawBody", want, text(rawBody), true, diffs);
        case "messageNotContains" -> contains("message", want, actual.path("message"), false, diffs);
        case "waitedMillisAtLeast" -> bound("waitedMillis", want, actual.path("waitedMillis"), true, diffs);
        case "waitedMillisAtMost" -> bound("waitedMillis", want, actual.path("waitedMillis"), false, diffs);
        case "elapsedMillisAtMost" -> bound("elapsedMillis", want, actual.path("elapsedMillis"), false, diffs);
        case "messageLengthAtMost" -> bound("message length", want, messageLength(actual), false, diffs);
        default -> {
          if (EQUAL.contains(key)) {
            if (!same(want, got)) {
              diffs.add(key + ": expected " + show(want) + ", got " + show(got));
            }
          } else {
            diffs.add("unknown expectation '" + key + "'");
          }
        }
      }
    }
    return diffs;
  }

  private static void compareErrors(JsonNode want, JsonNode got, List<String> diffs) {
    if (!sameLength("errors", "entries", want, got, diffs)) {
      return;
    }
    for (int i = 0; i < want.size(); i++) {
      compareMembers("errors[" + i + "]", want.get(i), got.get(i), diffs);
    }
  }

  private static void compareChallenges(JsonNode want, JsonNode got, List<String> diffs) {
    if (!sameLength("challenges", "challenges", want, got, diffs)) {
      return;
    }
    for (int i = 0; i < want.size(); i++) {
      String where = "challenges[" + i + "]";
      JsonNode w = want.get(i);
      JsonNode g = got.get(i);
      if (!w.isObject()) {
        diffs.add(where + ": the expectation must be an object");
        continue;
      }
      for (Map.Entry<String, JsonNode> member : w.properties()) {
        if (member.getKey().equals("params") && member.getValue().isObject()) {
          // Parameter names are case-insensitive (RFC 9110 §11.2): compare them lower-cased.
          for (Map.Entry<String, JsonNode> param : member.getValue().properties()) {
            JsonNode actual = g.path("params").path(param.getKey().toLowerCase(Locale.ROOT));
            if (!same(param.getValue(), actual)) {
              diffs.add(where + ".params." + param.getKey() + ": expected " + show(param.getValue())
                  + ", got " + show(actual));
            }
          }
        } else if (!same(member.getValue(), g.path(member.getKey()))) {
          diffs.add(where + "." + member.getKey() + ": expected " + show(member.getValue())
              + ", got " + show(g.path(member.getKey())));
        }
      }
    }
  }

  /**
   * Whether {@code want} and {@code got} are arrays of the same length, so that their
   * entries are to be compared; otherwise records the difference (or, for an expectation
   * that is not an array, compares it whole) and returns false.
   */
  private static boolean sameLength(String field, String unit, JsonNode want, JsonNode got, List<String> diffs) {
    if (!want.isArray()) {
      if (!same(want, got)) {
        diffs.add(field + ": expected " + show(want) + ", got " + show(got));
      }
      return false;
    }
    if (!got.isArray() || got.size() != want.size()) {
      diffs.add(field + ": expected " + want.size() + " " + unit + ", got " + (got.isArray() ? got.size() : show(got)));
      return false;
    }
    return true;
  }

  /** Compares each member given in {@code want} (an object) with the same member of {@code got}. */
  private static void compareMembers(String where, JsonNode want, JsonNode got, List<String> diffs) {
    if (!want.isObject()) {
      if (!same(want, got)) {
        diffs.add(where + ": expected " + show(want) + ", got " + show(got));
      }
      return;
    }
    if (!got.isObject()) {
      diffs.add(where + ": expected " + show(want) + ", got " + show(got));
      return;
    }
    for (Map.Entry<String, JsonNode> member : want.properties()) {
      JsonNode actual = got.path(member.getKey());
      if (!same(member.getValue(), actual)) {
        diffs.add(where + "." + member.getKey() + ": expected " + show(member.getValue()) + ", got " + show(actual));
      }
    }
  }

  private static void contains(String field, JsonNode want, JsonNode got, boolean mustContain, List<String> diffs) {
    if (!want.isTextual()) {
      diffs.add(field + (mustContain ? " contains" : " does not contain") + ": the expectation must be a string");
      return;
    }
    boolean has = got.isTextual() && got.asText().contains(want.asText());
    if (mustContain && !has) {
      diffs.add(field + ": expected to contain " + show(want) + ", got " + show(got));
    } else if (!mustContain && has) {
      diffs.add(field + ": expected not to contain " + show(want) + ", got " + show(got));
    }
  }

  private static void bound(String field, JsonNode want, JsonNode got, boolean atLeast, List<String> diffs) {
    if (!want.isNumber()) {
      diffs.add(field + (atLeast ? " at least" : " at most") + ": the expectation must be a number");
      return;
    }
    if (!got.isNumber()) {
      diffs.add(field + ": expected " + (atLeast ? ">= " : "<= ") + want + ", got " + show(got));
      return;
    }
    int cmp = got.decimalValue().compareTo(want.decimalValue());
    if (atLeast ? cmp < 0 : cmp > 0) {
      diffs.add(field + ": expected " + (atLeast ? ">= " : "<= ") + want + ", got " + got);
    }
  }

  private static JsonNode messageLength(ObjectNode actual) {
    JsonNode message = actual.path("message");
    return message.isTextual()
        ? actual.numberNode(message.asText().length())
        : actual.nullNode();
  }

  private static JsonNode text(@Nullable String value) {
    return value == null ? NullNode.getInstance() : TextNode.valueOf(value);
  }

  /** JSON equality where numbers compare by value (1000 equals 1000.0) and missing equals null. */
  static boolean same(JsonNode want, JsonNode got) {
    if (want.isNull() || want.isMissingNode()) {
      return got.isNull() || got.isMissingNode();
    }
    if (want.isNumber() && got.isNumber()) {
      return compare(want.decimalValue(), got.decimalValue());
    }
    if (want.isArray() && got.isArray()) {
      if (want.size() != got.size()) {
        return false;
      }
      for (int i = 0; i < want.size(); i++) {
        if (!same(want.get(i), got.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (want.isObject() && got.isObject()) {
      if (want.size() != got.size()) {
        return false;
      }
      for (Map.Entry<String, JsonNode> member : want.properties()) {
        if (!same(member.getValue(), got.path(member.getKey()))) {
          return false;
        }
      }
      return true;
    }
    return want.equals(got);
  }

  private static boolean compare(BigDecimal a, BigDecimal b) {
    return a.compareTo(b) == 0;
  }

  private static String show(JsonNode node) {
    if (node.isMissingNode()) {
      return "null";
    }
    String text = node.toString();
    return text.length() > 120 ? text.substring(0, 119) + "…" : text;
  }
}
