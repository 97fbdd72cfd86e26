package dev.apierrors.okhttp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.HttpUrl;

/**
 * A raw-socket HTTP/1.1 server on loopback for bodies MockWebServer cannot send: endless
 * ones, generated as they are written. Each connection gets one response: the head, then
 * the body from {@link Body} until the client goes away, {@code maxBodyBytes} are sent or
 * {@code maxTime} has passed (so every test ends, whatever the client does). Counts the
 * requests and the body bytes written.
 */
final class HostileServer implements AutoCloseable {
  /** Writes the next part of the body into {@code buffer}; returns the bytes to send, then paces itself. */
  interface Body {
    int next(byte[] buffer) throws InterruptedException;
  }

  private final ServerSocket socket;
  private final Thread acceptor;
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicLong bodyBytesSent = new AtomicLong();

  HostileServer(String head, Body body, long maxBodyBytes, Duration maxTime) throws IOException {
    socket = new ServerSocket();
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
    acceptor = new Thread(() -> {
      while (!socket.isClosed()) {
        try (Socket s = socket.accept()) {
          s.setTcpNoDelay(true);
          readRequestHead(s.getInputStream());
          requests.incrementAndGet();
          serve(s.getOutputStream(), headBytes, body, maxBodyBytes, maxTime);
        } catch (IOException | InterruptedException e) {
          // The client went away (or the server closed): next connection.
        }
      }
    }, "hostile-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private void serve(OutputStream out, byte[] head, Body body, long maxBodyBytes, Duration maxTime)
      throws IOException, InterruptedException {
    out.write(head);
    out.flush();
    byte[] buffer = new byte[8192];
    long end = System.nanoTime() + maxTime.toNanos();
    long sent = 0;
    while (sent < maxBodyBytes && System.nanoTime() - end < 0) {
      int n = body.next(buffer);
      if (n < 0) {
        break;
      }
      n = (int) Math.min(n, maxBodyBytes - sent);
      out.write(buffer, 0, n);
      out.flush();
      sent += n;
      bodyBytesSent.addAndGet(n);
    }
  }

  /** Reads up to the blank line ending the request head (at most 64 KiB). */
  private static void readRequestHead(InputStream in) throws IOException {
    int matched = 0;
    for (int i = 0; i < 65536 && matched < 4; i++) {
      int c = in.read();
      if (c < 0) {
        throw new IOException("request cut");
      }
      matched = (c == "\r\n\r\n".charAt(matched)) ? matched + 1 : (c == '\r' ? 1 : 0);
    }
  }

  HttpUrl url() {
    return new HttpUrl.Builder().scheme("http").host(InetAddress.getLoopbackAddress().getHostAddress())
        .port(socket.getLocalPort()).build();
  }

  int requestCount() {
    return requests.get();
  }

  long bodyBytesSent() {
    return bodyBytesSent.get();
  }

  @Override
  public void close() throws IOException {
    socket.close();
    try {
      acceptor.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A body of {@code prefix}, then {@code unit} repeated forever, as fast as the socket takes it. */
  static Body endless(byte[] prefix, byte[] unit) {
    return new Body() {
      private long position;

      @Override
      public int next(byte[] buffer) {
        for (int i = 0; i < buffer.length; i++, position++) {
          buffer[i] = position < prefix.length ? prefix[(int) position]
              : unit[(int) ((position - prefix.length) % unit.length)];
        }
        return buffer.length;
      }
    };
  }

  /** {@code bytes} once, then the end. */
  static Body once(byte[] bytes) {
    return new Body() {
      private int position;

      @Override
      public int next(byte[] buffer) {
        if (position >= bytes.length) {
          return -1;
        }
        int n = Math.min(buffer.length, bytes.length - position);
        System.arraycopy(bytes, position, buffer, 0, n);
        position += n;
        return n;
      }
    };
  }

  /** One byte of {@code text} every {@code every}, forever (no read timeout ever fires). */
  static Body trickle(String text, Duration every) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return new Body() {
      private long position;

      @Override
      public int next(byte[] buffer) throws InterruptedException {
        Thread.sleep(every.toMillis());
        buffer[0] = bytes[(int) (position++ % bytes.length)];
        return 1;
      }
    };
  }
}
