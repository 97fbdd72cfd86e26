package dev.apierrors.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.base.ParserBase;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.IOException;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Reads one object of the root {@code errors} array straight from the token stream into
 * an {@link ErrorEntries.Collector}, with no tree: for the rows past those {@link JsonTree}
 * keeps (a long list's every row had been built as a small tree, then unpacked: more than
 * half of what a 256 KiB list allocated).
 *
 * <p>The entry is the one {@link ErrorsMember#fromObject} makes of the same object's tree;
 * {@code ErrorsCollectedWhileParsingTest} holds the two to it on generated rows. The rule,
 * restated for a stream: of each member the last occurrence counts, whatever its type;
 * {@code field} is the first string of {@code pointer}, {@code field}, {@code name},
 * {@code param}, {@code parameter}, {@code source.pointer}, {@code source.parameter},
 * {@code target}, then {@code path} (a string, or an array of strings and integers joined
 * with {@code .}); {@code code} is a non-blank string or an integer of {@code code}, else of
 * {@code extensions.code}; {@code title} the string {@code title}; {@code detail} the first
 * string of {@code detail}, {@code message} ({@code Message} when there is no
 * {@code message} member at all), {@code msg}.
 *
 * <p>Every token is charged to the tree's budget as if it had been built
 * ({@link JsonTree#cost}), so that the budget runs out where it did with the tree, unless
 * the budget cannot run out for a body of this length (every body but the largest): then
 * nothing is charged, a string the rule does not read is never decoded, and one whose
 * bytes are those of the same member's value in an earlier row is not decoded either.
 * Strings are made only for the members the rule reads, and a short one already kept by
 * the collector is not made again. Not thread-safe: one instance per parse, reused row
 * after row.
 */
final class StreamedErrorRow {
  /** Null when the tree's budget cannot run out for this body: then nothing is charged. */
  private final @Nullable LongConsumer charge;

  /**
   * The UTF-8 input the parser reads, when nothing is charged and the parser gives each
   * token's offset in it: then a string whose bytes are those of a value its column had
   * before is recognised in them, never decoded ({@link ErrorEntries.Collector#sameAsLast});
   * null otherwise.
   */
  private final byte @Nullable [] utf8;

  /**
   * The columns of the rows' values, one per member read, so that the collector judges each
   * apart whether its values repeat ({@link ErrorEntries.Collector#share(int, char[], int, int)}).
   */
  private static final int POINTER_COLUMN = 0;
  private static final int FIELD_COLUMN = 1;
  private static final int NAME_COLUMN = 2;
  private static final int PARAM_COLUMN = 3;
  private static final int PARAMETER_COLUMN = 4;
  private static final int TARGET_COLUMN = 5;
  private static final int TITLE_COLUMN = 6;
  private static final int DETAIL_COLUMN = 7;
  private static final int MESSAGE_COLUMN = 8;
  private static final int AWS_MESSAGE_COLUMN = 9;
  private static final int MSG_COLUMN = 10;
  private static final int CODE_COLUMN = 11;
  private static final int PATH_COLUMN = 12;
  private static final int SOURCE_POINTER_COLUMN = 13;
  private static final int SOURCE_PARAMETER_COLUMN = 14;
  private static final int EXTENSIONS_CODE_COLUMN = 15;

  private @Nullable String pointer;
  private @Nullable String field;
  private @Nullable String name;
  private @Nullable String param;
  private @Nullable String parameter;
  private @Nullable String target;
  private @Nullable String title;
  private @Nullable String detail;
  private @Nullable String message;
  private boolean hasMessage;
  private @Nullable String awsMessage;
  private @Nullable String msg;
  private @Nullable String code;
  private @Nullable String sourcePointer;
  private @Nullable String sourceParameter;
  private @Nullable String extensionsCode;
  private @Nullable String path;

  private StreamedErrorRow(@Nullable LongConsumer charge, byte @Nullable [] utf8) {
    this.charge = charge;
    this.utf8 = utf8;
  }

  /**
   * Rows whose every token is charged to the tree's budget.
   *
   * @param charge charges a cost, in estimated heap bytes, to the tree's budget
   */
  static StreamedErrorRow charging(LongConsumer charge) {
    return new StreamedErrorRow(charge, null);
  }

  /**
   * Rows for a body whose budget covers the most any body of its length could cost: no
   * token is charged, and a string the rule does not read is parsed past, never decoded
   * (it had been decoded only to learn its length), as {@link JsonTree} does with the root
   * members no format reads, under the same condition.
   *
   * @param utf8 the input, when the parser, a {@link ParserBase}, reads these bytes; else null
   */
  static StreamedErrorRow uncharged(byte @Nullable [] utf8) {
    return new StreamedErrorRow(null, utf8);
  }

  /**
   * Reads the object whose {@code START_OBJECT} the parser has just returned (and which is
   * already charged), up to its {@code END_OBJECT}, and adds its entry to {@code into}.
   *
   * @throws IOException as the parser does, on input that ends or goes wrong inside it
   */
  void read(JsonParser p, ErrorEntries.Collector into) throws IOException {
    reset();
    // Inside an object the parser gives member names until its end (it checks the syntax).
    while (next(p) != JsonToken.END_OBJECT) {
      String member = p.currentName();
      JsonToken value = next(p);
      if (value == JsonToken.START_OBJECT && member.equals("source")) {
        chargeStart(value);
        readNested(p, into, true);
      } else if (value == JsonToken.START_OBJECT && member.equals("extensions")) {
        chargeStart(value);
        readNested(p, into, false);
      } else if (value == JsonToken.START_ARRAY && member.equals("path")) {
        chargeStart(value);
        path = joinedPath(p, into);
      } else if (value.isStructStart()) {
        chargeStart(value);
        set(member, null, p, into); // an object or an array where the rule reads a string
        skip(p);
      } else {
        chargeScalar(p, value);
        set(member, value, p, into);
      }
    }
    // Every value is already the collector's shared one (text, code and path share as they are read).
    into.add(field(), code != null ? code : extensionsCode, title, detail());
  }

  private @Nullable String field() {
    String f = first(pointer, field, name, param, parameter);
    return f != null ? f : first(sourcePointer, sourceParameter, target, path, null);
  }

  private static @Nullable String first(
      @Nullable String a, @Nullable String b, @Nullable String c, @Nullable String d, @Nullable String e) {
    return a != null ? a : b != null ? b : c != null ? c : d != null ? d : e;
  }

  private @Nullable String detail() {
    if (detail != null) {
      return detail;
    }
    String m = message != null ? message : hasMessage ? null : awsMessage;
    return m != null ? m : msg;
  }

  private void reset() {
    pointer = field = name = param = parameter = target = title = detail = null;
    message = awsMessage = msg = code = null;
    sourcePointer = sourceParameter = extensionsCode = path = null;
    hasMessage = false;
  }

  /**
   * The last occurrence of {@code member} has the value {@code scalar}, the parser's current
   * token (null for an object or an array): the slot the rule reads it into takes its string
   * (or code), or null for a value of another type; a member the rule does not read changes
   * nothing, and no string is made for it.
   */
  private void set(String member, @Nullable JsonToken scalar, JsonParser p, ErrorEntries.Collector into)
      throws IOException {
    boolean string = scalar == JsonToken.VALUE_STRING;
    switch (member) {
      case "pointer" -> pointer = string ? text(p, into, POINTER_COLUMN) : null;
      case "field" -> field = string ? text(p, into, FIELD_COLUMN) : null;
      case "name" -> name = string ? text(p, into, NAME_COLUMN) : null;
      case "param" -> param = string ? text(p, into, PARAM_COLUMN) : null;
      case "parameter" -> parameter = string ? text(p, into, PARAMETER_COLUMN) : null;
      case "target" -> target = string ? text(p, into, TARGET_COLUMN) : null;
      case "title" -> title = string ? text(p, into, TITLE_COLUMN) : null;
      case "detail" -> detail = string ? text(p, into, DETAIL_COLUMN) : null;
      case "message" -> {
        message = string ? text(p, into, MESSAGE_COLUMN) : null;
        hasMessage = true; // any value, null included: then Message is not read
      }
      case "Message" -> awsMessage = string ? text(p, into, AWS_MESSAGE_COLUMN) : null;
      case "msg" -> msg = string ? text(p, into, MSG_COLUMN) : null;
      case "code" -> code = scalar == null ? null : code(p, scalar, into, CODE_COLUMN);
      case "path" -> path = string ? text(p, into, PATH_COLUMN) : null;
      case "source" -> sourcePointer = sourceParameter = null;
      case "extensions" -> extensionsCode = null;
      default -> {
        // not read by the rule
      }
    }
  }

  /**
   * An object the rule reads one level into (its {@code START_OBJECT} read and charged):
   * {@code source}, for its string {@code pointer} and {@code parameter}, or
   * {@code extensions}, for its {@code code}; the last occurrence of each counts.
   */
  private void readNested(JsonParser p, ErrorEntries.Collector into, boolean source) throws IOException {
    if (source) {
      sourcePointer = sourceParameter = null;
    } else {
      extensionsCode = null;
    }
    // Inside an object the parser gives member names until its end (it checks the syntax).
    while (next(p) != JsonToken.END_OBJECT) {
      String member = p.currentName();
      JsonToken value = next(p);
      boolean read = source ? member.equals("pointer") || member.equals("parameter") : member.equals("code");
      String text = null;
      if (value.isStructStart()) {
        chargeStart(value);
        skip(p);
      } else {
        chargeScalar(p, value);
        if (read) {
          int column = !source ? EXTENSIONS_CODE_COLUMN
              : member.equals("pointer") ? SOURCE_POINTER_COLUMN : SOURCE_PARAMETER_COLUMN;
          text = !source ? code(p, value, into, column)
              : value == JsonToken.VALUE_STRING ? text(p, into, column) : null;
        }
      }
      if (!read) {
        continue;
      }
      if (!source) {
        extensionsCode = text;
      } else if (member.equals("pointer")) {
        sourcePointer = text;
      } else {
        sourceParameter = text;
      }
    }
  }

  /**
   * A {@code path} array (its {@code START_ARRAY} read and charged): its strings and integers
   * joined with {@code .}; null when empty or holding anything else.
   */
  private @Nullable String joinedPath(JsonParser p, ErrorEntries.Collector into) throws IOException {
    StringBuilder sb = null;
    boolean valid = true;
    JsonToken t;
    while ((t = next(p)) != JsonToken.END_ARRAY) {
      if (t.isStructStart()) {
        chargeStart(t);
        skip(p);
        valid = false;
        continue;
      }
      chargeScalar(p, t);
      String part = t == JsonToken.VALUE_STRING ? p.getText()
          : t == JsonToken.VALUE_NUMBER_INT ? integerText(p) : null;
      if (part == null) {
        valid = false;
      } else if (valid) {
        sb = sb == null ? new StringBuilder() : sb.append('.');
        sb.append(part);
      }
    }
    return valid && sb != null ? into.share(sb.toString()) : null;
  }

  /** A code: a non-blank string as is, an integer in decimal; null for anything else. */
  private @Nullable String code(JsonParser p, JsonToken value, ErrorEntries.Collector into, int column)
      throws IOException {
    if (value == JsonToken.VALUE_STRING) {
      String text = text(p, into, column);
      return text.isBlank() ? null : text;
    }
    return value == JsonToken.VALUE_NUMBER_INT ? into.share(integerText(p)) : null;
  }

  /** An integer as its node's text: the same digits {@code asText()} gives (no sign of zero, no exponent). */
  private static String integerText(JsonParser p) throws IOException {
    return switch (p.getNumberType()) {
      case INT -> Integer.toString(p.getIntValue());
      case LONG -> Long.toString(p.getLongValue());
      default -> p.getBigIntegerValue().toString();
    };
  }

  /**
   * The current string, shared among the rows' equal values of its column (the member it
   * is the value of: the numbers in {@link #set} and {@link #readNested}, each member its own).
   */
  private String text(JsonParser p, ErrorEntries.Collector into, int column) throws IOException {
    byte[] input = utf8;
    if (input != null) {
      long at = ((ParserBase) p).getTokenCharacterOffset();
      long start = JsonTree.stringContentStart(at, at > 0 ? input[(int) at - 1] : -1);
      String same = into.sameAsLast(column, input, (int) start);
      if (same != null) {
        return same; // the parser passes over the string unread at its next token
      }
    }
    return into.share(column, p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
  }

  /** Reads past the rest of the container just opened, charging each token. */
  private void skip(JsonParser p) throws IOException {
    int open = 1;
    while (open > 0) {
      JsonToken t = next(p);
      if (t.isStructStart()) {
        chargeStart(t);
        open++;
      } else if (t.isStructEnd()) {
        open--;
      } else if (t != JsonToken.FIELD_NAME) {
        chargeScalar(p, t);
      }
    }
  }

  /** Charges a container opened inside the row. */
  private void chargeStart(JsonToken t) {
    if (charge == null) {
      return;
    }
    charge.accept(t == JsonToken.START_OBJECT ? JsonTree.OBJECT_COST : JsonTree.ARRAY_COST);
  }

  /** Charges the scalar just read as its node would have cost, in its object or array. */
  private void chargeScalar(JsonParser p, JsonToken t) throws IOException {
    if (charge == null) {
      return; // and the string's length is not asked: that would decode it
    }
    JsonStreamContext parent = p.getParsingContext();
    String member = parent.inObject() ? parent.getCurrentName() : null;
    int textLength = t == JsonToken.VALUE_STRING ? p.getTextLength() : -1;
    charge.accept(JsonTree.cost(textLength, parent.inObject(), member));
  }

  private static JsonToken next(JsonParser p) throws IOException {
    JsonToken t = p.nextToken();
    if (t == null) {
      throw new JsonEOFException(p, null, "end of input in a row of errors");
    }
    return t;
  }
}
