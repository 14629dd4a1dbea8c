package io.hpkafka.security;

import io.hpkafka.ClusterClient;
import io.hpkafka.config.Configuration;
import io.hpkafka.config.SecurityConfiguration;
import io.hpkafka.errors.AuthenticationException;
import io.hpkafka.producer.ProducerRecord;
import io.hpkafka.test.EmbeddedKafkaCluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Shared steps of the TLS and SASL tests: a round trip through a secured listener, and a failure that is fast. */
final class SecurityTestSupport {

    /** Far above what a refused handshake or authentication takes, far below clientRequestTimeoutMs. */
    static final Duration FAST = Duration.ofSeconds(5);
    static final int CLIENT_REQUEST_TIMEOUT_MS = 30_000;

    private SecurityTestSupport() {
    }

    static Configuration config(String seeds, SecurityConfiguration security) {
        return Configuration.builder().seeds(seeds).clientId("security-test").security(security)
                .clientRequestTimeoutMs(CLIENT_REQUEST_TIMEOUT_MS).requestTimeoutMs(10_000).build();
    }

    /** Produces one record and reads it back through the secured listener. */
    static void assertProducesAndConsumes(EmbeddedKafkaCluster kafka, String topic, SecurityConfiguration security)
            throws Exception {
        kafka.createTopic(topic, 1, 1);
        byte[] value = ("over " + security.protocol()).getBytes(StandardCharsets.UTF_8);
        try (ClusterClient client = new ClusterClient(config(kafka.bootstrapServers(), security))) {
            long offset = client.send(new ProducerRecord(topic, 0, null, value, List.of(),
                    ProducerRecord.NO_TIMESTAMP)).get(60, TimeUnit.SECONDS).offset();
            List<byte[]> received = new CopyOnWriteArrayList<>();
            client.onMessageReceived(r -> received.add(r.value()));
            client.consumeFromEarliest(topic, 0);
            await().atMost(60, TimeUnit.SECONDS).until(() -> !received.isEmpty());
            assertThat(offset).isZero();
            assertThat(received.get(0)).isEqualTo(value);
        }
    }

    /**
     * Asks for a topic's partitions through a counting proxy in front of {@code target}, expecting an
     * {@link AuthenticationException} well before the request timeout; asks again five times and expects the same
     * error at once, from the back-off, without new connections.
     *
     * @return the error
     */
    static AuthenticationException assertFailsFastWithoutReconnecting(String target, SecurityConfiguration security)
            throws Exception {
        String[] hostPort = target.split(",")[0].split(":");
        try (CountingProxy proxy = new CountingProxy(hostPort[0], Integer.parseInt(hostPort[1]));
             ClusterClient client = new ClusterClient(config("127.0.0.1:" + proxy.port(), security))) {
            long start = System.nanoTime();
            Throwable first = failure(client);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAST);
            assertThat(first).isInstanceOf(AuthenticationException.class);
            for (int i = 0; i < 5; i++) {
                assertThat(failure(client)).isInstanceOf(AuthenticationException.class)
                        .hasMessage(first.getMessage());
            }
            assertThat(proxy.accepted()).as("connections opened").isEqualTo(1);
            return (AuthenticationException) first;
        }
    }

    private static Throwable failure(ClusterClient client) throws Exception {
        try {
            client.partitionsFor("anything").get(FAST.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("the request succeeded");
    }

    /** A TCP forwarder that counts the connections it accepts (the fault proxy reads Kafka frames, not TLS). */
    static final class CountingProxy implements AutoCloseable {
        private final ServerSocket server;
        private final AtomicInteger accepted = new AtomicInteger();
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();

        CountingProxy(String host, int port) throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket client = server.accept();
                        accepted.incrementAndGet();
                        Socket broker = new Socket();
                        broker.connect(new InetSocketAddress(host, port));
                        sockets.add(client);
                        sockets.add(broker);
                        pipe(client, broker);
                        pipe(broker, client);
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "counting-proxy");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        private static void pipe(Socket from, Socket to) {
            Thread t = new Thread(() -> {
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    in.transferTo(out);
                } catch (IOException e) {
                    // one side closed
                } finally {
                    try {
                        to.close();
                        from.close();
                    } catch (IOException e) {
                        // closing anyway
                    }
                }
            }, "counting-proxy-pipe");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return server.getLocalPort();
        }

        int accepted() {
            return accepted.get();
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : sockets) {
                s.close();
            }
        }
    }
}
