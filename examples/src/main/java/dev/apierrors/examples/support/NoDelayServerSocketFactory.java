package dev.apierrors.examples.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import javax.net.ServerSocketFactory;

/**
 * A {@link ServerSocketFactory} whose server sockets set {@code TCP_NODELAY} on every
 * accepted socket.
 *
 * <p>Why: on loopback, MockWebServer's small writes meet the client's delayed ACKs
 * (Nagle's algorithm), and every exchange stalls about 40 ms. With {@code TCP_NODELAY}
 * an exchange takes well under a millisecond, so the demo and the conformance runner
 * measure the SDK rather than the kernel.
 *
 * <p>Usage: {@code server.setServerSocketFactory(new NoDelayServerSocketFactory())}
 * before {@code server.start()}. Thread-safety: stateless, safe to share.
 */
public final class NoDelayServerSocketFactory extends ServerSocketFactory {

  @Override
  public ServerSocket createServerSocket() throws IOException {
    return new NoDelayServerSocket();
  }

  @Override
  public ServerSocket createServerSocket(int port) throws IOException {
    return new NoDelayServerSocket(port, 50, null);
  }

  @Override
  public ServerSocket createServerSocket(int port, int backlog) throws IOException {
    return new NoDelayServerSocket(port, backlog, null);
  }

  @Override
  public ServerSocket createServerSocket(int port, int backlog, InetAddress ifAddress) throws IOException {
    return new NoDelayServerSocket(port, backlog, ifAddress);
  }

  private static final class NoDelayServerSocket extends ServerSocket {
    NoDelayServerSocket() throws IOException {
      super();
    }

    NoDelayServerSocket(int port, int backlog, InetAddress ifAddress) throws IOException {
      super(port, backlog, ifAddress);
    }

    @Override
    public Socket accept() throws IOException {
      Socket socket = super.accept();
      socket.setTcpNoDelay(true);
      return socket;
    }
  }
}
