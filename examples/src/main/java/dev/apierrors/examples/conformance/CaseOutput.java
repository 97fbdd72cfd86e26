package dev.apierrors.examples.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apierrors.ApiError;
import dev.apierrors.ApiException;
import dev.apierrors.Challenge;
import dev.apierrors.ErrorEntry;
import dev.apierrors.RateLimit;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Builds the runner's output line for one case: every output field of the case format,
 * in its order, null where it does not apply.
 *
 * <p>Thread-safety: stateless.
 */
final class CaseOutput {
  /** The output fields, in the order printed. */
  static final List<String> FIELDS = List.of(
      "name", "outcome", "attempts", "waitedMillis", "elapsedMillis", "status", "exception", "format",
      "title", "detail", "code", "type", "instance", "requestId", "retryAfterMillis", "truncated", "errors",
      "rateLimit", "challenges", "rawBodyPrefix", "message", "pollPaths", "check");

  private static final int RAW_BODY_PREFIX = 200;
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private CaseOutput() {}

  /** A line with every field null but the name. */
  static ObjectNode blank(String name) {
    ObjectNode line = JSON.objectNode();
    FIELDS.forEach(line::putNull);
    line.put("name", name);
    return line;
  }

  /** The line of a call that returned a response (a 1xx, 2xx or 3xx passed through). */
  static ObjectNode success(String name, int status, int attempts, long waitedMillis, long elapsedMillis) {
    ObjectNode line = common(name, "success", attempts, waitedMillis, elapsedMillis);
    line.put("status", status);
    return line;
  }

  /** The line of a call that ended with the typed exception of an error response. */
  static ObjectNode apiError(String name, ApiException e, long waitedMillis, long elapsedMillis) {
    ApiError error = e.error();
    ObjectNode line = common(name, "api_error", e.attempts(), waitedMillis, elapsedMillis);
    line.put("status", error.status());
    line.put("exception", e.getClass().getSimpleName());
    line.put("format", error.format());
    line.put("title", error.title());
    put(line, "detail", error.detail());
    put(line, "code", error.code());
    put(line, "type", error.type());
    put(line, "instance", error.instance());
    put(line, "requestId", error.requestId());
    put(line, "retryAfterMillis", error.retryAfterMillis());
    line.put("truncated", error.truncated());
    line.set("errors", errors(error.errors()));
    line.set("rateLimit", error.rateLimit().<JsonNode>map(CaseOutput::rateLimit).orElse(NullNode.getInstance()));
    line.set("challenges", challenges(error.challenges()));
    line.put("rawBodyPrefix", prefix(error.rawBodyText()));
    line.put("message", e.getMessage());
    return line;
  }

  /** The line of a call that ended with an I/O failure (connection dropped, timeout, ...). */
  static ObjectNode ioError(String name, Throwable failure, int attempts, long waitedMillis, long elapsedMillis) {
    ObjectNode line = common(name, "io_error", attempts, waitedMillis, elapsedMillis);
    line.put("exception", failure.getClass().getSimpleName());
    line.put("message", failure.getMessage());
    return line;
  }

  private static ObjectNode common(String name, String outcome, int attempts, long waitedMillis, long elapsedMillis) {
    ObjectNode line = blank(name);
    line.put("outcome", outcome);
    line.put("attempts", attempts);
    line.put("waitedMillis", waitedMillis);
    line.put("elapsedMillis", elapsedMillis);
    return line;
  }

  private static ArrayNode errors(List<ErrorEntry> entries) {
    ArrayNode array = JSON.arrayNode();
    for (ErrorEntry entry : entries) {
      ObjectNode e = array.addObject();
      put(e, "field", entry.field());
      put(e, "code", entry.code());
      put(e, "title", entry.title());
      put(e, "detail", entry.detail());
    }
    return array;
  }

  private static ObjectNode rateLimit(RateLimit rateLimit) {
    ObjectNode node = JSON.objectNode();
    put(node, "limit", rateLimit.limit());
    put(node, "remaining", rateLimit.remaining());
    put(node, "resetMillis", rateLimit.resetMillis());
    return node;
  }

  private static ArrayNode challenges(List<Challenge> challenges) {
    ArrayNode array = JSON.arrayNode();
    for (Challenge challenge : challenges) {
      ObjectNode c = array.addObject();
      c.put("scheme", challenge.scheme());
      put(c, "token68", challenge.token68());
      ObjectNode params = c.putObject("params");
      challenge.params().forEach(params::put);
    }
    return array;
  }

  private static String prefix(String text) {
    if (text.length() <= RAW_BODY_PREFIX) {
      return text;
    }
    int end = RAW_BODY_PREFIX;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--; // never split a surrogate pair
    }
    return text.substring(0, end);
  }

  private static void put(ObjectNode node, String field, Optional<String> value) {
    if (value.isPresent()) {
      node.put(field, value.get());
    } else {
      node.putNull(field);
    }
  }

  private static void put(ObjectNode node, String field, OptionalLong value) {
    if (value.isPresent()) {
      node.put(field, value.getAsLong());
    } else {
      node.putNull(field);
    }
  }
}
