package dev.apierrors;

import java.nio.charset.StandardCharsets;

/** TEMPORARY minimal pipeline, replaced by the full one (see issue 2). */
final class DecodingPipeline {
  private DecodingPipeline() {}

  static ApiError decode(ResponseView response, ErrorDecoder decoder) {
    byte[] bytes = response.body().unsafeBytes();
    String text = new String(bytes, StandardCharsets.UTF_8);
    ApiError.Builder b = ApiError.builder(response.status())
        .rawBody(bytes, text, response.body().truncated())
        .request(response.requestMethod().orElse(null), response.requestUrl().orElse(null));
    if (text.isBlank()) {
      b.format("empty");
    } else {
      b.format("plain_text").detail(text.strip());
    }
    return b.build();
  }
}
