package dev.apierrors.okhttp;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.SocketFactory;

/** Counts every byte the client reads from its sockets: what it pulled from the server. */
final class CountingSocketFactory extends SocketFactory {
  private final AtomicLong received = new AtomicLong();

  long received() {
    return received.get();
  }

  @Override
  public Socket createSocket() {
    return new Socket() {
      private InputStream counting;

      @Override
      public synchronized InputStream getInputStream() throws IOException {
        if (counting == null) {
          counting = new FilterInputStream(super.getInputStream()) {
            @Override
            public int read() throws IOException {
              int c = super.read();
              if (c >= 0) {
                received.incrementAndGet();
              }
              return c;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
              int n = super.read(b, off, len);
              if (n > 0) {
                received.addAndGet(n);
              }
              return n;
            }
          };
        }
        return counting;
      }
    };
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    throw new UnsupportedOperationException("OkHttp connects an unconnected socket");
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
    throw new UnsupportedOperationException("OkHttp connects an unconnected socket");
  }

  @Override
  public Socket createSocket(InetAddress host, int port) {
    throw new UnsupportedOperationException("OkHttp connects an unconnected socket");
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
    throw new UnsupportedOperationException("OkHttp connects an unconnected socket");
  }
}
