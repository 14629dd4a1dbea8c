package io.hpkafka.boot.autoconfigure.admin;

import java.time.Duration;

import io.hpkafka.ClusterClient;
import io.hpkafka.admin.ClusterAdmin;
import io.hpkafka.admin.NewTopic;
import io.hpkafka.boot.autoconfigure.HpKafkaAutoConfiguration;
import io.hpkafka.boot.autoconfigure.HpKafkaProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin beans and {@code hpkafka.admin.*} without a broker: the client connects lazily, so an unreachable seed is
 * enough, and a declaration against it shows what happens when no broker answers.
 */
@ExtendWith(OutputCaptureExtension.class)
class HpKafkaAdminAutoConfigurationTests {

    // Nothing listens on port 9 (discard).
    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(HpKafkaAutoConfiguration.class, HpKafkaAdminAutoConfiguration.class))
        .withPropertyValues("hpkafka.seeds=127.0.0.1:9", "hpkafka.request-timeout=200ms",
                "hpkafka.client-request-timeout=500ms");

    @Test
    void theClusterAdminBeanIsTheClientsAdmin() {
        this.contextRunner.run((context) -> {
            assertThat(context).hasSingleBean(ClusterAdmin.class).hasSingleBean(TopicDeclarations.class)
                .hasSingleBean(TopicDeclarationInitializer.class);
            assertThat(context.getBean(ClusterAdmin.class)).isSameAs(context.getBean(ClusterClient.class).admin());
        });
    }

    @Test
    void aZeroOperationTimeoutFailsStartUpNamingTheProperty() {
        this.contextRunner.withPropertyValues("hpkafka.admin.operation-timeout=0s").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                .isInstanceOf(org.springframework.boot.context.properties.source
                    .InvalidConfigurationPropertyValueException.class)
                .hasMessageContaining("hpkafka.admin.operation-timeout");
        });
    }

    @Test
    void aUserClusterAdminMakesTheAutoConfiguredOneBackOff() {
        ClusterAdmin mine = new ClusterClient(io.hpkafka.config.Configuration.builder().seeds("127.0.0.1:9").build())
            .admin();
        this.contextRunner.withBean("myAdmin", ClusterAdmin.class, () -> mine).run((context) -> {
            assertThat(context).hasSingleBean(ClusterAdmin.class);
            assertThat(context.getBean(ClusterAdmin.class)).isSameAs(mine);
        });
    }

    @Test
    void aUserTopicDeclarationsMakesTheAutoConfiguredOneBackOff() {
        this.contextRunner.withBean("myDeclarations", TopicDeclarations.class,
                () -> new TopicDeclarations(new ClusterClient(io.hpkafka.config.Configuration.builder()
                    .seeds("127.0.0.1:9").build()).admin(), true, Duration.ofMillis(1)))
            .run((context) -> assertThat(context).hasSingleBean(TopicDeclarations.class)
                .getBean(TopicDeclarations.class).isSameAs(context.getBean("myDeclarations")));
    }

    @Test
    void withoutAClusterClientThereIsNoAdmin() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(HpKafkaAdminAutoConfiguration.class))
            .run((context) -> assertThat(context).doesNotHaveBean(ClusterAdmin.class)
                .doesNotHaveBean(TopicDeclarations.class));
    }

    @Test
    void adminPropertiesHaveTheirDefaults() {
        this.contextRunner.run((context) -> {
            HpKafkaProperties.Admin admin = context.getBean(HpKafkaProperties.class).getAdmin();
            assertThat(admin.isAutoCreate()).isTrue();
            assertThat(admin.isFailFast()).isFalse();
            assertThat(admin.getOperationTimeout()).isEqualTo(Duration.ofSeconds(30));
        });
    }

    @Test
    void adminPropertiesBind() {
        this.contextRunner
            .withPropertyValues("hpkafka.admin.auto-create=false", "hpkafka.admin.fail-fast=true",
                    "hpkafka.admin.operation-timeout=5s")
            .run((context) -> {
                HpKafkaProperties.Admin admin = context.getBean(HpKafkaProperties.class).getAdmin();
                assertThat(admin.isAutoCreate()).isFalse();
                assertThat(admin.isFailFast()).isTrue();
                assertThat(admin.getOperationTimeout()).isEqualTo(Duration.ofSeconds(5));
            });
    }

    @Test
    void withAutoCreateOffDeclaredTopicsAreLeftAlone() {
        this.contextRunner.withPropertyValues("hpkafka.admin.auto-create=false", "hpkafka.admin.fail-fast=true")
            .withBean("orders", NewTopic.class, () -> NewTopic.builder("orders").partitions(3).build())
            .run((context) -> {
                assertThat(context).hasNotFailed(); // fail-fast would fail against port 9 if anything were asked
                assertThat(context).doesNotHaveBean(TopicDeclarationInitializer.class);
            });
    }

    @Test
    void withFailFastABrokerThatDoesNotAnswerStopsStartUpNamingTheTopicAndTheTimeout() {
        this.contextRunner
            .withPropertyValues("hpkafka.admin.fail-fast=true", "hpkafka.admin.operation-timeout=300ms")
            .withBean("orders", NewTopic.class, () -> NewTopic.builder("orders").partitions(3).build())
            .run((context) -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).isInstanceOf(TopicDeclarationException.class)
                    .hasMessageContaining("topic 'orders' could not be checked")
                    .hasMessageContaining("hpkafka.admin.operation-timeout");
            });
    }

    @Test
    void withoutFailFastABrokerThatDoesNotAnswerIsLoggedAndStartUpGoesOn(CapturedOutput output) {
        this.contextRunner.withPropertyValues("hpkafka.admin.operation-timeout=300ms")
            .withBean("orders", NewTopic.class, () -> NewTopic.builder("orders").partitions(3).build())
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(output).contains("topic 'orders' could not be checked", "hpkafka.admin.fail-fast=true");
            });
    }

    @Test
    void oneNameDeclaredTwiceWithDifferentSettingsFailsStartUp() {
        this.contextRunner.withBean("a", NewTopic.class, () -> NewTopic.builder("orders").partitions(3).build())
            .withBean("b", NewTopic.class, () -> NewTopic.builder("orders").partitions(6).build())
            .run((context) -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).hasMessageContaining("'orders' is declared twice");
            });
    }

}
