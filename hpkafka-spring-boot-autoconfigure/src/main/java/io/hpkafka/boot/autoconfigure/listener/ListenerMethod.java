package io.hpkafka.boot.autoconfigure.listener;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.hpkafka.record.Header;
import io.hpkafka.record.KafkaRecord;
import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.core.convert.ConversionService;
import org.springframework.messaging.handler.annotation.Headers;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.messaging.handler.annotation.ValueConstants;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Calls one listener method: what each parameter takes is decided once, at start-up (a signature that cannot be
 * served fails there, naming the method), so that a record costs its conversions and one reflective call.
 * Conversion and call are two steps, so that a record whose payload cannot be converted is told apart from a
 * listener that throws.
 */
final class ListenerMethod {

    private final Object bean;

    private final Method method;

    // The record listener's payload conversion; null for batch listeners and when no parameter takes a payload.
    private final @Nullable BytesConverter payload;

    private final boolean batch;

    private final Argument[] arguments;

    // Batch listeners: how each record of the List is converted; null when the list takes KafkaRecords.
    private final @Nullable BytesConverter batchElements;

    /**
     * Analyses the method.
     * @param bean the bean to call it on
     * @param method the method, callable on {@code bean}
     * @param batch whether it takes batches
     * @param context what conversions may use
     * @throws IllegalStateException if a parameter cannot be served, naming the method and the parameter
     */
    ListenerMethod(Object bean, Method method, boolean batch, Conversions context) {
        this.bean = bean;
        this.method = method;
        this.batch = batch;
        int count = method.getParameterCount();
        this.arguments = new Argument[count];
        BytesConverter elements = null;
        BytesConverter recordPayload = null;
        boolean payloadSeen = false;
        for (int i = 0; i < count; i++) {
            MethodParameter parameter = new MethodParameter(method, i);
            Class<?> type = parameter.getParameterType();
            String what = describe(method) + " parameter " + i + " (" + parameter.getGenericParameterType().getTypeName()
                    + ")";
            org.springframework.messaging.handler.annotation.Header header = parameter
                .getParameterAnnotation(org.springframework.messaging.handler.annotation.Header.class);
            if (type == Acknowledgment.class) {
                this.arguments[i] = (record, payload, ack) -> ack;
            }
            else if (!batch && type == KafkaRecord.class && header == null) {
                this.arguments[i] = (record, payload, ack) -> record; // the whole record, alone or beside a payload
            }
            else if (header != null) {
                if (batch) {
                    throw new IllegalStateException(what + ": a batch listener takes a List of payloads or records"
                            + " and an Acknowledgment; read keys and headers from List<KafkaRecord>");
                }
                this.arguments[i] = headerArgument(header, parameter, context, what);
            }
            else if (parameter.hasParameterAnnotation(Headers.class)) {
                if (batch || !type.isAssignableFrom(Map.class)) {
                    throw new IllegalStateException(what + ": @Headers takes a Map<String, Object> (header name to"
                            + " its last value, as byte[]) in a record listener");
                }
                this.arguments[i] = (record, payload, ack) -> headers(record);
            }
            else {
                if (payloadSeen) {
                    throw new IllegalStateException(what + " is a second payload parameter; mark key and header"
                            + " parameters with @Header (HpKafkaHeaders names the key and the record's coordinates)");
                }
                payloadSeen = true;
                Payload payload = parameter.getParameterAnnotation(Payload.class);
                if (payload != null && !payload.value().isEmpty()) {
                    throw new IllegalStateException(what + ": @Payload expressions are not supported");
                }
                if (batch) {
                    if (type != List.class && type != java.util.Collection.class && type != Iterable.class) {
                        throw new IllegalStateException(what + ": a batch listener takes its records as a List"
                                + " (List<KafkaRecord> or List<T> of payloads)");
                    }
                    Type element = ResolvableType.forMethodParameter(parameter).getGeneric(0).getType();
                    if (element != KafkaRecord.class) {
                        elements = BytesConverter.forType(element, context.valueDeserializers(), context.json(), what);
                    }
                    this.arguments[i] = (record, converted, ack) -> converted;
                }
                else {
                    if (java.util.Collection.class.isAssignableFrom(type) && ResolvableType.forMethodParameter(parameter)
                        .asCollection().getGeneric(0).toClass() == KafkaRecord.class) {
                        throw new IllegalStateException(what + " takes a list of records, which only a batch listener"
                                + " gets: add batch = \"true\" to its @HpKafkaListener");
                    }
                    // Converted beforehand by convertPayload, so that a conversion failure is not a listener failure.
                    recordPayload = BytesConverter.forType(parameter.getGenericParameterType(),
                            context.valueDeserializers(), context.json(), what);
                    this.arguments[i] = (record, converted, ack) -> converted;
                }
            }
        }
        this.batchElements = elements;
        this.payload = recordPayload;
        ReflectionUtils.makeAccessible(method);
        try {
            // Also for a public method: Method.invoke then skips its access check on every call.
            method.setAccessible(true);
        }
        catch (RuntimeException ex) {
            // A module that does not open the package: the checked call works, a little slower.
        }
    }

