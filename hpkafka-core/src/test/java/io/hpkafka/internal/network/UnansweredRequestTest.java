package io.hpkafka.internal.network;

import io.hpkafka.config.BrokerAddress;
import io.hpkafka.internal.protocol.message.MetadataRequest;
import io.hpkafka.internal.protocol.message.MetadataResponse;
import io.hpkafka.test.HpKafkaCluster;
import io.hpkafka.test.KafkaTestCluster;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A broker that stops answering: the connection resets after clientRequestTimeoutMs, reconnects with growing delays,
 * and works again once the broker answers. The "broker" is a loopback proxy in front of a real one that can swallow
 * everything (accept, read, never reply).
 */
@HpKafkaCluster
class UnansweredRequestTest {

    @Test
    void aSilentBrokerResetsTheConnectionThenReconnectsWithBackOffAndRecovers(KafkaTestCluster kafka)
            throws Exception {
        BrokerAddress target = io.hpkafka.config.Configuration.builder().seeds(kafka.bootstrapServers()).build().seeds().get(0);
        try (SwitchableProxy proxy = new SwitchableProxy(target);
             IoLoop loop = new IoLoop("unanswered-test-io")) {
            ConnectionSettings settings = new ConnectionSettings("unanswered-test", 5, 800, 64 * 1024, 64 * 1024,
                    16 * 1024 * 1024, ForkJoinPool.commonPool());
            BrokerConnection connection = new BrokerConnection(-1, new BrokerAddress("127.0.0.1", proxy.port()), loop,
                    settings);
            MetadataRequest request = new MetadataRequest(List.of(), false);

            assertThat(connection.send(request).get(10, TimeUnit.SECONDS)).isInstanceOf(MetadataResponse.class);

            proxy.silent = true;
            for (int attempt = 0; attempt < 6; attempt++) {
                long start = System.nanoTime();
                assertThatThrownBy(() -> connection.send(request).get(10, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class).cause().isInstanceOf(NetworkException.class);
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertThat(ms).as("attempt %d failed after %d ms", attempt, ms).isLessThan(8_000);
            }
            // One connection per attempt; the gap between two is the 800 ms timeout plus the back-off, which doubles
            // from 50 ms (+-20 % jitter): the later gaps are clearly longer than the early ones.
            List<Long> accepts = List.copyOf(proxy.acceptNanos);
            assertThat(accepts).hasSize(6);
            long early = TimeUnit.NANOSECONDS.toMillis(accepts.get(2) - accepts.get(1));
            long late = TimeUnit.NANOSECONDS.toMillis(accepts.get(5) - accepts.get(4));
            System.out.printf("reconnect gaps: %d ms early, %d ms late%n", early, late);
            assertThat(early).isGreaterThanOrEqualTo(800);
            assertThat(late).isGreaterThan(early + 300);

            proxy.silent = false;
            MetadataResponse again = null;
            for (int i = 0; i < 10 && again == null; i++) {
                try {
                    again = connection.send(request).get(10, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(NetworkException.class); // a reset still in progress
                }
            }
            assertThat(again).as("works again once the broker answers").isNotNull();
            assertThat(again.brokers()).isNotEmpty();
            connection.close();
        }
    }

    @Test
    void aResponseSizeBeyondTheLimitResetsTheConnectionWithoutAllocatingIt() throws Exception {
        try (ServerSocket liar = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             IoLoop loop = new IoLoop("oversized-test-io")) {
            Thread server = new Thread(() -> {
                try (Socket s = liar.accept()) {
                    s.getInputStream().read(new byte[64]);
                    s.getOutputStream().write(new byte[] {0x40, 0, 0, 0}); // "a 1 GiB response follows"
                    s.getOutputStream().flush();
                    Thread.sleep(5_000);
                } catch (Exception ignored) {
                    // closed by the test
                }
            });
            server.setDaemon(true);
            server.start();
            ConnectionSettings settings = new ConnectionSettings("oversized-test", 5, 5_000, 64 * 1024, 64 * 1024,
                    16 * 1024 * 1024, ForkJoinPool.commonPool());
            BrokerConnection connection = new BrokerConnection(-1, new BrokerAddress("127.0.0.1", liar.getLocalPort()),
                    loop, settings);
            long start = System.nanoTime();
            assertThatThrownBy(() -> connection.send(new MetadataRequest(List.of(), false)).get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(NetworkException.class)
                    .hasMessageContaining("maxResponseSizeBytes");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(4_000);
            connection.close();
        }
    }

    /** Forwards loopback connections to a broker, or, while {@code silent}, reads and never answers. */
    private static final class SwitchableProxy implements AutoCloseable {
        final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        final List<Long> acceptNanos = new CopyOnWriteArrayList<>();
        final List<Socket> sockets = new CopyOnWriteArrayList<>();
        volatile boolean silent;

        SwitchableProxy(BrokerAddress target) throws IOException {
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket client = server.accept();
                        acceptNanos.add(System.nanoTime());
                        sockets.add(client);
                        if (silent) {
                            pump(client.getInputStream(), OutputStream.nullOutputStream());
                        } else {
                            Socket upstream = new Socket(target.host(), target.port());
                            sockets.add(upstream);
                            pump(client.getInputStream(), upstream.getOutputStream());
                            pump(upstream.getInputStream(), client.getOutputStream());
                        }
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "proxy-acceptor");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void pump(InputStream in, OutputStream out) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[8192];
                try {
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        if (!silent) {
                            out.write(buf, 0, n);
                            out.flush();
                        }
                    }
                } catch (IOException ignored) {
                    // the client reset the connection: expected
                }
            }, "proxy-pump");
            t.setDaemon(true);
            t.start();
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
