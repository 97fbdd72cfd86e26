package dev.apierrors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apierrors.spi.BoundedBody;
import dev.apierrors.spi.HttpHeaders;
import dev.apierrors.spi.ResponseView;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The entries of a root {@code errors} array are collected while it is parsed, and the tree
 * the built-in formats see keeps only its first objects (so that 400,000 rows never exist
 * as 400,000 trees). A decoder with a format of its own (that never matches) decodes from
 * the whole tree: both must give the same error, whatever the array holds.
 */
class ErrorsCollectedWhileParsingTest {
  private static final ErrorDecoder BUILT_INS = ErrorDecoder.builder().maxBodyBytes(4 * 1024 * 1024).build();
  private static final ErrorDecoder WHOLE_TREE = ErrorDecoder.builder()
      .maxBodyBytes(4 * 1024 * 1024)
      .addFormat(Decoding.format("never", body -> Optional.empty()))
      .build();

  static Stream<String> bodies() {
    List<String> bodies = new ArrayList<>();
    bodies.add("{\"errors\":[]}");
    bodies.add("{\"errors\":[{\"field\":\"a\",\"message\":\"bad\"}]}");
    bodies.add("{\"errors\":" + objects(17) + "}");
    bodies.add("{\"errors\":" + objects(40) + ",\"message\":\"export failed\"}");
    // A string past the kept objects: not an array of objects any more (status_error's
    // and errors_array's rules look at every element).
    bodies.add("{\"errors\":" + objects(30).replaceFirst("]$", ",\"late string\"]") + "}");
    bodies.add("{\"errors\":[\"first\"," + objects(20).substring(1) + "}");
    bodies.add("{\"errors\":[1,null,true," + objects(20).substring(1) + "}");
    // Nested shapes the common rule reads: source.pointer, extensions.code, GraphQL paths.
    bodies.add("{\"errors\":[" + IntStream.range(0, 25)
        .mapToObj(i -> "{\"source\":{\"pointer\":\"/data/" + i + "\"},\"extensions\":{\"code\":\"E" + i
            + "\"},\"path\":[\"q\"," + i + "],\"title\":\"T\",\"detail\":\"d" + i + "\"}")
        .collect(Collectors.joining(",")) + "]}");
    // source with both of its members, either order, and one of them alone.
    bodies.add("{\"errors\":[" + IntStream.range(0, 24)
        .mapToObj(i -> i % 3 == 0 ? "{\"source\":{\"pointer\":\"/p" + i + "\",\"parameter\":\"q" + i + "\"}}"
            : i % 3 == 1 ? "{\"source\":{\"parameter\":\"q" + i + "\",\"pointer\":\"/p" + i + "\"}}"
            : "{\"source\":{\"parameter\":\"q" + i + "\"},\"extensions\":{\"code\":" + i + "}}")
        .collect(Collectors.joining(",")) + "]}");
    // A duplicate member: the last one counts, whatever its type.
    bodies.add("{\"errors\":" + objects(20) + ",\"errors\":\"replaced\"}");
    bodies.add("{\"errors\":\"first\",\"errors\":" + objects(20) + "}");
    bodies.add("{\"errors\":" + objects(3) + ",\"errors\":" + objects(19) + "}");
    // Not the root's errors: a nested one is read from the tree as before.
    bodies.add("{\"error\":{\"message\":\"m\",\"errors\":" + objects(20) + "}}");
    bodies.add("{\"status\":\"ERROR\",\"error\":\"Invalid\",\"errors\":" + objects(18) + "}");
    bodies.add("[" + objects(20) + "]");
    // Invalid inside a streamed row, in a member the rule does not read (so never decoded)
    // and in one it does: not JSON, either way.
    bodies.add("{\"errors\":" + objects(20).replaceFirst("]$", ",{\"x\":\"tab\tinside\"}]") + "}");
    bodies.add("{\"errors\":" + objects(20).replaceFirst("]$", ",{\"x\":\"bad \\x escape\"}]") + "}");
    bodies.add("{\"errors\":" + objects(20).replaceFirst("]$", ",{\"message\":\"bad\tinside\"}]") + "}");
    bodies.add("{\"errors\":" + objects(20).replaceFirst("]$", ",{\"message\":\"bad\",\"x\":\"\u0001\"}]") + "}");
    return bodies.stream();
  }