    private static Argument headerArgument(org.springframework.messaging.handler.annotation.Header header,
            MethodParameter parameter, Conversions context, String what) {
        String name = header.name().isEmpty() ? header.value() : header.name();
        if (name.isEmpty()) {
            throw new IllegalStateException(what + ": @Header needs a name (a record header, or one of HpKafkaHeaders)");
        }
        Class<?> type = ClassUtils.resolvePrimitiveIfNecessary(parameter.getParameterType());
        ConversionService conversions = context.conversionService();
        switch (name) {
            case HpKafkaHeaders.RECEIVED_KEY -> {
                BytesConverter key = BytesConverter.forType(parameter.getGenericParameterType(),
                        context.keyDeserializers(), context.json(), what);
                return (record, payload, ack) -> convertKey(key, record);
            }
            case HpKafkaHeaders.RECEIVED_TOPIC -> {
                return coordinate(type, String.class, conversions, what, (record) -> record.topic());
            }
            case HpKafkaHeaders.RECEIVED_PARTITION -> {
                return coordinate(type, Integer.class, conversions, what, (record) -> record.partition());
            }
            case HpKafkaHeaders.OFFSET -> {
                return coordinate(type, Long.class, conversions, what, (record) -> record.offset());
            }
            case HpKafkaHeaders.RECEIVED_TIMESTAMP -> {
                return coordinate(type, Long.class, conversions, what, (record) -> record.timestamp());
            }
            case HpKafkaHeaders.TIMESTAMP_TYPE -> {
                return coordinate(type, io.hpkafka.record.TimestampType.class, conversions, what,
                        (record) -> record.timestampType());
            }
            case HpKafkaHeaders.GROUP_ID -> {
                String groupId = context.groupId();
                if (type != String.class && type != Object.class) {
                    throw new IllegalStateException(what + ": the group id is a String");
                }
                return (record, payload, ack) -> groupId;
            }
            default -> {
                String fallback = ValueConstants.DEFAULT_NONE.equals(header.defaultValue()) ? null
                        : header.defaultValue();
                return recordHeader(name, header.required() && fallback == null, fallback, type, conversions, what);
            }
        }
    }

    private static @Nullable Object convertKey(BytesConverter key, KafkaRecord record) {
        try {
            return key.convert(record.topic(), record.key());
        }
        catch (RuntimeException ex) {
            throw new PayloadConversionException("The key of " + coordinates(record) + " could not be converted: "
                    + ex.getMessage(), ex);
        }
    }

    private static Argument coordinate(Class<?> type, Class<?> source, ConversionService conversions, String what,
            java.util.function.Function<KafkaRecord, Object> value) {
        if (type.isAssignableFrom(source)) {
            return (record, payload, ack) -> value.apply(record);
        }
        if (!conversions.canConvert(source, type)) {
            throw new IllegalStateException(what + ": a " + source.getSimpleName() + " cannot be converted to "
                    + type.getTypeName());
        }
        return (record, payload, ack) -> conversions.convert(value.apply(record), type);
    }

    private static Argument recordHeader(String name, boolean required, @Nullable String fallback, Class<?> type,
            ConversionService conversions, String what) {
        byte[] fallbackBytes = (fallback != null) ? fallback.getBytes(StandardCharsets.UTF_8) : null;
        java.util.function.Function<byte[], Object> binary = binaryHeader(name, type);
        if (type != byte[].class && type != String.class && type != Object.class
                && !conversions.canConvert(String.class, type)) {
            throw new IllegalStateException(what + ": header '" + name + "' cannot be converted to "
                    + type.getTypeName() + " (byte[], String, or a type converted from String)");
        }
        return (record, payload, ack) -> {
            byte[] bytes = lastHeader(record, name);
            if (bytes == null) {
                bytes = fallbackBytes;
            }
            if (bytes == null) {
                if (required) {
                    throw new PayloadConversionException(coordinates(record) + " has no header '" + name
                            + "', which the listener requires (@Header(required = false) makes it optional)", null);
                }
                return null;
            }
            if (type == byte[].class || type == Object.class) {
                return bytes;
            }
            try {
                if (binary != null) {
                    return binary.apply(bytes);
                }
                String text = new String(bytes, StandardCharsets.UTF_8);
                return (type == String.class) ? text : conversions.convert(text, type);
            }
            catch (RuntimeException ex) {
                throw new PayloadConversionException("Header '" + name + "' of " + coordinates(record)
                        + " could not be converted to " + type.getTypeName() + ": " + ex.getMessage(), ex);
            }
        };
    }

