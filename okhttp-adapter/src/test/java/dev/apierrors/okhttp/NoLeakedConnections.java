package dev.apierrors.okhttp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class that leaks a connection (a response nobody closed). After each test:
 * every tracked client's calls have ended and none of its pooled connections is still in
 * use. After the class: {@code System.gc()}, then OkHttp's own leak warnings ("A
 * connection to ... was leaked", logged to {@code okhttp3.OkHttpClient} when its pool
 * finds a connection whose call was garbage-collected) must be none.
 *
 * <p>Test classes run one after the other (Surefire's default), so the tracked clients
 * are kept in one static list, emptied after each class.
 */
final class NoLeakedConnections implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {
  private static final List<OkHttpClient> CLIENTS = new CopyOnWriteArrayList<>();
  private static final Duration CALLS_END_WITHIN = Duration.ofSeconds(10);

  private final LeakWarnings warnings = new LeakWarnings();

  /** Registers a client for the checks and returns it. */
  static OkHttpClient track(OkHttpClient client) {
    CLIENTS.add(client);
    return client;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    warnings.install();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    for (OkHttpClient client : CLIENTS) {
      awaitCallsEnded(client);
      ConnectionPool pool = client.connectionPool();
      // The two counts are read one after the other: an eviction between them can make
      // them differ for an instant. A connection really in use stays in use: re-read a
      // few times before judging.
      for (int i = 0; i < 50 && pool.connectionCount() != pool.idleConnectionCount(); i++) {
        sleep(20);
      }
      assertThat(pool.connectionCount())
          .as("connections of %s still in use (a response was not closed)", client)
          .isEqualTo(pool.idleConnectionCount());
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    try {
      assertThat(warnings.afterGc(CLIENTS, Duration.ofSeconds(2))).isEmpty();
    } finally {
      warnings.uninstall();
      CLIENTS.forEach(c -> c.connectionPool().evictAll());
      CLIENTS.clear();
    }
  }

  /** Waits until the client's dispatcher runs no call: a call's last steps may follow its outcome. */
  static void awaitCallsEnded(OkHttpClient client) {
    long deadline = System.nanoTime() + CALLS_END_WITHIN.toNanos();
    while (client.dispatcher().runningCallsCount() > 0) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("calls still running on " + client + " after " + CALLS_END_WITHIN);
      }
      sleep(5);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Collects OkHttp's leak warnings while installed. */
  static final class LeakWarnings extends Handler {
    // Held strongly: java.util.logging keeps loggers only weakly.
    private final Logger logger = Logger.getLogger(OkHttpClient.class.getName());
    private final List<String> messages = new CopyOnWriteArrayList<>();

    void install() {
      logger.addHandler(this);
    }

    void uninstall() {
      logger.removeHandler(this);
    }

    /**
     * Runs the garbage collector and, while a pool of {@code clients} still has a
     * connection in use, gives the pools up to {@code wait} to find a leaked one (their
     * cleanup runs once per keep-alive period); returns the warnings logged since
     * {@link #install()}. With every connection idle, nothing can be leaked: no wait.
     */
    List<String> afterGc(Collection<OkHttpClient> clients, Duration wait) {
      System.gc();
      long deadline = System.nanoTime() + wait.toNanos();
      while (messages.isEmpty() && anyInUse(clients) && System.nanoTime() < deadline) {
        System.gc();
        sleep(20);
      }
      return new ArrayList<>(messages);
    }

    private static boolean anyInUse(Collection<OkHttpClient> clients) {
      return clients.stream()
          .map(OkHttpClient::connectionPool)
          .anyMatch(p -> p.connectionCount() != p.idleConnectionCount());
    }

    @Override
    public void publish(LogRecord record) {
      String message = record.getMessage();
      if (message != null && message.contains("was leaked")) {
        messages.add(message);
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
