package dev.apierrors.benchmarks;

import dev.apierrors.spi.BoundedBody;
import dev.apierrors.spi.HttpHeaders;
import dev.apierrors.spi.ResponseView;

/** The {@link ResponseView}s the decode benchmarks give the SDK. */
final class Views {
  static final String URL = "https://api.example.com/v1/orders/7f0c2a4e?expand=items";

  private Views() {}

  /**
   * The view of {@code body} as an adapter builds it: status, {@code Content-Type} (the only
   * header: the fixed costs of decoding should be near zero when the others are absent), the
   * bytes, the request.
   */
  static ResponseView of(Bodies.Body body) {
    return ResponseView.builder(body.status())
        .headers(HttpHeaders.of("Content-Type", body.contentType()))
        .body(BoundedBody.of(body.bytes(), false))
        .request("GET", URL)
        .build();
  }
}
