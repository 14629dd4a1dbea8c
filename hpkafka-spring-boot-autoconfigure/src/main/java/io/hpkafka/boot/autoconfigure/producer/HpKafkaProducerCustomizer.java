package io.hpkafka.boot.autoconfigure.producer;

/**
 * Callback that sees, and may replace, the serializers of each auto-configured
 * {@link io.hpkafka.KafkaProducer KafkaProducer} (the {@code KafkaProducer<String, String>} bean and every typed one
 * created for an injection point) before it is created. Customizers run in
 * {@link org.springframework.core.Ordered} / {@link org.springframework.core.annotation.Order} order, after the
 * serializers were chosen from the properties, the {@code Serializer} beans, the built-in ones and JSON.
 */
@FunctionalInterface
public interface HpKafkaProducerCustomizer {

    /**
     * Customizes a producer about to be created.
     * @param spec its key and value types and the serializers chosen so far
     */
    void customize(HpKafkaProducerSpec spec);

}
