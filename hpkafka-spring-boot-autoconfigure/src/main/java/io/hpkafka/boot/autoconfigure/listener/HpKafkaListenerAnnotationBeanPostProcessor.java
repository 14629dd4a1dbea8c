package io.hpkafka.boot.autoconfigure.listener;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.hpkafka.config.DefaultOffset;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanExpressionContext;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.core.env.Environment;
import org.springframework.core.log.LogMessage;
import org.springframework.messaging.handler.annotation.SendTo;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Finds {@link HpKafkaListener @HpKafkaListener} methods on beans and, once every singleton exists, resolves them into
 * {@link HpKafkaListenerEndpoint endpoints} ({@code ${...}} placeholders, {@code #{...}} SpEL, property defaults and
 * per-listener overrides, the method's signature) and registers them with the
 * {@link HpKafkaListenerEndpointRegistry}. Resolving late keeps the registry, the client and the deserializer beans
 * from being created while other beans still are. Runs last among post-processors, so that it sees the final
 * (possibly proxied) bean. Anything that cannot be served fails start-up with a message naming the method.
 */
public class HpKafkaListenerAnnotationBeanPostProcessor
        implements BeanPostProcessor, BeanFactoryAware, EnvironmentAware, SmartInitializingSingleton, Ordered {

    private static final Log logger = LogFactory.getLog(HpKafkaListenerAnnotationBeanPostProcessor.class);

    /**
     * Name of the post-processor bean the auto-configuration defines.
     */
    public static final String BEAN_NAME = "io.hpkafka.boot.autoconfigure.listener.internalHpKafkaListenerAnnotationProcessor";

    // Kafka's rule for topic names (org.apache.kafka.common.internals.Topic).
    static final Pattern LEGAL_TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    private final Set<Class<?>> nonAnnotatedClasses = ConcurrentHashMap.newKeySet();

    private final AtomicInteger generatedIds = new AtomicInteger();

    /** Guards the following fields. */
    private final Object registrationMonitor = new Object();

    // Methods found before the registry may be asked for.
    private final List<Found> pending = new ArrayList<>();

    private boolean singletonsInstantiated;

    private @Nullable HpKafkaListenerEndpointRegistry registry;

    private @Nullable ListenerSettingsBinder settingsBinder;

    private @Nullable JsonPayloads json;

    private boolean jsonResolved;

    private @Nullable BeanFactory beanFactory;

    private @Nullable Environment environment;

    @Override
    public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
        this.beanFactory = beanFactory;
    }

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
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
        annotatedMethods.forEach((method, annotation) -> register(new Found(bean, beanName, method, annotation)));
        return bean;
    }

    private void register(Found found) {
        synchronized (this.registrationMonitor) {
            if (this.singletonsInstantiated) {
                obtainRegistry().registerEndpoint(createEndpoint(found)); // a lazy bean, created after start-up
            }
            else {
                this.pending.add(found);
            }
        }
    }

    @Override
    public void afterSingletonsInstantiated() {
        synchronized (this.registrationMonitor) {
            this.singletonsInstantiated = true;
            if (this.pending.isEmpty()) {
                return;
            }
            HpKafkaListenerEndpointRegistry registry = obtainRegistry();
            for (Found found : this.pending) {
                registry.registerEndpoint(createEndpoint(found));
            }
            this.pending.clear();
        }
    }

    private HpKafkaListenerEndpoint createEndpoint(Found found) {
        HpKafkaListener annotation = found.annotation();
        Method invocable = AopUtils.selectInvocableMethod(found.method(), found.bean().getClass());
        String where = ListenerMethod.describe(found.method()) + " of bean '" + found.beanName() + "'";
        String id = resolveString(annotation.id());
        if (!StringUtils.hasText(id)) {
            id = "hpKafkaListener#" + this.generatedIds.getAndIncrement();
        }
        List<String> topics = resolveTopics(annotation.topics(), where);
        String patternText = resolveString(annotation.topicPattern());
        if (topics.isEmpty() == !StringUtils.hasText(patternText)) {
            throw new IllegalStateException(where + " must name topics or a topicPattern, not "
                    + (topics.isEmpty() ? "neither" : "both"));
        }
        Pattern pattern = null;
        if (StringUtils.hasText(patternText)) {
            try {
                pattern = Pattern.compile(patternText);
            }
            catch (PatternSyntaxException ex) {
                throw new IllegalStateException(where + ": topicPattern '" + patternText + "' is not a regular"
                        + " expression: " + ex.getDescription(), ex);
            }
        }
        HpKafkaListenerProperties settings = obtainSettingsBinder().bind(id, resolveProperties(annotation.properties()));
        GroupSettings groupSettings = obtainRegistry().getGroupSettings();
        String groupId = resolveString(annotation.groupId());
        if (!StringUtils.hasText(groupId)) {
            groupId = groupSettings.groupId();
        }
        int concurrency = StringUtils.hasText(resolveString(annotation.concurrency()))
                ? parseInt(resolveString(annotation.concurrency()), where + ": concurrency")
                : settings.getConcurrency();
        if (concurrency < 1) {
            throw new IllegalStateException(where + ": concurrency must be at least 1, got " + concurrency);
        }
        boolean autoStartup = parseBoolean(resolveString(annotation.autoStartup()), settings.isAutoStartup(),
                where + ": autoStartup");
        boolean batch = parseBoolean(resolveString(annotation.batch()), false, where + ": batch");
        DefaultOffset startFrom = switch (annotation.startFrom()) {
            case EARLIEST -> DefaultOffset.EARLIEST;
            case LATEST -> DefaultOffset.LATEST;
            case DEFAULT -> groupSettings.defaultOffset();
        };
        ListenerMethod.Conversions conversions = new ListenerMethod.Conversions(
                obtainSettingsBinder().deserializers(id, "key-deserializer", settings.getKeyDeserializer(),
                        settings.getKeyDeserializers()),
                obtainSettingsBinder().deserializers(id, "value-deserializer", settings.getValueDeserializer(),
                        settings.getValueDeserializers()),
                obtainJson(), ApplicationConversionService.getSharedInstance(),
                StringUtils.hasText(groupId) ? groupId : null);
        ListenerMethod method = new ListenerMethod(found.bean(), invocable, batch, conversions);
        if (method.takesAcknowledgment() && !settings.getAckMode().isManual()) {
            logger.warn(LogMessage.format("%s takes an Acknowledgment but its ack mode is %s, so acknowledging does"
                    + " nothing: the container commits by itself (ack-mode=MANUAL to commit what it acknowledges)",
                    where, settings.getAckMode()));
        }
        else if (!method.takesAcknowledgment() && settings.getAckMode().isManual()) {
            logger.warn(LogMessage.format("%s has ack mode %s but no Acknowledgment parameter, so nothing it processes"
                    + " is ever committed: add an Acknowledgment parameter, or choose an automatic ack mode",
                    where, settings.getAckMode()));
        }
        String replyTopic = null;
        Function<Object, byte[]> replyWriter = null;
        SendTo sendTo = AnnotatedElementUtils.findMergedAnnotation(found.method(), SendTo.class);
        if (sendTo != null) {
            if (batch) {
                throw new IllegalStateException(where + ": @SendTo is not supported on batch listeners");
            }
            List<String> replyTopics = resolveTopics(sendTo.value(), where + " @SendTo");
            if (replyTopics.size() != 1) {
                throw new IllegalStateException(where + ": @SendTo must name exactly one topic, got " + replyTopics);
            }
            replyTopic = replyTopics.get(0);
            Class<?> replyType = found.method().getReturnType();
            if (java.util.concurrent.CompletionStage.class.isAssignableFrom(replyType)) {
                // The reply is what the stage completes with.
                replyType = org.springframework.core.ResolvableType.forMethodReturnType(found.method())
                    .as(java.util.concurrent.CompletionStage.class).getGeneric(0).toClass();
            }
            replyWriter = ReplySender.writerFor(replyType, obtainJson(), where);
        }
        return new HpKafkaListenerEndpoint(id, topics, pattern, StringUtils.hasText(groupId) ? groupId : null,
                concurrency, autoStartup, startFrom, settings, method, replyTopic, replyWriter);
    }

    private List<String> resolveTopics(String[] entries, String where) {
        Set<String> topics = new LinkedHashSet<>(); // a topic named twice is consumed once
        for (String entry : entries) {
            for (String resolved : resolveAll(entry)) {
                // Kafka topic names cannot hold a comma, so a resolved list is split safely.
                for (String topic : StringUtils.commaDelimitedListToStringArray(resolved)) {
                    if (StringUtils.hasText(topic)) {
                        topics.add(topic.trim());
                    }
                }
            }
        }
        for (String topic : topics) {
            // Also catches a placeholder left unresolved by a lenient resolver: '$' and '{' are not legal.
            if (!LEGAL_TOPIC_NAME.matcher(topic).matches()) {
                throw new IllegalStateException(where + " names topic '" + topic + "', which is not a legal topic"
                        + " name (at most 249 letters, digits, '.', '_' and '-'); is a placeholder unresolved?");
            }
        }
        return List.copyOf(topics);
    }

    private List<String> resolveProperties(String[] entries) {
        List<String> resolved = new ArrayList<>();
        for (String entry : entries) {
            resolved.add(resolveString(entry));
        }
        return resolved;
    }

    private static int parseInt(String value, String what) {
        try {
            return Integer.parseInt(value.trim());
        }
        catch (NumberFormatException ex) {
            throw new IllegalStateException(what + " must be a number, got '" + value + "'", ex);
        }
    }

    private static boolean parseBoolean(String value, boolean fallback, String what) {
        if (!StringUtils.hasText(value)) {
            return fallback;
        }
        String trimmed = value.trim();
        if (trimmed.equalsIgnoreCase("true") || trimmed.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(trimmed);
        }
        throw new IllegalStateException(what + " must be true or false, got '" + value + "'");
    }

    // Placeholders, then SpEL; the value as a String.
    private String resolveString(String value) {
        List<String> all = resolveAll(value);
        return all.isEmpty() ? "" : String.join(",", all);
    }

    // Placeholders, then SpEL, which may give an array or a collection (e.g. a list of topics).
    private List<String> resolveAll(String value) {
        if (!(this.beanFactory instanceof ConfigurableBeanFactory configurable)) {
            return List.of(value);
        }
        String resolved = configurable.resolveEmbeddedValue(value);
        if (resolved == null) {
            return List.of();
        }
        Object evaluated = resolved;
        if (configurable.getBeanExpressionResolver() != null && resolved.contains("#{")) {
            evaluated = configurable.getBeanExpressionResolver()
                .evaluate(resolved, new BeanExpressionContext(configurable, null));
        }
        List<String> values = new ArrayList<>();
        if (evaluated instanceof Object[] array) {
            for (Object element : array) {
                values.add(String.valueOf(element));
            }
        }
        else if (evaluated instanceof Collection<?> collection) {
            collection.forEach((element) -> values.add(String.valueOf(element)));
        }
        else if (evaluated != null) {
            values.add(evaluated.toString());
        }
        return values;
    }

    private @Nullable JsonPayloads obtainJson() {
        if (!this.jsonResolved) {
            this.jsonResolved = true;
            ClassLoader classLoader = (this.beanFactory instanceof ConfigurableBeanFactory configurable)
                    ? configurable.getBeanClassLoader() : ClassUtils.getDefaultClassLoader();
            if (JsonPayloads.isPresent(classLoader)) {
                this.json = JsonPayloads.from(this.beanFactory);
            }
        }
        return this.json;
    }

    private ListenerSettingsBinder obtainSettingsBinder() {
        if (this.settingsBinder == null) {
            if (this.environment == null || this.beanFactory == null) {
                throw new IllegalStateException("No Environment or BeanFactory to resolve @HpKafkaListener settings");
            }
            this.settingsBinder = new ListenerSettingsBinder(this.environment, this.beanFactory);
        }
        return this.settingsBinder;
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

    /** An annotated method as found. */
    private record Found(Object bean, String beanName, Method method, HpKafkaListener annotation) {
    }

}
