package io.hpkafka.test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext.Store;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * The JUnit 5 extension behind {@link HpKafkaCluster}; see there for the injection rule and for how clusters are
 * chosen, shared and closed. Registered by the annotation; registering it with {@code @ExtendWith} alone gives a
 * shared one-broker cluster.
 *
 * <p>Clusters live in the JUnit extension store (the root store when shared, the annotated class's store
 * otherwise), so JUnit closes them however the tests end.
 */
public final class HpKafkaClusterExtension implements BeforeAllCallback, TestInstancePostProcessor, ParameterResolver {

    private static final Namespace NAMESPACE = Namespace.create(HpKafkaClusterExtension.class);
    private static final String EXTERNAL_KEY = "external-cluster";

    /**
     * Skips (aborts) the calling test unless the cluster can stop and start brokers, i.e. unless it is embedded.
     *
     * @param cluster the injected cluster
     * @throws org.opentest4j.TestAbortedException if {@link KafkaTestCluster#supportsBrokerControl()} is false
     */
    public static void assumeBrokerControl(KafkaTestCluster cluster) {
        Assumptions.assumeTrue(cluster.supportsBrokerControl(),
                () -> "Test needs to stop and start brokers, which " + cluster + " does not support");
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Declaration declaration = declaration(context.getRequiredTestClass());
        KafkaTestCluster cluster = cluster(context, declaration);
        boolean ownClass = declaration.declaringClass == context.getRequiredTestClass();
        if (cluster instanceof EmbeddedKafkaCluster && ownClass) {
            // A shared cluster may come from a class that stopped a broker and failed before restarting it.
            ((EmbeddedKafkaCluster) cluster).startStoppedBrokers();
        }
        if (!(cluster instanceof EmbeddedKafkaCluster) && declaration.spec.brokers > 1) {
            int available = cluster.brokerIds().size();
            Assumptions.assumeTrue(available >= declaration.spec.brokers, () -> context.getRequiredTestClass()
                    .getName() + " needs " + declaration.spec.brokers + " brokers; the external cluster " + cluster
                    + " has " + available);
        }
        injectFields(context.getRequiredTestClass(), null, cluster);
    }

    @Override
    public void postProcessTestInstance(Object testInstance, ExtensionContext context) {
        injectFields(testInstance.getClass(), testInstance, cluster(context, declaration(testInstance.getClass())));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == KafkaTestCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return cluster(extensionContext, declaration(extensionContext.getRequiredTestClass()));
    }

    // ------------------------------------------------------------------------------------------------------------

    /** The settings a class asked for, and the class (itself or an enclosing one) that carries the annotation. */
    private static final class Declaration {
        final ClusterSpec spec;
        final Class<?> declaringClass;

        Declaration(ClusterSpec spec, Class<?> declaringClass) {
            this.spec = spec;
            this.declaringClass = declaringClass;
        }
    }

    /** Store key of an embedded cluster: equal settings, equal key, one shared cluster. */
    private record ClusterSpec(int brokers, Map<String, String> brokerProperties, boolean shared) {
    }

    private static Declaration declaration(Class<?> testClass) {
        // @Nested classes are inner classes: look at the enclosing classes too.
        for (Class<?> type = testClass; type != null; type = isInner(type) ? type.getEnclosingClass() : null) {
            Optional<HpKafkaCluster> annotation = AnnotationSupport.findAnnotation(type, HpKafkaCluster.class);
            if (annotation.isPresent()) {
                return new Declaration(spec(annotation.get(), type), type);
            }
        }
        return new Declaration(new ClusterSpec(1, Map.of(), true), testClass);
    }

    private static boolean isInner(Class<?> type) {
        return type.isMemberClass() && !Modifier.isStatic(type.getModifiers());
    }

