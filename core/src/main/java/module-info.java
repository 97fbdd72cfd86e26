/**
 * apierrors core: transport-neutral decoding of HTTP error responses into typed
 * exceptions, the header parsers, and the retry policy. No HTTP client here.
 */
module dev.apierrors.core {
  // Transitive because the extension points name Jackson 2 types: a custom format reads
  // ErrorBody.json() (a JsonNode), JacksonValueConverter.of takes an ObjectMapper. ApiError
  // and the rest of dev.apierrors name none (plain values and ValueConverter instead).
  requires transitive com.fasterxml.jackson.databind;
  requires transitive io.github.resilience4j.retry;
  // RetryPolicy's interval function reads resilience4j's Either (resilience4j-core).
  requires io.github.resilience4j.core;
  requires static transitive org.jspecify;
  requires java.xml;

  exports dev.apierrors;
  // Extension points: the response view for other HTTP clients, custom formats, retry driving.
  exports dev.apierrors.spi;
  // dev.apierrors.internal is deliberately not exported.
}
