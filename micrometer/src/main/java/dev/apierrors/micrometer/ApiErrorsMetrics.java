package dev.apierrors.micrometer;

import dev.apierrors.ApiErrorsListener;
import dev.apierrors.WaitSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Micrometer metrics for apierrors: an {@link ApiErrorsListener} that counts what a client's
 * calls meet, per API host. Give it to the client's builder:
 *
 * <pre>{@code
 * ApiErrorsListener metrics = ApiErrorsMetrics.of(registry);
 * OkHttpClient client = ApiErrorsInterceptor.builder()
 *     .retryPolicy(RetryPolicy.ofDefaults())
 *     .listener(metrics)
 *     .build()
 *     .addTo(new OkHttpClient.Builder())
 *     .build();
 * }</pre>
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th><th>counts</th></tr>
 *   <tr><td>{@code apierrors.errors}</td><td>counter</td>
 *       <td>{@code host}, {@code status}, {@code format}, {@code exception}</td>
 *       <td>every error response decoded, retried or not</td></tr>
 *   <tr><td>{@code apierrors.retries}</td><td>counter</td>
 *       <td>{@code host}, {@code reason}, {@code source}</td>
 *       <td>every retry decided</td></tr>
 *   <tr><td>{@code apierrors.retry.wait}</td><td>timer</td>
 *       <td>{@code host}, {@code source}</td>
 *       <td>the wait before each retry</td></tr>
 *   <tr><td>{@code apierrors.giveups}</td><td>counter</td>
 *       <td>{@code host}, {@code status}, {@code exception}</td>
 *       <td>every call that ends in failure</td></tr>
 *   <tr><td>{@code apierrors.host.wait}</td><td>timer</td>
 *       <td>{@code host}, {@code source}</td>
 *       <td>every wait for a host's cool-down or pacing before an attempt is sent</td></tr>
 * </table>
 *
 * <p>Tags are bounded, so the number of time series stays small whatever the traffic:
 * {@code host} is the request's host (with {@code :port} when not the scheme's default),
 * never its path or query, and after {@link #DEFAULT_MAX_HOSTS} distinct hosts (or the
 * number given to {@link #of(MeterRegistry, int)}) further hosts share the tag value
 * {@value #OTHER_HOST}; {@code status} is the 3-digit status ({@code io} for an I/O
 * failure); {@code format} is the decoded format's name (the built-in ones and your own);
 * {@code exception} the simple class name thrown; {@code reason} one of {@code refused}
 * (429, 420, 503: the server refused the request), {@code status} (another status in
 * {@code retryOn}) or {@code io_failure}; {@code source} a {@link WaitSource#label()}.
 *
 * <p>Thread-safety: thread-safe; one instance may serve any number of clients.
 */
public final class ApiErrorsMetrics implements ApiErrorsListener {
  /** How many distinct {@code host} tag values {@link #of(MeterRegistry)} allows. */
  public static final int DEFAULT_MAX_HOSTS = 100;

  /** The {@code host} tag value of the hosts past the limit. */
  public static final String OTHER_HOST = "other";

  private static final Set<Integer> REFUSALS = Set.of(429, 420, 503);

  private final MeterRegistry registry;
  private final int maxHosts;
  private final Set<String> hosts = ConcurrentHashMap.newKeySet();

  private ApiErrorsMetrics(MeterRegistry registry, int maxHosts) {
    this.registry = registry;
    this.maxHosts = maxHosts;
  }

  /**
   * The listener recording into {@code registry}, with at most {@link #DEFAULT_MAX_HOSTS}
   * distinct hosts.
   *
   * @param registry the registry to record into
   * @return a new listener
   * @throws NullPointerException if {@code registry} is null
   */
  public static ApiErrorsMetrics of(MeterRegistry registry) {
    return of(registry, DEFAULT_MAX_HOSTS);
  }

  /**
   * The listener recording into {@code registry}, with at most {@code maxHosts} distinct
   * {@code host} tag values (further hosts are tagged {@value #OTHER_HOST}).
   *
   * @param registry the registry to record into
   * @param maxHosts the most distinct {@code host} tag values
   * @return a new listener
   * @throws NullPointerException if {@code registry} is null
   * @throws IllegalArgumentException if {@code maxHosts} is below 1
   */
  public static ApiErrorsMetrics of(MeterRegistry registry, int maxHosts) {
    Objects.requireNonNull(registry, "registry");
    if (maxHosts < 1) {
      throw new IllegalArgumentException("maxHosts must be >= 1, was " + maxHosts);
    }
    return new ApiErrorsMetrics(registry, maxHosts);
  }

  @Override
  public void onError(ErrorDecoded event) {
    Counter.builder("apierrors.errors")
        .description("Error responses decoded, retried or not")
        .tags(Tags.of(
            "host", host(event.host()),
            "status", Integer.toString(event.error().status()),
            "format", event.error().format(),
            "exception", event.exceptionType().getSimpleName()))
        .register(registry)
        .increment();
  }

  @Override
  public void onRetry(RetryScheduled event) {
    String host = host(event.host());
    String source = event.waitSource().label();
    Counter.builder("apierrors.retries")
        .description("Attempts sent again")
        .tags(Tags.of("host", host, "reason", reason(event.status()), "source", source))
        .register(registry)
        .increment();
    Timer.builder("apierrors.retry.wait")
        .description("The wait before each retry")
        .tags(Tags.of("host", host, "source", source))
        .register(registry)
        .record(event.waitDuration());
  }

  @Override
  public void onGiveUp(GaveUp event) {
    Counter.builder("apierrors.giveups")
        .description("Calls that ended in failure after their last attempt")
        .tags(Tags.of(
            "host", host(event.host()),
            "status", status(event.status()),
            "exception", event.failure()))
        .register(registry)
        .increment();
  }

  @Override
  public void onHostWait(HostWaited event) {
    Timer.builder("apierrors.host.wait")
        .description("Waits for a host's cool-down or pacing before an attempt is sent")
        .tags(Tags.of("host", host(event.host()), "source", event.source().label()))
        .register(registry)
        .record(event.waitDuration());
  }

  /** The host's tag value: itself while under the limit of distinct hosts, else {@value #OTHER_HOST}. */
  private String host(String host) {
    if (hosts.contains(host)) {
      return host;
    }
    // Racing threads may let the set pass maxHosts by a few: the bound stays small.
    if (hosts.size() < maxHosts) {
      hosts.add(host);
      return host;
    }
    return OTHER_HOST;
  }

  private static String reason(OptionalInt status) {
    if (status.isEmpty()) {
      return "io_failure";
    }
    return REFUSALS.contains(status.getAsInt()) ? "refused" : "status";
  }

  private static String status(OptionalInt status) {
    return status.isPresent() ? Integer.toString(status.getAsInt()) : "io";
  }

  @Override
  public String toString() {
    return "ApiErrorsMetrics{registry=" + registry.getClass().getSimpleName() + ", maxHosts=" + maxHosts + '}';
  }
}
