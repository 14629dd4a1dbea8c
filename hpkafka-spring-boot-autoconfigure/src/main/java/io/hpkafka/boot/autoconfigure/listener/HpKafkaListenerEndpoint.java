package io.hpkafka.boot.autoconfigure.listener;

import java.util.List;

import io.hpkafka.record.KafkaRecord;

/**
 * One {@link HpKafkaListener @HpKafkaListener} method with its resolved settings: the unit the
 * {@link HpKafkaListenerEndpointRegistry} routes records to. Immutable.
 */
public final class HpKafkaListenerEndpoint {

    private final String id;

    private final List<String> topics;

    private final StartFrom startFrom;

    private final HpKafkaListenerMethodAdapter adapter;

    /**
     * Creates an endpoint.
     * @param id unique id in the registry
     * @param topics topic names, resolved, not empty
     * @param startFrom where consumption starts in each partition
     * @param adapter calls the listener method
     * @throws IllegalArgumentException if {@code topics} is empty or holds a blank name
     */
    public HpKafkaListenerEndpoint(String id, List<String> topics, StartFrom startFrom,
            HpKafkaListenerMethodAdapter adapter) {
        if (topics.isEmpty() || topics.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("Endpoint '" + id + "' needs at least one topic and no blank topic,"
                    + " got " + topics);
        }
        this.id = id;
        this.topics = List.copyOf(topics);
        this.startFrom = startFrom;
        this.adapter = adapter;
    }

    /**
     * Returns the endpoint's id.
     * @return the id
     */
    public String getId() {
        return this.id;
    }

    /**
     * Returns the topics consumed.
     * @return the topic names, resolved
     */
    public List<String> getTopics() {
        return this.topics;
    }

    /**
     * Returns where consumption starts in each partition.
     * @return the start position
     */
    public StartFrom getStartFrom() {
        return this.startFrom;
    }

    /**
     * Returns the adapter that calls the listener method.
     * @return the adapter
     */
    public HpKafkaListenerMethodAdapter getAdapter() {
        return this.adapter;
    }

    /**
     * Delivers a record to the listener method.
     * @param record the record
     * @throws Exception whatever the listener method throws
     */
    void deliver(KafkaRecord record) throws Exception {
        this.adapter.invoke(record);
    }

    @Override
    public String toString() {
        return "HpKafkaListenerEndpoint{id=" + this.id + ", topics=" + this.topics + ", startFrom=" + this.startFrom
                + ", method=" + this.adapter.getMethod().toGenericString() + '}';
    }

}
