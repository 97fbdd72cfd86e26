package dev.apierrors.benchmarks;

import dev.apierrors.okhttp.ApiErrorsInterceptor;
import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * An {@link Interceptor.Chain} whose {@code proceed} hands back a response without any
 * network: the interceptor is measured alone. {@link #call()} is a real, never executed
 * {@link Call} (the retry loop asks it whether it was cancelled). The client settings a
 * chain reports are those of a client ({@link Canned#IDLE_CLIENT} unless changed): read
 * from it, and a {@code with...} gives a chain over a copy of it with that setting changed,
 * as OkHttp's own chain does for the interceptors after it.
 */
final class StubChain implements Interceptor.Chain {
  /** Where {@code proceed} takes its response from: a canned one, or the next interceptor. */
  @FunctionalInterface
  interface Responses {
    Response next() throws IOException;
  }

  private final Request request;
  private final Call call;
  private final Responses responses;
  private final OkHttpClient client;

  StubChain(Request request, Call call, Responses responses) {
    this(request, call, responses, Canned.IDLE_CLIENT);
  }

  private StubChain(Request request, Call call, Responses responses, OkHttpClient client) {
    this.request = request;
    this.call = call;
    this.responses = responses;
    this.client = client;
  }

  /**
   * The application interceptors {@code sdk.addTo} installs (its first one, which notes the
   * call's start, then the SDK's), run one inside the other on stub chains whose innermost
   * hands back {@code responses}: the SDK as installed the recommended way, without OkHttp's
   * chain copies. The SDK's {@code ApiException} reaches the caller of {@code proceed} as it
   * is thrown, as through OkHttp's chain.
   */
  static StubChain installed(ApiErrorsInterceptor sdk, Call call, Responses responses) {
    List<Interceptor> interceptors = sdk.addTo(new OkHttpClient.Builder()).interceptors();
    Interceptor first = interceptors.get(0);
    Interceptor last = interceptors.get(interceptors.size() - 1);
    StubChain inner = new StubChain(Canned.REQUEST, call, responses);
    StubChain middle = new StubChain(Canned.REQUEST, call, () -> last.intercept(inner));
    return new StubChain(Canned.REQUEST, call, () -> first.intercept(middle));
  }

  /** This chain over a copy of its client, changed by {@code change}. */
  private StubChain with(java.util.function.UnaryOperator<OkHttpClient.Builder> change) {
    return new StubChain(request, call, responses, change.apply(client.newBuilder()).build());
  }

  @Override
  public Request request() {
    return request;
  }

  @Override
  public Response proceed(Request request) throws IOException {
    return responses.next();
  }

  @Override
  public Connection connection() {
    return null; // an application interceptor's chain has none
  }

  @Override
  public Call call() {
    return call;
  }

  @Override public int connectTimeoutMillis() { return client.connectTimeoutMillis(); }
  @Override public int readTimeoutMillis() { return client.readTimeoutMillis(); }
  @Override public int writeTimeoutMillis() { return client.writeTimeoutMillis(); }
  @Override public Interceptor.Chain withConnectTimeout(int t, TimeUnit u) { return with(b -> b.connectTimeout(t, u)); }
  @Override public Interceptor.Chain withReadTimeout(int t, TimeUnit u) { return with(b -> b.readTimeout(t, u)); }
  @Override public Interceptor.Chain withWriteTimeout(int t, TimeUnit u) { return with(b -> b.writeTimeout(t, u)); }
  @Override public boolean getFollowSslRedirects() { return client.followSslRedirects(); }
  @Override public boolean getFollowRedirects() { return client.followRedirects(); }
  @Override public Dns getDns() { return client.dns(); }
  @Override public Interceptor.Chain withDns(Dns dns) { return with(b -> b.dns(dns)); }
  @Override public SocketFactory getSocketFactory() { return client.socketFactory(); }
  @Override public Interceptor.Chain withSocketFactory(SocketFactory f) { return with(b -> b.socketFactory(f)); }
  @Override public boolean getRetryOnConnectionFailure() { return client.retryOnConnectionFailure(); }
  @Override public Interceptor.Chain withRetryOnConnectionFailure(boolean r) {
    return with(b -> b.retryOnConnectionFailure(r));
  }
  @Override public Authenticator getAuthenticator() { return client.authenticator(); }
  @Override public Interceptor.Chain withAuthenticator(Authenticator a) { return with(b -> b.authenticator(a)); }
  @Override public CookieJar getCookieJar() { return client.cookieJar(); }
  @Override public Interceptor.Chain withCookieJar(CookieJar c) { return with(b -> b.cookieJar(c)); }
  @Override public Cache getCache() { return client.cache(); }
  @Override public Interceptor.Chain withCache(Cache c) { return with(b -> b.cache(c)); }
  @Override public Proxy getProxy() { return client.proxy(); }
  @Override public Interceptor.Chain withProxy(Proxy p) { return with(b -> b.proxy(p)); }
  @Override public ProxySelector getProxySelector() { return client.proxySelector(); }
  @Override public Interceptor.Chain withProxySelector(ProxySelector p) { return with(b -> b.proxySelector(p)); }
  @Override public Authenticator getProxyAuthenticator() { return client.proxyAuthenticator(); }
  @Override public Interceptor.Chain withProxyAuthenticator(Authenticator a) {
    return with(b -> b.proxyAuthenticator(a));
  }
  @Override public SSLSocketFactory getSslSocketFactoryOrNull() { return client.sslSocketFactory(); }
  @Override public Interceptor.Chain withSslSocketFactory(SSLSocketFactory f, X509TrustManager m) {
    return with(b -> b.sslSocketFactory(f, m));
  }
  @Override public X509TrustManager getX509TrustManagerOrNull() { return client.x509TrustManager(); }
  @Override public HostnameVerifier getHostnameVerifier() { return client.hostnameVerifier(); }
  @Override public Interceptor.Chain withHostnameVerifier(HostnameVerifier v) { return with(b -> b.hostnameVerifier(v)); }
  @Override public CertificatePinner getCertificatePinner() { return client.certificatePinner(); }
  @Override public Interceptor.Chain withCertificatePinner(CertificatePinner p) {
    return with(b -> b.certificatePinner(p));
  }
  @Override public ConnectionPool getConnectionPool() { return client.connectionPool(); }
  @Override public Interceptor.Chain withConnectionPool(ConnectionPool p) { return with(b -> b.connectionPool(p)); }
  @Override public EventListener getEventListener() { return client.eventListenerFactory().create(call); }
}
