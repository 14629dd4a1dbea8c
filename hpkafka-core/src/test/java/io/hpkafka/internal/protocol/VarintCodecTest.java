package io.hpkafka.internal.protocol;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.kafka.common.utils.ByteUtils;

import java.nio.ByteBuffer;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Varints as record batch v2 and flexible versions write them: the same bytes and sizes as kafka-clients'
 * {@link ByteUtils}, read back through the array fast path and the byte-by-byte path alike.
 */
class VarintCodecTest {

    @Property(tries = 2000)
    void varintMatchesTheJavaClient(@ForAll int v) {
        byte[] ours = written(new ProtocolWriter(16).varint(v));
        ByteBuffer theirs = ByteBuffer.allocate(16);
        ByteUtils.writeVarint(v, theirs);
        assertThat(ours).containsExactly(Arrays.copyOf(theirs.array(), theirs.position()));
        assertThat(ProtocolWriter.sizeOfVarint(v)).isEqualTo(ByteUtils.sizeOfVarint(v)).isEqualTo(ours.length);
        for (ProtocolReader r : readers(ours)) {
            assertThat(r.varint()).isEqualTo(v);
            assertThat(r.position()).as("bytes consumed").isEqualTo(ours.length);
        }
    }

    @Property(tries = 2000)
    void unsignedVarintMatchesTheJavaClient(@ForAll int v) {
        byte[] ours = written(new ProtocolWriter(16).unsignedVarint(v));
        ByteBuffer theirs = ByteBuffer.allocate(16);
        ByteUtils.writeUnsignedVarint(v, theirs);
        assertThat(ours).containsExactly(Arrays.copyOf(theirs.array(), theirs.position()));
        assertThat(ProtocolWriter.sizeOfUnsignedVarint(v)).isEqualTo(ByteUtils.sizeOfUnsignedVarint(v))
                .isEqualTo(ours.length);
        for (ProtocolReader r : readers(ours)) {
            assertThat(r.unsignedVarint()).isEqualTo(v);
            assertThat(r.position()).as("bytes consumed").isEqualTo(ours.length);
        }
    }

    @Property(tries = 2000)
    void varlongMatchesTheJavaClient(@ForAll long v) {
        byte[] ours = written(new ProtocolWriter(16).varlong(v));
        ByteBuffer theirs = ByteBuffer.allocate(16);
        ByteUtils.writeVarlong(v, theirs);
        assertThat(ours).containsExactly(Arrays.copyOf(theirs.array(), theirs.position()));
        assertThat(ProtocolWriter.sizeOfVarlong(v)).isEqualTo(ByteUtils.sizeOfVarlong(v)).isEqualTo(ours.length);
        for (ProtocolReader r : readers(ours)) {
            assertThat(r.varlong()).isEqualTo(v);
            assertThat(r.position()).as("bytes consumed").isEqualTo(ours.length);
        }
    }

    @Example
    void anOverlongOrTruncatedVarintIsATypedError() {
        byte[] overlong = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 1, 0, 0, 0, 0, 0};
        for (ProtocolReader r : readers(overlong)) {
            assertThatThrownBy(r::unsignedVarint).isInstanceOf(ProtocolException.class);
        }
        byte[] truncated = {(byte) 0x80, (byte) 0x80};
        assertThatThrownBy(() -> new ProtocolReader(ByteBuffer.wrap(truncated)).varint())
                .isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> new ProtocolReader(ByteBuffer.wrap(truncated)).varlong())
                .isInstanceOf(ProtocolException.class);
    }

    private static byte[] written(ProtocolWriter w) {
        return Arrays.copyOf(w.array(), w.position());
    }

    /** The bytes exactly (byte-by-byte path), with padding and an offset (array path), and read-only (no array). */
    private static ProtocolReader[] readers(byte[] bytes) {
        byte[] padded = new byte[bytes.length + 3 + 12];
        System.arraycopy(bytes, 0, padded, 3, bytes.length);
        ByteBuffer offset = ByteBuffer.wrap(padded, 3, bytes.length + 12).slice(); // arrayOffset 3
        return new ProtocolReader[] {
                new ProtocolReader(ByteBuffer.wrap(bytes)),
                new ProtocolReader(offset),
                new ProtocolReader(ByteBuffer.wrap(bytes).asReadOnlyBuffer()),
        };
    }
}
