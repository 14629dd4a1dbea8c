package io.hpkafka.internal.producer;

import io.hpkafka.internal.concurrent.SerialExecutor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The producer's intake: every record reaches the actor once, in each producing thread's order. */
class RecordIntakeTest {

    @Test
    void drainsEveryRecordOnceInEachThreadsOrderWhileThreadsPush() throws Exception {
        int threads = 4;
        int perThread = 200_000;
        RecordIntake intake = new RecordIntake();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        SerialExecutor actor = new SerialExecutor(pool);
        List<List<Integer>> seen = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            seen.add(new ArrayList<>(perThread)); // touched only by the actor
        }
        AtomicInteger drained = new AtomicInteger();
        AtomicInteger drainsAsked = new AtomicInteger();
        Runnable drain = () -> intake.drain(pr -> {
            seen.get(pr.requestedPartition).add(Integer.parseInt(pr.topic));
            drained.incrementAndGet();
        });
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> producers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            producers.add(new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                for (int i = 0; i < perThread; i++) {
                    // topic carries the sequence number, requestedPartition the producing thread
                    PendingRecord pr = new PendingRecord(Integer.toString(i), thread, null, null, List.of(), 0, 0L, null);
                    if (intake.push(pr)) {
                        drainsAsked.incrementAndGet();
                        actor.execute(drain);
                    }
                }
            }));
        }
        producers.forEach(Thread::start);
        start.countDown();
        for (Thread p : producers) {
            p.join(60_000);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (drained.get() < threads * perThread && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        assertThat(drained.get()).isEqualTo(threads * perThread);
        for (int t = 0; t < threads; t++) {
            List<Integer> order = seen.get(t);
            assertThat(order).hasSize(perThread);
            for (int i = 0; i < perThread; i++) {
                assertThat(order.get(i)).as("record %d of thread %d", i, t).isEqualTo(i);
            }
        }
        // A drain is asked for only when a push finds the stack empty, not once per record.
        assertThat(drainsAsked.get()).isLessThanOrEqualTo(threads * perThread);
    }

    @Test
    void aDrainOfAnEmptyIntakeHandsNothingOn() {
        RecordIntake intake = new RecordIntake();
        AtomicInteger handed = new AtomicInteger();
        intake.drain(pr -> handed.incrementAndGet());
        assertThat(handed.get()).isZero();
        PendingRecord first = new PendingRecord("t", -1, null, null, List.of(), 0, 0L, null);
        assertThat(intake.push(first)).isTrue();
        assertThat(intake.push(new PendingRecord("t", -1, null, null, List.of(), 0, 0L, null))).isFalse();
        intake.drain(pr -> handed.incrementAndGet());
        assertThat(handed.get()).isEqualTo(2);
        assertThat(first.intakeLink).isNull();
        assertThat(intake.push(first)).as("empty again after a drain").isTrue();
    }
}
