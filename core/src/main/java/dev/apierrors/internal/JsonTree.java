package dev.apierrors.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.base.ParserBase;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apierrors.ErrorEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Parses a body's text as JSON, once, into a Jackson tree.
 *
 * <p>Why streaming and not {@code ObjectMapper.readTree}: a body cut at the byte limit is
 * invalid JSON, yet the README's decoding rules want the members that were complete before
 * the cut. So the tree is built token by token from Jackson's {@link JsonParser} (one pass)
 * and, when the input ends early, what was complete is kept.
 *
 * <p>What "complete" means for a cut object: a member counts only when its value ended
 * before the cut. A nested object or array that was cut is dropped whole (not kept with
 * its complete members), so a half-read {@code errors} list never looks like the full
 * list; a number that touches the cut is dropped too ({@code 12} may have been
 * {@code 1234}). Only an object root is kept: a cut array or scalar is not JSON.
 *
 * <p>Where it reads from: a body whose text is exactly its UTF-8 bytes (UTF-8, no BOM, no
 * byte that failed to decode) is parsed from the bytes, with Jackson's byte parser; any
 * other from its text. Both give the same tree; the bytes save a copy of the text.
 *
 * <p>The tree is bounded by the bytes read: its estimated heap size (about what Jackson's
 * nodes, maps and strings take) may reach {@link #budget(int) max(4 MiB, 2 × the bytes)}.
 * A member (at any depth) that would go past it is dropped as if the body had been cut
 * there, and so is every later top-level member, except the members the formats read
 * ({@link #FORMAT_MEMBERS}: {@code title}, {@code message}, {@code errors}, ...), which are
 * always kept whole: an {@code errors} list of 500,000 entries is part of the error, and
 * its entries are counted (when decoding for the built-in formats, they are collected as
 * the array is parsed, see {@link #parseForBuiltIns}). A body within the budget (every realistic error body: a 64 KiB
 * problem with 500 errors takes about 200 KB) is never affected; a megabyte of tiny
 * members no formats reads no longer costs twenty times its size.
 *
 * <p>An object's members are held in a {@link SmallMap} (two arrays while there are few)
 * rather than the {@code LinkedHashMap} of Jackson's own {@code ObjectNode}: the nodes are
 * Jackson's, so formats, custom ones included, see an ordinary tree.
 *
 * <p>Nesting is bounded by {@link Json#MAX_NESTING_DEPTH} (Jackson's stream constraints);
 * deeper input is not JSON. Building uses an explicit stack, never recursion.
 */
public final class JsonTree {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * The tree's budget never goes below this, so small bodies are never bounded: a body
   * within the default limit (256 KiB) fits, however small its members.
   */
  static final long MIN_BUDGET = 4 * 1024 * 1024;

  /**
   * The top-level members some format or field rule reads: kept whole, whatever the budget
   * (they are what the error is made of).
   */
  static final Set<String> FORMAT_MEMBERS = Set.of(
      "type", "title", "status", "detail", "instance", "code", "error_code", "errorCode", "__type",
      "message", "Message", "error", "error_description", "error_uri", "description", "errors",
      "msg", "reason", "developer_message", "errorMessage", "errorMessages", "errorSummary",
      "error_message", "details", "request_id", "requestId", "trace_id", "traceId", "id", "target");

  /**
   * Bodies above this many bytes are parsed without canonicalising member names: Jackson's
   * symbol table would otherwise keep every distinct name, those of the members skipped
   * past the budget included (a million unique names is tens of megabytes).
   */
  static final int CANONICAL_NAMES_MAX_BYTES = 1024 * 1024;

  /** {@link Json#factory()} (same constraints) without name canonicalisation. */
  private static final JsonFactory UNCANONICAL = JsonFactory.builder()
      .streamReadConstraints(Json.factory().streamReadConstraints())
      .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
      .build();

  private JsonTree() {}

  /**
   * Parses {@code text}, whole: no budget (for a tree its caller asked for, e.g. an
   * error's extensions read on demand).
   *
   * @param cut whether the body was cut (at the limit, or by a dropped connection): then an
   *     object whose input ends early is returned with its complete members
   * @return the tree, or empty when the text is not (acceptable) JSON. Never throws.
   */
  public static Optional<JsonNode> parse(String text, boolean cut) {
    return parse(null, text, cut, Long.MAX_VALUE);
  }

  /**
   * Parses a body read as {@code bytes} and decoded to {@code text}: from the bytes when
   * {@code utf8Source} says the text is exactly their UTF-8 decoding, else from the text.
   * The budget comes from the number of bytes: this is the parse of decoding, whose peak
   * heap follows the bytes read.
   *
   * @param cut as for {@link #parse(String, boolean)}
   * @return the tree, or empty when the body is not (acceptable) JSON. Never throws.
   */
  public static Optional<JsonNode> parse(byte[] bytes, @Nullable String text, boolean utf8Source, boolean cut) {
    return Optional.ofNullable(parseForDecoding(bytes, text, utf8Source, cut, false).tree());
  }

  /**
   * A parse for decoding: the tree, and the entries of the root object's {@code errors}
   * array, collected element by element as it is parsed ({@link ErrorsMember}'s rule for an
   * array). Of that array, the tree keeps every element but objects past the first
   * {@value #KEPT_ERROR_OBJECTS}: what the built-in formats look at (the first entry,
   * whether every entry is an object, the first string) is unchanged, and a list of
   * 400,000 rows never exists as 400,000 trees at once: the objects past those kept are
   * read from the token stream straight into entries ({@link StreamedErrorRow}), never
   * built as trees at all, and charged to the budget as if they had been. Only for the built-in formats,
   * which read no more than that: a decoder with formats of its own uses
   * {@link #parse(byte[], String, boolean, boolean)}, whose tree is whole.
   *
   * @param cut as for {@link #parse(String, boolean)}
   * @return the parse; its tree is null when the body is not (acceptable) JSON. Never throws.
   */
  public static Parsed parseForBuiltIns(byte[] bytes, @Nullable String text, boolean utf8Source, boolean cut) {
    return parseForDecoding(bytes, text, utf8Source, cut, true);
  }

  /**
   * The parse of decoding: {@link #parseForBuiltIns} when {@code collectErrors}, else
   * {@link #parse(byte[], String, boolean, boolean)}'s whole tree (no entries collected).
   *
   * @param text the body's text; may be null only when {@code utf8Source}
   */
  public static Parsed parseForDecoding(
      byte[] bytes, @Nullable String text, boolean utf8Source, boolean cut, boolean collectErrors) {
    return parse(utf8Source ? bytes : null, text, cut, budget(bytes.length), collectErrors);
  }

  /**
   * What {@link #parseForBuiltIns} gives.
   *
   * @param tree the tree; null when the body is not JSON
   * @param rootErrors the entries of the root object's {@code errors} member when it is a
   *     complete array; null otherwise (absent, another type, or cut)
   */
  public record Parsed(@Nullable JsonNode tree, @Nullable ErrorEntries rootErrors) {
    private static final Parsed NONE = new Parsed(null, null);
  }

  /**
   * What {@link #parseForBuiltIns} holds for a root member no built-in format reads (one not
   * in {@link #FORMAT_MEMBERS}) whose value is a string: the formats and rules only ask
   * whether such a member is there (a Heroku body has only {@code id}, {@code message},
   * {@code url}) and whether it is an array of strings (a field-keyed body), and an error's
   * extensions are read from its bytes, so the string is never decoded. Numbers, literals
   * and arrays are kept as they are. Only for a body whose tree cannot reach the budget (all
   * but the largest: {@link #MAX_COST_PER_BYTE}), as a stand-in is never charged to it.
   */
  static final JsonNode UNREAD_STRING = NODES.textNode("");

  /** As {@link #UNREAD_STRING}, for an object value: an empty object, its members skipped unread. */
  static final JsonNode UNREAD_OBJECT = NODES.objectNode();

  /** The objects of the root {@code errors} array that {@link #parseForBuiltIns} keeps in its tree. */
  static final int KEPT_ERROR_OBJECTS = 16;

  /** The tree's budget, in estimated heap bytes, for a body of {@code bytes} bytes. */
  static long budget(int bytes) {
    return Math.max(MIN_BUDGET, 2L * bytes);
  }

  static Optional<JsonNode> parse(byte @Nullable [] utf8, String text, boolean cut, long budget) {
    return Optional.ofNullable(parse(utf8, text, cut, budget, false).tree());
  }

  static Parsed parse(
      byte @Nullable [] utf8, @Nullable String text, boolean cut, long budget, boolean collectErrors) {
    String source = utf8 != null ? null : Objects.requireNonNull(text, "text, when not parsing UTF-8 bytes");
    if (source != null ? !mayBeJson(source) : !mayBeJson(utf8)) {
      return Parsed.NONE;
    }
    int length = source != null ? source.length() : utf8.length;
    JsonFactory factory = length > CANONICAL_NAMES_MAX_BYTES ? UNCANONICAL : Json.factory();
    try (JsonParser parser = source != null ? factory.createParser(source) : factory.createParser(utf8)) {
      Builder builder = new Builder(parser, utf8, source, length, cut, budget, collectErrors);
      JsonNode tree = builder.build();
      return tree == null ? Parsed.NONE : new Parsed(tree, builder.rootErrors);
    } catch (Exception | StackOverflowError e) {
      return Parsed.NONE;
    }
  }

  /** {@link #mayBeJson(String)} of the UTF-8 text of {@code utf8}: JSON starts with an ASCII character. */
  static boolean mayBeJson(byte[] utf8) {
    for (byte b : utf8) {
      if (!isJsonWhitespace(b)) {
        return startsJson(b);
      }
    }
    return false;
  }

  /** Whether the first non-whitespace character can start a JSON value: saves parsing HTML. */
  static boolean mayBeJson(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!isJsonWhitespace(c)) {
        return startsJson(c);
      }
    }
    return false;
  }

  /** JSON's insignificant whitespace (RFC 8259 §2). */
  private static boolean isJsonWhitespace(int c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  /** Whether a JSON value can start with {@code c}: an object, array, string, number or literal. */
  private static boolean startsJson(int c) {
    return c == '{' || c == '[' || c == '"' || c == '-' || (c >= '0' && c <= '9') || c == 't' || c == 'f' || c == 'n';
  }

  private static final class Frame {
    final ContainerNode<?> node;
    @Nullable String name;
    /** For the root's {@code errors} array, when collecting: its entries so far. */
    final ErrorEntries.@Nullable Collector entries;
    /** How many objects this array has kept in the tree (when collecting). */
    int keptObjects;

    Frame(ContainerNode<?> node, ErrorEntries.@Nullable Collector entries) {
      this.node = node;
      this.entries = entries;
    }

    void add(JsonNode value) {
      if (node instanceof ObjectNode object) {
        object.set(name == null ? "" : name, value);
        return;
      }
      if (entries != null) {
        ErrorEntry entry = ErrorsMember.ofElement(value);
        if (entry != null) {
          entries.add(entry);
        }
        if (value.isObject() && keptObjects++ >= KEPT_ERROR_OBJECTS) {
          return; // collected; not kept in the tree
        }
      }
      ((ArrayNode) node).add(value);
    }
  }

  /** One parse: the stack of open containers and what the tree has cost so far. */
  private static final class Builder {
    private final JsonParser p;
    /** The input: its UTF-8 bytes, or else its text. */
    private final byte @Nullable [] utf8;
    private final @Nullable String source;
    private final boolean byteOffsets;
    private final int length;
    private final boolean cut;
    private long budget;
    /** Whether the budget is spent: later top-level members are skipped unless formats read them. */
    private boolean spent;
    /** Whether the root object's member being built is one of {@link #FORMAT_MEMBERS}. */
    private boolean formatMember;
    /** Room for 4 open containers before it grows (an error body nests 2 or 3 deep), not ArrayDeque's 16. */
    private final Deque<Frame> stack = new ArrayDeque<>(4);
    /**
     * Whether decoding is for the built-in formats only: then the root's {@code errors}
     * array is collected as it is parsed, and the members no format reads are stand-ins.
     */
    private final boolean collectErrors;
    /** Whether root members no format reads get stand-ins ({@link #UNREAD_STRING}, {@link #UNREAD_OBJECT}). */
    private final boolean unreadMembers;
    /** Whether the last token was a root member's string left unread, its stand-in not added yet. */
    private boolean unreadString;
    /** Where that string's content starts (just past its opening quote), in bytes or characters as the input is. */
    private long unreadStringStart;
    /** The entries of the root's {@code errors} member as it stands: null unless a complete array. */
    @Nullable ErrorEntries rootErrors;

    Builder(JsonParser p, byte @Nullable [] utf8, @Nullable String source, int length, boolean cut, long budget,
        boolean collectErrors) {
      this.p = p;
      this.utf8 = utf8;
      this.source = source;
      this.byteOffsets = source == null;
      this.length = length;
      // Stand-ins cost the budget nothing, so they are used only where the budget cannot run
      // out (it covers the most any body of this length could cost): members are then dropped
      // exactly as from a whole tree, i.e. never. And a string is left undecoded only where it
      // cannot be longer than the parser allows: a longer one must still make the body not JSON.
      this.unreadMembers = collectErrors && length <= Json.MAX_STRING_LENGTH && budget / MAX_COST_PER_BYTE >= length;
      this.cut = cut;
      this.budget = budget;
      this.collectErrors = collectErrors;
    }

    /** Reads the rows of the root's {@code errors} past those kept; made for the first one. */
    private @Nullable StreamedErrorRow rows;

    private StreamedErrorRow rows() {
      StreamedErrorRow r = rows;
      if (r == null) {
        // Inside the root's errors every cost is paid (a member the formats read is kept whole),
        // unless the budget cannot run out: then, as for the stand-ins, nothing is charged.
        r = unreadMembers
            ? StreamedErrorRow.uncharged(p instanceof ParserBase && STRING_OFFSETS_KNOWN ? utf8 : null)
            : StreamedErrorRow.charging(cost -> charge(cost));
        rows = r;
      }
      return r;
    }

    /** Whether the container starting now is the root object's {@code errors} array, to collect. */
    private boolean collectsErrors(JsonToken start) {
      return collectErrors && start == JsonToken.START_ARRAY && stack.size() == 1
          && stack.element().node instanceof ObjectNode && "errors".equals(stack.element().name);
    }

    /** Adds {@code value} to the open container; a root member named errors updates {@link #rootErrors}. */
    private void addToOpen(JsonNode value, @Nullable Frame done) {
      Frame parent = stack.element();
      if (stack.size() == 1 && parent.node instanceof ObjectNode && "errors".equals(parent.name)) {
        rootErrors = done != null && done.entries != null ? done.entries.build() : null;
      }
      parent.add(value);
    }

    /** Where the current token starts, in bytes or characters as the input is; no object made. */
    private long tokenOffset() {
      if (p instanceof ParserBase base) {
        return base.getTokenCharacterOffset();
      }
      return byteOffsets ? p.currentTokenLocation().getByteOffset() : p.currentTokenLocation().getCharOffset();
    }

    /**
     * On a cut: adds the stand-in of the unread string the parse stopped after, if the
     * string ended before the cut (the parser failed on what followed it) and only then,
     * as a string that was built would have been kept or not.
     */
    private void addUnreadStringIfEnded() {
      if (unreadString && stack.size() == 1 && stringEnded(unreadStringStart)) {
        unreadString = false;
        stack.element().add(UNREAD_STRING);
      }
    }

    /** {@link JsonTree#stringContentStart(long, int)} of the string the parser has just returned. */
    private long stringContentStart() {
      long at = tokenOffset();
      return JsonTree.stringContentStart(at, at > 0 ? charAt(at - 1) : -1);
    }

    /** The byte or character of the input at {@code at}. */
    private int charAt(long at) {
      return utf8 != null ? utf8[(int) at] : source.charAt((int) at);
    }

    /** Whether the JSON string whose content starts at {@code start} has its closing quote in the input. */
    private boolean stringEnded(long start) {
      int end = length;
      for (long i = start; i < end; i++) {
        int c = charAt(i);
        if (c == '\\') {
          i++; // the escaped character, a quote included (in UTF-8, no byte of a longer character is ASCII)
        } else if (c == '"') {
          return true;
        }
      }
      return false;
    }

    /** Whether the parser has read the whole input (so a failure there is the cut). */
    private boolean atEnd() {
      long offset = byteOffsets ? p.currentLocation().getByteOffset() : p.currentLocation().getCharOffset();
      return offset >= length;
    }

    /**
     * Charges {@code cost} to the budget; false when it cannot pay, and the value being
     * built must be dropped. A member the formats read is never dropped: it is charged,
     * and kept, even past the budget.
     */
    private boolean charge(long cost) {
      if (cost <= budget) {
        budget -= cost;
        return true;
      }
      budget = 0;
      spent = true;
      return formatMember;
    }

    /**
     * Drops the top-level member (or root array element) being built: reads past the rest
     * of it, {@code open} being how many of its containers are open, and closes their frames.
     */
    private void dropMember(int open) throws IOException {
      while (open > 0) {
        JsonToken t = p.nextToken();
        if (t == null) {
          throw new JsonEOFException(p, null, "end of input in a dropped member");
        }
        if (t.isStructStart()) {
          open++;
        } else if (t.isStructEnd()) {
          open--;
        }
      }
      while (stack.size() > 1) {
        stack.pop();
      }
    }

    @Nullable JsonNode build() throws Exception {
      JsonNode root = null;
      // The root member whose number ran up to the end of the input: it may have been cut.
      String numberAtEnd = null;
      try {
        JsonToken t;
        while (root == null && (t = p.nextToken()) != null) {
          numberAtEnd = null;
          if (unreadString) {
            // The token after it was read, so the string ended before any cut: it counts.
            unreadString = false;
            stack.element().add(UNREAD_STRING);
          }
          if (stack.size() == 1 && t != JsonToken.END_OBJECT && t != JsonToken.END_ARRAY) {
            if (t == JsonToken.FIELD_NAME) {
              formatMember = FORMAT_MEMBERS.contains(p.currentName());
            } else if (stack.getLast().node instanceof ArrayNode) {
              formatMember = false;
            }
            if (spent && !formatMember) {
              // Past the budget: a member no format reads is skipped unread.
              if (t == JsonToken.FIELD_NAME) {
                p.nextToken();
              }
              p.skipChildren();
              continue;
            }
            if (!formatMember && unreadMembers && t != JsonToken.FIELD_NAME
                && stack.element().node instanceof ObjectNode) {
              // A root member no built-in format reads the value of: a stand-in for a string
              // or an object, never built (its text is not even decoded).
              if (t == JsonToken.VALUE_STRING && STRING_OFFSETS_KNOWN) {
                unreadString = true; // added once the next token shows the string ended
                unreadStringStart = stringContentStart();
                continue;
              }
              if (t == JsonToken.START_OBJECT) {
                p.skipChildren(); // throws on a cut: then the member is not complete
                stack.element().add(UNREAD_OBJECT);
                continue;
              }
            }
          }
          switch (t) {
            case START_OBJECT -> {
              if (!stack.isEmpty() && !charge(OBJECT_COST)) {
                dropMember(stack.size());
                continue;
              }
              Frame open = stack.peek();
              if (open != null && open.entries != null && open.keptObjects >= KEPT_ERROR_OBJECTS && formatMember) {
                // A row past those kept: straight into the entries, no tree.
                rows().read(p, open.entries);
                continue;
              }
              stack.push(new Frame(new ObjectNode(NODES, new SmallMap<>()), null));
            }
            case START_ARRAY -> {
              if (!stack.isEmpty() && !charge(ARRAY_COST)) {
                dropMember(stack.size());
                continue;
              }
              stack.push(new Frame(NODES.arrayNode(), collectsErrors(t) ? new ErrorEntries.Collector() : null));
            }
            case FIELD_NAME -> stack.element().name = p.currentName();
            case END_OBJECT, END_ARRAY -> {
              Frame done = stack.pop();
              if (stack.isEmpty()) {
                root = done.node;
              } else {
                addToOpen(done.node, done);
              }
            }
            default -> {
              JsonNode value = scalar(p, t);
              if (!stack.isEmpty() && !charge(cost(value, stack.element()))) {
                dropMember(stack.size() - 1);
                continue;
              }
              if (stack.isEmpty()) {
                root = value;
              } else {
                addToOpen(value, null);
                if (value.isNumber() && stack.size() == 1 && atEnd()) {
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
        addUnreadStringIfEnded();
        return object;
      } catch (JsonProcessingException e) {
        // Accept the cut only when the parser failed at the very end of the input: an
        // error earlier on is invalid JSON, cut or not.
        if (!cut || root != null || stack.isEmpty() || !atEnd()) {
          return null;
        }
        Frame bottom = stack.getLast();
        if (!(bottom.node instanceof ObjectNode object)) {
          return null;
        }
        if (numberAtEnd != null) {
          object.remove(numberAtEnd);
        }
        addUnreadStringIfEnded();
        return object;
      }
    }
  }

  /**
   * Where the content of a string token starts, just past its opening quote, from the
   * token's offset ({@code ParserBase.getTokenCharacterOffset}) and the character before
   * that offset (-1 at the start of the input). Jackson's offset for a string is that of
   * its opening quote in some versions and of the next character in others (2.22's): the
   * character before tells which, as a string's opening quote never follows another quote.
   * (Taking one for the other had read a cut {@code "\"} as a string that ended.)
   */
  static long stringContentStart(long tokenOffset, int charBefore) {
    return charBefore == '"' ? tokenOffset : tokenOffset + 1;
  }

  /**
   * Whether the Jackson on the class path gives a string value's offset as
   * {@link #stringContentStart} reads it, checked once on a probe parsed from its bytes and
   * from its text. The SDK is built against one Jackson but runs with whichever 2.x an
   * application resolves; where the check fails, nothing relies on the offsets: the root
   * strings no format reads are built (no stand-in, whose end is found from its offset at
   * a cut) and a streamed row's strings are decoded (none is recognised from the bytes).
   */
  static final boolean STRING_OFFSETS_KNOWN;

  /** A probe of every place a string value sits: after a name, after a name and spaces, in an array, empty. */
  static final String OFFSETS_PROBE = "{\"ab\":\"cd\",\"e\" : \"f\",\"g\":[\"hi\", \"\"]}";

  /** Where the content of each string value of {@link #OFFSETS_PROBE} starts. */
  private static final int[] OFFSETS_PROBE_STARTS = {7, 18, 27, 33};

  static {
    // After the probe's constants: a static initializer runs in the order of declaration.
    STRING_OFFSETS_KNOWN = probeStringOffsets();
  }

  static boolean probeStringOffsets() {
    byte[] bytes = OFFSETS_PROBE.getBytes(StandardCharsets.US_ASCII);
    try (JsonParser fromBytes = Json.factory().createParser(bytes);
        JsonParser fromText = Json.factory().createParser(OFFSETS_PROBE)) {
      return offsetsAsProbed(fromBytes, bytes) && offsetsAsProbed(fromText, bytes);
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * Whether {@code p}, a parser of {@link #OFFSETS_PROBE} (whose bytes are {@code probe}),
   * gives its string values' offsets so that {@link #stringContentStart} finds each one.
   */
  static boolean offsetsAsProbed(JsonParser p, byte[] probe) throws IOException {
    if (!(p instanceof ParserBase base)) {
      return false;
    }
    int found = 0;
    for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
      if (t == JsonToken.VALUE_STRING) {
        long at = base.getTokenCharacterOffset();
        if (found == OFFSETS_PROBE_STARTS.length || at <= 0 || at >= probe.length
            || stringContentStart(at, probe[(int) at - 1]) != OFFSETS_PROBE_STARTS[found++]) {
          return false;
        }
      }
    }
    return found == OFFSETS_PROBE_STARTS.length;
  }

  /**
   * The estimated heap cost of adding {@code value} to {@code parent}: the node, its string,
   * and for an object member the map entry and the name (names repeat across the entries of
   * an array and are shared then, so this errs on the high side).
   */
  private static long cost(JsonNode value, Frame parent) {
    return cost(value.isTextual() ? value.textValue().length() : -1, parent.node instanceof ObjectNode, parent.name);
  }

  /**
   * The estimated heap cost of a scalar node: {@code textLength} is its string's length, -1
   * for a node that is not a string; {@code member} its name when it is an object's member.
   */
  static long cost(int textLength, boolean inObject, @Nullable String member) {
    long cost = textLength >= 0 ? 56 + textLength : 24;
    if (inObject) {
      cost += 48 + 40 + (member == null ? 0 : member.length());
    } else {
      cost += 8;
    }
    return cost;
  }

  /**
   * More than the most a tree can cost per byte of its input, at {@link #cost} and
   * {@link #OBJECT_COST}: the dearest input is a run of empty root members
   * ({@code ,"":""}: 6 bytes, 144), 24 a byte.
   */
  static final long MAX_COST_PER_BYTE = 32;

  /** The estimated heap cost of an object node and of an array node, before their members. */
  static final long OBJECT_COST = 64;
  static final long ARRAY_COST = 40;

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
