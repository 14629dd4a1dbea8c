package io.hpkafka.boot.autoconfigure.producer;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.hpkafka.ClusterClient;
import io.hpkafka.KafkaProducer;
import io.hpkafka.boot.autoconfigure.producer.ConfiguredSerializers.Side;
import io.hpkafka.serialization.MemorySerializable;
import io.hpkafka.serialization.SerializationConfig;
import io.hpkafka.serialization.Serdes;
import io.hpkafka.serialization.Serializer;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.InjectionPoint;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.DependencyDescriptor;
import org.springframework.core.ResolvableType;

/**
 * Creates {@link KafkaProducer}s of any key and value types over the auto-configured {@link ClusterClient}. The
 * serializer of each side is, first found:
 * <ol>
 * <li>for {@code Object} (or an unresolved type): the client's own, as the untyped {@code produce} uses it;</li>
 * <li>the one {@code hpkafka.producer.key-serializer} / {@code value-serializer} names, if it takes the type;</li>
 * <li>the one {@code Serializer<T>} bean of exactly that type;</li>
 * <li>the built-in one of {@code String} (UTF-8), {@code byte[]}, {@code ByteBuffer} and
 * {@link MemorySerializable};</li>
 * <li>JSON with Jackson 3, when it is on the class path.</li>
 * </ol>
 * Per-topic serializers ({@code key-serializers} / {@code value-serializers}) that take the type go before it for
 * their topics. {@link HpKafkaProducerCustomizer}s then see the choice, in order. The producers are views that own
 * nothing: creating one per injection point costs two small objects. Thread-safe.
 */
public final class HpKafkaProducerFactory {

    private final ClusterClient client;

    private final ConfiguredSerializers configured;

    private final BeanFactory beanFactory;

    private final List<HpKafkaProducerCustomizer> customizers;

    private volatile @Nullable Serializer<Object> json;

    /**
     * Creates the factory.
     * @param client the client the producers send through
     * @param configured the serializers the properties name
     * @param beanFactory where {@code Serializer} beans and the {@code JsonMapper} are looked up
     * @param customizers the customizers, in order
     */
    public HpKafkaProducerFactory(ClusterClient client, ConfiguredSerializers configured, BeanFactory beanFactory,
            List<HpKafkaProducerCustomizer> customizers) {
        this.client = Objects.requireNonNull(client, "client");
        this.configured = Objects.requireNonNull(configured, "configured");
        this.beanFactory = Objects.requireNonNull(beanFactory, "beanFactory");
        this.customizers = List.copyOf(customizers);
    }

    /**
     * Creates a producer of keys and values of plain classes.
     * @param <K> the key type
     * @param <V> the value type
     * @param keyType the key class
     * @param valueType the value class
     * @return the producer
     * @throws IllegalStateException if no serializer takes one of the types (no bean, no built-in one, no Jackson) or
     * several {@code Serializer} beans do
     */
    @SuppressWarnings("unchecked")
    public <K, V> KafkaProducer<K, V> create(Class<K> keyType, Class<V> valueType) {
        return (KafkaProducer<K, V>) create(ResolvableType.forClass(keyType), ResolvableType.forClass(valueType),
                "KafkaProducer<" + keyType.getName() + ", " + valueType.getName() + ">");
    }

    /**
     * Creates the producer an injection point asks for, e.g. a field {@code KafkaProducer<String, Order>}.
     * @param injectionPoint the injection point (an {@code ObjectProvider} or {@code Optional} of a producer too)
     * @return the producer
     * @throws IllegalStateException if no serializer takes one of the types, or several {@code Serializer} beans do
     */
    public KafkaProducer<?, ?> create(InjectionPoint injectionPoint) {
        ResolvableType declared = (injectionPoint instanceof DependencyDescriptor descriptor)
                ? descriptor.getResolvableType() : (injectionPoint.getField() != null)
                        ? ResolvableType.forField(injectionPoint.getField())
                        : ResolvableType.forMethodParameter(injectionPoint.getMethodParameter());
        ResolvableType producer = declared.as(KafkaProducer.class);
        return create(producer.getGeneric(0), producer.getGeneric(1),
                declared + " injected into " + injectionPoint.getMember());
    }

    /**
     * Creates a producer of keys and values of (possibly generic) types.
     * @param keyType the key type
     * @param valueType the value type
     * @param target what the producer is for, in failure messages
     * @return the producer
     * @throws IllegalStateException if no serializer takes one of the types, or several {@code Serializer} beans do
     */
    @SuppressWarnings("unchecked")
    public KafkaProducer<?, ?> create(ResolvableType keyType, ResolvableType valueType, String target) {
        HpKafkaProducerSpec spec = new HpKafkaProducerSpec(keyType, valueType,
                serializer(Side.KEY, keyType, target), serializer(Side.VALUE, valueType, target));
        this.customizers.forEach((customizer) -> customizer.customize(spec));
        return new KafkaProducer<>(this.client, (Serializer<Object>) spec.getKeySerializer(),
                (Serializer<Object>) spec.getValueSerializer());
    }

