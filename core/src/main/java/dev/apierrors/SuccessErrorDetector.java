package dev.apierrors;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apierrors.internal.BodyText;
import dev.apierrors.internal.JsonTree;
import dev.apierrors.internal.SpiAccess;
import dev.apierrors.spi.ResponseView;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Recognises an error reported with a success status (2xx): some APIs answer every call
 * with 200 and say in the body that it failed. Opt-in per client (the OkHttp adapter's
 * builders take {@code detect(...)}); without a detector the success path stays as it is,
 * its body never read. With one, the body of each 2xx response is peeked (bounded by the
 * decoder's {@code maxBodyBytes}) and, when a detector says it is an error, the response
 * is closed and an {@link ErrorInSuccessException} is thrown, the body decoded by the
 * usual rules.
 *
 * <p>Built in:
 * <ul>
 *   <li>{@link #slack()}: a JSON object whose {@code ok} is {@code false} (Slack's Web API:
 *       {@code {"ok": false, "error": "channel_not_found"}}).
 *   <li>{@link #graphql()}: a JSON object with a non-empty {@code errors} array and no data
 *       ({@code data} absent or {@code null}), as GraphQL over HTTP answers a request that
 *       failed as a whole. A response with errors AND data is a partial success and passes
 *       through: its data is usable, and the caller reads its {@code errors} as GraphQL
 *       clients do.
 * </ul>
 *
 * <p>Thread-safety: implementations must be thread-safe (the built-in ones are immutable).
 */
public interface SuccessErrorDetector {
  /** {@return a short name, for the exception and for logs ({@code slack}, {@code graphql}, ...)} */
  String name();

  /**
   * Whether {@code response}, a 2xx, reports an error. Must not throw; a detector that
   * throws is treated as saying no (and is logged by the adapter).
   *
   * @param response the status, headers and the bounded body of the response
   * @return true when the response reports an error
   */
  boolean isError(ResponseView response);

  /**
   * Whether this detector needs to see a 2xx body of this {@code Content-Type} at all
   * (empty: none given). Only bodies some detector wants are peeked, so a stream or a
   * download is never buffered for nothing. Default: every body; the built-in detectors
   * want JSON only (a type containing {@code json}, or none given).
   *
   * @param contentType the response's {@code Content-Type}, if any
   * @return true to see the body
   */
  default boolean wantsBody(Optional<String> contentType) {
    return true;
  }

  /** {@return slack's {@code {"ok": false, ...}}} */
  static SuccessErrorDetector slack() {
    return JsonDetectors.SLACK;
  }

  /** {@return GraphQL's {@code {"errors": [...], "data": null}} (no data at all)} */
  static SuccessErrorDetector graphql() {
    return JsonDetectors.GRAPHQL;
  }

  /**
   * A detector of your own, named {@code name}, saying an error wherever
   * {@code predicate} holds (it sees the status, headers and bounded body).
   *
   * @param name the detector's name, reported by {@link ErrorInSuccessException#detector()}
   * @param predicate true for a response that reports an error
   * @return the detector
   */
  static SuccessErrorDetector when(String name, Predicate<ResponseView> predicate) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(predicate, "predicate");
    return new SuccessErrorDetector() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public boolean isError(ResponseView response) {
        return predicate.test(response);
      }

      @Override
      public String toString() {
        return "SuccessErrorDetector(" + name + ')';
      }
    };
  }

  /**
   * The built-in detector named {@code name} ({@code slack} or {@code graphql}), for
   * configuration read from text.
   *
   * @param name {@code slack} or {@code graphql}
   * @return the detector, or empty for another name
   */
  static Optional<SuccessErrorDetector> builtIn(String name) {
    return switch (name) {
      case "slack" -> Optional.of(slack());
      case "graphql" -> Optional.of(graphql());
      default -> Optional.empty();
    };
  }
}

/** The built-in detectors: one JSON parse of the bounded body each. */
final class JsonDetectors implements SuccessErrorDetector {
  static final JsonDetectors SLACK = new JsonDetectors("slack", json -> {
    JsonNode ok = json.get("ok");
    return ok != null && ok.isBoolean() && !ok.booleanValue();
  });
  static final JsonDetectors GRAPHQL = new JsonDetectors("graphql", json -> {
    JsonNode errors = json.get("errors");
    JsonNode data = json.get("data");
    return errors != null && errors.isArray() && !errors.isEmpty() && (data == null || data.isNull());
  });

  private final String name;
  private final Predicate<JsonNode> test;

  private JsonDetectors(String name, Predicate<JsonNode> test) {
    this.name = name;
    this.test = test;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean wantsBody(Optional<String> contentType) {
    return contentType.map(type -> type.toLowerCase(java.util.Locale.ROOT).contains("json")).orElse(true);
  }

  @Override
  public boolean isError(ResponseView response) {
    if (response.body().length() == 0) {
      return false;
    }
    String text = BodyText.decode(SpiAccess.bytes(response.body()), response.contentType().orElse(null));
    return JsonTree.parse(text, response.body().truncated()).filter(JsonNode::isObject).map(test::test).orElse(false);
  }

  @Override
  public String toString() {
    return "SuccessErrorDetector." + name + "()";
  }
}
