package io.hpkafka.boot.autoconfigure.admin;

import io.hpkafka.ClusterClient;
import io.hpkafka.admin.ClusterAdmin;
import io.hpkafka.admin.NewTopic;
import io.hpkafka.boot.autoconfigure.HpKafkaAutoConfiguration;
import io.hpkafka.boot.autoconfigure.HpKafkaProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;

/**
 * The core {@link ClusterAdmin} of the {@link ClusterClient} bean, and the start-up declaration of {@link NewTopic}
 * beans ({@code hpkafka.admin.*}): missing topics created, present ones checked.
 */
@AutoConfiguration(after = HpKafkaAutoConfiguration.class)
@ConditionalOnClass(ClusterClient.class)
@ConditionalOnBean(ClusterClient.class)
public final class HpKafkaAdminAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ClusterAdmin hpKafkaClusterAdmin(ClusterClient clusterClient) {
        return clusterClient.admin();
    }

    @Bean
    @ConditionalOnMissingBean
    TopicDeclarations hpKafkaTopicDeclarations(ClusterAdmin admin, HpKafkaProperties properties) {
        HpKafkaProperties.Admin settings = properties.getAdmin();
        if (settings.getOperationTimeout().isNegative() || settings.getOperationTimeout().isZero()) {
            throw new InvalidConfigurationPropertyValueException("hpkafka.admin.operation-timeout",
                    settings.getOperationTimeout(), "must be positive: it is how long start-up waits for the cluster");
        }
        return new TopicDeclarations(admin, settings.isFailFast(), settings.getOperationTimeout());
    }

    @Bean
    @ConditionalOnProperty(name = "hpkafka.admin.auto-create", havingValue = "true", matchIfMissing = true)
    TopicDeclarationInitializer hpKafkaTopicDeclarationInitializer(TopicDeclarations declarations,
                                                                   ObjectProvider<NewTopic> topics) {
        return new TopicDeclarationInitializer(declarations, topics);
    }

}