    private static ClusterSpec spec(HpKafkaCluster annotation, Class<?> type) {
        if (annotation.brokers() < 1) {
            throw new ExtensionConfigurationException("@HpKafkaCluster(brokers = " + annotation.brokers() + ") on "
                    + type.getName() + ": brokers must be >= 1");
        }
        Map<String, String> properties = new TreeMap<>();
        for (String entry : annotation.brokerProperties()) {
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                throw new ExtensionConfigurationException("@HpKafkaCluster brokerProperties entry '" + entry + "' on "
                        + type.getName() + " is not of the form key=value");
            }
            properties.put(entry.substring(0, equals).trim(), entry.substring(equals + 1).trim());
        }
        return new ClusterSpec(annotation.brokers(), Map.copyOf(properties), annotation.shared());
    }

    @SuppressWarnings("deprecation") // getOrComputeIfAbsent: still the name that both JUnit 5.x and 6 have
    private static KafkaTestCluster cluster(ExtensionContext context, Declaration declaration) {
        Store root = context.getRoot().getStore(NAMESPACE);
        String externalServers = System.getenv(ExternalKafkaCluster.BOOTSTRAP_SERVERS_ENV);
        if (externalServers != null && !externalServers.isBlank()) {
            ClusterResource resource = root.getOrComputeIfAbsent(EXTERNAL_KEY,
                    key -> new ClusterResource(new ExternalKafkaCluster(externalServers)), ClusterResource.class);
            return resource.cluster;
        }
        ClusterSpec spec = declaration.spec;
        Store store = spec.shared() ? root : ownerContext(context, declaration.declaringClass).getStore(NAMESPACE);
        ClusterResource resource = store.getOrComputeIfAbsent(spec, key -> new ClusterResource(startEmbedded(key)),
                ClusterResource.class);
        return resource.cluster;
    }

    /** The class-level context of the annotated class: a non-shared cluster lives and dies with it. */
    private static ExtensionContext ownerContext(ExtensionContext context, Class<?> declaringClass) {
        for (Optional<ExtensionContext> current = Optional.of(context); current.isPresent();
             current = current.get().getParent()) {
            ExtensionContext candidate = current.get();
            if (candidate.getTestMethod().isEmpty()
                    && candidate.getTestClass().filter(declaringClass::equals).isPresent()) {
                return candidate;
            }
        }
        return context;
    }

    private static EmbeddedKafkaCluster startEmbedded(ClusterSpec spec) {
        EmbeddedKafkaCluster.Builder builder = EmbeddedKafkaCluster.builder();
        try {
            builder.brokers(spec.brokers()).brokerProperties(spec.brokerProperties());
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException("Invalid @HpKafkaCluster settings: " + e.getMessage(), e);
        }
        return builder.build().start();
    }

    private static void injectFields(Class<?> testClass, Object instance, KafkaTestCluster cluster) {
        boolean statics = instance == null;
        // Final fields are left alone: they are how a class keeps a cluster received as a constructor parameter.
        List<Field> fields = ReflectionSupport.findFields(testClass,
                field -> field.getType() == KafkaTestCluster.class && Modifier.isStatic(field.getModifiers()) == statics
                        && !Modifier.isFinal(field.getModifiers()),
                HierarchyTraversalMode.TOP_DOWN);
        for (Field field : fields) {
            try {
                field.setAccessible(true);
                field.set(instance, cluster);
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new ExtensionConfigurationException("Cannot inject the Kafka cluster into " + field, e);
            }
        }
    }

    /**
     * What the store holds; JUnit closes it with its context. Implements both close contracts so JUnit 5.x
     * (CloseableResource) and 6 (AutoCloseable) close it exactly once.
     */
    @SuppressWarnings("deprecation")
    private static final class ClusterResource implements AutoCloseable, Store.CloseableResource {
        final KafkaTestCluster cluster;

        ClusterResource(KafkaTestCluster cluster) {
            this.cluster = cluster;
        }

        @Override
        public void close() {
            cluster.close();
        }
    }
}
