package dev.apierrors.benchmarks;

import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.net.SocketFactory;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.Authenticator;
import okhttp3.Cache;
import okhttp3.Call;
import okhttp3.CertificatePinner;
import okhttp3.Connection;
import okhttp3.ConnectionPool;
import okhttp3.CookieJar;
import okhttp3.Dns;
import okhttp3.EventListener;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * An {@link Interceptor.Chain} whose {@code proceed} hands back a response without any
 * network: the interceptor is measured alone. {@link #call()} is a real, never executed
 * {@link Call} (the retry loop asks it whether it was cancelled); everything else an
 * application interceptor never uses throws.
 */
final class StubChain implements Interceptor.Chain {
  private final Request request;
  private final Call call;
  private final Supplier<Response> responses;

  StubChain(Request request, Call call, Supplier<Response> responses) {
    this.request = request;
    this.call = call;
    this.responses = responses;
  }

  @Override
  public Request request() {
    return request;
  }

  @Override
  public Response proceed(Request request) throws IOException {
    return responses.get();
  }

  @Override
  public Connection connection() {
    return null; // an application interceptor's chain has none
  }

  @Override
  public Call call() {
    return call;
  }

  private static UnsupportedOperationException unused() {
    return new UnsupportedOperationException("not used by an application interceptor");
  }

  @Override public int connectTimeoutMillis() { return 10_000; }
  @Override public int readTimeoutMillis() { return 10_000; }
  @Override public int writeTimeoutMillis() { return 10_000; }
  @Override public Interceptor.Chain withConnectTimeout(int t, TimeUnit u) { throw unused(); }
  @Override public Interceptor.Chain withReadTimeout(int t, TimeUnit u) { throw unused(); }
  @Override public Interceptor.Chain withWriteTimeout(int t, TimeUnit u) { throw unused(); }
  @Override public boolean getFollowSslRedirects() { return true; }
  @Override public boolean getFollowRedirects() { return true; }
  @Override public Dns getDns() { throw unused(); }
  @Override public Interceptor.Chain withDns(Dns dns) { throw unused(); }
  @Override public SocketFactory getSocketFactory() { throw unused(); }
  @Override public Interceptor.Chain withSocketFactory(SocketFactory f) { throw unused(); }
  @Override public boolean getRetryOnConnectionFailure() { return true; }
  @Override public Interceptor.Chain withRetryOnConnectionFailure(boolean b) { throw unused(); }
  @Override public Authenticator getAuthenticator() { throw unused(); }
  @Override public Interceptor.Chain withAuthenticator(Authenticator a) { throw unused(); }
  @Override public CookieJar getCookieJar() { throw unused(); }
  @Override public Interceptor.Chain withCookieJar(CookieJar c) { throw unused(); }
  @Override public Cache getCache() { throw unused(); }
  @Override public Interceptor.Chain withCache(Cache c) { throw unused(); }
  @Override public Proxy getProxy() { throw unused(); }
  @Override public Interceptor.Chain withProxy(Proxy p) { throw unused(); }
  @Override public ProxySelector getProxySelector() { throw unused(); }
  @Override public Interceptor.Chain withProxySelector(ProxySelector p) { throw unused(); }
  @Override public Authenticator getProxyAuthenticator() { throw unused(); }
  @Override public Interceptor.Chain withProxyAuthenticator(Authenticator a) { throw unused(); }
  @Override public SSLSocketFactory getSslSocketFactoryOrNull() { throw unused(); }
  @Override public Interceptor.Chain withSslSocketFactory(SSLSocketFactory f, X509TrustManager m) { throw unused(); }
  @Override public X509TrustManager getX509TrustManagerOrNull() { throw unused(); }
  @Override public HostnameVerifier getHostnameVerifier() { throw unused(); }
  @Override public Interceptor.Chain withHostnameVerifier(HostnameVerifier v) { throw unused(); }
  @Override public CertificatePinner getCertificatePinner() { throw unused(); }
  @Override public Interceptor.Chain withCertificatePinner(CertificatePinner p) { throw unused(); }
  @Override public ConnectionPool getConnectionPool() { throw unused(); }
  @Override public Interceptor.Chain withConnectionPool(ConnectionPool p) { throw unused(); }
  @Override public EventListener getEventListener() { throw unused(); }
}
