package dev.apierrors;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apierrors.internal.BodyText;
import dev.apierrors.internal.ErrorEntries;
import dev.apierrors.internal.Json;
import dev.apierrors.internal.JsonTree;
import dev.apierrors.internal.PlainValues;
import dev.apierrors.internal.ReasonPhrases;
import dev.apierrors.internal.Redaction;
import dev.apierrors.internal.SpiAccess;
import dev.apierrors.spi.ValueConverter;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectStreamField;
import java.io.Serializable;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import dev.apierrors.internal.OneLine;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.RandomAccess;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * What a server said in one error response, in one normalized shape whatever the
 * API's error format: RFC 9457 problem details, OAuth 2.0 errors, the common
 * {@code {"code","message"}} and {@code {"errors":[...]}} shapes, HTML error pages,
 * plain text and others ({@link #format()} names which).
 *
 * <p>Field names follow RFC 9457 ({@code type}, {@code title}, {@code detail},
 * {@code instance}); {@link #title()} is always present (the status's reason phrase
 * when the body has none). {@link #toString()} is one bounded line that never shows a
 * credential.
 *
 * <p>No type of a JSON library appears here: {@link #extensions()} are plain Java values,
 * and {@link #bodyAs(Class)} and {@link #extension(String, Class)} convert through the
 * decoder's {@link ValueConverter} (your own Jackson 2 or 3 mapper, or a private default).
 *
 * <p>Memory: the error keeps the body's bytes; their text and JSON values are derived from
 * them when first asked for, and kept only for a body of at most 64 KiB. So an error retains about its body's size, whatever the body holds.
 *
 * <p>Serializable: a deserialized error has every field, its raw body and its extensions
 * (with any credential the SDK knew of masked: the credentials themselves are never
 * written), and converts with the default {@link ValueConverter}, not the decoder's.
 *
 * <p>Thread-safety: immutable; byte arrays are copied on the way in and out.
 */
public final class ApiError implements Serializable {
  private static final long serialVersionUID = 1L;

  /** No field is serialized as is: an error is written as its serialized form (writeReplace). */
  private static final ObjectStreamField[] serialPersistentFields = {};

  /** The largest body whose text and parsed values an error keeps once derived: 64 KiB. */
  private static final int KEPT_BODY_BYTES = 64 * 1024;
  /** The body of an error built without one. */
  private static final byte[] NO_BYTES = new byte[0];

  static {
    // The decoder hands over its own bytes without a copy; nothing outside core can.
    SpiAccess.installBodyAdopter(
        (builder, bytes, charset, text, truncated, cut, json, fieldMembers) ->
            builder.adoptBody(bytes, charset, text, truncated, cut, json, fieldMembers));
  }

  private final int status;
  private final String format;
  private final @Nullable BuiltInFormat builtInFormat;
  private final String title;
  private final @Nullable String detail;
  private final @Nullable String code;
  private final @Nullable String type;
  private final @Nullable String instance;
  private final List<ErrorEntry> errors;
  private final @Nullable String requestId;
  private final List<Challenge> challenges;
  private final OptionalLong retryAfterMillis;
  private final @Nullable RateLimit rateLimit;
  private final byte[] rawBody;
  private final Charset charset;
  private final boolean truncated;
  /** Whether the body ended early (limit or dropped connection): JSON is read from its complete members. */
  private final boolean cut;
  /** False when the decoder found the body is not JSON: then it is never parsed again. */
  private final boolean mayBeJson;
  /** The extensions given to the builder; null when they are read from the body. */
  private final @Nullable Map<String, @Nullable Object> givenExtensions;
  /** The top-level members fields were read from: not extensions. */
  private final Set<String> fieldMembers;
  private final ValueConverter converter;
  private final @Nullable String requestMethod;
  private final @Nullable String requestUrl;
  private final Set<String> secrets;
  /** The body's text, kept only for a small body. */
  private volatile @Nullable String text;
  /** The body's JSON values, kept only for a small body. */
  private volatile @Nullable Parsed parsed;

  /** The body read as JSON: whether it is JSON, its plain value, and its extensions. */
  private record Parsed(boolean json, @Nullable Object value, Map<String, @Nullable Object> extensions) {}

  private ApiError(Builder b) {
    this.status = b.status;
    this.format = b.format;
    this.builtInFormat = b.builtInFormat;
    this.title = b.title;
    this.detail = b.detail;
    this.code = b.code;
    this.type = b.type;
    this.instance = b.instance;
    this.requestId = b.requestId;
    this.retryAfterMillis = b.retryAfterMillis;
    this.rateLimit = b.rateLimit;
    this.rawBody = b.rawBody;
    this.charset = b.charset;
    this.truncated = b.truncated;
    this.cut = b.cut;
    this.mayBeJson = b.mayBeJson;
    this.givenExtensions = b.givenExtensions;
    // Immutable, or the pipeline's own set handed over by adoptBody (never changed after,
    // never shown: only asked whether it holds a name).
    this.fieldMembers = b.fieldMembers;
    this.converter = b.converter;
    this.text = b.rawBody.length <= KEPT_BODY_BYTES ? b.text : null;
    this.requestMethod = b.requestMethod;
    // One scan tells, for nearly every URL, that there is nothing to mask or collect.
    String url = b.requestUrl;
    boolean secretParams = url != null && Redaction.mayHaveSecretParam(url);
    this.requestUrl = url == null || (!secretParams && url.indexOf('@') < 0) ? url : Redaction.redactUrl(url);
    Set<String> urlSecrets = secretParams ? Redaction.urlSecretValues(url) : Set.of();
    if (urlSecrets.isEmpty()) {
      this.secrets = b.secrets; // already an immutable copy (Builder.secrets)
    } else {
      Set<String> allSecrets = new LinkedHashSet<>(b.secrets);
      allSecrets.addAll(urlSecrets);
      this.secrets = Collections.unmodifiableSet(allSecrets);
    }
    this.errors = masking(b.errors, secrets, ErrorEntry::masking);
    this.challenges = masking(b.challenges, secrets, Challenge::masking);
  }

  /**
   * The values, each masking {@code secrets} in its own {@code toString()} too: a view
   * that masks each value as it is read, so that a list of 500,000 entries is not copied
   * to be shown ten at a time; the list itself when there is nothing to mask or no value
   * (most errors have no entries and no challenge). The builder's
   * setters have already made {@code values} an immutable copy.
   */
  private static <T> List<T> masking(List<T> values, Set<String> secrets, BiFunction<T, Set<String>, T> mask) {
    return secrets.isEmpty() || values.isEmpty() ? values : new MaskingList<>(values, secrets, mask);
  }

  /** An unmodifiable view of {@code values} handing out each one masking {@code secrets}. */
  private static final class MaskingList<T> extends AbstractList<T> implements RandomAccess {
    private final List<T> values;
    private final Set<String> secrets;
    private final BiFunction<T, Set<String>, T> mask;

    MaskingList(List<T> values, Set<String> secrets, BiFunction<T, Set<String>, T> mask) {
      this.values = values;
      this.secrets = secrets;
      this.mask = mask;
    }

    @Override
    public T get(int index) {
      return mask.apply(values.get(index), secrets);
    }

    @Override
    public int size() {
      return values.size();
    }
  }

  /**
   * Returns a builder for an error with this status, for tests and for code that
   * builds errors without a response. The title defaults to the reason phrase.
   *
   * @param status the HTTP status, 100..999
   * @return a new builder
   * @throws IllegalArgumentException if {@code status} is not in 100..999
   */
  public static Builder builder(int status) {
    return new Builder(status);
  }

  /** {@return the HTTP status of the response (never a {@code status} member of the body)} */
  public int status() {
    return status;
  }

  /** {@return which format decoded the body, e.g. {@code problem_json}, {@code plain_text}} */
  public String format() {
    return format;
  }

  /**
   * Which built-in format decoded the body, as a constant to switch on.
   *
   * @return the built-in format; empty when a format added with
   *     {@link ErrorDecoder.Builder#addFormat} decoded the body (whatever its name)
   */
  public Optional<BuiltInFormat> builtInFormat() {
    return Optional.ofNullable(builtInFormat);
  }

  /** {@return a short summary: the body's title, else the status's reason phrase} Never empty. */
  public String title() {
    return title;
  }

  /** {@return the human-readable explanation, when the body gave one} */
  public Optional<String> detail() {
    return Optional.ofNullable(detail);
  }

  /** {@return the machine-readable error code, when there is one} */
  public Optional<String> code() {
    return Optional.ofNullable(code);
  }

  /** {@return the problem type URI (problem formats only; {@code about:blank} when the problem has none)} */
  public Optional<String> type() {
    return Optional.ofNullable(type);
  }

  /** {@return the problem instance URI (problem formats only)} */
  public Optional<String> instance() {
    return Optional.ofNullable(instance);
  }

  /**
   * {@return the individual errors (e.g. one per invalid field); empty when none} Their
   * {@code toString()} masks this error's credentials too.
   */
  public List<ErrorEntry> errors() {
    return errors;
  }

  /**
   * The body's other top-level JSON members (those no field was read from), in document
   * order, as plain values: {@code String}; {@code Long} for an integer, or
   * {@code BigInteger} beyond {@code long}'s range; {@code Double} for any other number;
   * {@code Boolean}; unmodifiable {@code List} and {@code Map<String, Object>} of those; and
   * {@code null} for JSON null. Empty when the body is not a JSON object. Unmodifiable all
   * the way down.
   *
   * <p>Read from the body when first asked for, and kept when the body is at most
   * 64 KiB; a larger body is read again on each call (so an
   * error never keeps a large parsed tree alive): call this once and keep the map.
   *
   * @return the extension members by name, in document order
   */
  public Map<String, @Nullable Object> extensions() {
    Map<String, @Nullable Object> given = givenExtensions;
    return given != null ? given : parsed().extensions;
  }

  /**
   * One extension member converted to {@code type} by the decoder's
   * {@link ValueConverter}, e.g. {@code extension("balance", Integer.class)}.
   *
   * @param <T> the type to convert to
   * @param name the member's name, as in the body
   * @param type the class to convert the member to
   * @return empty when the member is absent or JSON null
   * @throws ErrorConversionException when the member does not convert to {@code type}
   */
  public <T> Optional<T> extension(String name, Class<T> type) {
    Objects.requireNonNull(type, "type");
    return convert(extensions().get(Objects.requireNonNull(name, "name")), type, type, name);
  }

  /**
   * Like {@link #extension(String, Class)}, for a generic type such as {@code List<Item>}
   * (e.g. {@code new TypeReference<List<Item>>() {}.getType()} with Jackson). The result
   * is checked against the type's class, not against its type arguments.
   *
   * @param <T> the type to convert to
   * @param name the member's name, as in the body
   * @param type the type to convert the member to
   * @return empty when the member is absent or JSON null
   * @throws ErrorConversionException when the member does not convert to {@code type}
   */
  public <T> Optional<T> extension(String name, Type type) {
    Objects.requireNonNull(type, "type");
    return convert(extensions().get(Objects.requireNonNull(name, "name")), type, rawClass(type), name);
  }

  /**
   * The whole JSON body converted to the caller's own type (a record of their API's error
   * shape) by the decoder's {@link ValueConverter}: with the default one, unknown members
   * are ignored and polymorphic typing is never enabled. A JSON object cut by the body
   * limit converts from its complete members.
   *
   * @param <T> the type to convert to
   * @param type the class to convert the body to
   * @return empty when the body is not JSON, or is JSON null
   * @throws ErrorConversionException when the body is JSON but does not convert to {@code type}
   */
  public <T> Optional<T> bodyAs(Class<T> type) {
    Objects.requireNonNull(type, "type");
    Parsed body = parsed();
    return body.json ? convert(body.value, type, type, null) : Optional.empty();
  }

  /**
   * Like {@link #bodyAs(Class)}, for a generic type such as {@code Map<String, Item>}. The
   * result is checked against the type's class, not against its type arguments.
   *
   * @param <T> the type to convert to
   * @param type the type to convert the body to
   * @return empty when the body is not JSON, or is JSON null
   * @throws ErrorConversionException when the body is JSON but does not convert to {@code type}
   */
  public <T> Optional<T> bodyAs(Type type) {
    Objects.requireNonNull(type, "type");
    Parsed body = parsed();
    return body.json ? convert(body.value, type, rawClass(type), null) : Optional.empty();
  }

  /** {@return the request id the server assigned ({@code X-Request-Id}, {@code CF-Ray}, ...)} */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }

  /** {@return the parsed {@code WWW-Authenticate} challenges; empty when none} */
  public List<Challenge> challenges() {
    return challenges;
  }

  /** {@return how long the server asked to wait before retrying, in milliseconds} */
  public OptionalLong retryAfterMillis() {
    return retryAfterMillis;
  }

  /** {@return {@link #retryAfterMillis()} as a {@link Duration}} */
  public Optional<Duration> retryAfter() {
    return retryAfterMillis.isPresent()
        ? Optional.of(Duration.ofMillis(retryAfterMillis.getAsLong()))
        : Optional.empty();
  }

  /** {@return the rate-limit state the response announced} */
  public Optional<RateLimit> rateLimit() {
    return Optional.ofNullable(rateLimit);
  }

  /** {@return a copy of the body bytes read (at most the decoder's limit)} */
  public byte[] rawBody() {
    return rawBody.clone();
  }

  /**
   * The body bytes read, as text in their charset (bad bytes become U+FFFD, a leading
   * byte-order mark is dropped). Decoded again on each call for a body over 64 KiB.
   *
   * @return the body's text
   */
  public String rawBodyText() {
    String t = text;
    if (t == null) {
      t = BodyText.decodeWith(rawBody, charset);
      if (rawBody.length <= KEPT_BODY_BYTES) {
        text = t;
      }
    }
    return t;
  }

  /** {@return whether the body was longer than the decoder's limit and was cut} */
  public boolean truncated() {
    return truncated;
  }

  /** {@return the request's method, when known} */
  public Optional<String> requestMethod() {
    return Optional.ofNullable(requestMethod);
  }

  /** {@return the request's URL with secret query parameters and user-info redacted, when known} */
  public Optional<String> requestUrl() {
    return Optional.ofNullable(requestUrl);
  }

  /** Removes every known credential from {@code text}. */
  String scrub(String text) {
    return Redaction.scrub(text, secrets);
  }

  private Parsed parsed() {
    Parsed p = parsed;
    if (p == null) {
      p = parse();
      if (rawBody.length <= KEPT_BODY_BYTES) {
        parsed = p;
      }
    }
    return p;
  }

  /** Reads the body as JSON, as the decoder did: the same text, the same rule for a cut body. */
  private Parsed parse() {
    Map<String, @Nullable Object> given = givenExtensions;
    JsonNode tree = mayBeJson ? JsonTree.parse(rawBodyText(), cut).orElse(null) : null;
    if (tree == null) {
      return new Parsed(false, null, given != null ? given : Map.of());
    }
    Object value = PlainValues.of(tree);
    if (given != null) {
      return new Parsed(true, value, given);
    }
    if (!(value instanceof Map<?, ?> object)) {
      return new Parsed(true, value, Map.of());
    }
    @SuppressWarnings("unchecked")
    Map<String, @Nullable Object> members = (Map<String, @Nullable Object>) object;
    if (fieldMembers.isEmpty()) {
      return new Parsed(true, value, members);
    }
    Map<String, @Nullable Object> extensions = new LinkedHashMap<>();
    members.forEach((name, member) -> {
      if (!fieldMembers.contains(name)) {
        extensions.put(name, member);
      }
    });
    return new Parsed(true, value, Collections.unmodifiableMap(extensions));
  }

  /**
   * Converts a plain value through the converter, and checks what comes back.
   *
   * @param member the extension's name; null for the whole body
   */
  private <T> Optional<T> convert(@Nullable Object value, Type target, Class<?> expected,
      @Nullable String member) {
    if (value == null) {
      return Optional.empty();
    }
    Object result;
    try {
      result = converter.convert(value, target);
    } catch (Exception | StackOverflowError e) {
      String reason = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
      String masked = scrub(reason);
      throw new ErrorConversionException(conversionMessage(member, target, masked),
          masked.equals(reason) ? e : null);
    }
    if (result == null) {
      return Optional.empty();
    }
    if (!boxed(expected).isInstance(result)) {
      throw new ErrorConversionException(conversionMessage(member, target,
          "the converter returned a " + result.getClass().getName()), null);
    }
    @SuppressWarnings("unchecked")
    T typed = (T) result;
    return Optional.of(typed);
  }

  private String conversionMessage(@Nullable String member, Type target, String reason) {
    String what = member == null ? "the body" : "extension \"" + BodyText.clip(member) + '"';
    return OneLine.text("cannot convert " + what + " to " + target.getTypeName() + ": " + reason,
        secrets, ApiException.MAX_MESSAGE_LENGTH);
  }

  /** The class a value of {@code type} is an instance of; Object when it can't be told. */
  private static Class<?> rawClass(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
      return c;
    }
    return type instanceof GenericArrayType ? Object[].class : Object.class;
  }

  private static Class<?> boxed(Class<?> type) {
    if (!type.isPrimitive()) {
      return type;
    }
    return switch (type.getName()) {
      case "int" -> Integer.class;
      case "long" -> Long.class;
      case "double" -> Double.class;
      case "boolean" -> Boolean.class;
      case "float" -> Float.class;
      case "short" -> Short.class;
      case "byte" -> Byte.class;
      case "char" -> Character.class;
      default -> Void.class;
    };
  }

  /** The credentials this error masks (never shown). */
  Set<String> secrets() {
    return secrets;
  }

  /**
   * One line of at most 2,000 characters, whatever the body held: the members present,
   * each cut at 300 characters, control characters escaped, at most 10 {@code errors}
   * followed by how many more there are ({@code … 499,990 more}), the request with its URL
   * redacted, and every known credential masked. Neither the raw body nor the extensions.
   */
  @Override
  public String toString() {
    return OneLine.of("ApiError", secrets)
        .add("status", status)
        .add("format", format)
        .add("title", title)
        .add("detail", detail)
        .add("code", code)
        .add("type", type)
        .add("instance", instance)
        .list("errors", errors)
        .add("requestId", requestId)
        .add("retryAfterMillis", retryAfterMillis.isPresent() ? retryAfterMillis.getAsLong() : null)
        .add("rateLimit", rateLimit)
        .add("request", requestMethod == null ? null : requestMethod + (requestUrl == null ? "" : " " + requestUrl))
        .flag("truncated", truncated)
        .toString();
  }

  /**
   * Serialized as its {@code SerializedForm}: the credentials it knows of are never written.
   *
   * @return the serialized form
   */
  private Object writeReplace() {
    return new SerializedForm(this);
  }

  /**
   * A stream that claims to hold an ApiError itself was not written by this class.
   *
   * @param in the stream
   * @throws InvalidObjectException always
   */
  private void readObject(ObjectInputStream in) throws InvalidObjectException {
    throw new InvalidObjectException("an ApiError is read through its serialized form");
  }

  /**
   * The serialized form of an {@link ApiError}: its fields as strings and numbers, the raw
   * body bytes, and the extensions given to the builder as plain values. Every string is
   * written with the error's known credentials masked, and so is a raw body that contains
   * one (then as UTF-8 text); the credentials themselves are not written. The value
   * converter is not written: a deserialized error converts with the default one.
   */
  private static final class SerializedForm implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String format;
    private final @Nullable BuiltInFormat builtInFormat;
    private final String title;
    private final @Nullable String detail;
    private final @Nullable String code;
    private final @Nullable String type;
    private final @Nullable String instance;
    private final ArrayList<@Nullable String[]> errors = new ArrayList<>();
    private final @Nullable String requestId;
    private final ArrayList<String[]> challenges = new ArrayList<>();
    private final long retryAfterMillis;
    private final long @Nullable [] rateLimit;
    private final byte[] rawBody;
    private final String charset;
    private final boolean truncated;
    private final boolean cut;
    private final boolean mayBeJson;
    private final @Nullable LinkedHashMap<String, @Nullable Object> givenExtensions;
    private final ArrayList<String> fieldMembers;
    private final @Nullable String requestMethod;
    private final @Nullable String requestUrl;

    SerializedForm(ApiError e) {
      status = e.status;
      format = e.scrub(e.format);
      builtInFormat = e.builtInFormat;
      title = e.scrub(e.title);
      detail = scrubbed(e, e.detail);
      code = scrubbed(e, e.code);
      type = scrubbed(e, e.type);
      instance = scrubbed(e, e.instance);
      for (ErrorEntry entry : e.errors) {
        errors.add(new String[] {scrubbed(e, entry.field().orElse(null)), scrubbed(e, entry.code().orElse(null)),
            scrubbed(e, entry.title().orElse(null)), scrubbed(e, entry.detail().orElse(null))});
      }
      requestId = scrubbed(e, e.requestId);
      for (Challenge c : e.challenges) {
        // scheme, token68 (or null), then the parameters' names and values.
        List<@Nullable String> fields = new ArrayList<>();
        fields.add(e.scrub(c.scheme()));
        fields.add(scrubbed(e, c.token68().orElse(null)));
        c.params().forEach((name, value) -> {
          fields.add(name);
          fields.add(e.scrub(value));
        });
        challenges.add(fields.toArray(new String[0]));
      }
      retryAfterMillis = e.retryAfterMillis.orElse(-1);
      RateLimit limit = e.rateLimit;
      rateLimit = limit == null ? null : new long[] {
          limit.limit().orElse(-1), limit.remaining().orElse(-1), limit.resetMillis().orElse(-1)};
      String text = e.rawBodyText();
      String masked = e.scrub(text);
      if (masked.equals(text)) {
        rawBody = e.rawBody;
        charset = e.charset.name();
      } else {
        rawBody = masked.getBytes(StandardCharsets.UTF_8);
        charset = StandardCharsets.UTF_8.name();
      }
      truncated = e.truncated;
      cut = e.cut;
      mayBeJson = e.mayBeJson;
      givenExtensions = e.givenExtensions == null ? null : scrubbedMembers(e, e.givenExtensions);
      fieldMembers = new ArrayList<>(e.fieldMembers);
      requestMethod = scrubbed(e, e.requestMethod);
      requestUrl = e.requestUrl;
    }

    private static @Nullable String scrubbed(ApiError e, @Nullable String value) {
      return value == null ? null : e.scrub(value);
    }

    private static LinkedHashMap<String, @Nullable Object> scrubbedMembers(ApiError e, Map<String, ?> members) {
      LinkedHashMap<String, @Nullable Object> copy = new LinkedHashMap<>();
      members.forEach((name, value) -> copy.put(e.scrub(name), scrubbedValue(e, value)));
      return copy;
    }

    private static @Nullable Object scrubbedValue(ApiError e, @Nullable Object value) {
      if (value instanceof String s) {
        return e.scrub(s);
      }
      if (value instanceof Map<?, ?> map) {
        @SuppressWarnings("unchecked")
        Map<String, ?> members = (Map<String, ?>) map;
        return scrubbedMembers(e, members);
      }
      if (value instanceof List<?> list) {
        ArrayList<@Nullable Object> copy = new ArrayList<>(list.size());
        list.forEach(element -> copy.add(scrubbedValue(e, element)));
        return copy;
      }
      return value;
    }

    private Object readResolve() throws InvalidObjectException {
      try {
        Builder b = builder(status);
        if (builtInFormat != null) {
          b.format(builtInFormat);
        } else {
          b.format(format);
        }
        b.title(title).detail(detail).code(code)
            .type(type).instance(instance).requestId(requestId)
            .retryAfterMillis(retryAfterMillis < 0 ? OptionalLong.empty() : OptionalLong.of(retryAfterMillis))
            .request(requestMethod, requestUrl);
        List<ErrorEntry> entries = new ArrayList<>();
        for (String[] f : errors) {
          entries.add(ErrorEntry.of(f[0], f[1], f[2], f[3]));
        }
        List<Challenge> parsedChallenges = new ArrayList<>();
        for (String[] f : challenges) {
          Map<String, String> params = new LinkedHashMap<>();
          for (int i = 2; i + 1 < f.length; i += 2) {
            params.put(f[i], f[i + 1]);
          }
          parsedChallenges.add(Challenge.of(f[0], f[1], params));
        }
        b.errors(entries).challenges(parsedChallenges);
        if (rateLimit != null) {
          b.rateLimit(RateLimit.of(present(rateLimit[0]), present(rateLimit[1]), present(rateLimit[2])));
        }
        b.adoptBody(rawBody.clone(), Charset.forName(charset), null, truncated, cut, mayBeJson,
            Set.copyOf(fieldMembers));
        if (givenExtensions != null) {
          b.extensions(givenExtensions);
        }
        return b.build();
      } catch (RuntimeException e) {
        InvalidObjectException invalid = new InvalidObjectException("not a valid ApiError: " + e.getMessage());
        invalid.initCause(e);
        throw invalid;
      }
    }

    private static OptionalLong present(long value) {
      return value < 0 ? OptionalLong.empty() : OptionalLong.of(value);
    }
  }

  /**
   * Builds an {@link ApiError}. Every member but the status is optional. Not
   * thread-safe; the byte array and the extensions given are copied.
   */
  public static final class Builder {
    private final int status;
    private String format = BuiltInFormat.EMPTY.wireName();
    private @Nullable BuiltInFormat builtInFormat = BuiltInFormat.EMPTY;
    private String title;
    private @Nullable String detail;
    private @Nullable String code;
    private @Nullable String type;
    private @Nullable String instance;
    private List<ErrorEntry> errors = List.of();
    private @Nullable Map<String, @Nullable Object> givenExtensions = Map.of();
    private Set<String> fieldMembers = Set.of();
    private @Nullable String requestId;
    private List<Challenge> challenges = List.of();
    private OptionalLong retryAfterMillis = OptionalLong.empty();
    private @Nullable RateLimit rateLimit;
    /** No body yet: a shared empty array (never written to; {@link ApiError#rawBody()} copies). */
    private byte[] rawBody = NO_BYTES;
    private Charset charset = StandardCharsets.UTF_8;
    private @Nullable String text;
    private boolean truncated;
    private boolean cut;
    private boolean mayBeJson = true;
    private ValueConverter converter = Json.defaultConverter();
    private @Nullable String requestMethod;
    private @Nullable String requestUrl;
    private Set<String> secrets = Set.of();

    private Builder(int status) {
      if (status < 100 || status > 999) {
        throw new IllegalArgumentException("status must be a 3-digit HTTP status, was " + status);
      }
      this.status = status;
      this.title = ReasonPhrases.of(status);
    }

    /**
     * Sets the name of a custom format; {@link ApiError#builtInFormat()} is then empty.
     * The default is {@link BuiltInFormat#EMPTY}.
     *
     * @param format the custom format's name, not blank
     * @return this builder
     * @throws IllegalArgumentException if {@code format} is blank
     */
    public Builder format(String format) {
      this.format = requireText(format, "format");
      this.builtInFormat = null;
      return this;
    }

    /**
     * Sets a built-in format: {@link ApiError#format()} is then its wire name.
     *
     * @param format the built-in format
     * @return this builder
     */
    public Builder format(BuiltInFormat format) {
      this.format = format.wireName();
      this.builtInFormat = format;
      return this;
    }

    /**
     * Sets the title (default: the reason phrase).
     *
     * @param title the title
     * @return this builder
     */
    public Builder title(String title) {
      this.title = requireText(title, "title");
      return this;
    }

    /**
     * Sets the detail; null for none.
     *
     * @param detail the detail, or null for none
     * @return this builder
     */
    public Builder detail(@Nullable String detail) {
      this.detail = detail;
      return this;
    }

    /**
     * Sets the code; null for none.
     *
     * @param code the code, or null for none
     * @return this builder
     */
    public Builder code(@Nullable String code) {
      this.code = code;
      return this;
    }

    /**
     * Sets the problem type; null for none.
     *
     * @param type the problem type, or null for none
     * @return this builder
     */
    public Builder type(@Nullable String type) {
      this.type = type;
      return this;
    }

    /**
     * Sets the problem instance; null for none.
     *
     * @param instance the problem instance, or null for none
     * @return this builder
     */
    public Builder instance(@Nullable String instance) {
      this.instance = instance;
      return this;
    }

    /**
     * Sets the error entries.
     *
     * @param errors the error entries
     * @return this builder
     */
    public Builder errors(List<ErrorEntry> errors) {
      this.errors = ErrorEntries.copyOf(errors);
      return this;
    }

    /**
     * Sets the extension members (default: none), copied into the plain form of
     * {@link ApiError#extensions()}: {@code Integer}, {@code Short} and {@code Byte} become
     * {@code Long}, {@code Float} and {@code BigDecimal} become {@code Double}, any
     * collection a {@code List}.
     *
     * @throws IllegalArgumentException if a value is of another type (a {@code String},
     *     {@code Number}, {@code Boolean}, {@code Map} with string keys, {@code Collection}
     *     or null is expected), or is nested deeper than 500 levels
     * @param extensions the extension members by name
     * @return this builder
     */
    public Builder extensions(Map<String, ?> extensions) {
      this.givenExtensions = PlainValues.copyOf(extensions);
      this.fieldMembers = Set.of();
      return this;
    }

    /**
     * Sets the raw body bytes (copied), the charset of their text, and whether the body
     * was cut. {@link ApiError#bodyAs(Class)} reads them as JSON.
     *
     * @param rawBody the body bytes read (copied)
     * @param charset the charset of the body's text
     * @param truncated whether the body was longer than the bytes read
     * @return this builder
     */
    public Builder rawBody(byte[] rawBody, Charset charset, boolean truncated) {
      this.rawBody = rawBody.clone();
      this.charset = Objects.requireNonNull(charset, "charset");
      this.text = null;
      this.truncated = truncated;
      this.cut = truncated;
      this.mayBeJson = true;
      return this;
    }

    /** The decoder's body: its bytes not copied, extensions read from it. */
    Builder adoptBody(byte[] bytes, Charset charset, @Nullable String text, boolean truncated, boolean cut,
        boolean json, Set<String> fieldMembers) {
      this.rawBody = bytes;
      this.charset = charset;
      this.text = text;
      this.truncated = truncated;
      this.cut = cut;
      this.mayBeJson = json;
      this.givenExtensions = null;
      this.fieldMembers = fieldMembers;
      return this;
    }

    /**
     * Sets what {@link ApiError#bodyAs(Class)} and {@link ApiError#extension(String, Class)}
     * convert with (default: the private Jackson 2 mapper described at
     * {@link ValueConverter}).
     *
     * @param converter the converter, thread-safe
     * @return this builder
     */
    public Builder valueConverter(ValueConverter converter) {
      this.converter = Objects.requireNonNull(converter, "converter");
      return this;
    }

    /**
     * Sets the request id; null for none.
     *
     * @param requestId the request id, or null for none
     * @return this builder
     */
    public Builder requestId(@Nullable String requestId) {
      this.requestId = requestId;
      return this;
    }

    /**
     * Sets the {@code WWW-Authenticate} challenges.
     *
     * @param challenges the {@code WWW-Authenticate} challenges
     * @return this builder
     */
    public Builder challenges(List<Challenge> challenges) {
      this.challenges = List.copyOf(challenges);
      return this;
    }

    /**
     * Sets the wait the server asked for, in milliseconds.
     *
     * @param retryAfterMillis the wait the server asked for
     * @return this builder
     */
    public Builder retryAfterMillis(OptionalLong retryAfterMillis) {
      this.retryAfterMillis = Objects.requireNonNull(retryAfterMillis, "retryAfterMillis");
      return this;
    }

    /**
     * Sets the rate-limit state; null for none.
     *
     * @param rateLimit the rate-limit state, or null for none
     * @return this builder
     */
    public Builder rateLimit(@Nullable RateLimit rateLimit) {
      this.rateLimit = rateLimit;
      return this;
    }

    /**
     * Sets the request's method and URL (the URL is redacted when shown).
     *
     * @param method the request method, or null when unknown
     * @param url the request URL as sent, or null when unknown
     * @return this builder
     */
    public Builder request(@Nullable String method, @Nullable String url) {
      this.requestMethod = method;
      this.requestUrl = url;
      return this;
    }

    /**
     * Sets extra secret values that must never appear in a message or {@code toString()}.
     *
     * @param secrets the values to mask wherever they appear
     * @return this builder
     */
    public Builder secrets(Set<String> secrets) {
      this.secrets = Set.copyOf(secrets);
      return this;
    }

    /** {@return the immutable error} */
    public ApiError build() {
      return new ApiError(this);
    }

    private static String requireText(String value, String name) {
      if (value.isBlank()) {
        throw new IllegalArgumentException(name + " must not be blank");
      }
      return value;
    }
  }
}
