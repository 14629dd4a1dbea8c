package io.hpkafka.boot.autoconfigure.producer;

import io.hpkafka.serialization.Serializer;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanInstantiationException;
import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;

/**
 * Resolves the serializer a property names: a bean of that name first, else a class of that name instantiated with its
 * public no-argument constructor. A name that is neither fails start-up naming the property.
 */
final class SerializerLookup {

    private final BeanFactory beanFactory;

    SerializerLookup(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    /**
     * Resolves a serializer.
     * @param property the full property name, for the failure message
     * @param name the bean or class name; null or blank for none
     * @return the serializer and the type it accepts, or null when no name is given
     * @throws InvalidConfigurationPropertyValueException if the name is neither a Serializer bean nor a Serializer
     * class with a public no-argument constructor
     */
    @Nullable NamedSerializer resolve(String property, @Nullable String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String trimmed = name.trim();
        if (this.beanFactory.containsBean(trimmed)) {
            Object bean = this.beanFactory.getBean(trimmed);
            if (!(bean instanceof Serializer<?>)) {
                throw new InvalidConfigurationPropertyValueException(property, name, "names bean of type "
                        + bean.getClass().getName() + ", not an io.hpkafka.serialization.Serializer");
            }
            return named(bean, beanDeclaredType(trimmed));
        }
        Class<?> type;
        try {
            type = ClassUtils.forName(trimmed, ClassUtils.getDefaultClassLoader());
        }
        catch (ClassNotFoundException | LinkageError ex) {
            throw new InvalidConfigurationPropertyValueException(property, name,
                    "names neither a bean nor a class on the class path");
        }
        if (!Serializer.class.isAssignableFrom(type)) {
            throw new InvalidConfigurationPropertyValueException(property, name,
                    "names class " + type.getName() + ", which does not implement io.hpkafka.serialization.Serializer");
        }
        try {
            return named(BeanUtils.instantiateClass(type), ResolvableType.forClass(type));
        }
        catch (BeanInstantiationException ex) {
            throw new InvalidConfigurationPropertyValueException(property, name,
                    "cannot be instantiated (a public no-argument constructor is needed): " + ex.getMessage());
        }
    }

    // A @Bean method's return type tells more than a lambda instance's class.
    private ResolvableType beanDeclaredType(String name) {
        if (this.beanFactory instanceof ConfigurableListableBeanFactory listable && listable.containsBeanDefinition(name)) {
            return listable.getMergedBeanDefinition(name).getResolvableType();
        }
        return ResolvableType.NONE;
    }

    @SuppressWarnings("unchecked")
    private static NamedSerializer named(Object serializer, ResolvableType declared) {
        Class<?> accepted = acceptedType(declared);
        if (accepted == Object.class) {
            accepted = acceptedType(ResolvableType.forInstance(serializer));
        }
        return new NamedSerializer((Serializer<Object>) serializer, accepted);
    }

    private static Class<?> acceptedType(ResolvableType type) {
        Class<?> accepted = type.as(Serializer.class).getGeneric(0).resolve();
        return (accepted != null) ? accepted : Object.class;
    }

}
