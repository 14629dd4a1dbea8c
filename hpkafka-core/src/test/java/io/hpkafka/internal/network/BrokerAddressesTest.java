package io.hpkafka.internal.network;

import io.hpkafka.config.BrokerAddress;
import io.hpkafka.internal.protocol.message.MetadataRequest;
import io.hpkafka.internal.protocol.message.MetadataResponse;
import io.hpkafka.test.HpKafkaCluster;
import io.hpkafka.test.KafkaTestCluster;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A broker host name that resolves to several addresses: every one is tried in turn, and the name is resolved again
 * once all have failed (a broker or seed that moved is found at its new address).
 */
@HpKafkaCluster
class BrokerAddressesTest {

    @Test
    void eachAddressIsTriedInTurnThenTheNameIsResolvedAgain() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        InetAddress first = InetAddress.getByAddress(new byte[] {10, 0, 0, 1});
        InetAddress second = InetAddress.getByAddress(new byte[] {10, 0, 0, 2});
        BrokerAddresses addresses = new BrokerAddresses(new BrokerAddress("kafka.example", 9092), host -> {
            lookups.incrementAndGet();
            return new InetAddress[] {first, second};
        });
        assertThat(addresses.current().getAddress()).isEqualTo(first);
        assertThat(addresses.current().getPort()).isEqualTo(9092);
        addresses.failed();
        assertThat(addresses.current().getAddress()).isEqualTo(second);
        assertThat(lookups).hasValue(1);
        addresses.failed();
        assertThat(addresses.current().getAddress()).isEqualTo(first);
        assertThat(lookups).as("resolved again after the last address failed").hasValue(2);
    }

    @Test
    void aNameThatDoesNotResolveFailsTheAttemptAndIsAskedAgainNextTime() {
        AtomicInteger lookups = new AtomicInteger();
        BrokerAddresses addresses = new BrokerAddresses(new BrokerAddress("nowhere.invalid", 9092), host -> {
            lookups.incrementAndGet();
            throw new UnknownHostException(host);
        });
        assertThatThrownBy(addresses::current).isInstanceOf(UnknownHostException.class);
        addresses.failed();
        assertThatThrownBy(addresses::current).isInstanceOf(UnknownHostException.class);
        assertThat(lookups).hasValue(2);
    }

    @Test
    void aConnectionReachesTheBrokerThroughTheSecondAddressWhenTheFirstRefuses(KafkaTestCluster kafka)
            throws Exception {
        int port = Integer.parseInt(kafka.bootstrapServers().split(",")[0].split(":")[1]);
        // Nothing listens on 127.0.0.2 (the broker binds 127.0.0.1): the first address refuses at once.
        HostResolver twoAddresses = host -> new InetAddress[] {
                InetAddress.getByAddress(new byte[] {127, 0, 0, 2}), InetAddress.getByAddress(new byte[] {127, 0, 0, 1})};
        try (IoLoop loop = new IoLoop("broker-addresses-test-io")) {
            ConnectionSettings settings = new ConnectionSettings("broker-addresses-test", 5, 10_000, 64 * 1024,
                    64 * 1024, 16 * 1024 * 1024, ForkJoinPool.commonPool(), null, null, null, twoAddresses);
            BrokerConnection connection = new BrokerConnection(-1, new BrokerAddress("kafka.example", port), loop,
                    settings);
            MetadataResponse metadata = null;
            for (int attempt = 0; attempt < 3 && metadata == null; attempt++) {
                try {
                    metadata = connection.send(new MetadataRequest(List.of(), false)).get(10, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException refused) {
                    // the attempt on 127.0.0.2 fails; the connection moves on to 127.0.0.1
                }
            }
            assertThat(metadata).as("a Metadata answer through the host's second address").isNotNull();
            assertThat(metadata.brokers()).isNotEmpty();
            connection.close();
        }
    }
}
