package dev.apierrors;

import dev.apierrors.spi.BoundedBody;
import dev.apierrors.spi.ErrorBody;
import dev.apierrors.spi.ErrorFields;
import dev.apierrors.spi.ErrorFormat;
import dev.apierrors.spi.HttpHeaders;
import dev.apierrors.spi.ResponseView;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;

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

  /** A format named {@code name} that decodes with {@code decode}. */
  static ErrorFormat format(String name, Function<ErrorBody, Optional<ErrorFields>> decode) {
    return new ErrorFormat() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Optional<ErrorFields> decode(ErrorBody body) {
        return decode.apply(body);
      }
    };
  }
}