  private static String objects(int n) {
    return IntStream.range(0, n)
        .mapToObj(i -> "{\"field\":\"rows[" + i + "]\",\"code\":\"c" + (i % 3) + "\",\"message\":\"bad\"}")
        .collect(Collectors.joining(",", "[", "]"));
  }

  @ParameterizedTest
  @MethodSource("bodies")
  void theBuiltInsDecodeAsFromTheWholeTree(String body) {
    ApiError collected = decode(BUILT_INS, body, false);
    ApiError whole = decode(WHOLE_TREE, body, false);

    assertThat(collected.errors()).isEqualTo(whole.errors());
    assertThat(collected.format()).isEqualTo(whole.format());
    assertThat(collected.title()).isEqualTo(whole.title());
    assertThat(collected.detail()).isEqualTo(whole.detail());
    assertThat(collected.code()).isEqualTo(whole.code());
    assertThat(collected.extensions()).isEqualTo(whole.extensions());
  }

  @ParameterizedTest
  @MethodSource("bodies")
  void aBodyCutAnywhereDecodesAsFromTheWholeTree(String body) {
    for (int cut = 1; cut < body.length(); cut += 7) {
      String prefix = body.substring(0, cut);
      ApiError collected = decode(BUILT_INS, prefix, true);
      ApiError whole = decode(WHOLE_TREE, prefix, true);
      assertThat(collected.errors()).as("cut at %d", cut).isEqualTo(whole.errors());
      assertThat(collected.format()).as("cut at %d", cut).isEqualTo(whole.format());
    }
  }

  @Test
  void everyRowOfALongListIsAnEntryInOrder() {
    int rows = 50_000;
    ApiError error = decode(BUILT_INS, "{\"message\":\"export failed\",\"errors\":" + objects(rows) + "}", false);

    assertThat(error.errors()).hasSize(rows);
    assertThat(error.errors().get(0)).isEqualTo(ErrorEntry.of("rows[0]", "c0", null, "bad"));
    assertThat(error.errors().get(rows - 1)).isEqualTo(ErrorEntry.of("rows[49999]", "c" + ((rows - 1) % 3), null, "bad"));
    assertThat(error.errors().get(12_345).field()).contains("rows[12345]");
    assertThat(error.detail()).contains("export failed");
  }

