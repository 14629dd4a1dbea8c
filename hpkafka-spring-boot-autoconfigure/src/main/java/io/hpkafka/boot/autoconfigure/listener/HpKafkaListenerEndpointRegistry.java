package io.hpkafka.boot.autoconfigure.listener;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import io.hpkafka.ClusterClient;
import io.hpkafka.config.ConsumerGroupConfiguration;
import io.hpkafka.config.InvalidConfigurationException;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.SmartLifecycle;

/**
 * Holds a {@link HpKafkaListenerContainer} per {@link HpKafkaListener @HpKafkaListener} endpoint and lets the
 * application list, start, stop, pause and resume them by id at run time. As a {@link SmartLifecycle} of a late
 * phase it starts the auto-startup containers once the application context is refreshed, and stops every container
 * gracefully (in parallel) before the singletons, the {@link ClusterClient} among them, are destroyed: so records in
 * hand finish, offsets are committed and groups are left before the client flushes its producer and closes.
 */
public class HpKafkaListenerEndpointRegistry implements SmartLifecycle, DisposableBean {

    /**
     * Name of the registry bean the auto-configuration defines.
     */
    public static final String BEAN_NAME = "hpKafkaListenerEndpointRegistry";

    /**
     * Lifecycle phase: late, so that listening starts after, and stops before, ordinary lifecycle beans.
     */
    public static final int DEFAULT_PHASE = Integer.MAX_VALUE - 100;

    private final ClusterClient clusterClient;

    private final GroupSettings groupSettings;

    private final @Nullable RecordRecoverer recoverer;

    private volatile List<ListenerObserver> observers = List.of();

