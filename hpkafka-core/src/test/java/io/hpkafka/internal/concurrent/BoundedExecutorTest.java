package io.hpkafka.internal.concurrent;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class BoundedExecutorTest {

    @Test
    void runsEveryTaskButNeverMoreThanItsLimitAtOnce() throws Exception {
        ExecutorService pool = Executors.newCachedThreadPool();
        try {
            BoundedExecutor executor = new BoundedExecutor(pool, 3);
            AtomicInteger running = new AtomicInteger();
            AtomicInteger maxRunning = new AtomicInteger();
            int tasks = 2_000;
            CountDownLatch done = new CountDownLatch(tasks);
            for (int i = 0; i < tasks; i++) {
                executor.execute(() -> {
                    maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                    Thread.onSpinWait();
                    running.decrementAndGet();
                    done.countDown();
                });
            }
            assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(maxRunning.get()).isBetween(1, 3);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void serialExecutorRunsTasksOneAtATimeInOrder() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            SerialExecutor serial = new SerialExecutor(pool);
            AtomicInteger running = new AtomicInteger();
            AtomicInteger overlaps = new AtomicInteger();
            int[] order = new int[10_000];
            AtomicInteger next = new AtomicInteger();
            CountDownLatch done = new CountDownLatch(order.length);
            for (int i = 0; i < order.length; i++) {
                int n = i;
                serial.execute(() -> {
                    if (running.incrementAndGet() > 1) {
                        overlaps.incrementAndGet();
                    }
                    order[next.getAndIncrement()] = n;
                    running.decrementAndGet();
                    done.countDown();
                });
            }
            assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(overlaps.get()).isZero();
            for (int i = 0; i < order.length; i++) {
                assertThat(order[i]).isEqualTo(i);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