  @Test
  void theListIsUnmodifiableAndBoundsChecked() {
    ApiError error = decode(BUILT_INS, "{\"errors\":" + objects(20) + "}", false);

    assertThat(error.errors()).hasSize(20);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> error.errors().add(ErrorEntry.ofDetail("x")))
        .isInstanceOf(UnsupportedOperationException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> error.errors().get(20))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage("index 20, size 20");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> error.errors().get(-1))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void entriesOfAnErrorWithCredentialsStillMaskThem() {
    String secret = "sk_live_collected_1234";
    String body = "{\"errors\":" + objects(20).replace("bad", "key " + secret) + "}";
    ApiError error = BUILT_INS.decode(ResponseView.builder(400)
        .headers(HttpHeaders.of("Content-Type", "application/json"))
        .requestHeaders(HttpHeaders.of("Authorization", "Bearer " + secret))
        .body(BoundedBody.of(body.getBytes(StandardCharsets.UTF_8), false))
        .build());

    assertThat(error.errors()).hasSize(20);
    assertThat(error.errors().get(19).toString()).doesNotContain(secret).contains("[REDACTED]");
    assertThat(error.toString()).doesNotContain(secret);
  }

  private static ApiError decode(ErrorDecoder decoder, String body, boolean truncated) {
    return decoder.decode(ResponseView.builder(422)
        .headers(HttpHeaders.of("Content-Type", "application/json"))
        .body(BoundedBody.of(body.getBytes(StandardCharsets.UTF_8), truncated))
        .build());
  }

  @Test
  void aRepeatedShortValueIsKeptOnceAndALongOneAsItCame() {
    String longMessage = "m".repeat(65);
    String body = "{\"errors\":[" + IntStream.range(0, 3)
        .mapToObj(i -> "{\"field\":\"f\",\"message\":\"bad\",\"detail\":\"" + longMessage + "\"}")
        .collect(Collectors.joining(",")) + "]}";
    List<ErrorEntry> entries = decode(BUILT_INS, body, false).errors();

    // One instance for the three rows' "f" (the memory a 400,000-row list saves)...
    assertThat(entries.get(2).field().orElseThrow()).isSameAs(entries.get(0).field().orElseThrow());
    // ...but a value longer than 64 characters is not looked up: each row keeps its own.
    assertThat(entries.get(2).detail().orElseThrow())
        .isEqualTo(longMessage)
        .isNotSameAs(entries.get(0).detail().orElseThrow());
  }

  @Test
  void aRepeatedShortValueOfAStreamedRowIsTheInstanceAlreadyKept() {
    List<ErrorEntry> entries = decode(BUILT_INS, "{\"errors\":" + objects(40) + "}", false).errors();

    // Rows past the 16 kept in the tree are read from the stream: their "bad" is not made again.
    assertThat(entries.get(39).detail().orElseThrow()).isSameAs(entries.get(0).detail().orElseThrow());
    assertThat(entries.get(38).code().orElseThrow()).isSameAs(entries.get(2).code().orElseThrow());
  }

  @Test
  void anErrorBuiltByHandCopiesTheEntriesItIsGiven() {
    List<ErrorEntry> given = new ArrayList<>(List.of(ErrorEntry.ofDetail("one")));
    ApiError error = ApiError.builder(422).errors(given).build();

    given.add(ErrorEntry.ofDetail("two"));

    assertThat(error.errors()).containsExactly(ErrorEntry.ofDetail("one"));
  }
  /** Rows of every shape the common rule reads, and of some it does not, with duplicates. */
  static Stream<String> generatedBodies() {
    java.util.Random random = new java.util.Random(20261202);
    return IntStream.range(0, 300).mapToObj(n -> {
      StringBuilder b = new StringBuilder("{\"errors\":[");
      int rows = 17 + random.nextInt(12);
      for (int r = 0; r < rows; r++) {
        b.append(r == 0 ? "" : ",").append(random.nextInt(20) == 0 ? value(random, 0) : row(random, 0));
      }
      return b.append("],\"pad\":\"after\"}").toString();
    });
  }

  private static final String[] MEMBERS = {
      "pointer", "field", "name", "param", "parameter", "target", "title", "detail", "message", "Message", "msg",
      "code", "source", "extensions", "path", "id", "x"};

  private static String row(java.util.Random random, int depth) {
    StringBuilder b = new StringBuilder("{");
    int members = random.nextInt(6);
    for (int m = 0; m < members; m++) {
      b.append(m == 0 ? "" : ",").append('"').append(MEMBERS[random.nextInt(MEMBERS.length)]).append("\":")
          .append(value(random, depth + 1));
    }
    return b.append('}').toString();
  }

  private static String value(java.util.Random random, int depth) {
    String[] scalars = {
        "\"bad\"", "\"rows[1]\"", "\"  \"", "\"\"", "\"caf\\u00e9 \\\"q\\\"\"", "\"" + "L".repeat(70) + "\"",
        "7", "-0", "12345678901", "123456789012345678901234567890", "1.5", "1e2", "true", "false", "null"};
    int pick = random.nextInt(depth > 3 ? scalars.length : scalars.length + 4);
    if (pick < scalars.length) {
      return scalars[pick];
    }
    if (pick < scalars.length + 2) {
      return row(random, depth);
    }
    StringBuilder b = new StringBuilder("[");
    int elements = random.nextInt(4);
    for (int e = 0; e < elements; e++) {
      b.append(e == 0 ? "" : ",").append(value(random, depth + 1));
    }
    return b.append(']').toString();
  }

  /**
   * A streamed row's string whose bytes are those of a value its member had in an earlier
   * row is taken as that value without being decoded: these are the strings that come
   * nearest (a prefix, a longer one, an escape that decodes to the same characters or that
   * follows the same bytes, other types) after a plain value, and plain values at the length
   * limit of those looked up.
   */
  static Stream<String> nearRepeats() {
    String plain64 = "p".repeat(64);
    String[] variants = {
        "\"bad\"", "\"ba\"", "\"bad!\"", "\"\\u0062ad\"", "\"ba\\u0064\"", "\"bad\\\"\"", "\"bad\\\\\"",
        "\"b\\\"ad\"", "\"bäd\"", "\"\"", "\"bad \"", "\" bad\"", "\"a/b\"", "\"a\\/b\"", "7", "null", "true",
        "{\"x\":\"bad\"}", "[\"bad\"]", "\"" + plain64 + "\"", "\"" + plain64 + "p\"", "\"" + plain64.substring(1) + "\""};
    List<String> bodies = new ArrayList<>();
    for (String member : List.of("message", "code", "field", "title")) {
      for (String first : List.of("\"bad\"", "\"a/b\"", "\"" + plain64 + "\"")) {
        StringBuilder b = new StringBuilder("{\"errors\":[");
        for (int r = 0; r < 18; r++) {
          b.append(r == 0 ? "" : ",").append("{\"").append(member).append("\":").append(first).append('}');
        }
        for (String variant : variants) {
          b.append(",{\"").append(member).append("\":").append(variant).append(",\"id\":1}");
          b.append(",{\"").append(member).append("\":").append(first).append('}');
        }
        bodies.add(b.append("]}").toString());
      }
    }
    return bodies.stream();
  }

  @ParameterizedTest
  @MethodSource("nearRepeats")
  void aStringNearlyTheBytesOfAnEarlierRowsValueDecodesAsFromTheWholeTree(String body) {
    assertSameError(body, false);
    for (int cut = body.length() / 2; cut < body.length(); cut++) {
      assertSameError(body.substring(0, cut), true);
    }
  }

  /** The same error from the built-ins' parse as from the whole tree: entries, format and fields. */
  private static void assertSameError(String body, boolean truncated) {
    ApiError collected = decode(BUILT_INS, body, truncated);
    ApiError whole = decode(WHOLE_TREE, body, truncated);
    assertThat(List.of(collected.errors(), collected.format(), collected.title(), collected.detail(), collected.code()))
        .as("%s", body)
        .isEqualTo(List.of(whole.errors(), whole.format(), whole.title(), whole.detail(), whole.code()));
  }

  @Test
  void aStreamedRowsStringWithTheBytesOfAnEarlierValueIsThatInstance() {
    String body = "{\"errors\":[" + IntStream.range(0, 40)
        .mapToObj(i -> "{\"message\":\"must be a well-formed email address\",\"code\":\"format\"}")
        .collect(Collectors.joining(",")) + "]}";
    List<ErrorEntry> entries = decode(BUILT_INS, body, false).errors();

    assertThat(entries).hasSize(40).allSatisfy(e -> {
      assertThat(e.detail().orElseThrow()).isSameAs(entries.get(0).detail().orElseThrow());
      assertThat(e.code().orElseThrow()).isSameAs(entries.get(0).code().orElseThrow());
    });
  }

  @ParameterizedTest
  @MethodSource("generatedBodies")
  void generatedRowsDecodeAsFromTheWholeTree(String body) {
    ApiError collected = decode(BUILT_INS, body, false);
    ApiError whole = decode(WHOLE_TREE, body, false);

    assertThat(collected.errors()).as(body).isEqualTo(whole.errors());
    assertThat(collected.format()).as(body).isEqualTo(whole.format());
    assertThat(collected.detail()).as(body).isEqualTo(whole.detail());
    int cut = body.length() / 2 + body.length() % 7;
    assertThat(decode(BUILT_INS, body.substring(0, cut), true).errors())
        .as("cut at %d: %s", cut, body)
        .isEqualTo(decode(WHOLE_TREE, body.substring(0, cut), true).errors());
  }
}
