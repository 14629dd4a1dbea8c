package io.hpkafka.boot.autoconfigure;

import java.util.List;

import io.hpkafka.ClusterClient;
import io.hpkafka.config.Configuration;
import io.hpkafka.KafkaProducer;
import io.hpkafka.boot.autoconfigure.listener.HpKafkaListenerAnnotationBeanPostProcessor;
import io.hpkafka.boot.autoconfigure.listener.GroupSettings;
import io.hpkafka.boot.autoconfigure.listener.HpKafkaListenerEndpointRegistry;
import io.hpkafka.boot.autoconfigure.listener.HpKafkaListenerProperties;
import io.hpkafka.boot.autoconfigure.listener.ListenerObserver;
import io.hpkafka.boot.autoconfigure.listener.RecordRecoverer;
import io.hpkafka.serialization.Serdes;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Role;

/**
 * Auto-configuration of hpkafka: a {@link Configuration} from the {@code hpkafka.*} properties, a
 * {@link ClusterClient}, a {@code KafkaProducer<String, String>} with UTF-8 serializers, and the infrastructure that
 * runs {@link io.hpkafka.boot.autoconfigure.listener.HpKafkaListener @HpKafkaListener} methods. Each bean backs off
 * when the application defines its own.
 * <p>
 * An invalid property fails start-up with an
 * {@link org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException} naming the
 * property; so does an empty {@code hpkafka.seeds} when no {@link HpKafkaConnectionDetails} bean is defined.
 */
@AutoConfiguration
@ConditionalOnClass(ClusterClient.class)
@EnableConfigurationProperties({ HpKafkaProperties.class, HpKafkaListenerProperties.class })
public final class HpKafkaAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(HpKafkaConnectionDetails.class)
    PropertiesHpKafkaConnectionDetails hpKafkaConnectionDetails(HpKafkaProperties properties) {
        return new PropertiesHpKafkaConnectionDetails(properties);
    }

    @Bean
    @ConditionalOnMissingBean
    Configuration hpKafkaConfiguration(HpKafkaProperties properties, HpKafkaConnectionDetails connectionDetails,
            ObjectProvider<HpKafkaConfigurationCustomizer> customizers) {
        return new HpKafkaConfigurationFactory(properties, connectionDetails, customizers.orderedStream().toList())
            .create();
    }

    // close() flushes what is still buffered in the producer; listeners are stopped before it (see the registry).
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    ClusterClient hpKafkaClusterClient(Configuration configuration) {
        return new ClusterClient(configuration);
    }

    @Bean
    @ConditionalOnMissingBean
    KafkaProducer<String, String> hpKafkaProducer(ClusterClient clusterClient) {
        return new KafkaProducer<>(clusterClient, Serdes.stringSerializer(), Serdes.stringSerializer());
    }

    // Static: a bean post-processor must not pull this configuration class and its beans in early.
    @Bean(HpKafkaListenerAnnotationBeanPostProcessor.BEAN_NAME)
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    @ConditionalOnMissingBean(name = HpKafkaListenerAnnotationBeanPostProcessor.BEAN_NAME)
    static HpKafkaListenerAnnotationBeanPostProcessor hpKafkaListenerAnnotationBeanPostProcessor() {
        return new HpKafkaListenerAnnotationBeanPostProcessor();
    }

    @Bean(HpKafkaListenerEndpointRegistry.BEAN_NAME)
    @ConditionalOnMissingBean
    HpKafkaListenerEndpointRegistry hpKafkaListenerEndpointRegistry(ClusterClient clusterClient,
            HpKafkaProperties properties, ObjectProvider<RecordRecoverer> recoverer,
            ObjectProvider<ListenerObserver> observers) {
        HpKafkaProperties.Consumer consumer = properties.getConsumer();
        String groupId = consumer.getGroupId();
        GroupSettings groupSettings = new GroupSettings((groupId != null && !groupId.isBlank()) ? groupId : null,
                consumer.getDefaultOffset(), consumer.getSessionTimeout(), consumer.getRebalanceTimeout(),
                consumer.getHeartbeatInterval(), List.copyOf(consumer.getAssignmentStrategies()),
                consumer.getOffsetRetention());
        HpKafkaListenerEndpointRegistry registry = new HpKafkaListenerEndpointRegistry(clusterClient, groupSettings,
                recoverer.getIfUnique());
        registry.setObservers(observers.orderedStream().toList());
        return registry;
    }

}
