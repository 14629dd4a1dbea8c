package io.hpkafka.boot.autoconfigure;

import io.hpkafka.ClusterClient;
import io.hpkafka.KafkaProducer;
import io.hpkafka.boot.autoconfigure.producer.ConfiguredSerializers;
import io.hpkafka.boot.autoconfigure.producer.HpKafkaProducerCustomizer;
import io.hpkafka.boot.autoconfigure.producer.HpKafkaProducerFactory;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.InjectionPoint;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Fallback;
import org.springframework.context.annotation.Scope;

/**
 * The producer beans, imported by {@link HpKafkaAutoConfiguration}: the serializers the properties name, a
 * {@link HpKafkaProducerFactory}, a {@code KafkaProducer<String, String>}, and a typed producer for any other
 * injection point.
 * <p>
 * Why a prototype: a producer's serializers depend on its key and value types, so one instance cannot serve
 * {@code KafkaProducer<String, Order>} and {@code KafkaProducer<String, String>} (Spring Boot's single
 * {@code KafkaTemplate<?, ?>} can, because its serializers come from properties alone). The typed bean is declared
 * {@code KafkaProducer<?, ?>}, which Spring matches to every producer injection point, and is a {@link Fallback}: a
 * producer bean of the exact type, the application's or the {@code String} one, always wins. It is created per
 * injection point from the point's generic type, so it needs one: {@code getBean(KafkaProducer.class)} without a
 * {@code String} producer fails.
 */
@Configuration(proxyBeanMethods = false)
final class HpKafkaProducerConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ConfiguredSerializers hpKafkaConfiguredSerializers(HpKafkaProperties properties, BeanFactory beanFactory) {
        HpKafkaProperties.Producer producer = properties.getProducer();
        return ConfiguredSerializers.resolve(beanFactory, "hpkafka.producer", producer.getKeySerializer(),
                producer.getValueSerializer(), producer.getKeySerializers(), producer.getValueSerializers());
    }

    @Bean
    @ConditionalOnMissingBean
    HpKafkaProducerFactory hpKafkaProducerFactory(ClusterClient clusterClient, ConfiguredSerializers serializers,
            BeanFactory beanFactory, ObjectProvider<HpKafkaProducerCustomizer> customizers) {
        return new HpKafkaProducerFactory(clusterClient, serializers, beanFactory,
                customizers.orderedStream().toList());
    }

    // Declared before the typed producer: its condition must not see the typed one as a KafkaProducer<String, String>.
    @Bean
    @ConditionalOnMissingBean
    KafkaProducer<String, String> hpKafkaProducer(HpKafkaProducerFactory factory) {
        return factory.create(String.class, String.class);
    }

    // By name: by type, the String producer (or any producer bean) would match KafkaProducer<?, ?>.
    @Bean
    @Fallback
    @Scope(BeanDefinition.SCOPE_PROTOTYPE)
    @ConditionalOnMissingBean(name = "hpKafkaTypedProducer")
    KafkaProducer<?, ?> hpKafkaTypedProducer(InjectionPoint injectionPoint, HpKafkaProducerFactory factory) {
        return factory.create(injectionPoint);
    }

}
