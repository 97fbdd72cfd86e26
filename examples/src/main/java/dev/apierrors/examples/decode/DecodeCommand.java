package dev.apierrors.examples.decode;

import dev.apierrors.ApiError;
import dev.apierrors.ApiException;
import dev.apierrors.spi.BoundedBody;
import dev.apierrors.Challenge;
import dev.apierrors.ErrorDecoder;
import dev.apierrors.PollDecision;
import dev.apierrors.PollPolicy;
import dev.apierrors.ErrorEntry;
import dev.apierrors.RateLimit;
import dev.apierrors.RequestFacts;
import dev.apierrors.spi.ResponseView;
import dev.apierrors.spi.Secrets;
import dev.apierrors.RetryDecision;
import dev.apierrors.RetryPolicy;
import dev.apierrors.examples.Main;
import dev.apierrors.examples.support.Text;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * {@code decode FILE}: reads a raw HTTP response as {@code curl -i} prints it, decodes it
 * with {@link ErrorDecoder#ofDefaults()} and prints every field of the {@link ApiError},
 * then what {@link RetryPolicy#ofDefaults()} would do for a GET (and for a POST when that
 * differs). A 1xx/2xx/3xx response is reported as not an error.
 *
 * <p>Exit codes: 0 when the response was read (error or not); 2 when the input is not an
 * HTTP response, is empty or cannot be read, with one line on the error stream.
 *
 * <p>Not thread-safe; one per run.
 */
public final class DecodeCommand {
  private static final int LABEL_WIDTH = 18;
  private static final int VALUE_WIDTH = 200;
  /** The most entries printed of a list (errors, extensions, challenges); the rest are counted. */
  private static final int MAX_LIST_ITEMS = 10;

  private final PrintStream out;
  private final PrintStream err;
  /** The response's credentials ({@code Set-Cookie}), masked in every value printed. */
  private Secrets secrets = Secrets.none();

  /** Prints results to {@code out} and problems to {@code err}. */
  public DecodeCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /**
   * Decodes the response in {@code file} ({@code -} for {@code stdin}) and returns the exit code.
   */
  public int run(String file, InputStream stdin) {
    byte[] bytes;
    try {
      bytes = file.equals("-") ? stdin.readAllBytes() : Files.readAllBytes(Path.of(file));
    } catch (NoSuchFileException e) {
      return bad("no such file: " + file);
    } catch (IOException | InvalidPathException e) {
      return bad("cannot read " + file + ": " + e.getMessage());
    }
    RawHttpResponse raw;
    try {
      raw = RawHttpResponse.parse(bytes);
    } catch (IllegalArgumentException e) {
      return bad(e.getMessage());
    }
    print(raw);
    return Main.OK;
  }

  private int bad(String problem) {
    err.println("decode: " + Text.oneLine(problem, 300));
    return Main.BAD_INPUT;
  }

  private void print(RawHttpResponse raw) {
    out.println(Text.oneLine(Secrets.builder().responseHeaders(raw.headers()).build().scrub(raw.statusLine()), VALUE_WIDTH));
    int status = raw.status();
    if (status == 202) {
      poll(raw);
      return;
    }
    if (status < 400 || status > 599) {
      // The interceptor's default error statuses are 400..599.
      out.println("not an error: a " + status + " response passes through the SDK untouched"
          + " (its body is not read); nothing to decode, nothing to retry.");
      return;
    }
    ErrorDecoder decoder = ErrorDecoder.ofDefaults();
    secrets = Secrets.builder().responseHeaders(raw.headers()).build();
    ResponseView view = ResponseView.builder(status)
        .headers(raw.headers())
        .secrets(secrets)
        // As the SDK reads a response: a gzip or deflate body (curl -i without --compressed)
        // is decompressed, bounded.
        .body(BoundedBody.read(new ByteArrayInputStream(raw.body()), raw.headers(), decoder))
        .build();
    ApiException exception = decoder.toException(view);
    ApiError error = exception.error();

    field("format", error.format());
    field("status", Integer.toString(error.status()));
    field("exception", exception.getClass().getSimpleName() + "  (catch: " + catchable(exception) + ")");
    field("message", exception.getMessage());
    field("title", error.title());
    field("detail", error.detail());
    field("code", error.code());
    field("type", error.type());
    field("instance", error.instance());
    list("errors", error.errors().size(),
        error.errors().stream().limit(MAX_LIST_ITEMS).map(DecodeCommand::entry).collect(Collectors.toList()));
    list("extensions", error.extensionNames().size(), error.extensionNames().stream().limit(MAX_LIST_ITEMS)
        .map(name -> name + " = " + error.extension(name).map(Object::toString).orElse("null"))
        .collect(Collectors.toList()));
    field("requestId", error.requestId());
    list("challenges", error.challenges().size(), error.challenges().stream().limit(MAX_LIST_ITEMS).map(DecodeCommand::challenge).collect(Collectors.toList()));
    field("retryAfterMillis", millis(error.retryAfterMillis()));
    field("rateLimit", error.rateLimit().map(DecodeCommand::rateLimit));
    field("truncated", error.truncated() + "  (" + error.rawBody().length + " body bytes read, limit "
        + decoder.maxBodyBytes() + ")");

    out.println();
    out.println("retry with RetryPolicy.ofDefaults():");
    RetryDecision get = decide(exception, "GET");
    RetryDecision post = decide(exception, "POST");
    out.println("  GET   " + describe(get, exception));
    if (!sameOutcome(get, post)) {
      out.println("  POST  " + describe(post, exception));
    }
  }

  /** A 202 Accepted: what {@code OperationPoller} with {@link PollPolicy#ofDefaults()} would do. */
  private void poll(RawHttpResponse raw) {
    PollPolicy policy = PollPolicy.ofDefaults();
    ResponseView view = ResponseView.builder(202)
        .headers(raw.headers())
        .body(BoundedBody.read(new ByteArrayInputStream(raw.body()), policy.maxBodyBytes()))
        .build();
    out.println("not an error: 202 Accepted, an operation still running.");
    out.println();
    out.println("with OperationPoller and PollPolicy.ofDefaults():");
    Optional<String> statusUrl = policy.statusUrl(view);
    if (statusUrl.isEmpty()) {
      out.println("  no status URL (Operation-Location, Azure-AsyncOperation, Location): the 202 is the result");
      return;
    }
    field("  status URL", redacted(statusUrl.get()) + "  (resolved against the request's URL)");
    PollDecision decision = policy.decide(0, view, OptionalLong.empty());
    switch (decision.kind()) {
      case POLL_AGAIN -> field("  first poll", "GET after " + decision.waitDuration().toMillis() + " ms ("
          + decision.waitSource().map(s -> s.label()).orElse("?") + "), then until a status response says the"
          + " operation is done; at most " + policy.maxPolls() + " polls");
      case SUCCEEDED -> field("  first poll", "none: this 202 already says the operation succeeded");
      case FAILED -> field("  first poll", "none: this 202 already says the operation failed"
          + " (OperationFailedException)");
      case GIVE_UP -> field("  first poll", "none: " + decision.reason() + " (OperationIncompleteException)");
    }
  }

  /** {@code url} with its secret query parameters masked, by the SDK's own rule (an ApiError's request URL). */
  private static String redacted(String url) {
    return ApiError.builder(202).title("Accepted").request("GET", url).build().requestUrl().orElse("");
  }

  /** The first attempt failed with {@code exception}: what would the default policy do? */
  private static RetryDecision decide(ApiException exception, String method) {
    return RetryPolicy.ofDefaults().decide(1, exception, RequestFacts.of(method), OptionalLong.empty());
  }

  /** Same decision; a backoff wait is random with jitter, so only its source is compared. */
  private static boolean sameOutcome(RetryDecision a, RetryDecision b) {
    boolean serverRequested = a.waitSource().map(s -> s.isServerRequested()).orElse(false);
    return a.isRetry() == b.isRetry() && a.waitSource().equals(b.waitSource())
        && (!serverRequested || a.waitMillis() == b.waitMillis());
  }

  private static String describe(RetryDecision decision, ApiException exception) {
    if (!decision.isRetry()) {
      return "not retried: " + decision.reason() + "; the exception is thrown at once";
    }
    String source = decision.waitSource().map(s -> s.label()).orElse("?");
    if (decision.waitSource().map(s -> s.isServerRequested()).orElse(false)) {
      return "retried after " + decision.waitMillis() + " ms (" + source + "): " + decision.reason();
    }
    // Backoff: with jitter the wait is random, so show the range rather than one draw.
    RetryDecision capped = RetryPolicy.ofDefaults().toBuilder().jitter(false).build()
        .decide(1, exception, RequestFacts.of("GET"), OptionalLong.empty());
    return "retried after a random wait in [0, " + capped.waitMillis() + "] ms (" + source
        + ", full jitter): " + decision.reason();
  }

  private static String catchable(ApiException exception) {
    List<String> chain = new ArrayList<>();
    for (Class<?> c = exception.getClass(); c != null; c = c.getSuperclass()) {
      chain.add(c.getSimpleName());
      if (c == ApiException.class) {
        chain.add("IOException");
        break;
      }
    }
    return String.join(" < ", chain);
  }

  private static String entry(ErrorEntry e) {
    List<String> parts = new ArrayList<>();
    e.field().ifPresent(v -> parts.add("field=" + v));
    e.code().ifPresent(v -> parts.add("code=" + v));
    e.title().ifPresent(v -> parts.add("title=" + v));
    e.detail().ifPresent(v -> parts.add("detail=" + v));
    return parts.isEmpty() ? "(empty entry)" : String.join("  ", parts);
  }

  private static String challenge(Challenge c) {
    StringBuilder sb = new StringBuilder(c.scheme());
    c.token68().ifPresent(t -> sb.append(" …")); // a credential-like token: never printed
    String params = c.params().entrySet().stream()
        .map(p -> p.getKey() + "=\"" + p.getValue() + "\"")
        .collect(Collectors.joining(", "));
    if (!params.isEmpty()) {
      sb.append(' ').append(params);
    }
    return sb.toString();
  }

  private static String rateLimit(RateLimit r) {
    return "limit=" + millis(r.limit()).orElse("-") + "  remaining=" + millis(r.remaining()).orElse("-")
        + "  resetMillis=" + millis(r.resetMillis()).orElse("-");
  }

  private static Optional<String> millis(OptionalLong value) {
    return value.isPresent() ? Optional.of(Long.toString(value.getAsLong())) : Optional.empty();
  }

  private void field(String label, Optional<String> value) {
    field(label, value.orElse(null));
  }

  private void field(String label, @Nullable String value) {
    out.println(Text.pad(label, LABEL_WIDTH) + Text.oneLine(value == null ? null : secrets.scrub(value), VALUE_WIDTH));
  }

  /** The first {@code values} of a list of {@code total}, one per line, then how many more. */
  private void list(String label, int total, List<String> values) {
    if (values.isEmpty()) {
      field(label, "(none)");
      return;
    }
    int shown = values.size();
    for (int i = 0; i < shown; i++) {
      out.println(Text.pad(i == 0 ? label : "", LABEL_WIDTH) + "[" + i + "] "
          + Text.oneLine(secrets.scrub(values.get(i)), VALUE_WIDTH));
    }
    if (shown < total) {
      out.println(Text.pad("", LABEL_WIDTH) + String.format(java.util.Locale.ROOT, "… %,d more", total - shown));
    }
  }
}
