package io.hpkafka.serialization;

import java.nio.ByteBuffer;

/**
 * A key or value that writes its own bytes, so the default serializer needs no user serializer for it and copies
 * nothing beyond what the object writes. Implementations must be thread-safe for reads once produced.
 */
public interface MemorySerializable {

    /** @return the exact number of bytes {@link #serialize} writes */
    int serializedSize();

    /**
     * Writes exactly {@link #serializedSize()} bytes at {@code target}'s position.
     *
     * @param target a buffer with at least {@link #serializedSize()} bytes remaining
     */
    void serialize(ByteBuffer target);
}
