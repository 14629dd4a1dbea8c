package io.hpkafka.boot.devbroker;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.hpkafka.ClusterClient;
import io.hpkafka.boot.autoconfigure.HpKafkaAutoConfiguration;
import io.hpkafka.boot.autoconfigure.HpKafkaConnectionDetails;
import io.hpkafka.producer.ProducerRecord;
import io.hpkafka.test.EmbeddedKafkaCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * When the development broker starts, and that the client uses it: a real broker is started in the first test only.
 */
@ExtendWith(OutputCaptureExtension.class)
class HpKafkaDevBrokerAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(HpKafkaDevBrokerAutoConfiguration.class, HpKafkaAutoConfiguration.class));

    @Test
    void withoutSeedsABrokerStartsWithItsTopicsTheClientUsesItAndItStopsAfterTheClient(CapturedOutput output) {
        AtomicReference<EmbeddedKafkaCluster> started = new AtomicReference<>();
        this.contextRunner.withPropertyValues("hpkafka.dev-broker.topics=dev.orders,dev.orders.DLT",
                "hpkafka.dev-broker.partitions=3")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                EmbeddedKafkaCluster broker = context.getBean(EmbeddedKafkaCluster.class);
                started.set(broker);
                assertThat(context.getBean(HpKafkaConnectionDetails.class).getSeeds())
                    .isEqualTo(broker.bootstrapServers());
                ClusterClient client = context.getBean(ClusterClient.class);
                assertThat(client.partitionsFor("dev.orders").get(60, TimeUnit.SECONDS)).containsExactly(0, 1, 2);
                assertThat(client.partitionsFor("dev.orders.DLT").get(60, TimeUnit.SECONDS)).hasSize(3);
                assertThat(client.send(new ProducerRecord("dev.orders", 2, null,
                        "order".getBytes(StandardCharsets.UTF_8), List.of(), ProducerRecord.NO_TIMESTAMP))
                    .get(60, TimeUnit.SECONDS)
                    .offset()).isZero();
                assertThat(output).contains("No hpkafka.seeds set: started a development Kafka")
                    .contains(broker.bootstrapServers())
                    .contains("hpkafka.dev-broker.enabled=false");
            });
        // Closing the context closed the client, then the broker.
        assertThatIllegalStateException().isThrownBy(() -> started.get().bootstrapServers());
    }

    @Test
    void isNotActiveWhenSeedsAreSet() {
        this.contextRunner.withPropertyValues("hpkafka.seeds=localhost:9092").run((context) -> {
            assertThat(context).doesNotHaveBean(EmbeddedKafkaCluster.class);
            assertThat(context).getBean(HpKafkaConnectionDetails.class)
                .satisfies((details) -> assertThat(details.getSeeds()).isEqualTo("localhost:9092"));
        });
    }

    @Test
    void aBlankSeedsValueStartsNoBrokerAndFailsNamingTheProperty() {
        this.contextRunner.withPropertyValues("hpkafka.seeds= ")
            .run((context) -> assertThat(context).getFailure()
                .rootCause()
                .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageContaining("hpkafka.seeds"));
    }

    @Test
    void isNotActiveWhenDisabledSoMissingSeedsFailStartUpNamingTheProperty() {
        this.contextRunner.withPropertyValues("hpkafka.dev-broker.enabled=false")
            .run((context) -> assertThat(context).getFailure()
                .rootCause()
                .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageContaining("hpkafka.seeds"));
    }

    @Test
    void isNotActiveWhenTheApplicationDefinesConnectionDetails() {
        this.contextRunner.withBean(HpKafkaConnectionDetails.class, () -> () -> "localhost:9092").run((context) -> {
            assertThat(context).doesNotHaveBean(EmbeddedKafkaCluster.class);
            assertThat(context.getBean(HpKafkaConnectionDetails.class).getSeeds()).isEqualTo("localhost:9092");
        });
    }

    @Test
    void aPartitionCountBelowOneFailsStartUpNamingTheProperty() {
        this.contextRunner.withPropertyValues("hpkafka.dev-broker.partitions=0")
            .run((context) -> assertThat(context).getFailure()
                .rootCause()
                .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageContaining("hpkafka.dev-broker.partitions"));
    }

}