    // Evaluates topic patterns; a daemon thread, idle otherwise.
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
        Thread thread = new Thread(task, "hpkafka-listener-registry");
        thread.setDaemon(true);
        return thread;
    });

    /** Guards the following fields. */
    private final Object monitor = new Object();

    private final Map<String, HpKafkaListenerContainer> containers = new LinkedHashMap<>();

    private volatile boolean running;

    /**
     * Creates a registry.
     * @param clusterClient the client whose consumers the containers use
     * @param groupSettings the consumer-group defaults
     * @param recoverer the application's recoverer for every listener, or null for the configured default
     */
    public HpKafkaListenerEndpointRegistry(ClusterClient clusterClient, GroupSettings groupSettings,
            @Nullable RecordRecoverer recoverer) {
        this.clusterClient = clusterClient;
        this.groupSettings = groupSettings;
        this.recoverer = recoverer;
    }

    /**
     * Sets what instruments the listeners' invocations (timers, traces); containers registered afterwards use them.
     * @param observers the observers, in order; empty for none (the default)
     */
    public void setObservers(List<ListenerObserver> observers) {
        this.observers = List.copyOf(observers);
    }

    /**
     * Registers an endpoint; its container starts at once if the registry runs and the endpoint is auto-startup.
     * @param endpoint the endpoint
     * @return its container
     * @throws IllegalStateException if another endpoint has the same id, or its settings cannot be served
     */
    public HpKafkaListenerContainer registerEndpoint(HpKafkaListenerEndpoint endpoint) {
        HpKafkaListenerContainer container = new HpKafkaListenerContainer(endpoint, spec(endpoint), this.scheduler);
        synchronized (this.monitor) {
            if (this.containers.containsKey(endpoint.getId())) {
                throw new IllegalStateException("Two @HpKafkaListener endpoints have id '" + endpoint.getId() + "': "
                        + this.containers.get(endpoint.getId()) + " and " + endpoint);
            }
            this.containers.put(endpoint.getId(), container);
            if (this.running && container.isAutoStartup()) {
                container.start();
            }
        }
        return container;
    }

    private ContainerSpec spec(HpKafkaListenerEndpoint endpoint) {
        String groupId = endpoint.getGroupId();
        ConsumerGroupConfiguration groupConfiguration = null;
        if (groupId != null) {
            try {
                groupConfiguration = this.groupSettings.toConfiguration(endpoint.getStartFrom());
            }
            catch (InvalidConfigurationException ex) {
                throw new InvalidConfigurationPropertyValueException("hpkafka.consumer." + kebab(ex.option()),
                        String.valueOf(ex.getMessage()), ex.getMessage());
            }
        }
        HpKafkaListenerProperties settings = endpoint.getSettings();
        String replyTopic = endpoint.getReplyTopic();
        ReplySender replies = (replyTopic != null && endpoint.getReplyWriter() != null)
                ? new ReplySender(this.clusterClient, replyTopic, endpoint.getReplyWriter()) : null;
        return new ContainerSpec(endpoint.getId(), this.clusterClient, groupId, groupConfiguration,
                endpoint.getStartFrom(), endpoint.getMethod(), settings, new RetryPolicy(settings.getRetry()),
                recoverer(endpoint.getId(), settings), replies,
                ListenerObservers.of(endpoint.getId(), settings, this.observers));
    }

    private RecordRecoverer recoverer(String id, HpKafkaListenerProperties settings) {
        if (this.recoverer != null) {
            return this.recoverer;
        }
        HpKafkaListenerProperties.DeadLetter deadLetter = settings.getDeadLetter();
        if (!deadLetter.isEnabled()) {
            return new LoggingRecoverer(id);
        }
        String fixed = (deadLetter.getTopic() != null && !deadLetter.getTopic().isBlank()) ? deadLetter.getTopic()
                : null;
        String suffix = deadLetter.getTopicSuffix();
        return new DeadLetterRecoverer(this.clusterClient, (topic) -> (fixed != null) ? fixed : topic + suffix,
                (topic) -> topic.equals(fixed) || (!suffix.isEmpty() && topic.endsWith(suffix)), deadLetter.getSendTimeout(),
                new LoggingRecoverer(id));
    }

    private static String kebab(String option) {
        return option.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Returns the consumer-group defaults.
     * @return the settings from {@code hpkafka.consumer.*}
     */
    public GroupSettings getGroupSettings() {
        return this.groupSettings;
    }

    /**
     * Returns a container by id.
     * @param id the endpoint's id
     * @return the container, or null if none has that id
     */
    public @Nullable HpKafkaListenerContainer getListenerContainer(String id) {
        synchronized (this.monitor) {
            return this.containers.get(id);
        }
    }

    /**
     * Returns the ids of every container.
     * @return the ids, in registration order
     */
    public Set<String> getListenerContainerIds() {
        synchronized (this.monitor) {
            return Set.copyOf(this.containers.keySet());
        }
    }

    /**
     * Returns every container.
     * @return the containers, in registration order
     */
    public Collection<HpKafkaListenerContainer> getListenerContainers() {
        synchronized (this.monitor) {
            return List.copyOf(this.containers.values());
        }
    }

    /**
     * Starts every auto-startup container.
     * @throws IllegalStateException if a container cannot start (see {@link HpKafkaListenerContainer#start()});
     * those started are stopped again
     */
    @Override
    public void start() {
        synchronized (this.monitor) {
            if (this.running) {
                return;
            }
            List<HpKafkaListenerContainer> started = new ArrayList<>();
            try {
                for (HpKafkaListenerContainer container : this.containers.values()) {
                    if (container.isAutoStartup()) {
                        container.start();
                        started.add(container);
                    }
                }
            }
            catch (RuntimeException ex) {
                started.forEach(HpKafkaListenerContainer::stop);
                throw ex;
            }
            this.running = true;
        }
    }

    /**
     * Stops every running container gracefully, in parallel.
     */
    @Override
    public void stop() {
        List<HpKafkaListenerContainer> toStop;
        synchronized (this.monitor) {
            this.running = false;
            toStop = List.copyOf(this.containers.values());
        }
        List<Thread> stopping = new ArrayList<>();
        for (HpKafkaListenerContainer container : toStop) {
            Thread thread = new Thread(container::stop, "hpkafka-listener-stop-" + container.getListenerId());
            thread.setDaemon(true);
            thread.start();
            stopping.add(thread);
        }
        for (Thread thread : stopping) {
            try {
                thread.join();
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    @Override
    public int getPhase() {
        return DEFAULT_PHASE;
    }

    @Override
    public void destroy() {
        this.scheduler.shutdownNow();
    }

}
