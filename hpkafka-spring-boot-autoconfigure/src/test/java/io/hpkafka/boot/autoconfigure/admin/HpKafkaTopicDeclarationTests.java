package io.hpkafka.boot.autoconfigure.admin;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.hpkafka.admin.NewTopic;
import io.hpkafka.boot.autoconfigure.HpKafkaAutoConfiguration;
import io.hpkafka.boot.autoconfigure.listener.HpKafkaListenerEndpointRegistry;
import io.hpkafka.test.HpKafkaCluster;
import io.hpkafka.test.KafkaTestCluster;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Declared {@link NewTopic} beans against a real broker, read back with the official Admin client (the oracle):
 * missing topics are created with their partitions, replicas and configs; a present topic with fewer partitions than
 * declared is reported, and stops start-up with {@code hpkafka.admin.fail-fast=true}.
 */
@HpKafkaCluster
@ExtendWith(OutputCaptureExtension.class)
class HpKafkaTopicDeclarationTests {

    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);

    static KafkaTestCluster kafka;

    private static Admin oracle;

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(HpKafkaAutoConfiguration.class, HpKafkaAdminAutoConfiguration.class))
        .withPropertyValues("hpkafka.seeds=" + kafka.bootstrapServers());

    @BeforeAll
    static void openOracle() {
        oracle = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    @AfterAll
    static void closeOracle() {
        oracle.close();
    }

    @Test
    void declaredTopicsAreCreatedAtStartUpWithTheirPartitionsAndConfigs() throws Exception {
        String orders = "decl.orders." + RUN;
        String prices = "decl.prices." + RUN;
        this.contextRunner
            .withBean("orders", NewTopic.class, () -> NewTopic.builder(orders).partitions(4).replicas(1).build())
            .withBean("prices", NewTopic.class,
                    () -> NewTopic.builder(prices).partitions(2).compact().config("retention.ms", "7200000").build())
            .run((context) -> assertThat(context).hasNotFailed());

        Map<String, TopicDescription> described = oracle.describeTopics(List.of(orders, prices)).allTopicNames()
            .get(30, TimeUnit.SECONDS);
        assertThat(described.get(orders).partitions()).hasSize(4)
            .allSatisfy((p) -> assertThat(p.replicas()).hasSize(1));
        assertThat(described.get(prices).partitions()).hasSize(2);
        Config config = oracle.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, prices)))
            .all()
            .get(30, TimeUnit.SECONDS)
            .get(new ConfigResource(ConfigResource.Type.TOPIC, prices));
        assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
        assertThat(config.get("retention.ms").value()).isEqualTo("7200000");
    }

    @Test
    void aPresentTopicWithFewerPartitionsThanDeclaredIsReportedAndLeftAsItIs(CapturedOutput output) throws Exception {
        String small = "decl.small." + RUN;
        String large = "decl.large." + RUN;
        kafka.createTopic(small, 1, 1);
        kafka.createTopic(large, 5, 1);
        this.contextRunner.withBean("small", NewTopic.class, () -> NewTopic.builder(small).partitions(3).build())
            .withBean("large", NewTopic.class, () -> NewTopic.builder(large).partitions(2).build())
            .run((context) -> assertThat(context).hasNotFailed());

        assertThat(output).contains("topic '" + small + "' has 1 partitions, fewer than the 3 declared")
            .doesNotContain("topic '" + large + "'");
        assertThat(partitions(small)).isEqualTo(1);
        assertThat(partitions(large)).isEqualTo(5);
    }

    @Test
    void withFailFastAPresentTopicWithFewerPartitionsThanDeclaredStopsStartUp() {
        String small = "decl.small.fatal." + RUN;
        kafka.createTopic(small, 2, 1);
        this.contextRunner.withPropertyValues("hpkafka.admin.fail-fast=true")
            .withBean("small", NewTopic.class, () -> NewTopic.builder(small).partitions(6).build())
            .run((context) -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).isInstanceOfSatisfying(TopicDeclarationException.class,
                        (e) -> assertThat(e.getProblems())
                            .containsExactly("topic '" + small + "' has 2 partitions, fewer than the 6 declared"));
            });
    }

    @Test
    void withFailFastATopicTheBrokerRefusesStopsStartUpNamingTheKafkaError() throws Exception {
        String refused = "decl.refused." + RUN;
        this.contextRunner.withPropertyValues("hpkafka.admin.fail-fast=true")
            .withBean("refused", NewTopic.class,
                    () -> NewTopic.builder(refused).partitions(1).replicas(kafka.brokerIds().size() + 1).build())
            .run((context) -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).isInstanceOf(TopicDeclarationException.class)
                    .hasMessageContaining("topic '" + refused + "' could not be created")
                    .hasMessageContaining("INVALID_REPLICATION_FACTOR");
            });
        assertThat(oracle.listTopics().names().get(30, TimeUnit.SECONDS)).doesNotContain(refused);
    }

    @Test
    void withAutoCreateOffAMissingDeclaredTopicIsNotCreated() throws Exception {
        String absent = "decl.absent." + RUN;
        this.contextRunner.withPropertyValues("hpkafka.admin.auto-create=false")
            .withBean("absent", NewTopic.class, () -> NewTopic.builder(absent).partitions(1).build())
            .run((context) -> assertThat(context).hasNotFailed());
        Set<String> names = oracle.listTopics().names().get(30, TimeUnit.SECONDS);
        assertThat(names).doesNotContain(absent);
    }

    @Test
    void declaredTopicsExistBeforeListenerContainersStart() {
        String orders = "decl.before.listeners." + RUN;
        this.contextRunner.withBean("orders", NewTopic.class, () -> NewTopic.builder(orders).partitions(2).build())
            .withBean(ListenerPhaseProbe.class, () -> new ListenerPhaseProbe(orders))
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(ListenerPhaseProbe.class).partitionsAtStart).isEqualTo(2);
            });
    }

    @Test
    void withFailFastATopicTooSmallStopsTheApplicationWithAFailureAnalysis(CapturedOutput output) {
        String small = "decl.small.analysed." + RUN;
        kafka.createTopic(small, 1, 1);
        SpringApplication application = new SpringApplication(DeclaringApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        assertThatException().isThrownBy(() -> application.run("--hpkafka.seeds=" + kafka.bootstrapServers(),
                "--hpkafka.admin.fail-fast=true", "--declared.topic=" + small));
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("- topic '" + small + "' has 1 partitions, fewer than the 4 declared")
            .contains("set hpkafka.admin.fail-fast=false");
    }

    /** Starts in the listener containers' phase and records how many partitions the declared topic has then. */
    static final class ListenerPhaseProbe implements SmartLifecycle {

        private final String topic;

        volatile int partitionsAtStart = -1;

        private volatile boolean running;

        ListenerPhaseProbe(String topic) {
            this.topic = topic;
        }

        @Override
        public void start() {
            try {
                this.partitionsAtStart = partitions(this.topic);
            }
            catch (Exception ex) {
                this.partitionsAtStart = 0; // not there yet
            }
            this.running = true;
        }

        @Override
        public void stop() {
            this.running = false;
        }

        @Override
        public boolean isRunning() {
            return this.running;
        }

        @Override
        public int getPhase() {
            return HpKafkaListenerEndpointRegistry.DEFAULT_PHASE;
        }

    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({ HpKafkaAutoConfiguration.class, HpKafkaAdminAutoConfiguration.class })
    static class DeclaringApplication {

        @Bean
        NewTopic declared(@Value("${declared.topic}") String name) {
            return NewTopic.builder(name).partitions(4).build();
        }

    }

    private static int partitions(String topic) throws Exception {
        return oracle.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic)
            .partitions()
            .size();
    }

}
