package io.hpkafka.boot.autoconfigure;

import io.hpkafka.ClusterClient;
import io.hpkafka.boot.autoconfigure.producer.ConfiguredSerializers;
import io.hpkafka.config.Configuration;
import io.hpkafka.config.ConsumerGroupConfiguration;
import io.hpkafka.boot.autoconfigure.listener.HpKafkaListenerAnnotationBeanPostProcessor;
import io.hpkafka.boot.autoconfigure.listener.GroupSettings;
import io.hpkafka.boot.autoconfigure.listener.HpKafkaListenerEndpointRegistry;
import io.hpkafka.boot.autoconfigure.listener.HpKafkaListenerProperties;
import io.hpkafka.boot.autoconfigure.listener.ListenerObserver;
import io.hpkafka.boot.autoconfigure.listener.RecordRecoverer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Role;

/**
 * Auto-configuration of hpkafka: a {@link Configuration} from the {@code hpkafka.*} properties, a
 * {@link ClusterClient}, a {@link ConsumerGroupConfiguration} from {@code hpkafka.consumer.*}, producers (a
 * {@code KafkaProducer<String, String>} and one of any other types where injected, see
 * {@link HpKafkaProducerConfiguration}), and the infrastructure that runs
 * {@link io.hpkafka.boot.autoconfigure.listener.HpKafkaListener @HpKafkaListener} methods. Each bean backs off when
 * the application defines its own.
 * <p>
 * An invalid property fails start-up with an
 * {@link org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException} naming the
 * property; so does an empty {@code hpkafka.seeds} when no {@link HpKafkaConnectionDetails} bean is defined.
 */
@AutoConfiguration
@ConditionalOnClass(ClusterClient.class)
@EnableConfigurationProperties({ HpKafkaProperties.class, HpKafkaListenerProperties.class })
@Import(HpKafkaProducerConfiguration.class)
public final class HpKafkaAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(HpKafkaConnectionDetails.class)
    PropertiesHpKafkaConnectionDetails hpKafkaConnectionDetails(HpKafkaProperties properties) {
        return new PropertiesHpKafkaConnectionDetails(properties);
    }

    @Bean
    @ConditionalOnMissingBean
    Configuration hpKafkaConfiguration(HpKafkaProperties properties, HpKafkaConnectionDetails connectionDetails,
            ObjectProvider<HpKafkaConfigurationCustomizer> customizers, ConfiguredSerializers serializers) {
        return new HpKafkaConfigurationFactory(properties, connectionDetails, customizers.orderedStream().toList(),
                serializers)
            .create();
    }

    // Validated at start-up; for ClusterClient.subscribe in application code, and the listener containers' defaults.
    @Bean
    @ConditionalOnMissingBean
    ConsumerGroupConfiguration hpKafkaConsumerGroupConfiguration(HpKafkaProperties properties) {
        return HpKafkaConfigurationFactory.createGroupConfiguration(properties);
    }

    // close() flushes what is still buffered in the producer; listeners are stopped before it (see the registry).
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    ClusterClient hpKafkaClusterClient(Configuration configuration) {
        return new ClusterClient(configuration);
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
            HpKafkaProperties properties, ConsumerGroupConfiguration groupConfiguration,
            ObjectProvider<RecordRecoverer> recoverer, ObjectProvider<ListenerObserver> observers) {
        String groupId = properties.getConsumer().getGroupId();
        GroupSettings groupSettings = GroupSettings.of((groupId != null && !groupId.isBlank()) ? groupId : null,
                groupConfiguration);
        HpKafkaListenerEndpointRegistry registry = new HpKafkaListenerEndpointRegistry(clusterClient, groupSettings,
                recoverer.getIfUnique());
        registry.setObservers(observers.orderedStream().toList());
        return registry;
    }

}
