package io.hpkafka.boot.autoconfigure.producer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.hpkafka.ClusterClient;
import io.hpkafka.KafkaProducer;
import io.hpkafka.boot.autoconfigure.HpKafkaAutoConfiguration;
import io.hpkafka.serialization.Serdes;
import io.hpkafka.serialization.Serializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * The typed producer beans, without a broker: which serializer each injection point gets, and what backs off.
 */
class HpKafkaProducerTests {

    private static final byte[] ORDER_BYTES = "order-bytes".getBytes(StandardCharsets.UTF_8);

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(HpKafkaAutoConfiguration.class))
        .withPropertyValues("hpkafka.seeds=127.0.0.1:9")
        .withUserConfiguration(RecordingCustomizer.class);

    @Test
    void aProducerOfAnyValueTypeIsInjectedAndWritesItAsJson() {
        this.contextRunner.withBean(OrderProducerUser.class).run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(OrderProducerUser.class).producer.client())
                .isSameAs(context.getBean(ClusterClient.class));
            HpKafkaProducerSpec spec = recorded(context.getBean(RecordingCustomizer.class), Order.class);
            assertThat(serialize(spec.getValueSerializer(), new Order("o-1", 3)))
                .isEqualTo("{\"id\":\"o-1\",\"quantity\":3}");
            assertThat(serialize(spec.getKeySerializer(), "o-1")).isEqualTo("o-1");
        });
    }

    @Test
    void theStringProducerIsTheSingletonAndAnOrderProducerIsAnotherView() {
        this.contextRunner.withBean(OrderProducerUser.class).withBean(StringProducerUser.class).run((context) -> {
            KafkaProducer<?, ?> strings = context.getBean(StringProducerUser.class).producer;
            assertThat(strings).isSameAs(context.getBean("hpKafkaProducer"))
                .isSameAs(context.getBean(KafkaProducer.class));
            assertThat((Object) context.getBean(OrderProducerUser.class).producer).isNotSameAs(strings);
        });
    }

    @Test
    void aSerializerBeanOfTheValueTypeIsPreferredToJson() {
        this.contextRunner.withUserConfiguration(OrderSerializerConfiguration.class)
            .withBean(OrderProducerUser.class)
            .withBean(StringProducerUser.class)
            .run((context) -> {
                RecordingCustomizer recorder = context.getBean(RecordingCustomizer.class);
                assertThat(serialize(recorded(recorder, Order.class).getValueSerializer(), new Order("o-1", 3)))
                    .isEqualTo("order-bytes");
                // A Serializer<Order> is no serializer of strings.
                assertThat(serialize(recorded(recorder, String.class).getValueSerializer(), "text")).isEqualTo("text");
            });
    }

    @Test
    void aValueSerializerNamedByClassIsPreferredToBeansForTheTypesItTakes() {
        this.contextRunner.withUserConfiguration(OrderSerializerConfiguration.class)
            .withPropertyValues("hpkafka.producer.value-serializer=" + UpperOrderSerializer.class.getName())
            .withBean(OrderProducerUser.class)
            .withBean(StringProducerUser.class)
            .run((context) -> {
                RecordingCustomizer recorder = context.getBean(RecordingCustomizer.class);
                assertThat(serialize(recorded(recorder, Order.class).getValueSerializer(), new Order("o-1", 3)))
                    .isEqualTo("O-1");
                assertThat(serialize(recorded(recorder, String.class).getValueSerializer(), "text")).isEqualTo("text");
            });
    }

    @Test
    void aPerTopicSerializerNamedByBeanServesItsTopicOnly() {
        this.contextRunner.withUserConfiguration(OrderSerializerConfiguration.class)
            .withPropertyValues("hpkafka.producer.value-serializers[orders.v2]=" + UpperOrderSerializer.class.getName())
            .withBean(OrderProducerUser.class)
            .run((context) -> {
                Serializer<?> values = recorded(context.getBean(RecordingCustomizer.class), Order.class)
                    .getValueSerializer();
                assertThat(serialize(values, "orders.v2", new Order("o-1", 3))).isEqualTo("O-1");
                assertThat(serialize(values, "orders", new Order("o-1", 3))).isEqualTo("order-bytes");
            });
    }

    @Test
    void byteArrayAndObjectProducersTakeTheirBytesAsTheUntypedProduceDoes() {
        this.contextRunner.withBean(BytesAndObjectProducerUser.class).run((context) -> {
            RecordingCustomizer recorder = context.getBean(RecordingCustomizer.class);
            assertThat(serialize(recorded(recorder, byte[].class).getValueSerializer(), ORDER_BYTES))
                .isEqualTo("order-bytes");
            Serializer<?> objects = recorded(recorder, Object.class).getValueSerializer();
            assertThat(serialize(objects, "text")).isEqualTo("text");
            assertThat(serialize(objects, ORDER_BYTES)).isEqualTo("order-bytes");
            assertThat(serialize(objects, new Order("o-2", 1))).as("any other object as JSON")
                .isEqualTo("{\"id\":\"o-2\",\"quantity\":1}");
        });
    }

    @Test
    void anApplicationProducerOfTheSameTypesIsInjectedInsteadOfTheTypedOne() {
        this.contextRunner.withUserConfiguration(UserOrderProducerConfiguration.class)
            .withBean(OrderProducerUser.class)
            .run((context) -> {
                assertThat((Object) context.getBean(OrderProducerUser.class).producer)
                    .isSameAs(context.getBean("userOrderProducer"));
                assertThat(context.getBean(RecordingCustomizer.class).specs)
                    .noneMatch((spec) -> spec.getValueType().resolve() == Order.class);
            });
    }

    @Test
    void anObjectProviderOfATypedProducerResolvesItsGenerics() {
        this.contextRunner.withBean(OrderProducerProviderUser.class).run((context) -> {
            assertThat(context.getBean(OrderProducerProviderUser.class).producer.getObject()).isNotNull();
            assertThat(recorded(context.getBean(RecordingCustomizer.class), Order.class)).isNotNull();
        });
    }

    @Test
    void customizersRunInOrderAndMayReplaceTheSerializers() {
        this.contextRunner.withUserConfiguration(ReplacingCustomizers.class).withBean(OrderProducerUser.class)
            .run((context) -> {
                HpKafkaProducerSpec spec = recorded(context.getBean(RecordingCustomizer.class), Order.class);
                assertThat(context.getBean(ReplacingCustomizers.class).order).containsExactly("first", "second",
                        "first", "second");
                assertThat(serialize(spec.getValueSerializer(), new Order("o-1", 3))).isEqualTo("second");
            });
    }

    @Test
    void withoutJacksonAProducerOfAnUnknownTypeFailsStartUpSayingWhatToConfigure() {
        this.contextRunner.withClassLoader(new FilteredClassLoader("tools.jackson"))
            .withBean(OrderProducerUser.class)
            .run((context) -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("No serializer for the values (" + Order.class.getName())
                    .hasMessageContaining("hpkafka.producer.value-serializer")
                    .hasMessageContaining("Jackson")
                    .hasMessageContaining("injected into " + OrderProducerUser.class.getName());
            });
    }

    @Test
    void withoutJacksonTheStringProducerStillStarts() {
        this.contextRunner.withClassLoader(new FilteredClassLoader("tools.jackson"))
            .withBean(StringProducerUser.class)
            .run((context) -> assertThat(context).hasNotFailed().hasBean("hpKafkaProducer"));
    }

    private static HpKafkaProducerSpec recorded(RecordingCustomizer recorder, Class<?> valueType) {
        return recorder.specs.stream()
            .filter((spec) -> spec.getValueType().resolve() == valueType)
            .reduce((first, second) -> second)
            .orElseThrow(() -> new AssertionError("no producer of " + valueType + " in " + recorder.specs));
    }

    private static String serialize(Serializer<?> serializer, Object value) {
        return serialize(serializer, "topic", value);
    }

    @SuppressWarnings("unchecked")
    private static String serialize(Serializer<?> serializer, String topic, Object value) {
        return new String(((Serializer<Object>) serializer).serialize(topic, value), StandardCharsets.UTF_8);
    }

    record Order(String id, int quantity) {
    }

    /** A Serializer with a declared type and a public no-argument constructor, for class-name properties. */
    public static class UpperOrderSerializer implements Serializer<Order> {

        @Override
        public byte[] serialize(String topic, Order data) {
            return data.id().toUpperCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        }

    }

    static class OrderProducerUser {

        final KafkaProducer<String, Order> producer;

        OrderProducerUser(KafkaProducer<String, Order> producer) {
            this.producer = producer;
        }

    }

    static class StringProducerUser {

        final KafkaProducer<String, String> producer;

        StringProducerUser(KafkaProducer<String, String> producer) {
            this.producer = producer;
        }

    }

    static class BytesAndObjectProducerUser {

        BytesAndObjectProducerUser(KafkaProducer<byte[], byte[]> bytes, KafkaProducer<Object, Object> objects) {
        }

    }

    static class OrderProducerProviderUser {

        final ObjectProvider<KafkaProducer<String, Order>> producer;

        OrderProducerProviderUser(ObjectProvider<KafkaProducer<String, Order>> producer) {
            this.producer = producer;
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class RecordingCustomizer implements HpKafkaProducerCustomizer {

        final List<HpKafkaProducerSpec> specs = new ArrayList<>();

        @Override
        public void customize(HpKafkaProducerSpec spec) {
            this.specs.add(spec);
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class OrderSerializerConfiguration {

        @Bean
        Serializer<Order> orderSerializer() {
            return (topic, order) -> ORDER_BYTES;
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class UserOrderProducerConfiguration {

        @Bean
        KafkaProducer<String, Order> userOrderProducer(ClusterClient client) {
            return new KafkaProducer<>(client, Serdes.stringSerializer(), (topic, order) -> ORDER_BYTES);
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class ReplacingCustomizers {

        final List<String> order = new ArrayList<>();

        @Bean
        @org.springframework.core.annotation.Order(2)
        HpKafkaProducerCustomizer second() {
            return (spec) -> {
                this.order.add("second");
                spec.setValueSerializer((topic, value) -> "second".getBytes(StandardCharsets.UTF_8));
            };
        }

        @Bean
        @org.springframework.core.annotation.Order(1)
        HpKafkaProducerCustomizer first() {
            return (spec) -> {
                this.order.add("first");
                spec.setValueSerializer((topic, value) -> "first".getBytes(StandardCharsets.UTF_8));
            };
        }

    }

}