    // The dead-letter headers that hold big-endian numbers (as Spring Kafka writes them), read as such.
    private static java.util.function.@Nullable Function<byte[], Object> binaryHeader(String name, Class<?> type) {
        boolean isInt = type == Integer.class || type == Long.class;
        if (name.equals(HpKafkaHeaders.DLT_ORIGINAL_PARTITION) && isInt) {
            return (bytes) -> {
                int value = java.nio.ByteBuffer.wrap(bytes).getInt();
                return (type == Long.class) ? (Object) (long) value : (Object) value;
            };
        }
        if ((name.equals(HpKafkaHeaders.DLT_ORIGINAL_OFFSET) || name.equals(HpKafkaHeaders.DLT_ORIGINAL_TIMESTAMP))
                && type == Long.class) {
            return (bytes) -> java.nio.ByteBuffer.wrap(bytes).getLong();
        }
        return null;
    }

    private static byte @Nullable [] lastHeader(KafkaRecord record, String name) {
        List<Header> headers = record.headers();
        for (int i = headers.size() - 1; i >= 0; i--) {
            if (headers.get(i).key().equals(name)) {
                return headers.get(i).value();
            }
        }
        return null;
    }

    private static Map<String, Object> headers(KafkaRecord record) {
        Map<String, Object> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value());
        }
        return headers;
    }

    /**
     * Converts a record's value for a record listener.
     * @param record the record
     * @return the payload, or null when no parameter takes a converted value (or for a tombstone)
     * @throws PayloadConversionException if the conversion fails
     */
    @Nullable Object convertPayload(KafkaRecord record) {
        return convert(this.payload, record);
    }

    /**
     * Converts a record's value for a batch listener's list.
     * @param record the record
     * @return the element: the record itself for {@code List<KafkaRecord>}
     * @throws PayloadConversionException if the conversion fails
     */
    @Nullable Object convertElement(KafkaRecord record) {
        return (this.batchElements != null) ? convert(this.batchElements, record) : record;
    }

    private static @Nullable Object convert(@Nullable BytesConverter converter, KafkaRecord record) {
        if (converter == null) {
            return null;
        }
        try {
            return converter.convert(record.topic(), record.value());
        }
        catch (RuntimeException ex) {
            throw new PayloadConversionException("The value of " + coordinates(record) + " could not be converted: "
                    + ex.getMessage(), ex);
        }
    }

    /**
     * Calls a record listener.
     * @param record the record
     * @param payload its converted payload ({@link #convertPayload})
     * @param ack the acknowledgment handle
     * @return what the method returned
     * @throws PayloadConversionException if a key or header cannot be converted (before the call)
     * @throws Exception whatever the method throws, unwrapped
     */
    @Nullable Object invoke(KafkaRecord record, @Nullable Object payload, Acknowledgment ack) throws Exception {
        Argument[] arguments = this.arguments;
        Object[] values = new Object[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            values[i] = arguments[i].resolve(record, payload, ack);
        }
        return call(values);
    }

    /**
     * Calls a batch listener.
     * @param elements the converted records ({@link #convertElement})
     * @param ack the acknowledgment handle of the whole batch
     * @throws Exception whatever the method throws, unwrapped
     */
    void invokeBatch(List<@Nullable Object> elements, Acknowledgment ack) throws Exception {
        Object[] values = new Object[this.arguments.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = this.arguments[i].resolve(null, elements, ack);
        }
        call(values);
    }

    private @Nullable Object call(@Nullable Object[] values) throws Exception {
        try {
            return this.method.invoke(this.bean, values);
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
     * Returns whether a parameter takes the acknowledgment handle.
     * @return whether one does
     */
    boolean takesAcknowledgment() {
        for (Class<?> type : this.method.getParameterTypes()) {
            if (type == Acknowledgment.class) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns whether the method takes batches.
     * @return whether it does
     */
    boolean isBatch() {
        return this.batch;
    }

    /**
     * Returns the method.
     * @return the method
     */
    Method getMethod() {
        return this.method;
    }

    static String coordinates(KafkaRecord record) {
        return "record " + record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    static String describe(Method method) {
        StringBuilder description = new StringBuilder(ClassUtils.getQualifiedMethodName(method)).append('(');
        Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            description.append((i > 0) ? ", " : "").append(types[i].getSimpleName());
        }
        return "@HpKafkaListener method " + description.append(')');
    }

    /** Resolves one argument from the record (null for a batch), its converted payload, and the handle. */
    @FunctionalInterface
    private interface Argument {

        @Nullable Object resolve(@Nullable KafkaRecord record, @Nullable Object payload, Acknowledgment ack);

    }

    /**
     * What conversions may use.
     * @param keyDeserializers the configured key deserializers
     * @param valueDeserializers the configured value deserializers
     * @param json JSON support, or null without Jackson
     * @param conversionService converts header text and coordinates
     * @param groupId the listener's group id, or null in simple mode
     */
    record Conversions(TopicDeserializers keyDeserializers, TopicDeserializers valueDeserializers,
            @Nullable JsonPayloads json, ConversionService conversionService, @Nullable String groupId) {
    }

}
