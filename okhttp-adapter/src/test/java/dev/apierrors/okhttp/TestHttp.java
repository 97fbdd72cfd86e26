package dev.apierrors.okhttp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ServerSocketFactory;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Response;

/** The shared test fixtures: fast local servers, tracked clients, and waiting for futures. */
final class TestHttp {
  private TestHttp() {}

  /**
   * A MockWebServer whose accepted sockets set TCP_NODELAY: without it every exchange on
   * loopback stalls ~40 ms (Nagle's algorithm meeting delayed ACKs).
   */
  static MockWebServer newServer() {
    MockWebServer server = new MockWebServer();
    server.setServerSocketFactory(new NoDelayServerSocketFactory());
    return server;
  }

  /**
   * A client builder with its own connection pool, whose short keep-alive makes OkHttp's
   * leak detection run promptly; build with {@link #track(OkHttpClient.Builder)}.
   */
  static OkHttpClient.Builder clientBuilder() {
    return new OkHttpClient.Builder()
        .connectionPool(new ConnectionPool(5, 200, TimeUnit.MILLISECONDS))
        .retryOnConnectionFailure(false)
        .readTimeout(10, TimeUnit.SECONDS);
  }

  /** Builds the client and registers it for the {@link NoLeakedConnections} checks. */
  static OkHttpClient track(OkHttpClient.Builder builder) {
    return NoLeakedConnections.track(builder.build());
  }

  /** A tracked client with the default {@link ApiErrorsInterceptor}. */
  static OkHttpClient client() {
    return track(clientBuilder().addInterceptor(ApiErrorsInterceptor.create()));
  }

  static MockResponse response(int status, String contentType, String body) {
    MockResponse.Builder b = new MockResponse.Builder().code(status).body(body);
    if (!contentType.isEmpty()) {
      b.setHeader("Content-Type", contentType);
    }
    return b.build();
  }

  /** Sends with {@code enqueue()} and returns the future of the callback's outcome. */
  static CompletableFuture<Response> enqueue(Call call) {
    CompletableFuture<Response> future = new CompletableFuture<>();
    call.enqueue(new Callback() {
      @Override
      public void onFailure(Call c, IOException e) {
        future.completeExceptionally(e);
      }

      @Override
      public void onResponse(Call c, Response response) {
        future.complete(response);
      }
    });
    return future;
  }

  /**
   * Waits for the future and returns its response, or throws the exception it completed
   * with, exactly as it was given to the future (no {@code ExecutionException}).
   */
  static Response await(CompletableFuture<Response> future) throws IOException {
    try {
      return future.get(20, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      throw new AssertionError("the future failed with a non-IOException", cause);
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError("the future did not complete", e);
    }
  }

  /** Sets TCP_NODELAY on every accepted socket. */
  private static final class NoDelayServerSocketFactory extends ServerSocketFactory {
    @Override
    public ServerSocket createServerSocket() throws IOException {
      return new NoDelayServerSocket();
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
      ServerSocket s = createServerSocket();
      s.bind(new java.net.InetSocketAddress(port));
      return s;
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog) throws IOException {
      ServerSocket s = createServerSocket();
      s.bind(new java.net.InetSocketAddress(port), backlog);
      return s;
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
      ServerSocket s = createServerSocket();
      s.bind(new java.net.InetSocketAddress(address, port), backlog);
      return s;
    }
  }

  private static final class NoDelayServerSocket extends ServerSocket {
    NoDelayServerSocket() throws IOException {
      super();
    }

    @Override
    public Socket accept() throws IOException {
      Socket socket = super.accept();
      socket.setTcpNoDelay(true);
      return socket;
    }
  }
}
