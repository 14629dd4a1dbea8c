package io.hpkafka.boot.autoconfigure.listener;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.hpkafka.KafkaConsumer;
import io.hpkafka.config.ConsumerOptions;
import io.hpkafka.consumer.ConsumerError;
import io.hpkafka.consumer.StartPosition;
import io.hpkafka.group.PartitionsRevoking;
import io.hpkafka.record.TopicPartition;
import io.hpkafka.serialization.Serdes;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.log.LogMessage;

/**
 * One consumer of a listener container, with its own delivery thread: a member of the container's group, or, in
 * simple mode, the reader of the partitions dealt to it. Its records go to a {@link RecordHandler} or a
 * {@link BatchHandler}, its commits are decided by an {@link OffsetTracker}.
 */
final class ContainerMember {

    private static final Log logger = LogFactory.getLog(ContainerMember.class);

    private final ContainerSpec spec;

    private final String name;

    private final ScheduledThreadPoolExecutor thread;

    private final KafkaConsumer<byte[], byte[]> consumer;

    private final @Nullable RecordHandler records;

    private final @Nullable BatchHandler batches;

    private final @Nullable OffsetTracker tracker;

    private final Set<TopicPartition> assigned = ConcurrentHashMap.newKeySet();

    private final List<String> topics;

    private volatile @Nullable Thread worker;

    private final AtomicBoolean stopping = new AtomicBoolean();

    private @Nullable CompletableFuture<Void> closed;

    ContainerMember(ContainerSpec spec, int index, List<String> topics) {
        this.spec = spec;
        this.name = spec.listenerId() + "-" + index;
        this.topics = List.copyOf(topics);
        this.thread = new ScheduledThreadPoolExecutor(1, (task) -> {
            Thread t = new Thread(task, "hpkafka-listener-" + this.name);
            t.setDaemon(true);
            this.worker = t;
            return t;
        });
        this.thread.setRemoveOnCancelPolicy(true);
        this.consumer = spec.client().newConsumer(ConsumerOptions.builder().name(this.name)
            .deliveryExecutor(this.thread).build(), Serdes.byteArrayDeserializer(), Serdes.byteArrayDeserializer());
        HpKafkaListenerProperties settings = spec.settings();
        this.tracker = (spec.groupId() != null)
                ? new OffsetTracker(this.consumer, settings.getAckMode(), settings.getAckCount(), this.thread) : null;
        MemberParts parts = new MemberParts(spec.listenerId(), this.consumer, this.thread, spec.method(), this.tracker,
                spec.retry(), spec.recoverer(), spec.replies(), spec.groupId(), this.stopping, spec.observers());
        if (spec.method().isBatch()) {
            this.batches = new BatchHandler(parts, settings.getBatch().getMaxSize(),
                    settings.getBatch().getMaxWait().toMillis());
            this.records = null;
            this.consumer.onRecordReceived(this.batches::add);
        }
        else {
            this.records = new RecordHandler(parts);
            this.batches = null;
            this.consumer.onRecordReceived(this.records::handle);
        }
        this.consumer.onError(this::onError);
    }

    /**
     * Starts consuming: joins the group, or reads the given partitions.
     * @param partitions simple mode: the partitions of each topic dealt to this member; ignored in group mode
     * @param paused whether to start paused
     */
    void start(Map<String, List<Integer>> partitions, boolean paused) {
        if (paused) {
            pause();
        }
        if (this.spec.groupId() != null) {
            this.consumer.onPartitionsAssigned((event) -> this.assigned.addAll(event.partitions()));
            this.consumer.onPartitionsRevoking(this::revoking);
            this.consumer.onPartitionsRevoked((event) -> event.partitions().forEach(this.assigned::remove));
            AckMode mode = this.spec.settings().getAckMode();
            if (mode == AckMode.TIME || mode == AckMode.COUNT_TIME) {
                long every = this.spec.settings().getAckTime().toMillis();
                OffsetTracker tracker = this.tracker;
                this.thread.scheduleWithFixedDelay(() -> tracker.commitIfProcessed(), every, every,
                        TimeUnit.MILLISECONDS);
            }
            this.consumer.subscribe(this.spec.groupId(), this.topics, this.spec.groupConfiguration());
            return;
        }
        long start = (this.spec.startFrom() == io.hpkafka.config.DefaultOffset.EARLIEST) ? StartPosition.EARLIEST
                : StartPosition.LATEST;
        partitions.forEach((topic, list) -> list.forEach((partition) -> {
            this.consumer.consume(topic, partition, start);
            this.assigned.add(new TopicPartition(topic, partition));
        }));
    }

    // On the delivery thread, before the consumer commits the partitions it gives up.
    private void revoking(PartitionsRevoking event) {
        if (this.batches != null) {
            if (event.lost()) {
                this.batches.drop(event.partitions());
            }
            else {
                this.batches.flush();
            }
        }
        if (this.records != null) {
            this.records.revoking(event.partitions());
        }
        if (this.tracker != null) {
            this.tracker.revoking(event.partitions(), event.lost());
        }
    }

    private void onError(ConsumerError error) {
        if (error.kind() == ConsumerError.Kind.GROUP && !error.retrying()) {
            // The broker refused the join for good (e.g. INCONSISTENT_GROUP_PROTOCOL): this consumer gets nothing.
            logger.error(LogMessage.format("Listener consumer %s stopped joining its group: %s", this.name,
                    error.error()));
        }
        else if (error.kind() == ConsumerError.Kind.GROUP || error.kind() == ConsumerError.Kind.FETCH) {
            logger.debug(LogMessage.format("Listener consumer %s: %s", this.name, error));
        }
        else {
            logger.warn(LogMessage.format("Listener consumer %s: %s", this.name, error));
        }
    }

    void pause() {
        this.topics.forEach(this.consumer::pause);
    }

    void resume() {
        this.topics.forEach(this.consumer::resume);
    }

    /**
     * Starts stopping: no further record is delivered; the record or batch in hand finishes; in group mode what was
     * processed is committed and the group is left; in simple mode a partial batch is handed over first.
     * @return a future completing once the consumer is closed
     */
    CompletableFuture<Void> stopAsync() {
        this.stopping.set(true);
        if (this.batches != null) {
            if (this.spec.groupId() == null) {
                this.thread.execute(this.batches::flush);
            }
        }
        CompletableFuture<Void> closing = this.consumer.closeAsync().whenComplete((x, e) -> {
            if (this.records != null) {
                this.thread.execute(this.records::clear);
            }
        });
        this.closed = closing;
        return closing;
    }

    /**
     * Releases the delivery thread once the consumer is closed. Called when the shutdown timeout is over: a listener
     * still running is interrupted; the thread keeps serving the consumer until its close completes (the commit and
     * the group's leave need it), then ends.
     */
    void release() {
        CompletableFuture<Void> closing = this.closed;
        if (closing == null || closing.isDone()) {
            this.thread.shutdown();
            return;
        }
        Thread running = this.worker;
        if (running != null) {
            running.interrupt();
        }
        closing.whenComplete((x, e) -> this.thread.shutdown());
    }

    Set<TopicPartition> assignedPartitions() {
        return Set.copyOf(this.assigned);
    }

    @Override
    public String toString() {
        return "listener consumer " + this.name;
    }

}
