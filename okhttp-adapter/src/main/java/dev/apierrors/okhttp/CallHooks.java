package dev.apierrors.okhttp;

import dev.apierrors.ApiErrorsListener;
import dev.apierrors.SuccessErrorDetector;
import dev.apierrors.spi.HostGate;
import dev.apierrors.spi.HostKey;
import dev.apierrors.spi.HttpHeaders;
import dev.apierrors.spi.ResponseView;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * What the engine does around each call besides retrying, all opt-in: tell a listener of
 * every outcome, share a host's cool-down, pacing and retry budget across calls
 * ({@link HostGate}), and look for errors reported with a 2xx. Immutable; built once per
 * client by the settings builder, so that an {@link AsyncCaller} built for a client shares
 * its interceptor's host state.
 */
final class CallHooks {
  private static final System.Logger LISTENER_LOG = System.getLogger("dev.apierrors.listener");

  static final CallHooks NONE = new CallHooks(ApiErrorsListener.none(), null, request -> null, List.of());

  private final ApiErrorsListener listener;
  private final @Nullable HostGate gate;
  private final Function<Request, @Nullable String> userKey;
  private final List<SuccessErrorDetector> detectors;
  private final boolean quiet;

  CallHooks(ApiErrorsListener listener, @Nullable HostGate gate, Function<Request, @Nullable String> userKey,
      List<SuccessErrorDetector> detectors) {
    this.listener = Objects.requireNonNull(listener, "listener");
    this.gate = gate != null && gate.enabled() ? gate : null;
    this.userKey = Objects.requireNonNull(userKey, "userKey");
    this.detectors = List.copyOf(detectors);
    this.quiet = listener == ApiErrorsListener.none() && this.gate == null && this.detectors.isEmpty();
  }

  /** Whether nothing is configured: the success path then stays untouched (no allocation). */
  boolean quiet() {
    return quiet;
  }

  boolean observed() {
    return listener != ApiErrorsListener.none();
  }

  ApiErrorsListener listener() {
    return listener;
  }

  @Nullable HostGate gate() {
    return gate;
  }

  Function<Request, @Nullable String> userKey() {
    return userKey;
  }

  List<SuccessErrorDetector> detectors() {
    return detectors;
  }

  CallHooks withListener(ApiErrorsListener listener) {
    return new CallHooks(listener, gate, userKey, detectors);
  }

  CallHooks withGate(@Nullable HostGate gate, Function<Request, @Nullable String> userKey) {
    return new CallHooks(listener, gate, userKey, detectors);
  }

  CallHooks withDetectors(List<SuccessErrorDetector> detectors) {
    return new CallHooks(listener, gate, userKey, detectors);
  }

  /** The host the state of {@code request}'s calls is shared under. */
  HostKey hostKey(Request request) {
    HttpUrl url = request.url();
    HostKey key = HostKey.of(url.scheme(), url.host(), url.port());
    String user;
    try {
      user = userKey.apply(request);
    } catch (RuntimeException | Error e) {
      warn("the hostKey function threw " + e.getClass().getName() + "; the host is used without a user key");
      user = null;
    }
    return user == null ? key : key.withUserKey(user);
  }

  /** The host as events name it: never the path or query. */
  static String hostLabel(Request request) {
    HttpUrl url = request.url();
    return url.port() == HttpUrl.defaultPort(url.scheme()) ? url.host() : url.host() + ':' + url.port();
  }

  /** Tells the listener, never letting it break the call. */
  void tell(java.util.function.Consumer<ApiErrorsListener> event, String what) {
    try {
      event.accept(listener);
    } catch (RuntimeException | Error e) {
      warn("the ApiErrorsListener threw " + e.getClass().getName() + " from " + what + "; the call goes on");
    }
  }

  /**
   * The name of the first detector that calls {@code response} (a 2xx) an error, peeking
   * at most {@code maxBodyBytes} of its body; null when none does (or no detector is set).
   * The body is peeked only when a detector wants its content type.
   */
  @Nullable String detect(Response response, int maxBodyBytes) {
    if (detectors.isEmpty() || response.code() < 200 || response.code() > 299) {
      return null;
    }
    java.util.Optional<String> contentType = java.util.Optional.ofNullable(response.header("Content-Type"));
    List<SuccessErrorDetector> wanting = new java.util.ArrayList<>(detectors.size());
    for (SuccessErrorDetector detector : detectors) {
      try {
        if (detector.wantsBody(contentType)) {
          wanting.add(detector);
        }
      } catch (RuntimeException | Error e) {
        warn("the SuccessErrorDetector '" + oneLine(detector.name()) + "' threw " + e.getClass().getName()
            + "; it is taken to say no");
      }
    }
    if (wanting.isEmpty()) {
      return null;
    }
    ResponseView view;
    try {
      view = peek(response, maxBodyBytes, dev.apierrors.spi.Secrets.none());
    } catch (java.io.IOException | RuntimeException e) {
      return null; // a body that cannot be peeked reports nothing; the caller reads it as usual
    }
    for (SuccessErrorDetector detector : wanting) {
      try {
        if (detector.isError(view)) {
          return detector.name();
        }
      } catch (RuntimeException | Error e) {
        warn("the SuccessErrorDetector '" + oneLine(detector.name()) + "' threw " + e.getClass().getName()
            + "; it is taken to say no");
      }
    }
    return null;
  }

  /**
   * The response's status, headers and at most {@code maxBodyBytes} of its body, not
   * consumed; {@code secrets} are masked in what is decoded from it.
   */
  static ResponseView peek(Response response, int maxBodyBytes, dev.apierrors.spi.Secrets secrets)
      throws java.io.IOException {
    byte[] bytes = maxBodyBytes == 0 ? new byte[0] : response.peekBody(maxBodyBytes + 1L).bytes();
    boolean truncated = bytes.length > maxBodyBytes;
    return ResponseView.builder(response.code())
        .headers(headers(response.headers()))
        .body(dev.apierrors.spi.BoundedBody.of(truncated ? java.util.Arrays.copyOf(bytes, maxBodyBytes) : bytes,
            truncated))
        .request(response.request().method(), response.request().url().toString())
        .secrets(secrets)
        .build();
  }

  /** Runs a call into the host limits' store, which must never break a call (a shared store may fail). */
  void guard(Runnable storeCall, String what) {
    try {
      storeCall.run();
    } catch (RuntimeException | Error e) {
      warnStore(e, what);
    }
  }

  void warnStore(Throwable e, String what) {
    warn("the host limits' store threw " + e.getClass().getName() + " from " + what
        + "; the call goes on as if it held no state");
  }

  static HttpHeaders headers(Headers headers) {
    HttpHeaders.Builder b = HttpHeaders.builder();
    for (int i = 0; i < headers.size(); i++) {
      b.add(headers.name(i), headers.value(i));
    }
    return b.build();
  }

  private static String oneLine(String text) {
    StringBuilder b = new StringBuilder(Math.min(text.length(), 64));
    for (int i = 0; i < text.length() && i < 64; i++) {
      char c = text.charAt(i);
      b.append(Character.isISOControl(c) ? '?' : c);
    }
    return b.toString();
  }

  private static void warn(String message) {
    try {
      LISTENER_LOG.log(Level.WARNING, "apierrors: " + message);
    } catch (RuntimeException | Error ignored) {
      // A broken logger must not break the call either.
    }
  }

  @Override
  public String toString() {
    return quiet ? "" : "{listener=" + listener + (gate == null ? "" : ", " + gate.limits())
        + (detectors.isEmpty() ? "" : ", detect=" + detectors.size()) + '}';
  }
}
