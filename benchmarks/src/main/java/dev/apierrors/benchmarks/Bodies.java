package dev.apierrors.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The error bodies the benchmarks decode: what real servers send, at realistic sizes.
 * Each is built once, deterministically (no randomness), so every run measures the
 * same bytes.
 */
final class Bodies {
  /** One body: a name for JMH's {@code @Param}, its {@code Content-Type}, its bytes, its status. */
  record Body(String name, int status, String contentType, byte[] bytes) {
    String text() {
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  private Bodies() {}

  /** The body named {@code name} (the names of the benchmarks' {@code @Param}s). */
  static Body of(String name) {
    return switch (name) {
      case "problem_1k" -> new Body(name, 422, "application/problem+json", utf8(problem1k()));
      case "oauth_255" -> new Body(name, 400, "application/json;charset=UTF-8", utf8(oauth255()));
      case "code_message_48" -> new Body(name, 429, "application/json", utf8(codeMessage48()));
      case "problem_64k_500" -> new Body(name, 422, "application/problem+json", utf8(problem64k()));
      case "status_error" -> new Body(name, 400, "application/json", utf8(statusError()));
      case "message_description" -> new Body(name, 404, "application/json", utf8(messageDescription()));
      case "nginx_html_2k" -> new Body(name, 502, "text/html", utf8(nginxHtml2k()));
      case "plain_text" -> new Body(name, 503, "text/plain", utf8(
          "upstream connect error or disconnect/reset before headers. reset reason: connection failure"));
      case "text_64k" -> new Body(name, 500, "text/plain;charset=utf-8", utf8(stackTrace64k()));
      case "json_256k" -> new Body(name, 500, "application/json", utf8(errorsJson(256 * 1024)));
      default -> throw new IllegalArgumentException("no body named " + name);
    };
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** An RFC 9457 problem with the usual extensions, padded to exactly 1,024 bytes. */
  static String problem1k() {
    String head = "{\"type\":\"https://api.example.com/problems/validation-error\","
        + "\"title\":\"Your request is not valid.\",\"status\":422,"
        + "\"detail\":\"2 fields failed validation: see errors for each of them.\","
        + "\"instance\":\"/v1/orders/7f0c2a4e-3b9d-4c51-9d7e-2f6a1b8c0e11\","
        + "\"traceId\":\"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\","
        + "\"timestamp\":\"2026-12-01T21:50:00.123Z\",\"errors\":["
        + "{\"pointer\":\"#/shipping/postalCode\",\"detail\":\"must match ^[0-9]{5}$\",\"code\":\"pattern\"},"
        + "{\"pointer\":\"#/items/0/quantity\",\"detail\":\"must be greater than or equal to 1\",\"code\":\"minimum\"}],"
        + "\"retryable\":false,\"docs\":\"https://docs.example.com/errors/validation-error\",\"note\":\"";
    return pad(head, "\"}", 1024);
  }

  /** RFC 6749 §5.2, padded to exactly 255 bytes. */
  static String oauth255() {
    String head = "{\"error\":\"invalid_grant\",\"error_description\":\"The provided authorization grant is "
        + "invalid, expired or revoked.\",\"error_uri\":\"https://auth.example.com/docs/errors#invalid_grant\","
        + "\"hint\":\"";
    return pad(head, "\"}", 255);
  }

  /** The shortest common shape, exactly 48 bytes. */
  static String codeMessage48() {
    return pad("{\"code\":\"RATE_LIMITED\",\"message\":\"Slow down", ".\"}", 48);
  }

  /** A problem whose {@code errors} has 500 entries: about 64 KiB. */
  static String problem64k() {
    StringBuilder b = new StringBuilder(70_000)
        .append("{\"type\":\"https://api.example.com/problems/bulk-validation\",")
        .append("\"title\":\"Some items of the batch are not valid.\",\"status\":422,")
        .append("\"detail\":\"500 items failed validation.\",\"instance\":\"/v1/batches/9912\",\"errors\":[");
    for (int i = 0; i < 500; i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append(String.format(Locale.ROOT,
          "{\"pointer\":\"#/items/%d/email\",\"detail\":\"must be a well-formed email address\","
              + "\"code\":\"format\",\"rejected\":\"user%04d(at)example\"}", i, i));
    }
    return b.append("]}").toString();
  }

  /** Row 4 ({@code status_error}), the Stitch-like shape. */
  static String statusError() {
    return "{\"status\":\"ERROR\",\"error\":\"Validation failed\",\"errors\":{\"email\":\"has already been taken\","
        + "\"password\":[\"is too short (minimum is 12 characters)\",\"must contain a digit\"]},"
        + "\"request_id\":\"req_8f2b1c\"}";
  }

  /** Row 6 ({@code message_description}). */
  static String messageDescription() {
    return "{\"message\":\"Not Found\",\"description\":\"No order with id 7f0c2a4e exists for this account.\","
        + "\"timestamp\":1764625800123}";
  }

  /** An nginx-style 502 page with a style sheet and the padding nginx adds: 2 KiB. */
  static String nginxHtml2k() {
    String head = "<html>\r\n<head><title>502 Bad Gateway</title>\r\n<style>\r\n"
        + "body { width: 35em; margin: 0 auto; font-family: Tahoma, Verdana, Arial, sans-serif; }\r\n"
        + "h1 { font-weight: normal; }\r\n</style>\r\n</head>\r\n<body>\r\n"
        + "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.27.3</center>\r\n"
        + "</body>\r\n</html>\r\n";
    StringBuilder b = new StringBuilder(head);
    String padding = "<!-- a padding to disable MSIE and Chrome friendly error page -->\r\n";
    while (b.length() + padding.length() <= 2048) {
      b.append(padding);
    }
    return pad(b.toString(), "", 2048, ' ');
  }

  /** A Java stack trace as some servers send it for a 500: 64 KiB of text. */
  static String stackTrace64k() {
    StringBuilder b = new StringBuilder(66_000)
        .append("java.lang.IllegalStateException: connection pool exhausted\n");
    int i = 0;
    while (b.length() < 64 * 1024 - 100) {
      b.append("\tat com.example.orders.service.OrderRepository.find(OrderRepository.java:")
          .append(100 + i++ % 900).append(")\n");
    }
    return pad(b.toString(), "\n", 64 * 1024);
  }

  /**
   * A JSON error whose {@code errors} array fills {@code size} bytes (for the 256 KiB body,
   * and as the pattern of the 100 MB one).
   */
  static String errorsJson(int size) {
    StringBuilder b = new StringBuilder(size + 200)
        .append("{\"message\":\"Internal error while exporting\",\"errors\":[");
    int i = 0;
    String tail = "]}";
    while (true) {
      String entry = (i > 0 ? "," : "")
          + String.format(Locale.ROOT, "{\"field\":\"rows[%d]\",\"message\":\"could not be exported\"}", i);
      if (b.length() + entry.length() + tail.length() + 16 > size) {
        break;
      }
      b.append(entry);
      i++;
    }
    b.append("],\"pad\":\"");
    return pad(b.toString(), "\"}", size);
  }

  /** {@code head}, filler characters, then {@code tail}, exactly {@code length} ASCII characters. */
  private static String pad(String head, String tail, int length) {
    return pad(head, tail, length, 'x');
  }

  private static String pad(String head, String tail, int length, char filler) {
    int spaces = length - head.length() - tail.length();
    if (spaces < 0) {
      throw new IllegalStateException("body longer than " + length + ": " + (head.length() + tail.length()));
    }
    return head + String.valueOf(filler).repeat(spaces) + tail;
  }
}
