package dev.apierrors.examples.support;

import java.io.IOException;
import java.net.InetAddress;
import java.util.logging.Level;
import java.util.logging.Logger;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;

/**
 * Starting embedded servers and stopping OkHttp clients so that the JVM can exit at once.
 *
 * <p>An {@link OkHttpClient} keeps a dispatcher thread pool and a connection pool alive
 * for a while after its last call; a command line tool should release both explicitly
 * rather than wait for their idle timeouts. Thread-safety: stateless.
 */
public final class Servers {
  /**
   * MockWebServer logs a warning for every connection that closes without a request (which
   * the conformance cases provoke on purpose). Kept in a field: a logger whose level was
   * set must stay strongly reachable, or the setting is lost.
   */
  private static final Logger MOCK_WEB_SERVER_LOGGER = Logger.getLogger("mockwebserver3.MockWebServer");

  static {
    MOCK_WEB_SERVER_LOGGER.setLevel(Level.OFF);
  }

  private Servers() {}

  /**
   * Returns a started MockWebServer on loopback whose accepted sockets use
   * {@code TCP_NODELAY}.
   *
   * @throws IOException if no port could be bound
   */
  public static MockWebServer startLoopbackServer() throws IOException {
    MockWebServer server = new MockWebServer();
    server.setServerSocketFactory(new NoDelayServerSocketFactory());
    server.start(InetAddress.getLoopbackAddress(), 0);
    return server;
  }

  /**
   * Releases the client's threads and pooled connections: cancels what is still queued,
   * shuts down the dispatcher's executor and evicts idle connections.
   */
  public static void shutdown(OkHttpClient client) {
    client.dispatcher().cancelAll();
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }
}
