package dev.apierrors.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apierrors.ApiError;
import dev.apierrors.ApiException;
import dev.apierrors.spi.BoundedBody;
import dev.apierrors.Challenge;
import dev.apierrors.ErrorDecoder;
import dev.apierrors.ErrorEntry;
import dev.apierrors.spi.HttpHeaders;
import dev.apierrors.RateLimit;
import dev.apierrors.spi.ResponseView;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the project's conformance corpus (every {@code *.json} of the {@code conformance}
 * folder on the test class path, in the format of the conformance runner) against the
 * decoder alone, without HTTP: one dynamic test per case, named after it.
 *
 * <p>The case's request and its <em>first</em> response become a {@link ResponseView}
 * (the body streamed through {@link BoundedBody#read}), decoded by an {@link ErrorDecoder}
 * with the case's {@code client.maxBodyBytes} and a clock fixed at 2026-11-22T10:00:00Z.
 * A 2xx/3xx first response is a success and is not decoded. The result is mapped to the
 * runner's output fields, with {@code attempts} 1 and {@code waitedMillis} 0, and every
 * {@code expect} member is compared with the runner's semantics. {@code rawBodyContains}
 * looks in {@code rawBodyPrefix} (the first 200 characters, as the runner prints them);
 * {@code messageNotContains} also holds for the exception's and the error's
 * {@code toString()}. An unknown {@code expect} member fails the case (a typo must not pass).
 *
 * <p>What needs real HTTP is left to the examples' conformance runner: a case is skipped,
 * with its reason shown, when it has a {@code disconnect}, a {@code callTimeoutMillis},
 * several responses and a policy, or expects more than one attempt, a wait, an
 * {@code io_error}, or a success after an error response. {@code elapsedMillisAtMost}
 * (wall time) is never checked here.
 */
class CorpusTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String FOLDER = "conformance";
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
  private static final String BASE_URL = "http://localhost:8080";
  private static final int RAW_BODY_PREFIX = 200;
  private static final Set<String> IGNORED = Set.of("elapsedMillisAtMost");

  @TestFactory
  Stream<DynamicNode> conformanceCorpus() throws IOException, URISyntaxException {
    List<DynamicNode> files = new ArrayList<>();
    for (String file : corpusFiles()) {
      JsonNode cases = MAPPER.readTree(resource(FOLDER + "/" + file));
      List<DynamicTest> tests = new ArrayList<>();
      cases.forEach(c -> tests.add(DynamicTest.dynamicTest(c.path("name").asText(), () -> check(file, c))));
      files.add(DynamicContainer.dynamicContainer(file, tests));
    }
    assertThat(files).as("corpus files under classpath:" + FOLDER).isNotEmpty();
    return files.stream();
  }

  /** Lists the folder through its class-path URL (a directory, or a jar when packaged). */
  private static List<String> corpusFiles() throws IOException, URISyntaxException {
    URL url = CorpusTest.class.getClassLoader().getResource(FOLDER);
    if (url == null) {
      throw new IllegalStateException("no " + FOLDER + " folder on the test class path");
    }
    URI uri = url.toURI();
    if (uri.getScheme().equals("jar")) {
      try (FileSystem fs = FileSystems.newFileSystem(uri, Map.of())) {
        return jsonFiles(fs.getPath(FOLDER));
      }
    }
    return jsonFiles(Path.of(uri));
  }

  private static List<String> jsonFiles(Path dir) throws IOException {
    try (Stream<Path> paths = Files.list(dir)) {
      return paths.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
    }
  }

  private static InputStream resource(String name) {
    InputStream in = CorpusTest.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new UncheckedIOException(new IOException("missing class-path resource " + name));
    }
    return in;
  }

  private static void check(String file, JsonNode c) {
    String skip = needsHttp(c);
    Assumptions.assumeTrue(skip == null, () -> "needs HTTP (examples' conformance runner): " + skip);
    JsonNode expect = c.path("expect");
    ObjectNode actual = outcome(c);
    List<String> differences = new ArrayList<>();
    expect.properties().forEach(e -> compareMember(e.getKey(), e.getValue(), actual, differences));
    if (!differences.isEmpty()) {
      // Surefire reports dynamic tests by index: the case is named in the message.
      fail(file + " case '" + c.path("name").asText() + "':\n" + String.join("\n", differences)
          + "\nactual: " + abbreviate(actual.toString(), 3000));
    }
  }

  private static @Nullable String needsHttp(JsonNode c) {
    JsonNode responses = c.path("responses");
    JsonNode expect = c.path("expect");
    for (JsonNode r : responses) {
      if (r.has("disconnect")) return "disconnect " + r.get("disconnect").asText();
    }
    if (c.path("client").path("callTimeoutMillis").asLong(0) > 0) return "callTimeoutMillis";
    if (c.path("client").has("poll")) return "the 202 poller";
    if (c.path("client").has("detect")) return "a detector of errors in a 2xx";
    if (c.has("policy") && responses.size() > 1) return "several responses with a retry policy";
    if (expect.path("attempts").asInt(1) > 1) return "attempts > 1";
    if (expect.path("waitedMillis").asLong(0) > 0 || expect.path("waitedMillisAtLeast").asLong(0) > 0) {
      return "a wait between attempts";
    }
    String outcome = expect.path("outcome").asText("");
    if (outcome.equals("io_error")) return "an I/O failure";
    if (outcome.equals("success") && responses.path(0).path("status").asInt() >= 400) {
      return "a success after an error response";
    }
    return null;
  }

  /** What the runner would print for this case, from the decoder alone. */
  private static ObjectNode outcome(JsonNode c) {
    JsonNode response = c.path("responses").path(0);
    int status = response.path("status").asInt();
    ObjectNode out = MAPPER.createObjectNode();
    out.put("name", c.path("name").asText());
    out.put("attempts", 1);
    out.put("waitedMillis", 0);
    out.put("status", status);
    if (status < 400) {
      out.put("outcome", "success");
      return out;
    }
    JsonNode request = c.path("request");
    int maxBodyBytes = c.path("client").path("maxBodyBytes").asInt(ErrorDecoder.DEFAULT_MAX_BODY_BYTES);
    ErrorDecoder decoder = ErrorDecoder.builder().maxBodyBytes(maxBodyBytes).clock(CLOCK).build();
    BoundedBody body;
    try (InputStream in = bodyOf(response)) {
      body = BoundedBody.read(in, maxBodyBytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ResponseView view = ResponseView.builder(status)
        .headers(headersOf(response.path("headers")))
        .body(body)
        .request(request.path("method").asText("GET"), BASE_URL + request.path("path").asText("/"))
        .requestHeaders(headersOf(request.path("headers")))
        .build();
    ApiError error = decoder.decode(view);
    ApiException exception = ApiException.of(error, 1);
    out.put("outcome", "api_error");
    out.put("exception", exception.getClass().getSimpleName());
    out.put("format", error.format());
    out.put("title", error.title());
    putText(out, "detail", error.detail());
    putText(out, "code", error.code());
    putText(out, "type", error.type());
    putText(out, "instance", error.instance());
    putText(out, "requestId", error.requestId());
    putNumber(out, "retryAfterMillis", error.retryAfterMillis());
    out.put("truncated", error.truncated());
    ArrayNode errors = out.putArray("errors");
    for (ErrorEntry entry : error.errors()) {
      ObjectNode e = errors.addObject();
      putText(e, "field", entry.field());
      putText(e, "code", entry.code());
      putText(e, "title", entry.title());
      putText(e, "detail", entry.detail());
    }
    Optional<RateLimit> rateLimit = error.rateLimit();
    if (rateLimit.isPresent()) {
      ObjectNode rl = out.putObject("rateLimit");
      putNumber(rl, "limit", rateLimit.get().limit());
      putNumber(rl, "remaining", rateLimit.get().remaining());
      putNumber(rl, "resetMillis", rateLimit.get().resetMillis());
    } else {
      out.putNull("rateLimit");
    }
    ArrayNode challenges = out.putArray("challenges");
    for (Challenge challenge : error.challenges()) {
      ObjectNode ch = challenges.addObject();
      ch.put("scheme", challenge.scheme());
      putText(ch, "token68", challenge.token68());
      ObjectNode params = ch.putObject("params");
      challenge.params().forEach(params::put);
    }
    String raw = error.rawBodyText();
    out.put("rawBodyPrefix", raw.substring(0, Math.min(RAW_BODY_PREFIX, raw.length())));
    out.put("message", exception.getMessage());
    // Not runner fields: what must be credential-free besides the message.
    out.put("exceptionToString", exception.toString());
    out.put("errorToString", error.toString());
    return out;
  }

  private static void compareMember(String key, JsonNode want, ObjectNode actual, List<String> differences) {
    if (IGNORED.contains(key)) {
      return;
    }
    JsonNode got = actual.get(key);
    boolean ok;
    switch (key) {
      case "detailContains" -> ok = actual.path("detail").isTextual()
          && actual.path("detail").asText().contains(want.asText());
      case "rawBodyContains" -> ok = actual.path("rawBodyPrefix").asText().contains(want.asText());
      case "messageNotContains" -> ok = Stream.of("message", "exceptionToString", "errorToString")
          .noneMatch(k -> actual.path(k).asText().contains(want.asText()));
      case "messageLengthAtMost" -> ok = actual.path("message").asText().length() <= want.asLong();
      case "waitedMillisAtLeast" -> ok = actual.path("waitedMillis").asLong() >= want.asLong();
      case "waitedMillisAtMost" -> ok = actual.path("waitedMillis").asLong() <= want.asLong();
      default -> {
        if (got == null && !actual.path("outcome").asText().equals("success")) {
          differences.add("unknown expectation '" + key + "'");
          return;
        }
        ok = membersMatch(want, got == null ? MAPPER.nullNode() : got);
      }
    }
    if (!ok) {
      differences.add(key + ": expected " + want + " but was " + abbreviate(describe(key, actual), 300));
    }
  }

  private static String describe(String key, ObjectNode actual) {
    return switch (key) {
      case "detailContains" -> String.valueOf(actual.get("detail"));
      case "rawBodyContains" -> String.valueOf(actual.get("rawBodyPrefix"));
      case "messageNotContains" -> actual.get("message") + " / " + actual.get("exceptionToString")
          + " / " + actual.get("errorToString");
      case "messageLengthAtMost" -> actual.path("message").asText().length() + " chars";
      default -> String.valueOf(actual.get(key.startsWith("waited") ? "waitedMillis" : key));
    };
  }

  /**
   * CASES.md semantics: scalars are equal (numbers by value); an object compares the members
   * given; an array compares its length and, entry by entry, the members given.
   */
  private static boolean membersMatch(JsonNode want, JsonNode got) {
    if (want.isNull()) {
      return got.isNull() || got.isMissingNode();
    }
    if (want.isNumber()) {
      return got.isNumber() && want.bigIntegerValue().equals(got.bigIntegerValue());
    }
    if (want.isObject()) {
      if (!got.isObject()) return false;
      for (Map.Entry<String, JsonNode> m : want.properties()) {
        if (!membersMatch(m.getValue(), got.path(m.getKey()))) return false;
      }
      return true;
    }
    if (want.isArray()) {
      if (!got.isArray() || got.size() != want.size()) return false;
      for (int i = 0; i < want.size(); i++) {
        if (!membersMatch(want.get(i), got.get(i))) return false;
      }
      return true;
    }
    return want.equals(got);
  }

  private static String abbreviate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max) + "… (" + text.length() + " chars)";
  }

  private static HttpHeaders headersOf(JsonNode fields) {
    HttpHeaders.Builder headers = HttpHeaders.builder();
    fields.properties().forEach(f -> {
      if (f.getValue().isArray()) {
        f.getValue().forEach(v -> headers.add(f.getKey(), v.asText()));
      } else {
        headers.add(f.getKey(), f.getValue().asText());
      }
    });
    return headers.build();
  }

  private static InputStream bodyOf(JsonNode response) {
    if (response.has("body")) {
      return new ByteArrayInputStream(response.get("body").asText().getBytes(StandardCharsets.UTF_8));
    }
    if (response.has("bodyBase64")) {
      return new ByteArrayInputStream(Base64.getDecoder().decode(response.get("bodyBase64").asText()));
    }
    if (response.has("bodyRepeat")) {
      JsonNode r = response.get("bodyRepeat");
      return new RepeatedBody(utf8(r.path("prefix").asText("")), utf8(r.path("text").asText("")),
          r.path("times").asLong(1), utf8(r.path("suffix").asText("")));
    }
    return InputStream.nullInputStream();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static void putText(ObjectNode node, String name, Optional<String> value) {
    node.put(name, value.orElse(null));
  }

  private static void putNumber(ObjectNode node, String name, OptionalLong value) {
    if (value.isPresent()) {
      node.put(name, value.getAsLong());
    } else {
      node.putNull(name);
    }
  }

  /** {@code prefix + text × times + suffix}, generated as it is read: a 10 MB body costs nothing. */
  private static final class RepeatedBody extends InputStream {
    private final byte[] prefix;
    private final byte[] text;
    private final byte[] suffix;
    private final long repeatedEnd;
    private final long length;
    private long position;

    RepeatedBody(byte[] prefix, byte[] text, long times, byte[] suffix) {
      this.prefix = prefix;
      this.text = text;
      this.suffix = suffix;
      this.repeatedEnd = prefix.length + text.length * times;
      this.length = repeatedEnd + suffix.length;
    }

    @Override
    public int read() {
      if (position >= length) {
        return -1;
      }
      long p = position++;
      if (p < prefix.length) return prefix[(int) p] & 0xff;
      if (p < repeatedEnd) return text[(int) ((p - prefix.length) % text.length)] & 0xff;
      return suffix[(int) (p - repeatedEnd)] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (len == 0) return 0;
      if (position >= length) return -1;
      int n = (int) Math.min(len, length - position);
      for (int i = 0; i < n; i++) {
        b[off + i] = (byte) read();
      }
      return n;
    }
  }
}
