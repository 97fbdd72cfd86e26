package dev.apierrors.internal.format;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.util.function.Consumer;

/** Hostile XML documents shared by the XML formats' tests. */
final class HostileXml {
  private HostileXml() {}

  /**
   * Hands {@code decode} a document whose external DTD lives on a loopback port, and says
   * whether the parser connected there to fetch it.
   */
  static boolean fetchesExternalDtd(String root, String children, Consumer<String> decode) throws IOException {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      server.setSoTimeout(200);
      decode.accept("<?xml version=\"1.0\"?><!DOCTYPE " + root + " SYSTEM \"http://127.0.0.1:" + server.getLocalPort()
          + "/evil.dtd\"><" + root + ">" + children + "</" + root + ">");
      try {
        server.accept().close();
        return true;
      } catch (SocketTimeoutException e) {
        return false;
      }
    }
  }

  /**
   * The "billion laughs" document: nine levels of entities, each ten of the one below,
   * referenced from {@code element} inside {@code root}.
   */
  static String billionLaughs(String root, String element) {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE " + root + " [<!ENTITY lol \"lol\">");
    for (int i = 1; i <= 9; i++) {
      xml.append("<!ENTITY lol").append(i).append(" \"");
      xml.append(("&lol" + (i == 1 ? "" : String.valueOf(i - 1)) + ";").repeat(10)).append("\">");
    }
    return xml.append("]><").append(root).append("><").append(element).append(">&lol9;</").append(element)
        .append("></").append(root).append(">").toString();
  }
}
