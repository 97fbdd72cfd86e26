package dev.apierrors.internal;

import dev.apierrors.ApiError;
import dev.apierrors.BuiltInFormat;
import dev.apierrors.Challenge;
import dev.apierrors.ErrorDecoder;
import dev.apierrors.ErrorEntry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apierrors.internal.format.BuiltInFormats;
import dev.apierrors.spi.BoundedBody;
import dev.apierrors.spi.ErrorFields;
import dev.apierrors.spi.ErrorFormat;
import dev.apierrors.spi.HttpHeaders;
import dev.apierrors.spi.ResponseView;
import dev.apierrors.internal.format.PlainTextFormat;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The decoding pipeline behind {@link ErrorDecoder#decode(ResponseView)} (docs/specification.md §3-§4):
 *
 * <ol>
 *   <li>the body bytes, cut at {@link ErrorDecoder#maxBodyBytes()};
 *   <li>one text, in the right charset ({@link BodyText});
 *   <li>one JSON parse at most ({@link JsonTree}; a cut object keeps its complete members);
 *   <li>the first format that matches: the user's, then {@link BuiltInFormats#ALL};
 *   <li>the common field rules (title default, code, errors, the real-world aliases of
 *       {@link RealWorldAliases} for a built-in JSON format, extensions, the Bearer
 *       challenge fallback, header fields), then one immutable {@link ApiError}.
 * </ol>
 *
 * <p>Never throws: a format that throws is skipped, a header parser that throws leaves its
 * field empty, and anything unexpected falls back to {@code plain_text} of the raw bytes.
 * Only {@link VirtualMachineError}s other than {@link StackOverflowError} (an
 * {@link OutOfMemoryError}, say) are let through: they are not about this body.
 */
public final class DecodingPipeline {
  /** The header AWS REST-JSON services (API Gateway, Lambda) name the error type in. */
  private static final HeaderName AMZN_ERROR_TYPE = HeaderName.of("X-Amzn-ErrorType");
  private static final HeaderName WWW_AUTHENTICATE = HeaderName.of("WWW-Authenticate");

  /** The members a top-level code may come from, in order of precedence. */
  private static final List<String> CODE_MEMBERS = List.of("code", "error_code", "errorCode");

  private DecodingPipeline() {}

  public static ApiError decode(ResponseView view, ErrorDecoder decoder) {
    return decode(view, decoder, null);
  }

  /**
   * Decodes {@code view}, its retry fields given when they were read already (when its
   * exception was made, see {@link RetryHeaders}): the error then carries those values, not
   * values read again at another instant.
   *
   * @param retryHeaders the retry fields read before; null to read them here
   */
  public static ApiError decode(ResponseView view, ErrorDecoder decoder, @Nullable RetryHeaders retryHeaders) {
    try {
      return decodeFully(view, decoder, retryHeaders);
    } catch (Throwable t) {
      rethrowIfFatal(t);
      return fallback(view, retryHeaders);
    }
  }

  /**
   * The retry fields of {@code view}'s headers, read now (see {@link RetryHeaders}); null
   * when reading them threw what no parser catches (the decoder's clock throwing an
   * {@link Error}): {@link #decode} then falls back as a whole, as it does for it.
   */
  public static @Nullable RetryHeaders retryHeaders(ResponseView view, ErrorDecoder decoder) {
    try {
      return RetryHeaders.read(view.headers(), Now.of(decoder.clock()));
    } catch (Throwable t) {
      rethrowIfFatal(t);
      return null;
    }
  }

  private static ApiError decodeFully(ResponseView view, ErrorDecoder decoder, @Nullable RetryHeaders retryHeaders) {
    BoundedBody raw = view.body();
    byte[] bytes = SpiAccess.bytes(raw);
    boolean truncated = raw.truncated();
    if (bytes.length > decoder.maxBodyBytes()) {
      // A view built by hand may hold more than the decoder's limit: decode the prefix only.
      bytes = Arrays.copyOf(bytes, decoder.maxBodyBytes());
      truncated = true;
    }
    String contentType = view.contentType().orElse(null); // looked up once: the charset, the media type
    Charset charset = BodyText.charset(bytes, contentType);
    // An ASCII body read as UTF-8 is its own text: JSON is parsed from the bytes, and the
    // text is built only if a format asks for it (a JSON format never does).
    boolean asciiUtf8 = charset.equals(StandardCharsets.UTF_8) && JsonTree.mayBeJson(bytes)
        && BodyText.isAsciiUtf8Source(bytes);
    String text = asciiUtf8 ? null : BodyText.decodeWith(bytes, charset);
    // A dropped connection cuts a body just like the limit does: keep what was complete.
    boolean cut = truncated || raw.incomplete();
    boolean utf8Source = text == null || BodyText.isUtf8Source(bytes, charset, text);
    // The built-in formats read no more of an errors array than its first entries: its
    // entries are collected as it is parsed. A user's format gets the whole tree.
    JsonTree.Parsed parsed =
        JsonTree.parseForDecoding(bytes, text, utf8Source, cut, decoder.customFormats().isEmpty());
    JsonNode json = parsed.tree();
    DecodedBody body = text != null
        ? DecodedBody.of(view.status(), view.headers(), contentType, text, json, truncated)
        : DecodedBody.ofUtf8(view.status(), view.headers(), contentType, bytes, json, truncated);

    ApiError.Builder b = ApiError.builder(view.status())
        .valueConverter(decoder.valueConverter())
        .secrets(headerSecrets(view))
        .request(view.requestMethod().orElse(null), view.requestUrl().orElse(null));

    Match match = firstMatch(decoder.customFormats(), body);
    ErrorFields fields = match.fields;
    if (match.builtIn != null) {
      b.format(match.builtIn);
    } else {
      b.format(match.name);
    }
    Optional<String> title = fields.title(); // asked once: each ask is an Optional
    if (title.isPresent()) {
      b.title(title.get());
    }
    b.type(fields.type().orElse(null)).instance(fields.instance().orElse(null));

    JsonNode object = json != null && json.isObject() ? json : null;
    Set<String> used = SmallSet.of(fields.consumedMembers());
    String code = bodyCode(object, fields, used);
    if (code == null) {
      String awsType = AMZN_ERROR_TYPE.first(view.headers());
      code = awsType != null ? awsErrorType(awsType) : null;
    }
    List<ErrorEntry> errors;
    if (fields.errors().isPresent()) {
      errors = fields.errors().get();
    } else {
      if (object == null) {
        errors = List.of();
      } else if (parsed.rootErrors() != null) {
        errors = parsed.rootErrors();
      } else {
        errors = ErrorsMember.entries(object.get("errors"));
      }
      if (!errors.isEmpty()) {
        used.add("errors");
      }
    }
    String detail = fields.detail().orElse(null);
    if (match.builtIn != null && object != null) {
      // Rows 2 and 4 to 11 (the built-ins that match a JSON object): the real-world aliases.
      RealWorldAliases.Completion aliases =
          RealWorldAliases.complete(object, match.builtIn == BuiltInFormat.JSON, errors, detail, used);
      errors = aliases.errors();
      detail = aliases.detail();
    }
    // The error reads its extensions (the members no field came from) from these same
    // bytes when asked: it keeps no tree.
    SpiAccess.adoptBody(b.errors(errors), bytes, charset, text, truncated, cut, json != null, used);

    List<Challenge> challenges =
        applyHeaderFields(b, view.headers(), Now.of(decoder.clock()), retryHeaders, fields.requestId().orElse(null));
    // RFC 6750 §3.1: invalid_token comes with a 401, insufficient_scope with a 403.
    Challenge bearer = view.status() == 401 || view.status() == 403 ? bearer(challenges) : null;
    if (code == null && bearer != null) {
      code = bearer.param("error").orElse(null);
    }
    if (detail == null && bearer != null) {
      detail = bearer.param("error_description").orElse(null);
    }
    return b.code(code).detail(detail).build();
  }

  /**
   * The code the body gives, the first of: a top-level {@code code}, {@code error_code} or
   * {@code errorCode}; the format's own; AWS's top-level {@code __type}. Records the member used.
   */
  private static @Nullable String bodyCode(@Nullable JsonNode object, ErrorFields fields, Set<String> used) {
    String code = topLevelCode(object, used);
    if (code == null) {
      code = fields.code().orElse(null);
    }
    String type = JsonMembers.text(object, "__type");
    if (code == null && type != null) {
      code = awsErrorType(type);
      if (code != null) {
        used.add("__type");
      }
    }
    return code;
  }

  /**
   * An AWS error type ({@code __type} or {@code X-Amzn-ErrorType}) as a code: the part
   * before the first {@code :}, then after the last {@code #}, so
   * {@code aws.protocoltests.json#FooError:http://internal.amazon.com/...} gives
   * {@code FooError}; null when that leaves nothing.
   */
  static @Nullable String awsErrorType(String value) {
    int colon = value.indexOf(':');
    String type = colon < 0 ? value : value.substring(0, colon);
    type = type.substring(type.lastIndexOf('#') + 1).strip();
    return type.isEmpty() ? null : type;
  }

  /**
   * Sets the fields read from headers: request id, challenges, retry-after, rate limit.
   * Each parser runs on its own, so one that fails on odd input leaves only its field empty.
   *
   * @param retryHeaders the retry fields read before; null to read them here
   * @param bodyRequestId the request id the body named, used when no header gives one
   * @return the parsed {@code WWW-Authenticate} challenges
   */
  private static List<Challenge> applyHeaderFields(ApiError.Builder b, HttpHeaders headers, Now now,
      @Nullable RetryHeaders retryHeaders, @Nullable String bodyRequestId) {
    // Each step on its own, in plain code (no lambda per step and error): a header that fails
    // to parse leaves only its field empty, never costs the whole decoding.
    b.requestId(bodyRequestId);
    try {
      Optional<String> requestId = RequestIdParser.parse(headers);
      if (requestId.isPresent()) {
        b.requestId(requestId.get());
      }
    } catch (RuntimeException e) {
      // the body's request id, if any, stands
    }
    RetryHeaders retry = retryHeaders != null ? retryHeaders : RetryHeaders.read(headers, now);
    b.retryAfterMillis(retry.retryAfterMillis()).rateLimit(retry.rateLimit());
    List<Challenge> challenges;
    try {
      challenges = WwwAuthenticateParser.parse(WWW_AUTHENTICATE.allValues(headers));
    } catch (RuntimeException e) {
      challenges = List.of();
    }
    b.challenges(challenges);
    return challenges;
  }

  /** The first {@code Bearer} challenge, or null. */
  private static @Nullable Challenge bearer(List<Challenge> challenges) {
    for (Challenge c : challenges) {
      if (c.isScheme("Bearer")) {
        return c;
      }
    }
    return null;
  }

  /**
   * The name and fields of the first format that matches; plain text when none does.
   * {@code builtIn} is the built-in format that matched, null for a user's format.
   */
  private record Match(String name, @Nullable BuiltInFormat builtIn, ErrorFields fields) {}

  private static Match firstMatch(List<ErrorFormat> custom, DecodedBody body) {
    for (ErrorFormat format : custom) {
      Match match = tryFormat(format, null, body);
      if (match != null) {
        return match;
      }
    }
    List<ErrorFormat> builtIns = BuiltInFormats.ALL;
    for (int i = 0; i < builtIns.size(); i++) { // indexed: no iterator per error
      Match match = tryFormat(builtIns.get(i), BuiltInFormats.CONSTANTS.get(i), body);
      if (match != null) {
        return match;
      }
    }
    // Unreachable with the built-ins (plain_text always matches), but never throw.
    return new Match(BuiltInFormat.PLAIN_TEXT.wireName(), BuiltInFormat.PLAIN_TEXT,
        ErrorFields.builder().detail(PlainTextFormat.detail(body.text())).build());
  }

  /**
   * A user's format is untrusted code: one that throws, or breaks its contract, does not match.
   *
   * @param builtIn the constant of a built-in format; null for a user's
   */
  private static @Nullable Match tryFormat(ErrorFormat format, @Nullable BuiltInFormat builtIn, DecodedBody body) {
    try {
      Optional<ErrorFields> fields = format.decode(body);
      if (fields == null || fields.isEmpty()) {
        return null;
      }
      // The name is asked for only on a match: one interface call fewer per format tried.
      String name = builtIn != null ? builtIn.wireName() : format.name();
      if (name == null || name.isBlank()) {
        return null;
      }
      return new Match(name, builtIn, fields.get());
    } catch (Throwable t) {
      rethrowIfFatal(t);
      return null;
    }
  }

  /** A top-level {@code code}, {@code error_code} or {@code errorCode}; records the member used. */
  private static @Nullable String topLevelCode(@Nullable JsonNode object, Set<String> used) {
    for (int i = 0; i < CODE_MEMBERS.size(); i++) {
      String member = CODE_MEMBERS.get(i);
      String code = JsonMembers.code(object, member);
      if (code != null) {
        used.add(member);
        return code;
      }
    }
    return null;
  }

  /**
   * The credential values of the request's and the response's headers, and those the
   * adapter collected from the other requests sent. The URL's secret query parameters are
   * not collected here: {@link ApiError} derives them from the URL.
   */
  private static Set<String> headerSecrets(ResponseView view) {
    if (!Redaction.hasCredentialFields(view.requestHeaders(), view.headers())) {
      return SpiAccess.values(view.secrets()); // nothing to collect, no set to build
    }
    Set<String> secrets = Redaction.secretValues(view.requestHeaders(), view.headers(), null);
    Set<String> collected = SpiAccess.values(view.secrets());
    if (secrets.isEmpty()) {
      return collected; // the common case: no credential header, nothing to merge
    }
    secrets.addAll(collected);
    return secrets;
  }

  /**
   * The last resort: the raw bytes as UTF-8 plain text, with no field that could fail; the
   * retry fields when they were read before (a retry was decided on them).
   */
  private static ApiError fallback(ResponseView view, @Nullable RetryHeaders retryHeaders) {
    byte[] bytes = SpiAccess.bytes(view.body());
    ApiError.Builder b = ApiError.builder(view.status()).format(BuiltInFormat.PLAIN_TEXT);
    try {
      if (retryHeaders != null) {
        b.retryAfterMillis(retryHeaders.retryAfterMillis()).rateLimit(retryHeaders.rateLimit());
      }
      b.secrets(headerSecrets(view));
      String text = new String(bytes, StandardCharsets.UTF_8);
      b.rawBody(bytes, StandardCharsets.UTF_8, view.body().truncated()).detail(PlainTextFormat.detail(text));
      b.request(view.requestMethod().orElse(null), view.requestUrl().orElse(null));
    } catch (Throwable t) {
      rethrowIfFatal(t);
    }
    return b.build();
  }

  static void rethrowIfFatal(Throwable t) {
    if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) {
      throw (VirtualMachineError) t;
    }
  }
}
