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
   *
   * @param host the host
   * @return the end of its cool-down, in epoch milliseconds
   */
  long coolDownUntil(HostKey host);

  /**
   * Records that {@code host} asked for no request before {@code untilMillis}, because of
   * a response with {@code status}. Keeps the later of this and an earlier cool-down.
   *
   * @param host the host
   * @param untilMillis the end of the cool-down, in epoch milliseconds
   * @param status the status of the response that asked for it
   */
  void coolDown(HostKey host, long untilMillis, int status);

  /**
   * The status of the response that set the current cool-down of {@code host}; 0 when
   * there is none.
   *
   * @param host the host
   * @return the status, or 0
   */
  int coolDownStatus(HostKey host);

  /**
   * Records that, until {@code untilMillis}, calls to {@code host} should go at most one
   * every {@code intervalMillis} (its rate limit's remaining requests spread to its reset).
   *
   * @param host the host
   * @param intervalMillis the least time between two calls
   * @param untilMillis the end of the pacing, in epoch milliseconds
   */
  void pace(HostKey host, long intervalMillis, long untilMillis);

  /**
   * Records that a response of {@code host} carried no rate limit to pace by: calls to it
   * need not wait for one.
   *
   * @param host the host
   */
  void unpaced(HostKey host);

  /**
   * For pacing, before the host's rate limit is known: 0 when a call ready at
   * {@code nowMillis} may go (the limit is known, or this call becomes the one that finds
   * it out, for at most {@code probeMillis}); else how long to wait before asking again,
   * while another call finds it out. Keeps a burst of calls to a new host from going out
   * before its first response says how fast they may.
   *
   * @param host the host
   * @param nowMillis the current time, in epoch milliseconds
   * @param probeMillis how long one call may take to find the rate limit out
   * @return 0 to go, else the milliseconds to wait
   */
  long firstContact(HostKey host, long nowMillis, long probeMillis);

  /**
   * Reserves the next send slot of {@code host} for a call ready at {@code nowMillis}:
   * returns when it may go ({@code nowMillis} itself when the host is not paced), and moves
   * the host's next slot one interval later. Slots go on past the window's reset at the
   * same interval (the next window is taken to allow what this one did) until a response
   * says otherwise. A slot more than {@code maxWaitMillis} away is not reserved: the slot
   * is returned and the host's next slot stays where it was, so a call that will not wait
   * for it takes nothing from the calls that will.
   *
   * @param host the host
   * @param nowMillis the current time, in epoch milliseconds
   * @param maxWaitMillis the longest wait the call accepts
   * @return when the call may go, in epoch milliseconds
   */
  long reserveSendSlot(HostKey host, long nowMillis, long maxWaitMillis);

  /**
   * Takes {@code tokens} from the retry budget of {@code host} (a bucket that starts full
   * at {@code capacity}); false, taking nothing, when it holds fewer.
   *
   * @param host the host
   * @param tokens the tokens to take
   * @param capacity the tokens of a full bucket
   * @return true when the tokens were taken
   */
  boolean withdraw(HostKey host, int tokens, int capacity);

  /**
   * Gives {@code tokens} back to the retry budget of {@code host}, up to {@code capacity}.
   *
   * @param host the host
   * @param tokens the tokens to give back
   * @param capacity the tokens of a full bucket
   */
  void deposit(HostKey host, int tokens, int capacity);

  /**
   * A new store in this process: one small, finely locked record per host, the hosts
   * whose state has gone back to idle dropped when there are more than 10,000.
   *
   * @return a new, empty store
   */
  static HostStateStore inProcess() {
    return new InProcessHostStateStore(10_000);
  }
}
