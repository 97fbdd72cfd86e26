package dev.apierrors.examples.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * One conformance case as the case format describes it: the request to send, how the
 * client is set up, the retry policy, the canned responses and the expectations.
 *
 * <p>Thread-safety: immutable (the JSON nodes held are never modified).
 *
 * @param name the case's name
 * @param request what the client sends
 * @param client sync or async, call timeout, body limit
 * @param policy the {@code policy} object; null when absent (no retry)
 * @param responses the responses in the order served; the last one repeats
 * @param expect the expectations; only the members present are compared
 */
record ConformanceCase(
    String name,
    RequestSpec request,
    ClientSpec client,
    @Nullable JsonNode policy,
    List<ResponseSpec> responses,
    ObjectNode expect) {

  private static final Set<String> CASE_MEMBERS =
      Set.of("name", "description", "comment", "notes", "tags", "request", "client", "policy", "responses", "expect");

  /** The longest body a case may serve: 1 GiB (it is streamed, but sending it takes time). */
  static final long MAX_BODY_BYTES = 1L << 30;

  /** Copies the list. */
  public ConformanceCase {
    responses = List.copyOf(responses);
  }

  /** The request of a case. Default {@code GET /}, no headers, no body. */
  public record RequestSpec(String method, String path, List<Map.Entry<String, String>> headers, @Nullable String body) {
    /** Copies the list. */
    public RequestSpec {
      headers = List.copyOf(headers);
    }
  }

  /**
   * The client settings of a case. {@code callTimeoutMillis} 0 means none; maxBodyBytes null
   * means the default; {@code poll} null means a plain call (not through the 202 poller);
   * {@code detect} the built-in detectors of errors in a 2xx to turn on.
   */
  public record ClientSpec(boolean async, long callTimeoutMillis, @Nullable Integer maxBodyBytes,
      @Nullable PollSpec poll, List<String> detect) {
    /** Copies the list. */
    public ClientSpec {
      detect = List.copyOf(detect);
    }
  }

  /** {@code client.poll}: the poller's limits; absent members take the poller's defaults. */
  public record PollSpec(@Nullable Integer maxPolls, @Nullable Long initialBackoffMillis) {}

  /** How a canned response ends instead of completing. */
  public enum Disconnect {
    /** Complete response. */
    NONE,
    /** The connection closes without any response. */
    AT_START,
    /** The head is sent and the body is cut off part-way. */
    DURING_BODY,
    /** The request is read, then the connection closes without a response. */
    AFTER_REQUEST
  }

  /**
   * One canned response.
   *
   * @param status the status code
   * @param headers the header fields in order (a name may repeat)
   * @param body the body, or null for none
   * @param disconnect how the exchange ends
   */
  public record ResponseSpec(int status, List<Map.Entry<String, String>> headers, @Nullable Body body, Disconnect disconnect) {
    /** Copies the list. */
    public ResponseSpec {
      headers = List.copyOf(headers);
    }
  }

  /**
   * A body: {@code prefix + text × times + suffix}, streamed when served. A plain body
   * is a prefix alone.
   */
  public record Body(byte[] prefix, byte[] text, long times, byte[] suffix) {
    /** Copies the arrays. */
    public Body {
      prefix = prefix.clone();
      text = text.clone();
      suffix = suffix.clone();
    }

    /** The body's length in bytes. */
    public long length() {
      return prefix.length + text.length * times + suffix.length;
    }

    /** The prefix bytes (a copy). */
    @Override
    public byte[] prefix() {
      return prefix.clone();
    }

    /** The repeated bytes (a copy). */
    @Override
    public byte[] text() {
      return text.clone();
    }

    /** The suffix bytes (a copy). */
    @Override
    public byte[] suffix() {
      return suffix.clone();
    }
  }

  /**
   * Reads a case from its JSON object.
   *
   * @throws IllegalArgumentException with a one-line reason if the case is malformed
   */
  public static ConformanceCase fromJson(JsonNode node, int index) {
    if (!node.isObject()) {
      throw new IllegalArgumentException("case #" + (index + 1) + " is not a JSON object");
    }
    String name = node.path("name").isTextual() ? node.get("name").asText() : "case #" + (index + 1);
    try {
      for (Map.Entry<String, JsonNode> member : node.properties()) {
        if (!CASE_MEMBERS.contains(member.getKey())) {
          throw new IllegalArgumentException("unknown member '" + member.getKey() + "'");
        }
      }
      JsonNode responsesNode = node.path("responses");
      if (!responsesNode.isArray() || responsesNode.isEmpty()) {
        throw new IllegalArgumentException("'responses' must be a non-empty array");
      }
      List<ResponseSpec> responses = new ArrayList<>();
      for (JsonNode r : responsesNode) {
        responses.add(response(r));
      }
      JsonNode policy = node.get("policy");
      if (policy != null && policy.isNull()) {
        policy = null;
      }
      if (policy != null && !policy.isObject()) {
        throw new IllegalArgumentException("'policy' must be an object");
      }
      JsonNode expect = node.path("expect");
      if (!expect.isMissingNode() && !expect.isObject()) {
        throw new IllegalArgumentException("'expect' must be an object");
      }
      ObjectNode expectations = expect.isObject() ? (ObjectNode) expect : JsonNodeFactory.instance.objectNode();
      return new ConformanceCase(name, request(node.path("request")), client(node.path("client")), policy,
          responses, expectations);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("case '" + name + "': " + e.getMessage(), e);
    }
  }

  private static RequestSpec request(JsonNode node) {
    if (node.isMissingNode() || node.isNull()) {
      return new RequestSpec("GET", "/", List.of(), null);
    }
    requireObject(node, "request");
    String method = text(node, "method", "GET").toUpperCase(Locale.ROOT);
    String path = text(node, "path", "/");
    if (!path.startsWith("/") || HttpUrl.parse("http://localhost" + path) == null) {
      throw new IllegalArgumentException("request.path must be a path starting with '/', was '" + path + "'");
    }
    if (!method.matches("[!#$%&'*+.^_`|~0-9A-Z-]+")) {
      throw new IllegalArgumentException("request.method must be an HTTP method token, was '" + method + "'");
    }
    JsonNode body = node.get("body");
    if (body != null && !body.isNull() && !body.isTextual()) {
      throw new IllegalArgumentException("request.body must be a string");
    }
    return new RequestSpec(method, path, headers(node.get("headers"), "request.headers"),
        body == null || body.isNull() ? null : body.asText());
  }

  private static ClientSpec client(JsonNode node) {
    if (node.isMissingNode() || node.isNull()) {
      return new ClientSpec(false, 0, null, null, List.of());
    }
    requireObject(node, "client");
    String mode = text(node, "mode", "sync");
    if (!mode.equals("sync") && !mode.equals("async")) {
      throw new IllegalArgumentException("client.mode must be 'sync' or 'async', was '" + mode + "'");
    }
    long timeout = number(node, "callTimeoutMillis", 0);
    JsonNode max = node.get("maxBodyBytes");
    Integer maxBodyBytes = null;
    if (max != null && !max.isNull()) {
      if (!max.canConvertToInt() || !max.isIntegralNumber()) {
        throw new IllegalArgumentException("client.maxBodyBytes must be an integer");
      }
      maxBodyBytes = max.intValue();
    }
    return new ClientSpec(mode.equals("async"), timeout, maxBodyBytes, poll(node.get("poll")), detect(node.get("detect")));
  }

  private static @Nullable PollSpec poll(@Nullable JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    requireObject(node, "client.poll");
    Integer maxPolls = null;
    Long initialBackoff = null;
    for (Map.Entry<String, JsonNode> member : node.properties()) {
      JsonNode v = member.getValue();
      if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 0) {
        throw new IllegalArgumentException("client.poll." + member.getKey() + " must be a non-negative integer");
      }
      switch (member.getKey()) {
        case "maxPolls" -> maxPolls = v.intValue();
        case "initialBackoffMillis" -> initialBackoff = v.longValue();
        default -> throw new IllegalArgumentException("unknown client.poll member '" + member.getKey() + "'");
      }
    }
    return new PollSpec(maxPolls, initialBackoff);
  }

  private static List<String> detect(@Nullable JsonNode node) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new IllegalArgumentException("client.detect must be an array of detector names");
    }
    List<String> names = new java.util.ArrayList<>();
    for (JsonNode name : node) {
      if (!name.isTextual()) {
        throw new IllegalArgumentException("client.detect must be an array of detector names");
      }
      names.add(name.asText());
    }
    return names;
  }

  private static ResponseSpec response(JsonNode node) {
    requireObject(node, "each response");
    JsonNode status = node.get("status");
    if (status == null || !status.isIntegralNumber() || status.intValue() < 100 || status.intValue() > 999) {
      throw new IllegalArgumentException("each response needs a 3-digit integer 'status'");
    }
    int bodies = (node.has("body") ? 1 : 0) + (node.has("bodyBase64") ? 1 : 0) + (node.has("bodyRepeat") ? 1 : 0);
    if (bodies > 1) {
      throw new IllegalArgumentException("a response has at most one of body, bodyBase64, bodyRepeat");
    }
    Body body = null;
    if (node.hasNonNull("body")) {
      body = new Body(utf8(node.get("body"), "body"), new byte[0], 0, new byte[0]);
    } else if (node.hasNonNull("bodyBase64")) {
      try {
        body = new Body(Base64.getMimeDecoder().decode(node.get("bodyBase64").asText()), new byte[0], 0, new byte[0]);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("bodyBase64 is not Base64: " + e.getMessage(), e);
      }
    } else if (node.hasNonNull("bodyRepeat")) {
      JsonNode repeat = node.get("bodyRepeat");
      requireObject(repeat, "bodyRepeat");
      long times = number(repeat, "times", 1);
      if (times < 0 || times > MAX_BODY_BYTES) {
        throw new IllegalArgumentException("bodyRepeat.times must be between 0 and " + MAX_BODY_BYTES);
      }
      body = new Body(utf8(repeat.path("prefix"), "bodyRepeat.prefix"), utf8(repeat.path("text"), "bodyRepeat.text"),
          times, utf8(repeat.path("suffix"), "bodyRepeat.suffix"));
      if (body.length() > MAX_BODY_BYTES) {
        throw new IllegalArgumentException("bodyRepeat makes more than " + MAX_BODY_BYTES + " bytes");
      }
    }
    Disconnect disconnect = Disconnect.NONE;
    if (node.hasNonNull("disconnect")) {
      String value = node.get("disconnect").asText();
      disconnect = switch (value) {
        case "at_start" -> Disconnect.AT_START;
        case "during_body" -> Disconnect.DURING_BODY;
        case "after_request" -> Disconnect.AFTER_REQUEST;
        default -> throw new IllegalArgumentException(
            "disconnect must be at_start, during_body or after_request, was '" + value + "'");
      };
    }
    return new ResponseSpec(status.intValue(), headers(node.get("headers"), "response headers"), body, disconnect);
  }

  private static List<Map.Entry<String, String>> headers(@Nullable JsonNode node, String what) {
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    if (node == null || node.isNull()) {
      return headers;
    }
    requireObject(node, what);
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      JsonNode value = field.getValue();
      if (value.isArray()) {
        for (JsonNode v : value) {
          headers.add(Map.entry(field.getKey(), scalar(v, what)));
        }
      } else {
        headers.add(Map.entry(field.getKey(), scalar(value, what)));
      }
    }
    return headers;
  }

  private static String scalar(JsonNode value, String what) {
    if (!value.isValueNode() || value.isNull()) {
      throw new IllegalArgumentException(what + " values must be strings or lists of strings");
    }
    return value.asText();
  }

  private static byte[] utf8(JsonNode node, String what) {
    if (node.isMissingNode() || node.isNull()) {
      return new byte[0];
    }
    if (!node.isTextual()) {
      throw new IllegalArgumentException(what + " must be a string");
    }
    return node.asText().getBytes(StandardCharsets.UTF_8);
  }

  private static String text(JsonNode node, String member, String fallback) {
    JsonNode value = node.get(member);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isTextual()) {
      throw new IllegalArgumentException(member + " must be a string");
    }
    return value.asText();
  }

  private static long number(JsonNode node, String member, long fallback) {
    JsonNode value = node.get(member);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw new IllegalArgumentException(member + " must be an integer");
    }
    return value.longValue();
  }

  private static void requireObject(JsonNode node, String what) {
    if (!node.isObject()) {
      throw new IllegalArgumentException(what + " must be a JSON object");
    }
  }
}
