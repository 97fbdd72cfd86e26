package dev.apierrors.internal;

import dev.apierrors.spi.HttpHeaders;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the server's id for a request, to quote to its support: the first non-blank
 * value of {@code X-Request-Id}, {@code Request-Id}, {@code X-Correlation-Id},
 * {@code X-Amzn-RequestId}, {@code x-ms-request-id}, {@code X-GitHub-Request-Id},
 * {@code CF-Ray}, in that order. Thread-safety: stateless.
 */
public final class RequestIdParser {
  /** In order of preference: specific request ids before tracing and CDN ids. */
  static final List<HeaderName> HEADERS = Stream.of(
          "X-Request-Id", "Request-Id", "X-Correlation-Id", "X-Amzn-RequestId",
          "x-ms-request-id", "X-GitHub-Request-Id", "CF-Ray")
      .map(HeaderName::of).toList();

  private RequestIdParser() {}

  /** The request id, trimmed, or empty when none of the headers has a non-blank value. */
  public static Optional<String> parse(HttpHeaders headers) {
    for (int i = 0; i < HEADERS.size(); i++) { // indexed: no iterators per error
      List<String> values = HEADERS.get(i).allValues(headers);
      for (int j = 0; j < values.size(); j++) {
        String value = values.get(j);
        if (!value.isBlank()) {
          return Optional.of(value.strip());
        }
      }
    }
    return Optional.empty();
  }
}
