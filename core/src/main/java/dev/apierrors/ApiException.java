package dev.apierrors;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when an HTTP call gets an error response (4xx or 5xx by default). The
 * subclass names the status ({@link NotFoundException}, {@link TooManyRequestsException},
 * ...); {@link #error()} has what the server said, decoded whatever its format.
 *
 * <p>It is a checked {@link IOException}, so it travels unchanged through OkHttp's
 * {@code execute()}, {@code Callback.onFailure} and Retrofit.
 *
 * <p>The message is one line, {@code <status> <title>: <detail>} (without
 * {@code : <detail>} when there is none, or when the detail only repeats the title or
 * {@code <status> <title>}, ignoring case and runs of whitespace: an nginx page titled
 * {@code 502 Bad Gateway} gives {@code 502 Bad Gateway}), at most {@value #MAX_MESSAGE_LENGTH}
 * characters, and never contains a credential the SDK knows of: credential headers of
 * the request, {@code Set-Cookie} values, and secret query parameters of the URL.
 * {@link #toString()} is the class name and this message: one bounded line as well. The
 * message is built when first asked for, not when the exception is made: a retried attempt's
 * exception, or one an application only asks for its {@link #error()} and
 * {@link #status()}, never builds it. An exception the SDK makes
 * ({@link ErrorDecoder#toException}) goes one step further: its body is decoded when its
 * error or its message is first asked for (once, whichever thread asks); what a retry
 * decision reads, the status and the retry headers, is read when it is made.
 *
 * <p>Serializable with its {@link ApiError} (see there for what a deserialized error
 * keeps): {@link #error()} is never null after deserialization.
 *
 * <p>Thread-safety: immutable; an error still to decode is decoded once, whichever thread asks.
 */
public class ApiException extends IOException {
  private static final long serialVersionUID = 1L;

  /** The longest message, in characters. */
  public static final int MAX_MESSAGE_LENGTH = 500;

  /**
   * What the server said, decoded: serialized with the exception (decoded first if it was
   * not yet). Null until {@link #lazy} is decoded, for an exception made before its body was.
   */
  private volatile @Nullable ApiError error;
  /** The decoding still to come ({@link ErrorDecoder#toException}); null when made decoded. */
  private final transient @Nullable LazyError lazy;
  /** How many times the request was sent: 1 without retry. */
  private final int attempts;
  /**
   * The message, once built ({@link #getMessage()}); rebuilt from {@link #error} after
   * deserialization. A race builds it twice, to the same string: a {@code String} is safe
   * to publish without a lock.
   */
  private transient @Nullable String message;

  /**
   * Creates the exception for a decoded error, for a subclass. Applications use
   * {@link #of(ApiError, int)}, which picks the class for the status.
   *
   * @param error the decoded error
   * @param attempts how many times the request was sent: at least 1 for an error response,
   *     0 for a request failed before it was sent (a host's cool-down, see
   *     {@link HostLimits})
   * @throws IllegalArgumentException if {@code attempts} is negative
   */
  protected ApiException(ApiError error, int attempts) {
    super((String) null);
    this.error = Objects.requireNonNull(error, "error");
    this.lazy = null;
    this.attempts = checkedAttempts(attempts);
  }

  /** Creates the exception for an error decoded already or still to decode. */
  ApiException(LazyError error, int attempts) {
    super((String) null);
    ApiError decoded = error.decodedOrNull();
    this.error = decoded;
    this.lazy = decoded == null ? error : null;
    this.attempts = checkedAttempts(attempts);
  }

  private static int checkedAttempts(int attempts) {
    if (attempts < 0) {
      throw new IllegalArgumentException("attempts must be >= 0, was " + attempts);
    }
    return attempts;
  }

  /**
   * Returns the exception for the error's status: the subclass of the table in the
   * README (e.g. {@link NotFoundException} for 404, {@link TooManyRequestsException} for
   * 429 and 420), else {@link ClientErrorException} for another 4xx,
   * {@link ServerErrorException} for another 5xx, and {@code ApiException} itself for any
   * other status a caller chose to treat as an error.
   *
   * @param error the decoded error
   * @param attempts how many times the request was sent, 1 without retry, 0 for a request failed before it was sent
   * @return the exception for the error's status
   * @throws IllegalArgumentException if {@code attempts} is negative
   */
  public static ApiException of(ApiError error, int attempts) {
    return of(LazyError.of(error), attempts);
  }

  /** The exception for the status of an error decoded already or still to decode. */
  static ApiException of(LazyError error, int attempts) {
    int status = error.status();
    return switch (status) {
      case 400 -> new BadRequestException(error, attempts);
      case 401 -> new UnauthorizedException(error, attempts);
      case 403 -> new ForbiddenException(error, attempts);
      case 404 -> new NotFoundException(error, attempts);
      case 405 -> new MethodNotAllowedException(error, attempts);
      case 406 -> new NotAcceptableException(error, attempts);
      case 409 -> new ConflictException(error, attempts);
      case 410 -> new GoneException(error, attempts);
      case 413 -> new ContentTooLargeException(error, attempts);
      case 415 -> new UnsupportedMediaTypeException(error, attempts);
      case 422 -> new UnprocessableContentException(error, attempts);
      case 420, 429 -> new TooManyRequestsException(error, attempts);
      case 500 -> new InternalServerErrorException(error, attempts);
      case 501 -> new NotImplementedException(error, attempts);
      case 502 -> new BadGatewayException(error, attempts);
      case 503 -> new ServiceUnavailableException(error, attempts);
      case 504 -> new GatewayTimeoutException(error, attempts);
      default -> {
        if (status >= 400 && status < 500) {
          yield new ClientErrorException(error, attempts);
        } else if (status >= 500 && status < 600) {
          yield new ServerErrorException(error, attempts);
        } else {
          yield new ApiException(error, attempts);
        }
      }
    };
  }

  /**
   * Returns an exception of the same class for the same error, sent {@code attempts}
   * times (used by retries to report the final count).
   *
   * @param attempts how many times the request was sent
   * @return a new exception; this one is unchanged
   * @throws IllegalArgumentException if {@code attempts} is negative
   */
  public ApiException withAttempts(int attempts) {
    ApiException copy = of(source(), attempts); // an error still to decode stays so, and is decoded once
    copy.setStackTrace(getStackTrace());
    return copy;
  }

  private LazyError source() {
    LazyError pending = lazy;
    if (pending != null) {
      return pending;
    }
    return LazyError.of(error());
  }

  /**
   * {@return the message: {@code <status> <title>: <detail>}, one line, at most
   * {@value #MAX_MESSAGE_LENGTH} characters, credentials masked} Built when first asked for.
   */
  @Override
  public String getMessage() {
    String built = message;
    if (built == null) {
      built = messageOf(error());
      message = built;
    }
    return built;
  }

  /**
   * {@return what the server said, decoded} An exception the adapter throws (any made by
   * {@link ErrorDecoder#toException}) decodes its body when this, or the message, is first
   * asked for: once, whichever thread asks.
   */
  public ApiError error() {
    ApiError decoded = error;
    if (decoded == null) {
      decoded = Objects.requireNonNull(lazy, "lazy").get();
      error = decoded;
    }
    return decoded;
  }

  /** {@return the response's HTTP status} Decodes nothing. */
  public int status() {
    ApiError decoded = error;
    return decoded != null ? decoded.status() : Objects.requireNonNull(lazy, "lazy").status();
  }

  /** The error's {@link ApiError#retryAfterMillis()}, read from its headers: decodes nothing. */
  OptionalLong retryAfterMillis() {
    LazyError pending = lazy;
    return pending != null ? pending.retryAfterMillis() : error().retryAfterMillis();
  }

  /** The error's {@link ApiError#rateLimit()}, read from its headers: decodes nothing. */
  Optional<RateLimit> rateLimit() {
    LazyError pending = lazy;
    return pending != null ? pending.rateLimit() : error().rateLimit();
  }

  /** {@return how many times the request was sent: 1 without retry} */
  public int attempts() {
    return attempts;
  }

  /**
   * Writes the error, decoded first if it was not yet: the stream holds the error, never
   * how to decode it.
   *
   * @param out the stream
   * @throws IOException if writing fails
   */
  private void writeObject(ObjectOutputStream out) throws IOException {
    error();
    out.defaultWriteObject();
  }

  /**
   * Reads the exception back, with its error.
   *
   * @param in the stream
   * @throws IOException if reading fails, or the stream holds no error
   * @throws ClassNotFoundException if a class of the stream is missing
   */
  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    if (error == null) {
      throw new InvalidObjectException("an ApiException without its error");
    }
  }

  private static String messageOf(ApiError error) {
    String status = Integer.toString(error.status());
    String title = oneLine(error.title());
    // oneLine(status + " " + title), without building that text twice: a status is digits.
    String head = title.isEmpty() ? status : status + " " + title;
    String line = head;
    Optional<String> given = error.detail();
    String detail = given.isPresent() ? oneLine(given.get()) : "";
    if (!detail.isEmpty() && !repeatsTitle(detail, status, title)) {
      line = head + ": " + detail;
    }
    line = error.scrub(line);
    if (line.length() <= MAX_MESSAGE_LENGTH) {
      return line;
    }
    int cut = MAX_MESSAGE_LENGTH - 1;
    if (Character.isHighSurrogate(line.charAt(cut - 1))) {
      cut--;
    }
    return line.substring(0, cut) + '…';
  }

  /**
   * Whether the detail only says the title again, or {@code <status> <title>} (an nginx
   * page titled {@code 502 Bad Gateway}); all three are already one line, compared without
   * regard to case.
   */
  private static boolean repeatsTitle(String detail, String status, String title) {
    if (detail.equalsIgnoreCase(title)) {
      return true;
    }
    int length = status.length() + 1 + title.length();
    return detail.length() == length
        && detail.regionMatches(true, 0, status, 0, status.length())
        && detail.charAt(status.length()) == ' '
        && detail.regionMatches(true, status.length() + 1, title, 0, title.length());
  }

  /**
   * Control characters (newlines included), bidirectional controls and lone surrogates
   * become spaces, and runs of spaces one space; the result is stripped. A text that is one
   * line already (nearly every title and detail) is returned as it is, with no copy.
   */
  private static String oneLine(String text) {
    if (isOneLine(text)) {
      return text;
    }
    StringBuilder sb = new StringBuilder(text.length());
    boolean space = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        sb.append(c).append(text.charAt(++i));
        space = false;
      } else if (Character.isWhitespace(c) || Character.isISOControl(c) || isBidiControl(c)
          || Character.isSurrogate(c)) {
        if (!space) {
          sb.append(' ');
        }
        space = true;
      } else {
        sb.append(c);
        space = false;
      }
    }
    return sb.toString().strip();
  }

  /**
   * Whether {@link #oneLine} would give {@code text} back unchanged: printable ASCII, with
   * single spaces, none at either end. Anything else (a character beyond ASCII among them)
   * takes the full rule.
   */
  private static boolean isOneLine(String text) {
    int length = text.length();
    if (length == 0) {
      return true;
    }
    if (text.charAt(0) == ' ' || text.charAt(length - 1) == ' ') {
      return false;
    }
    char previous = 0;
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c < ' ' || c > '~' || (c == ' ' && previous == ' ')) {
        return false;
      }
      previous = c;
    }
    return true;
  }

  /** The marks and embeddings that reorder the text around them ("Trojan Source"). */
  private static boolean isBidiControl(char c) {
    return c == '\u200e' || c == '\u200f' || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
  }
}
