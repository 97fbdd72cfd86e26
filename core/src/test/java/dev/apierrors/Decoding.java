package dev.apierrors;

import java.nio.charset.StandardCharsets;

/** Test shorthand: decode a response with the default decoder. */
final class Decoding {
  private Decoding() {}

  static ApiError decode(int status, String contentType, String body) {
    return decode(status, contentType, body.getBytes(StandardCharsets.UTF_8), false);
  }

  static ApiError decode(int status, String contentType, byte[] body, boolean truncated) {
    HttpHeaders headers = contentType == null ? HttpHeaders.empty() : HttpHeaders.of("Content-Type", contentType);
    return ErrorDecoder.ofDefaults()
        .decode(ResponseView.builder(status).headers(headers).body(BoundedBody.of(body, truncated)).build());
  }
}
