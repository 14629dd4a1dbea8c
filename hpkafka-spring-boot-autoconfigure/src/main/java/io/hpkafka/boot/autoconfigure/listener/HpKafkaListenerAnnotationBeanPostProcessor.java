package io.hpkafka.boot.autoconfigure.listener;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Finds {@link HpKafkaListener @HpKafkaListener} methods on beans, resolves their settings into
 * {@link HpKafkaListenerEndpoint endpoints} and hands them to the {@link HpKafkaListenerEndpointRegistry} once every
 * singleton exists (so that the registry, and the client it needs, are not created while other beans still are).
 * Runs last among post-processors, so that it sees the final (possibly proxied) bean.
 */
public class HpKafkaListenerAnnotationBeanPostProcessor
        implements BeanPostProcessor, BeanFactoryAware, SmartInitializingSingleton, Ordered {

    /**
     * Name of the post-processor bean the auto-configuration defines.
     */
    public static final String BEAN_NAME = "io.hpkafka.boot.autoconfigure.listener.internalHpKafkaListenerAnnotationProcessor";

    // Kafka's rule for topic names (org.apache.kafka.common.internals.Topic).
    private static final Pattern LEGAL_TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    private final Set<Class<?>> nonAnnotatedClasses = ConcurrentHashMap.newKeySet();

    private final AtomicInteger generatedIds = new AtomicInteger();

    /** Guards the following fields. */
    private final Object registrationMonitor = new Object();

    // Endpoints found before the registry may be asked for.
    private final List<HpKafkaListenerEndpoint> pendingEndpoints = new ArrayList<>();

    private boolean singletonsInstantiated;

    private @Nullable HpKafkaListenerEndpointRegistry registry;

    private @Nullable BeanFactory beanFactory;

    @Override
    public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
        this.beanFactory = beanFactory;
    }

    @Override
    public int getOrder() {
        return LOWEST_PRECEDENCE;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
        Class<?> targetClass = AopUtils.getTargetClass(bean);
        if (this.nonAnnotatedClasses.contains(targetClass)
                || !AnnotationUtils.isCandidateClass(targetClass, HpKafkaListener.class)) {
            return bean;
        }
        Map<Method, HpKafkaListener> annotatedMethods = MethodIntrospector.selectMethods(targetClass,
                (MethodIntrospector.MetadataLookup<HpKafkaListener>) (method) -> AnnotatedElementUtils
                    .findMergedAnnotation(method, HpKafkaListener.class));
        if (annotatedMethods.isEmpty()) {
            this.nonAnnotatedClasses.add(targetClass);
            return bean;
        }
        annotatedMethods.forEach((method, annotation) -> register(createEndpoint(bean, beanName, method, annotation)));
        return bean;
    }

    private HpKafkaListenerEndpoint createEndpoint(Object bean, String beanName, Method method,
            HpKafkaListener annotation) {
        Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
        HpKafkaListenerMethodAdapter adapter = new HpKafkaListenerMethodAdapter(bean, invocable);
        String id = resolve(annotation.id());
        if (!StringUtils.hasText(id)) {
            id = "hpKafkaListener#" + this.generatedIds.getAndIncrement();
        }
        List<String> topics = new ArrayList<>();
        for (String entry : annotation.topics()) {
            // Kafka topic names cannot hold a comma, so a resolved list is split safely.
            for (String topic : StringUtils.commaDelimitedListToStringArray(resolve(entry))) {
                if (StringUtils.hasText(topic)) {
                    topics.add(topic.trim());
                }
            }
        }
        String where = "@HpKafkaListener method " + ClassUtils.getQualifiedMethodName(method) + " of bean '"
                + beanName + "'";
        if (topics.isEmpty()) {
            throw new IllegalStateException(where + " names no topic");
        }
        for (String topic : topics) {
            // Also catches a placeholder left unresolved by a lenient resolver: '$' and '{' are not legal.
            if (!LEGAL_TOPIC_NAME.matcher(topic).matches()) {
                throw new IllegalStateException(where + " names topic '" + topic + "', which is not a legal topic"
                        + " name (at most 249 letters, digits, '.', '_' and '-'); is a placeholder unresolved?");
            }
        }
        return new HpKafkaListenerEndpoint(id, topics, annotation.startFrom(), adapter);
    }

    private String resolve(String value) {
        if (this.beanFactory instanceof ConfigurableBeanFactory configurable) {
            String resolved = configurable.resolveEmbeddedValue(value);
            return (resolved != null) ? resolved : "";
        }
        return value;
    }

    private void register(HpKafkaListenerEndpoint endpoint) {
        synchronized (this.registrationMonitor) {
            if (this.singletonsInstantiated) {
                obtainRegistry().registerEndpoint(endpoint); // a lazy bean, created after start-up
            }
            else {
                this.pendingEndpoints.add(endpoint);
            }
        }
    }

    @Override
    public void afterSingletonsInstantiated() {
        synchronized (this.registrationMonitor) {
            this.singletonsInstantiated = true;
            if (this.pendingEndpoints.isEmpty()) {
                return; // nothing to register
            }
            HpKafkaListenerEndpointRegistry registry = obtainRegistry();
            this.pendingEndpoints.forEach(registry::registerEndpoint);
            this.pendingEndpoints.clear();
        }
    }

    private HpKafkaListenerEndpointRegistry obtainRegistry() {
        if (this.registry == null) {
            if (this.beanFactory == null) {
                throw new IllegalStateException("No BeanFactory to look the HpKafkaListenerEndpointRegistry up in");
            }
            this.registry = this.beanFactory.getBean(HpKafkaListenerEndpointRegistry.class);
        }
        return this.registry;
    }

}
