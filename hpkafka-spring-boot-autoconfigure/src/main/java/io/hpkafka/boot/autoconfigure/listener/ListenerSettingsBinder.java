package io.hpkafka.boot.autoconfigure.listener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.hpkafka.serialization.Deserializer;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Resolves one listener's {@link HpKafkaListenerProperties}: the {@code hpkafka.listener.*} properties with the
 * listener's {@link HpKafkaListener#properties() overrides} on top, validated (an unknown override or an invalid
 * value fails start-up naming the property and the listener); and its deserializers (bean or class names).
 */
final class ListenerSettingsBinder {

    private final Environment environment;

    private final BeanFactory beanFactory;

    ListenerSettingsBinder(Environment environment, BeanFactory beanFactory) {
        this.environment = environment;
        this.beanFactory = beanFactory;
    }

    /**
     * Binds a listener's settings.
     * @param listenerId the listener's id, for messages
     * @param overrides the overrides, each {@code "name=value"} with placeholders resolved
     * @return the settings
     * @throws IllegalStateException if an override is malformed or names no property
     * @throws InvalidConfigurationPropertyValueException if a value is out of range
     */
    HpKafkaListenerProperties bind(String listenerId, List<String> overrides) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String override : overrides) {
            int equals = override.indexOf('=');
            if (equals <= 0) {
                throw new IllegalStateException("@HpKafkaListener '" + listenerId + "': property override '" + override
                        + "' must read name=value, the name relative to " + HpKafkaListenerProperties.PREFIX);
            }
            map.put(HpKafkaListenerProperties.PREFIX + "." + override.substring(0, equals).trim(),
                    override.substring(equals + 1).trim());
        }
        MapConfigurationPropertySource overrideSource = new MapConfigurationPropertySource(map);
        if (!map.isEmpty()) {
            try {
                new Binder(overrideSource).bind(HpKafkaListenerProperties.PREFIX,
                        Bindable.of(HpKafkaListenerProperties.class), new NoUnboundElementsBindHandler(BindHandler.DEFAULT));
            }
            catch (BindException ex) {
                boolean unknown = ex.getCause() instanceof org.springframework.boot.context.properties.bind
                    .UnboundConfigurationPropertiesException;
                throw new IllegalStateException("@HpKafkaListener '" + listenerId + "': property override "
                        + (unknown ? "names no property of " + HpKafkaListenerProperties.PREFIX + ".*"
                                : "has an invalid value for " + ex.getName())
                        + ": " + mostSpecific(ex) + " (overrides: " + map + ")", ex);
            }
        }
        List<ConfigurationPropertySource> sources = new ArrayList<>();
        sources.add(overrideSource);
        ConfigurationPropertySources.get(this.environment).forEach(sources::add);
        Binder binder = new Binder(sources, new PropertySourcesPlaceholdersResolver(this.environment),
                ApplicationConversionService.getSharedInstance());
        HpKafkaListenerProperties settings = binder
            .bind(HpKafkaListenerProperties.PREFIX, Bindable.of(HpKafkaListenerProperties.class))
            .orElseGet(HpKafkaListenerProperties::new);
        validate(listenerId, settings);
        return settings;
    }

    private static String mostSpecific(Throwable ex) {
        Throwable cause = ex;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }

    private static void validate(String id, HpKafkaListenerProperties settings) {
        atLeast(id, "concurrency", settings.getConcurrency(), 1);
        atLeast(id, "ack-count", settings.getAckCount(), 1);
        positive(id, "ack-time", settings.getAckTime());
        notNegative(id, "shutdown-timeout", settings.getShutdownTimeout());
        atLeast(id, "batch.max-size", settings.getBatch().getMaxSize(), 1);
        notNegative(id, "batch.max-wait", settings.getBatch().getMaxWait());
        HpKafkaListenerProperties.Retry retry = settings.getRetry();
        atLeast(id, "retry.max-attempts", retry.getMaxAttempts(), 1);
        notNegative(id, "retry.initial-interval", retry.getInitialInterval());
        notNegative(id, "retry.max-interval", retry.getMaxInterval());
        if (!(retry.getMultiplier() >= 1.0)) {
            fail(id, "retry.multiplier", retry.getMultiplier(), "must be at least 1 (1 for a fixed back-off)");
        }
        HpKafkaListenerProperties.DeadLetter deadLetter = settings.getDeadLetter();
        positive(id, "dead-letter.send-timeout", deadLetter.getSendTimeout());
        if (deadLetter.getTopic() != null && !deadLetter.getTopic().isBlank()
                && !HpKafkaListenerAnnotationBeanPostProcessor.LEGAL_TOPIC_NAME.matcher(deadLetter.getTopic()).matches()) {
            fail(id, "dead-letter.topic", deadLetter.getTopic(), "is not a legal topic name (at most 249 letters,"
                    + " digits, '.', '_' and '-')");
        }
        if (!deadLetter.getTopicSuffix().isEmpty()
                && !HpKafkaListenerAnnotationBeanPostProcessor.LEGAL_TOPIC_NAME.matcher("t" + deadLetter.getTopicSuffix()).matches()) {
            fail(id, "dead-letter.topic-suffix", deadLetter.getTopicSuffix(), "makes no legal topic name (letters,"
                    + " digits, '.', '_' and '-')");
        }
        if (deadLetter.isEnabled() && (deadLetter.getTopic() == null || deadLetter.getTopic().isBlank())
                && deadLetter.getTopicSuffix().isEmpty()) {
            fail(id, "dead-letter.topic-suffix", "", "must not be empty without dead-letter.topic: the dead-letter"
                    + " topic would be the record's own topic");
        }
    }

    private static void atLeast(String id, String name, int value, int minimum) {
        if (value < minimum) {
            fail(id, name, value, "must be at least " + minimum);
        }
    }

    private static void positive(String id, String name, @Nullable Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            fail(id, name, value, "must be positive");
        }
    }

    private static void notNegative(String id, String name, @Nullable Duration value) {
        if (value == null || value.isNegative()) {
            fail(id, name, value, "must not be negative");
        }
    }

    private static void fail(String id, String name, @Nullable Object value, String reason) {
        throw new InvalidConfigurationPropertyValueException(HpKafkaListenerProperties.PREFIX + "." + name, value,
                reason + " (for @HpKafkaListener '" + id + "', where it may come from its properties attribute)");
    }

    /**
     * Resolves a listener's deserializers of keys or values.
     * @param listenerId the listener's id, for messages
     * @param property the name of the property of all topics, relative to the prefix (the per-topic map's is the
     * same plus "s")
     * @param name the deserializer of all topics, or null
     * @param byTopic the deserializer of each topic that has one
     * @return the deserializers
     * @throws InvalidConfigurationPropertyValueException if a name is neither a Deserializer bean nor class
     */
    TopicDeserializers deserializers(String listenerId, String property, @Nullable String name,
            Map<String, String> byTopic) {
        Map<String, Deserializer<?>> resolved = new LinkedHashMap<>();
        byTopic.forEach((topic, each) -> {
            Deserializer<?> deserializer = deserializer(listenerId, property + "s[" + topic + "]", each);
            if (deserializer != null) {
                resolved.put(topic, deserializer);
            }
        });
        return new TopicDeserializers(resolved, deserializer(listenerId, property, name));
    }

    /**
     * Resolves a deserializer named by a property.
     * @param listenerId the listener's id, for messages
     * @param property the property's name relative to the prefix
     * @param name a bean name, or a class name; null for none
     * @return the deserializer, or null
     * @throws InvalidConfigurationPropertyValueException if it names neither a Deserializer bean nor a Deserializer
     * class with a public no-argument constructor
     */
    @Nullable Deserializer<?> deserializer(String listenerId, String property, @Nullable String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String trimmed = name.trim();
        if (this.beanFactory.containsBean(trimmed)) {
            Object bean = this.beanFactory.getBean(trimmed);
            if (bean instanceof Deserializer<?> deserializer) {
                return deserializer;
            }
            fail(listenerId, property, name, "names bean of type " + bean.getClass().getName()
                    + ", not an io.hpkafka.serialization.Deserializer");
        }
        try {
            Class<?> type = ClassUtils.forName(trimmed, ClassUtils.getDefaultClassLoader());
            if (!Deserializer.class.isAssignableFrom(type)) {
                fail(listenerId, property, name, "names class " + type.getName()
                        + ", which does not implement io.hpkafka.serialization.Deserializer");
            }
            return (Deserializer<?>) BeanUtils.instantiateClass(type);
        }
        catch (ClassNotFoundException | LinkageError ex) {
            fail(listenerId, property, name, "names neither a bean nor a class on the class path");
        }
        catch (org.springframework.beans.BeanInstantiationException ex) {
            fail(listenerId, property, name, "cannot be instantiated (a public no-argument constructor is needed): "
                    + ex.getMessage());
        }
        return null;
    }

}
