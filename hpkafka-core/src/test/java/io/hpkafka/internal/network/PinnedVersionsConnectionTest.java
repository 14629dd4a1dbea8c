package io.hpkafka.internal.network;

import io.hpkafka.config.BrokerAddress;
import io.hpkafka.config.Compatibility;
import io.hpkafka.internal.protocol.ApiKey;
import io.hpkafka.internal.protocol.ProtocolWriter;
import io.hpkafka.internal.protocol.message.MetadataRequest;
import io.hpkafka.internal.protocol.message.MetadataResponse;
import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Compatibility#V0_8_2} talks to a broker that predates ApiVersions (a fake one here: 0.8.2 brokers close the
 * connection on an API key they do not know): the first request on the socket is the pinned Metadata v0, never
 * ApiVersions.
 */
class PinnedVersionsConnectionTest {

    @Test
    void v082SendsNoApiVersionsAndPinsMetadataV0() throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(2);
        IoLoop loop = new IoLoop("pinned-test");
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<short[]> firstHeader = CompletableFuture.supplyAsync(() -> answerOneMetadataV0(server),
                    executor);
            BrokerConnection connection = new BrokerConnection(-1, new BrokerAddress("127.0.0.1",
                    server.getLocalPort()), loop, new ConnectionSettings("pinned", 1, 5_000, 8192, 8192, 1 << 20,
                    executor, Compatibility.V0_8_2));

            MetadataResponse response = connection.send(new MetadataRequest(null, true)).get(10, TimeUnit.SECONDS);

            assertThat(response.brokers()).containsExactly(new MetadataResponse.Broker(7, "old-broker", 9092, null));
            assertThat(response.controllerId()).isEqualTo(-1);
            assertThat(connection.negotiatedVersion(ApiKey.PRODUCE)).isZero();
            assertThat(connection.negotiatedVersion(ApiKey.FETCH)).isZero();
            assertThat(connection.negotiatedVersion(ApiKey.API_VERSIONS)).isEqualTo((short) -1);
            connection.close(); // the fake broker reads the end of stream and returns
            assertThat(firstHeader.get(10, TimeUnit.SECONDS)).containsExactly(ApiKey.METADATA.id(), (short) 0);
        } finally {
            loop.close();
            executor.shutdownNow();
        }
    }

    /** Reads one request, answers it as a Metadata v0 response naming one broker; returns its key and version. */
    private static short[] answerOneMetadataV0(ServerSocket server) {
        try (Socket socket = server.accept()) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] frame = new byte[in.readInt()];
            in.readFully(frame);
            java.nio.ByteBuffer request = java.nio.ByteBuffer.wrap(frame);
            short apiKey = request.getShort();
            short version = request.getShort();
            int correlationId = request.getInt();
            ProtocolWriter body = new ProtocolWriter(64);
            body.int32(correlationId);
            body.arrayLength(1).int32(7).string("old-broker").int32(9092); // brokers
            body.arrayLength(0); // topics
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(body.position());
            out.write(body.array(), 0, body.position());
            out.flush();
            // Keep the socket open until the client is done.
            socket.setSoTimeout(5_000);
            try {
                in.read();
            } catch (java.io.IOException ignored) {
                // closed or timed out
            }
            return new short[] {apiKey, version};
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
