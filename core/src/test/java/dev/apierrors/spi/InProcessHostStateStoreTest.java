package dev.apierrors.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InProcessHostStateStoreTest {
  private static HostKey host(int i) {
    return HostKey.of("https", "h" + i + ".example.com", 443);
  }

  @Test
  void idleHostsAreDroppedWhenThereAreTooManyButBusyOnesStay() {
    InProcessHostStateStore store = new InProcessHostStateStore(10);
    long future = System.currentTimeMillis() + 60_000;
    store.coolDown(host(0), future, 429);
    for (int i = 1; i < 50; i++) {
      store.withdraw(host(i), 1, 10);
      store.deposit(host(i), 1, 10); // back to full: idle
    }
    assertThat(store.coolDownUntil(host(0))).isEqualTo(future);
    assertThat(store.coolDownStatus(host(0))).isEqualTo(429);
    assertThat(store.toString()).doesNotContain("h0"); // a count, never the hosts
  }

  @Test
  void unknownHostsCostNothingToAsk() {
    InProcessHostStateStore store = new InProcessHostStateStore(10);
    assertThat(store.coolDownUntil(host(1))).isZero();
    assertThat(store.coolDownStatus(host(1))).isZero();
    assertThat(store.reserveSendSlot(host(1), 123, Long.MAX_VALUE)).isEqualTo(123);
    store.deposit(host(1), 5, 10);
    assertThat(store).hasToString("HostStateStore.inProcess(0 hosts)");
  }

  @Test
  void concurrentWithdrawalsNeverSpendMoreThanTheCapacity() throws Exception {
    HostStateStore store = HostStateStore.inProcess();
    AtomicInteger granted = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> tasks = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      tasks.add(pool.submit(() -> {
        start.await();
        for (int i = 0; i < 1_000; i++) {
          if (store.withdraw(host(0), 5, 500)) {
            granted.incrementAndGet();
          }
        }
        return null;
      }));
    }
    start.countDown();
    for (Future<?> task : tasks) {
      task.get(10, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertThat(granted).hasValue(100);
  }

  @Test
  void concurrentReservationsGetDistinctSlotsOneIntervalApart() throws Exception {
    HostStateStore store = HostStateStore.inProcess();
    store.pace(host(0), 10, 1_000_000);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<Long>> slots = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      slots.add(pool.submit(() -> store.reserveSendSlot(host(0), 0, Long.MAX_VALUE)));
    }
    List<Long> got = new ArrayList<>();
    for (Future<Long> slot : slots) {
      got.add(slot.get(10, TimeUnit.SECONDS));
    }
    pool.shutdown();
    assertThat(got).doesNotHaveDuplicates().allSatisfy(s -> assertThat(s % 10).isZero());
    assertThat(got.stream().mapToLong(Long::longValue).max().orElseThrow()).isEqualTo(990);
  }
}
