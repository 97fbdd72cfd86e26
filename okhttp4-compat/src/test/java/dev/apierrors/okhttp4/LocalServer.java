package dev.apierrors.okhttp4;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import okhttp3.HttpUrl;

/**
 * The JDK's HttpServer on loopback (MockWebServer 3 needs OkHttp 5, so it cannot run
 * here). One handler per path; each request runs on its own thread, so a handler may
 * stream a long body.
 */
final class LocalServer implements AutoCloseable {
  interface Handler {
    void handle(HttpExchange exchange) throws IOException;
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();

  LocalServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.start();
  }

  void on(String path, Handler handler) {
    server.createContext(path, exchange -> {
      try (exchange) {
        handler.handle(exchange);
      }
    });
  }

  /** Answers with a fixed status, headers and UTF-8 body (no body when empty). */
  void on(String path, int status, Map<String, String> headers, String body) {
    on(path, exchange -> respond(exchange, status, headers, body.getBytes(StandardCharsets.UTF_8)));
  }

  static void respond(HttpExchange exchange, int status, Map<String, String> headers, byte[] body)
      throws IOException {
    exchange.getRequestBody().readAllBytes();
    headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  HttpUrl url(String pathAndQuery) {
    return HttpUrl.get("http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":"
        + server.getAddress().getPort() + pathAndQuery);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
