package io.hpkafka.event;

/** Handle of a registered event listener; {@link #close()} removes the listener. Closing twice is harmless. */
@FunctionalInterface
public interface Registration extends AutoCloseable {
    /** Removes the listener; it receives no event that starts after this returns. */
    @Override
    void close();
}
