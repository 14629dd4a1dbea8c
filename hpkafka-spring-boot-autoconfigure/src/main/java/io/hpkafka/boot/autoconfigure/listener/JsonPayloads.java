package io.hpkafka.boot.autoconfigure.listener;

import java.lang.reflect.Type;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.util.ClassUtils;

/**
 * JSON payloads with Jackson 3 (as Spring Boot 4 uses): reads values into a parameter's generic type and writes
 * reply values. Only loaded when Jackson is on the class path ({@link #isPresent}).
 */
final class JsonPayloads {

    private static final String MAPPER_CLASS = "tools.jackson.databind.json.JsonMapper";

    private final JsonMapper mapper;

    /**
     * Creates the JSON support.
     * @param mapper the mapper to use (the application's, when it defines one)
     */
    JsonPayloads(Object mapper) {
        this.mapper = (JsonMapper) mapper;
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
     * Creates the JSON support with the application's {@code JsonMapper} bean if it has exactly one (Spring Boot
     * defines one, configured by {@code spring.jackson.*}), else a default mapper.
     * @param beanFactory where to look the mapper up, or null
     * @return the support
     */
    static JsonPayloads from(@Nullable BeanFactory beanFactory) {
        JsonMapper mapper = (beanFactory != null) ? beanFactory.getBeanProvider(JsonMapper.class).getIfUnique() : null;
        return new JsonPayloads((mapper != null) ? mapper : JsonMapper.builder().build());
    }

    /**
     * Returns a conversion reading JSON into {@code type}.
     * @param type the target (generic) type
     * @return the conversion
     */
    BytesConverter reader(Type type) {
        JavaType javaType = this.mapper.constructType(type);
        return (topic, bytes) -> (bytes != null) ? this.mapper.readValue(bytes, javaType) : null;
    }

    /**
     * Writes {@code value} as JSON.
     * @param value the value
     * @return the UTF-8 JSON bytes
     */
    byte[] write(Object value) {
        return this.mapper.writeValueAsBytes(value);
    }

}
