package dev.apierrors.spi;

/**
 * Where the state that a client's calls share per host lives: the host's cool-down, its
 * pacing, and its retry budget. {@link #inProcess()} is the default; implement this
 * interface to share the state among processes (e.g. in a cache every instance of a
 * service reads), without touching the SDK's engine.
 *
 * <p>Times are epoch milliseconds of the {@link dev.apierrors.HostLimits#clock()}. Each
 * method must be atomic for its host; none may block for long (they run on the call's
 * path) or throw (a store that fails should answer as if it held no state).
 *
 * <p>Thread-safety: implementations must be thread-safe.
 */
public interface HostStateStore {

  /**
   * The time before which no request should be sent to {@code host}; 0 (or any past time)
   * when none.
   */
  long coolDownUntil(HostKey host);

  /**
   * Records that {@code host} asked for no request before {@code untilMillis}, because of
   * a response with {@code status}. Keeps the later of this and an earlier cool-down.
   */
  void coolDown(HostKey host, long untilMillis, int status);

  /**
   * The status of the response that set the current cool-down of {@code host}; 0 when
   * there is none.
   */
  int coolDownStatus(HostKey host);

  /**
   * Records that, until {@code untilMillis}, calls to {@code host} should go at most one
   * every {@code intervalMillis} (its rate limit's remaining requests spread to its reset).
   */
  void pace(HostKey host, long intervalMillis, long untilMillis);

  /**
   * Records that a response of {@code host} carried no rate limit to pace by: calls to it
   * need not wait for one.
   */
  void unpaced(HostKey host);

  /**
   * For pacing, before the host's rate limit is known: 0 when a call ready at
   * {@code nowMillis} may go (the limit is known, or this call becomes the one that finds
   * it out, for at most {@code probeMillis}); else how long to wait before asking again,
   * while another call finds it out. Keeps a burst of calls to a new host from going out
   * before its first response says how fast they may.
   */
  long firstContact(HostKey host, long nowMillis, long probeMillis);

  /**
   * Reserves the next send slot of {@code host} for a call ready at {@code nowMillis}:
   * returns when it may go ({@code nowMillis} itself when the host is not paced), and moves
   * the host's next slot one interval later. Slots go on past the window's reset at the
   * same interval (the next window is taken to allow what this one did) until a response
   * says otherwise.
   */
  long reserveSendSlot(HostKey host, long nowMillis);

  /**
   * Takes {@code tokens} from the retry budget of {@code host} (a bucket that starts full
   * at {@code capacity}); false, taking nothing, when it holds fewer.
   */
  boolean withdraw(HostKey host, int tokens, int capacity);

  /** Gives {@code tokens} back to the retry budget of {@code host}, up to {@code capacity}. */
  void deposit(HostKey host, int tokens, int capacity);

  /**
   * A new store in this process: one small, finely locked record per host, the hosts
   * whose state has gone back to idle dropped when there are more than 10,000.
   */
  static HostStateStore inProcess() {
    return new InProcessHostStateStore(10_000);
  }
}
