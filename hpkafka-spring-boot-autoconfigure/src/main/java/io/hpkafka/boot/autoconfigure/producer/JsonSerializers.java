package io.hpkafka.boot.autoconfigure.producer;

import io.hpkafka.serialization.Serializer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.util.ClassUtils;

/**
 * JSON serializers with Jackson 3 (Spring Boot 4's), for producer types no other serializer takes. Only loaded when
 * Jackson is on the class path ({@link #isPresent}).
 */
final class JsonSerializers {

    private static final String MAPPER_CLASS = "tools.jackson.databind.json.JsonMapper";

    private JsonSerializers() {
    }

    /**
     * Returns whether Jackson 3 is on the class path.
     * @param classLoader the class loader to look in
     * @return whether {@code JsonMapper} can be loaded
     */
    static boolean isPresent(@Nullable ClassLoader classLoader) {
        return ClassUtils.isPresent(MAPPER_CLASS, classLoader);
    }

    /**
     * Returns a serializer writing objects as UTF-8 JSON with the application's {@code JsonMapper} bean if it has
     * exactly one (Spring Boot's, configured by {@code spring.jackson.*}), else a default mapper; null stays null.
     * @param beanFactory where to look the mapper up
     * @return the serializer
     */
    static Serializer<Object> create(BeanFactory beanFactory) {
        JsonMapper found = beanFactory.getBeanProvider(JsonMapper.class).getIfUnique();
        JsonMapper mapper = (found != null) ? found : JsonMapper.builder().build();
        return (topic, data) -> (data != null) ? mapper.writeValueAsBytes(data) : null;
    }

}
