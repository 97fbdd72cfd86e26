package dev.apierrors;

import java.util.Optional;

/**
 * The formats the decoder knows without configuration, one per row of the README's
 * decoding table, in the order they are tried. {@link ApiError#builtInFormat()} says which
 * one decoded a body, so application code can {@code switch} on it; {@link #wireName()} is
 * the name {@link ApiError#format()} reports (and the conformance runner prints).
 *
 * <p>Thread-safety: an enum, immutable.
 */
public enum BuiltInFormat {
  /** No body, or only whitespace. */
  EMPTY("empty"),
  /** RFC 9457 problem details in JSON. */
  PROBLEM_JSON("problem_json"),
  /** RFC 9457 problem details in XML (Appendix B). */
  PROBLEM_XML("problem_xml"),
  /** {@code {"status":"ERROR","error":"..."}}. */
  STATUS_ERROR("status_error"),
  /** OAuth 2.0 (RFC 6749 §5.2) and the like: {@code error} is a single token. */
  ERROR_DESCRIPTION("error_description"),
  /** {@code error} is a sentence (Auth0, Express apps, Elasticsearch 1.x). */
  ERROR_TEXT("error_text"),
  /** A string {@code message} and a string {@code description}. */
  MESSAGE_DESCRIPTION("message_description"),
  /** A {@code code} and a string {@code message}. */
  CODE_MESSAGE("code_message"),
  /** {@code errors} is a non-empty array of objects (JSON:API, GraphQL). */
  ERRORS_ARRAY("errors_array"),
  /** {@code error} is an object (Google, Microsoft Graph, Elasticsearch, Stripe). */
  NESTED_ERROR("nested_error"),
  /** A string {@code message}. */
  MESSAGE("message"),
  /** Any other JSON value but a string. */
  JSON("json"),
  /** An XML {@code <Error>} with {@code Code}/{@code Message} (AWS, GCS, Azure Storage). */
  XML_ERROR("xml_error"),
  /** An HTML page. */
  HTML("html"),
  /** Everything else, read as text. */
  PLAIN_TEXT("plain_text");

  private final String wireName;

  BuiltInFormat(String wireName) {
    this.wireName = wireName;
  }

  /** {@return the name {@link ApiError#format()} reports for this format, e.g. {@code problem_json}} */
  public String wireName() {
    return wireName;
  }

  /** {@link #values()} once: every decoded error looks its format up by name. */
  private static final BuiltInFormat[] ALL = values();

  /**
   * The built-in format whose {@link #wireName()} is {@code name}.
   *
   * @param name a wire name, e.g. {@code problem_json}
   * @return the format; empty when no built-in format has that name
   */
  public static Optional<BuiltInFormat> fromWireName(String name) {
    for (BuiltInFormat format : ALL) {
      if (format.wireName.equals(name)) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }
}
