package dev.apierrors;

import dev.apierrors.spi.HttpHeaders;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.apierrors.internal.SpiAccess;
import dev.apierrors.internal.Json;
import dev.apierrors.internal.ReasonPhrases;
import dev.apierrors.internal.Redaction;
import java.time.Duration;
import dev.apierrors.internal.OneLine;
import java.util.AbstractList;
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
 * <p>Thread-safety: immutable; byte arrays and JSON trees are copied on the way out.
 */
public final class ApiError {
  static {
    // The decoder hands over its own tree without a copy; nothing outside core can.
    SpiAccess.installJsonAdopter((builder, body, extensions) -> builder.adoptJson(body, extensions));
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
  private final Map<String, JsonNode> extensions;
  private final @Nullable JsonNode body;
  private final @Nullable String requestId;
  private final List<Challenge> challenges;
  private final OptionalLong retryAfterMillis;
  private final @Nullable RateLimit rateLimit;
  private final byte[] rawBody;
  private final String rawBodyText;
  private final boolean truncated;
  private final @Nullable String requestMethod;
  private final @Nullable String requestUrl;
  private final Set<String> secrets;

  private ApiError(Builder b) {
    this.status = b.status;
    this.format = b.format;
    this.builtInFormat = b.builtInFormat;
    this.title = b.title;
    this.detail = b.detail;
    this.code = b.code;
    this.type = b.type;
    this.instance = b.instance;

    this.extensions = Collections.unmodifiableMap(new LinkedHashMap<>(b.extensions));
    this.body = b.body;
    this.requestId = b.requestId;
    this.retryAfterMillis = b.retryAfterMillis;
    this.rateLimit = b.rateLimit;
    this.rawBody = b.rawBody;
    this.rawBodyText = b.rawBodyText;
    this.truncated = b.truncated;
    this.requestMethod = b.requestMethod;
    this.requestUrl = b.requestUrl == null ? null : Redaction.redactUrl(b.requestUrl);
    Set<String> allSecrets = new LinkedHashSet<>(b.secrets);
    if (b.requestUrl != null) {
      allSecrets.addAll(Redaction.secretValues(HttpHeaders.empty(), HttpHeaders.empty(), b.requestUrl));
    }
    this.secrets = Collections.unmodifiableSet(allSecrets);
    this.errors = masking(b.errors, secrets, ErrorEntry::masking);
    this.challenges = masking(b.challenges, secrets, Challenge::masking);
  }

  /**
   * The values, each masking {@code secrets} in its own {@code toString()} too: a view
   * that masks each value as it is read, so that a list of 500,000 entries is not copied
   * to be shown ten at a time; the list itself when there is nothing to mask.
   */
  private static <T> List<T> masking(List<T> values, Set<String> secrets, BiFunction<T, Set<String>, T> mask) {
    List<T> copy = List.copyOf(values);
    return secrets.isEmpty() ? copy : new MaskingList<>(copy, secrets, mask);
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

  /** {@return the names of the body's other top-level JSON members, in order} */
  public Set<String> extensionNames() {
    return extensions.keySet();
  }

  /**
   * One extension member as parsed JSON (a copy).
   *
   * @param name the member's name, as in the body
   * @return the member, or empty when the body has none of that name
   */
  public Optional<JsonNode> extension(String name) {
    JsonNode node = extensions.get(name);
    return node == null ? Optional.empty() : Optional.of(node.deepCopy());
  }

  /**
   * One extension member converted to {@code type}, e.g. {@code extension("balance", Integer.class)}.
   *
   * @param <T> the type to convert to
   * @param name the member's name, as in the body
   * @param type the class to convert the member to
   * @return empty when the member is absent or does not convert to {@code type}
   */
  public <T> Optional<T> extension(String name, Class<T> type) {
    JsonNode node = extensions.get(name);
    if (node == null) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(Json.MAPPER.treeToValue(node, type));
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  /**
   * The whole JSON body read as the caller's own type (a record of their API's error
   * shape). Unknown members are ignored; polymorphic typing is never enabled.
   *
   * @param <T> the type to read the body as
   * @param type the class to read the body as
   * @return empty when the body is not JSON or does not map onto {@code type}
   */
  public <T> Optional<T> bodyAs(Class<T> type) {
    Objects.requireNonNull(type, "type");
    if (body == null) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(Json.MAPPER.treeToValue(body, type));
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  /**
   * Like {@link #bodyAs(Class)}, for generic types.
   *
   * @param <T> the type to read the body as
   * @param type the generic type to read the body as
   * @return empty when the body is not JSON or does not map onto {@code type}
   */
  public <T> Optional<T> bodyAs(TypeReference<T> type) {
    Objects.requireNonNull(type, "type");
    if (body == null) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(Json.MAPPER.readerFor(type).readValue(body));
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  /** {@return the body's parsed JSON (a copy), when it was JSON} */
  public Optional<JsonNode> json() {
    return body == null ? Optional.empty() : Optional.of(body.deepCopy());
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

  /** {@return the body bytes read, as text in their charset (bad bytes become U+FFFD)} */
  public String rawBodyText() {
    return rawBodyText;
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
   * Builds an {@link ApiError}. Every member but the status is optional. Not
   * thread-safe; the byte array and JSON given are copied.
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
    private Map<String, JsonNode> extensions = Map.of();
    private @Nullable JsonNode body;
    private @Nullable String requestId;
    private List<Challenge> challenges = List.of();
    private OptionalLong retryAfterMillis = OptionalLong.empty();
    private @Nullable RateLimit rateLimit;
    private byte[] rawBody = new byte[0];
    private String rawBodyText = "";
    private boolean truncated;
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
      this.errors = List.copyOf(errors);
      return this;
    }

    /**
     * Sets the extension members (copied).
     *
     * @param extensions the extension members
     * @return this builder
     */
    public Builder extensions(Map<String, JsonNode> extensions) {
      Map<String, JsonNode> copy = new LinkedHashMap<>();
      extensions.forEach((k, v) -> copy.put(k, v.deepCopy()));
      this.extensions = copy;
      return this;
    }

    /**
     * Sets the parsed JSON body (copied), read by {@link ApiError#bodyAs(Class)}.
     *
     * @param body the parsed JSON body
     * @return this builder
     */
    public Builder json(@Nullable JsonNode body) {
      this.body = body == null ? null : body.deepCopy();
      return this;
    }

    /**
     * Takes the decoder's own JSON tree and extension members without copying them: the
     * pipeline builds them for this error alone and never touches them again, so a copy
     * would only double the work on a large body. Everything handed out is still a copy.
     */
    Builder adoptJson(@Nullable JsonNode body, Map<String, JsonNode> extensions) {
      this.body = body;
      this.extensions = extensions;
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
     * Sets the raw body bytes (copied), their text, and whether the body was cut.
     *
     * @param rawBody the body bytes read (copied)
     * @param text the bytes as text, in their charset
     * @param truncated whether the body was longer than the bytes read
     * @return this builder
     */
    public Builder rawBody(byte[] rawBody, String text, boolean truncated) {
      this.rawBody = rawBody.clone();
      this.rawBodyText = Objects.requireNonNull(text, "text");
      this.truncated = truncated;
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
