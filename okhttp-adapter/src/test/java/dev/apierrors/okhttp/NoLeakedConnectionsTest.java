package dev.apierrors.okhttp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.Test;

/** The leak check itself can fail: a response nobody closes is caught both ways. */
class NoLeakedConnectionsTest {
  @StartStop final MockWebServer server = TestHttp.newServer();

  @Test
  void anUnclosedResponseIsSeenInUseThenReportedByOkHttpAfterGc() throws Exception {
    OkHttpClient client = TestHttp.clientBuilder().build(); // not tracked: this test leaks on purpose
    server.enqueue(new MockResponse.Builder().body("not read, never closed").build());
    NoLeakedConnections.LeakWarnings warnings = new NoLeakedConnections.LeakWarnings();
    warnings.install();
    Logger okhttpLogger = Logger.getLogger(OkHttpClient.class.getName());
    okhttpLogger.setUseParentHandlers(false); // the warning is expected here: keep it off the console
    try {
      leakOneResponse(client);
      assertThat(client.connectionPool().connectionCount())
          .isGreaterThan(client.connectionPool().idleConnectionCount());

      List<String> leaks = warnings.afterGc(List.of(client), Duration.ofSeconds(10));

      assertThat(leaks).singleElement().asString().contains("was leaked");
    } finally {
      okhttpLogger.setUseParentHandlers(true);
      warnings.uninstall();
      client.connectionPool().evictAll();
    }
  }

  @Test
  void closedResponsesLeaveEveryConnectionIdleAndNoWarning() throws Exception {
    OkHttpClient client = TestHttp.clientBuilder().build();
    server.enqueue(new MockResponse.Builder().body("read and closed").build());
    NoLeakedConnections.LeakWarnings warnings = new NoLeakedConnections.LeakWarnings();
    warnings.install();
    try {
      client.newCall(new Request.Builder().url(server.url("/")).build()).execute().close();

      assertThat(client.connectionPool().connectionCount())
          .isEqualTo(client.connectionPool().idleConnectionCount());
      assertThat(warnings.afterGc(List.of(client), Duration.ofSeconds(1))).isEmpty();
    } finally {
      warnings.uninstall();
      client.connectionPool().evictAll();
    }
  }

  /** In its own frame, so that nothing on the test's stack keeps the call reachable. */
  private void leakOneResponse(OkHttpClient client) throws Exception {
    client.newCall(new Request.Builder().url(server.url("/")).build()).execute();
  }
}
