package io.hpkafka.internal.network;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;

class FramePoolTest {

    @Test
    void aReleasedFrameServesTheNextResponseOfItsSizeClass() {
        FramePool pool = new FramePool();
        ByteBuffer first = pool.acquire(3000);
        assertThat(first.capacity()).isEqualTo(4096);
        assertThat(first.limit()).isEqualTo(3000);
        assertThat(first.position()).isZero();
        first.position(100);
        pool.release(first);
        ByteBuffer second = pool.acquire(2500);
        assertThat(second).isSameAs(first);
        assertThat(second.position()).isZero();
        assertThat(second.limit()).isEqualTo(2500);
        assertThat(pool.acquire(2500)).isNotSameAs(first); // taken: a new one
    }

    @Test
    void thePoolKeepsABoundedNumberOfFramesAndNoneTooLarge() {
        FramePool pool = new FramePool();
        ByteBuffer a = pool.acquire(1000);
        ByteBuffer b = pool.acquire(1000);
        ByteBuffer c = pool.acquire(1000);
        pool.release(a);
        pool.release(b);
        pool.release(c); // beyond two per size class: dropped
        // ByteBuffer.equals compares contents: compare identities.
        assertThat(pool.acquire(1000)).isSameAs(a);
        assertThat(pool.acquire(1000)).isSameAs(b);
        ByteBuffer fresh = pool.acquire(1000);
        assertThat(fresh).isNotSameAs(a).isNotSameAs(b).isNotSameAs(c);

        ByteBuffer huge = pool.acquire(FramePool.MAX_POOLED_BYTES + 1);
        assertThat(huge.capacity()).isEqualTo(FramePool.MAX_POOLED_BYTES + 1); // exact, never pooled
        pool.release(huge);
        assertThat(pool.acquire(FramePool.MAX_POOLED_BYTES + 1)).isNotSameAs(huge);
        pool.release(ByteBuffer.allocate(3000)); // not from the pool (not a power of two): ignored
    }
}