    private Serializer<Object> serializer(Side side, ResolvableType type, String target) {
        Class<?> raw = type.resolve(Object.class);
        if (raw == Object.class) {
            // Read per record: the client's configuration holds the configured serializers with the default behind;
            // where only the default applies, an object it cannot take goes as JSON, as a typed producer's would.
            SerializationConfig config = this.client.configuration().serializationConfig();
            Serializer<Object> json = json();
            return (topic, data) -> {
                Serializer<Object> configured = (side == Side.KEY) ? config.keySerializer(topic)
                        : config.valueSerializer(topic);
                if (json != null && configured == SerializationConfig.DEFAULT_SERIALIZER && data != null
                        && !takenByDefault(data)) {
                    return json.serialize(topic, data);
                }
                return configured.serialize(topic, data);
            };
        }
        Serializer<Object> chosen = this.configured.forAllTopics(side, raw);
        if (chosen == null) {
            chosen = bean(type, target);
        }
        if (chosen == null) {
            chosen = builtIn(raw);
        }
        if (chosen == null) {
            chosen = json();
        }
        if (chosen == null) {
            throw new IllegalStateException("No serializer for the " + side.name().toLowerCase(java.util.Locale.ROOT)
                    + "s (" + type + ") of " + target + ": name one in hpkafka.producer."
                    + side.name().toLowerCase(java.util.Locale.ROOT) + "-serializer, define a Serializer<" + type
                    + "> bean, or add Jackson 3 (tools.jackson.core:jackson-databind) for JSON");
        }
        Map<String, Serializer<Object>> perTopic = this.configured.perTopic(side, raw);
        if (perTopic.isEmpty()) {
            return chosen;
        }
        Serializer<Object> otherTopics = chosen;
        return (topic, data) -> perTopic.getOrDefault(topic, otherTopics).serialize(topic, data);
    }

    @SuppressWarnings("unchecked")
    private @Nullable Serializer<Object> bean(ResolvableType type, String target) {
        if (!(this.beanFactory instanceof ConfigurableListableBeanFactory listable)) {
            return null;
        }
        ResolvableType wanted = ResolvableType.forClassWithGenerics(Serializer.class, type);
        List<String> matching = new ArrayList<>();
        for (String name : listable.getBeanNamesForType(Serializer.class)) {
            ResolvableType declared = listable.containsBeanDefinition(name)
                    ? listable.getMergedBeanDefinition(name).getResolvableType() : ResolvableType.NONE;
            ResolvableType serializerType = declared.as(Serializer.class);
            // A bean whose type argument is unknown (a raw declaration) is no evidence it takes this type.
            if (serializerType.getGeneric(0).resolve() != null && wanted.isAssignableFrom(serializerType)) {
                matching.add(name);
            }
        }
        if (matching.size() > 1) {
            throw new IllegalStateException("Several Serializer<" + type + "> beans " + matching + " for " + target
                    + ": name the one to use in hpkafka.producer.key-serializer or value-serializer");
        }
        return matching.isEmpty() ? null : (Serializer<Object>) listable.getBean(matching.get(0));
    }

    // What SerializationConfig.DEFAULT_SERIALIZER writes as it is.
    private static boolean takenByDefault(Object data) {
        return data instanceof byte[] || data instanceof String || data instanceof ByteBuffer
                || data instanceof MemorySerializable;
    }

    @SuppressWarnings("unchecked")
    private static @Nullable Serializer<Object> builtIn(Class<?> type) {
        if (type == String.class) {
            return (Serializer<Object>) (Serializer<?>) Serdes.stringSerializer();
        }
        if (type == byte[].class) {
            return (Serializer<Object>) (Serializer<?>) Serdes.byteArraySerializer();
        }
        if (ByteBuffer.class.isAssignableFrom(type) || MemorySerializable.class.isAssignableFrom(type)) {
            return SerializationConfig.DEFAULT_SERIALIZER;
        }
        return null;
    }

    private @Nullable Serializer<Object> json() {
        Serializer<Object> json = this.json;
        // The bean class loader: the application's view of the class path, which a test may filter.
        ClassLoader classLoader = (this.beanFactory instanceof ConfigurableBeanFactory configurable)
                ? configurable.getBeanClassLoader() : getClass().getClassLoader();
        if (json == null && JsonSerializers.isPresent(classLoader)) {
            json = JsonSerializers.create(this.beanFactory);
            this.json = json;
        }
        return json;
    }

}
