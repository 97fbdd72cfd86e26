package dev.apierrors.spi;

import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link HostStateStore#inProcess()}: a map of small per-host records, each guarded by its
 * own lock (the operations are a few field updates, so a lock is cheaper than the retry
 * loops lock-free updates of three related fields would need).
 */
final class InProcessHostStateStore implements HostStateStore {
  private final ConcurrentHashMap<HostKey, HostState> hosts = new ConcurrentHashMap<>();
  private final int maxIdleHosts;
  /**
   * The latest time its users told (in the clock their times are in, e.g. a
   * {@link dev.apierrors.HostLimits#clock()}): what idleness is judged by. Racy updates may
   * keep a slightly older time, which only keeps a record a little longer.
   */
  private volatile long latestNow = Long.MIN_VALUE;

  InProcessHostStateStore(int maxIdleHosts) {
    this.maxIdleHosts = maxIdleHosts;
  }

  /** Tells the store the current time of the clock its times are in. */
  void observe(long nowMillis) {
    if (nowMillis > latestNow) {
      latestNow = nowMillis;
    }
  }

  /** One host's state. All fields guarded by {@code this}. */
  private static final class HostState {
    long coolDownUntil;
    int coolDownStatus;
    long paceInterval;
    long paceUntil;
    long nextSlot;
    /** Whether a response said how to pace (or that there is nothing to pace by). */
    boolean paceKnown;
    /** Until when the call finding out the host's rate limit is taken to be in flight. */
    long probeUntil;
    /** Tokens taken from a full bucket: 0 is full, so a new record needs no capacity. */
    long spent;

    synchronized boolean isIdle(long now) {
      return coolDownUntil <= now && paceUntil <= now && nextSlot <= now && spent == 0 && probeUntil <= now;
    }
  }

  private HostState state(HostKey host) {
    HostState state = hosts.get(host);
    if (state != null) {
      return state;
    }
    if (hosts.size() >= maxIdleHosts) {
      // By the users' clock; the system's only when no time was ever told (then every
      // record holds times of the system clock, or none).
      long told = latestNow;
      long now = told != Long.MIN_VALUE ? told : System.currentTimeMillis();
      hosts.values().removeIf(s -> s.isIdle(now));
    }
    return hosts.computeIfAbsent(host, h -> new HostState());
  }

  /** Reads without creating a record, so that lookups of unknown hosts cost nothing. */
  @Override
  public long coolDownUntil(HostKey host) {
    HostState state = hosts.get(host);
    if (state == null) {
      return 0;
    }
    synchronized (state) {
      return state.coolDownUntil;
    }
  }

  @Override
  public int coolDownStatus(HostKey host) {
    HostState state = hosts.get(host);
    if (state == null) {
      return 0;
    }
    synchronized (state) {
      return state.coolDownStatus;
    }
  }

  @Override
  public void coolDown(HostKey host, long untilMillis, int status) {
    HostState state = state(host);
    synchronized (state) {
      if (untilMillis > state.coolDownUntil) {
        state.coolDownUntil = untilMillis;
        state.coolDownStatus = status;
      }
    }
  }

  @Override
  public void pace(HostKey host, long intervalMillis, long untilMillis) {
    HostState state = state(host);
    synchronized (state) {
      state.paceInterval = Math.max(0, intervalMillis);
      state.paceUntil = untilMillis;
      state.paceKnown = true;
    }
  }

  @Override
  public void unpaced(HostKey host) {
    HostState state = state(host);
    synchronized (state) {
      state.paceKnown = true;
    }
  }

  @Override
  public long firstContact(HostKey host, long nowMillis, long probeMillis) {
    observe(nowMillis);
    HostState state = state(host);
    synchronized (state) {
      if (state.paceKnown) {
        return 0;
      }
      if (state.probeUntil <= nowMillis) {
        state.probeUntil = nowMillis + probeMillis; // this call finds out
        return 0;
      }
      return Math.min(state.probeUntil - nowMillis, 20);
    }
  }

  @Override
  public long reserveSendSlot(HostKey host, long nowMillis, long maxWaitMillis) {
    observe(nowMillis);
    HostState state = hosts.get(host);
    if (state == null) {
      return nowMillis;
    }
    synchronized (state) {
      if (state.paceInterval == 0 || (state.paceUntil <= nowMillis && state.nextSlot <= nowMillis)) {
        return nowMillis; // not paced, or the pacing went stale: no window and no slot ahead
      }
      long slot = Math.max(nowMillis, state.nextSlot);
      if (slot - nowMillis <= maxWaitMillis) {
        state.nextSlot = slot + state.paceInterval;
      }
      return slot;
    }
  }

  @Override
  public boolean withdraw(HostKey host, int tokens, int capacity) {
    HostState state = state(host);
    synchronized (state) {
      if (capacity - state.spent < tokens) {
        return false;
      }
      state.spent += tokens;
      return true;
    }
  }

  @Override
  public void deposit(HostKey host, int tokens, int capacity) {
    HostState state = hosts.get(host);
    if (state == null) {
      return; // never spent anything: already full
    }
    synchronized (state) {
      state.spent = Math.max(0, Math.min(capacity, state.spent) - tokens);
    }
  }

  @Override
  public String toString() {
    return "HostStateStore.inProcess(" + hosts.size() + " hosts)";
  }
}
