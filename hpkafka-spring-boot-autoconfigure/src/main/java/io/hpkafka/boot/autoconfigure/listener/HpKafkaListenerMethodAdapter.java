package io.hpkafka.boot.autoconfigure.listener;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

import io.hpkafka.record.KafkaRecord;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Calls a listener method with the payload its parameter asks for. The payload kind is chosen once, when the adapter is
 * created, so that delivering a record costs a lookup-free conversion and a reflective call.
 */
public final class HpKafkaListenerMethodAdapter {

    private final Object bean;

    private final Method method;

    private final Payload payload;

    /**
     * Creates an adapter for a method with one parameter of type {@code String}, {@code byte[]} or
     * {@link KafkaRecord}.
     * @param bean the bean to call the method on
     * @param method the method, callable on {@code bean} (on a proxy, the proxy's method)
     * @throws IllegalStateException if the method's parameters are not exactly one of the supported payload types
     */
    public HpKafkaListenerMethodAdapter(Object bean, Method method) {
        this.bean = bean;
        this.method = method;
        this.payload = Payload.of(method);
        ReflectionUtils.makeAccessible(method);
    }

    /**
     * Calls the method with the record's payload.
     * @param record the record
     * @throws Exception whatever the method throws, unwrapped
     */
    public void invoke(KafkaRecord record) throws Exception {
        try {
            this.method.invoke(this.bean, this.payload.resolve(record));
        }
        catch (InvocationTargetException ex) {
            Throwable cause = ex.getTargetException();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw ex;
        }
    }

    /**
     * Returns the method called.
     * @return the method
     */
    public Method getMethod() {
        return this.method;
    }

    /**
     * The payload parameter kinds, each a conversion from the record.
     */
    private enum Payload {

        STRING(String.class, (record) -> (record.value() != null)
                ? new String(record.value(), StandardCharsets.UTF_8) : null),

        BYTES(byte[].class, KafkaRecord::value),

        RECORD(KafkaRecord.class, (record) -> record);

        private final Class<?> type;

        private final Function<KafkaRecord, @Nullable Object> conversion;

        Payload(Class<?> type, Function<KafkaRecord, @Nullable Object> conversion) {
            this.type = type;
            this.conversion = conversion;
        }

        @Nullable Object resolve(KafkaRecord record) {
            return this.conversion.apply(record);
        }

        static Payload of(Method method) {
            Class<?>[] types = method.getParameterTypes();
            if (types.length == 1) {
                for (Payload payload : values()) {
                    if (payload.type == types[0]) {
                        return payload;
                    }
                }
            }
            throw new IllegalStateException("@HpKafkaListener method " + describe(method)
                    + " must take exactly one parameter of type String (the value as UTF-8), byte[] (the value)"
                    + " or io.hpkafka.record.KafkaRecord (the whole record)");
        }

        private static String describe(Method method) {
            StringBuilder description = new StringBuilder(ClassUtils.getQualifiedMethodName(method)).append('(');
            Class<?>[] types = method.getParameterTypes();
            for (int i = 0; i < types.length; i++) {
                description.append((i > 0) ? ", " : "").append(types[i].getTypeName());
            }
            return description.append(')').toString();
        }

    }

}
