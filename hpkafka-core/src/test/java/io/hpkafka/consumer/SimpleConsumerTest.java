package io.hpkafka.consumer;

import io.hpkafka.ClusterClient;
import io.hpkafka.config.Configuration;
import io.hpkafka.KafkaConsumer;
import io.hpkafka.config.OffsetOutOfRangeStrategy;
import io.hpkafka.record.ConsumerRecord;
import io.hpkafka.record.KafkaRecord;
import io.hpkafka.serialization.DeserializationError;
import io.hpkafka.serialization.Serdes;
import io.hpkafka.test.HpKafkaCluster;
import io.hpkafka.test.KafkaTestCluster;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The simple consumer against a real broker: exact positions, no skipped record, bounded buffering. */
@HpKafkaCluster
class SimpleConsumerTest {

    @Test
    void halfAMillionRecordsOverSixPartitionsArriveOnceInOrder(KafkaTestCluster kafka) throws Exception {
        String topic = "half-million";
        int partitions = 6;
        int perPartition = 500_000 / partitions + 1;
        kafka.createTopic(topic, partitions, 1);
        try (KafkaProducer<byte[], byte[]> producer = javaProducer(kafka, Map.of(ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024))) {
            for (int i = 0; i < perPartition; i++) {
                for (int p = 0; p < partitions; p++) {
                    producer.send(new ProducerRecord<>(topic, p, null, ByteBuffer.allocate(8).putInt(0, i).array()));
                }
            }
            producer.flush();
        }
        long[] next = new long[partitions];
        AtomicLong errors = new AtomicLong();
        AtomicLong total = new AtomicLong();
        try (ClusterClient client = new ClusterClient(config(kafka).build())) {
            client.onMessageReceived(r -> {
                // Delivery is serial, so plain arrays are safe here.
                if (r.offset() != next[r.partition()] || ByteBuffer.wrap(r.value()).getInt() != r.offset()) {
                    errors.incrementAndGet();
                }
                next[r.partition()] = r.offset() + 1;
                total.incrementAndGet();
            });
            for (int p = 0; p < partitions; p++) {
                client.consumeFromEarliest(topic, p);
            }
            await().atMost(120, TimeUnit.SECONDS).until(() -> total.get() >= (long) perPartition * partitions);
            Thread.sleep(200);
        }
        assertThat(errors.get()).isZero();
        assertThat(total.get()).isEqualTo((long) perPartition * partitions);
        for (int p = 0; p < partitions; p++) {
            assertThat(next[p]).isEqualTo(perPartition);
        }
    }

    @Test
    void batchesCutOffAtTheFetchSizeAndARecordLargerThanItAreAllDelivered(KafkaTestCluster kafka) {
        String topic = "cut-off";
        kafka.createTopic(topic, 1, 1);
        int records = 40;
        try (KafkaProducer<byte[], byte[]> producer = javaProducer(kafka, Map.of(ProducerConfig.BATCH_SIZE_CONFIG, 1,
                ProducerConfig.LINGER_MS_CONFIG, 0))) {
            for (int i = 0; i < records; i++) {
                // Every 10th record is 100 KB: larger than the 25 KB partition fetch size.
                byte[] value = new byte[i % 10 == 9 ? 100 * 1024 : 10 * 1024];
                ByteBuffer.wrap(value).putInt(i);
                producer.send(new ProducerRecord<>(topic, 0, null, value));
                producer.flush(); // one record per batch
            }
        }
        List<KafkaRecord> received = new CopyOnWriteArrayList<>();
        try (ClusterClient client = new ClusterClient(config(kafka).fetchMessageMaxBytes(25 * 1024).build())) {
            client.onMessageReceived(received::add);
            client.consumeFromEarliest(topic, 0);
            await().atMost(30, TimeUnit.SECONDS).until(() -> received.size() >= records);
        }
        assertThat(received).hasSize(records);
        for (int i = 0; i < records; i++) {
            assertThat(received.get(i).offset()).isEqualTo(i);
            assertThat(ByteBuffer.wrap(received.get(i).value()).getInt()).isEqualTo(i);
            assertThat(received.get(i).value()).hasSize(i % 10 == 9 ? 100 * 1024 : 10 * 1024);
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"gzip", "snappy", "lz4", "zstd"})
    void consumingFromInsideACompressedBatchStartsAtTheAskedOffset(String codec, KafkaTestCluster kafka) {
        String topic = "inside-" + codec;
        kafka.createTopic(topic, 1, 1);
        try (KafkaProducer<byte[], byte[]> producer = javaProducer(kafka, Map.of(
                ProducerConfig.COMPRESSION_TYPE_CONFIG, codec, ProducerConfig.LINGER_MS_CONFIG, 1_000,
                ProducerConfig.BATCH_SIZE_CONFIG, 1024 * 1024))) {
            for (int batch = 0; batch < 6; batch++) {
                for (int i = 0; i < 50; i++) {
                    int n = batch * 50 + i;
                    producer.send(new ProducerRecord<>(topic, 0, null, ByteBuffer.allocate(4).putInt(0, n).array()));
                }
                producer.flush(); // batches of exactly 50
            }
        }
        List<KafkaRecord> received = new CopyOnWriteArrayList<>();
        try (ClusterClient client = new ClusterClient(config(kafka).build())) {
            client.onMessageReceived(received::add);
            client.consume(topic, 0, 100);
            await().atMost(30, TimeUnit.SECONDS).until(() -> received.size() >= 200);
        }
        assertThat(received.get(0).offset()).isEqualTo(100);
        for (int i = 0; i < 200; i++) {
            assertThat(received.get(i).offset()).isEqualTo(100 + i);
            assertThat(ByteBuffer.wrap(received.get(i).value()).getInt()).isEqualTo(100 + i);
        }
    }

    @Test
    void startOffsetLookupsGoOutAsSoonAsConsumeBatchSizePartitionsWait(KafkaTestCluster kafka) {
        String topic = "lookup-batch";
        kafka.createTopic(topic, 4, 1);
        produceNumberedTo(kafka, topic, 4);
        List<KafkaRecord> received = new CopyOnWriteArrayList<>();
        // A buffering time no test would wait for: only the full batch can send the lookups.
        try (ClusterClient client = new ClusterClient(config(kafka).consumeBatchSize(4)
                .consumeBufferingTime(Duration.ofMinutes(10)).build())) {
            client.onMessageReceived(received::add);
            for (int p = 0; p < 4; p++) {
                client.consumeFromEarliest(topic, p);
            }
            await().atMost(30, TimeUnit.SECONDS).until(() -> received.size() >= 4);
        }
        assertThat(received).extracting(KafkaRecord::partition).containsExactlyInAnyOrder(0, 1, 2, 3);
    }

    @Test
    void aLoneStartOffsetLookupDoesNotWaitForTheConsumeBufferingTime(KafkaTestCluster kafka) {
        String topic = "lookup-alone";
        kafka.createTopic(topic, 1, 1);
        produceNumberedTo(kafka, topic, 1);
        List<KafkaRecord> received = new CopyOnWriteArrayList<>();
        // Nothing in flight to the broker: the lookup goes at once, not ten minutes later.
        try (ClusterClient client = new ClusterClient(config(kafka).consumeBatchSize(100)
                .consumeBufferingTime(Duration.ofMinutes(10)).build())) {
            client.onMessageReceived(received::add);
            client.consumeFromEarliest(topic, 0);
            await().atMost(30, TimeUnit.SECONDS).until(() -> received.size() >= 1);
        }
        assertThat(received.get(0).offset()).isZero();
    }

    private static void produceNumberedTo(KafkaTestCluster kafka, String topic, int partitions) {
        try (KafkaProducer<byte[], byte[]> producer = javaProducer(kafka, Map.of())) {
            for (int p = 0; p < partitions; p++) {
                producer.send(new ProducerRecord<>(topic, p, null, new byte[] {(byte) p}));
            }
            producer.flush();
        }
    }

    @Test
    void stopConsumeDeliversUpToTheGivenOffsetAndNothingAfter(KafkaTestCluster kafka) throws Exception {
        String topic = "stop-at";
        kafka.createTopic(topic, 2, 1);
        produceNumbered(kafka, topic, 0, 500); // partition 0
        try (KafkaProducer<byte[], byte[]> producer = javaProducer(kafka, Map.of())) {
            for (int i = 0; i < 50; i++) {
                producer.send(new ProducerRecord<>(topic, 1, null, new byte[] {1}));
            }
        }
        List<KafkaRecord> received = new CopyOnWriteArrayList<>();
        try (ClusterClient client = new ClusterClient(config(kafka).build())) {
            client.onMessageReceived(received::add);
            client.stopConsume(topic, 0, 199); // before it starts: applies once the partition runs
            client.consume(topic, 0, 0);
            client.stopConsume(topic, 0, 199);
            await().atMost(30, TimeUnit.SECONDS).until(() -> received.size() >= 200);
            Thread.sleep(500);
            assertThat(received).hasSize(200);
            assertThat(received.get(199).offset()).isEqualTo(199);
            client.consumeFromEarliest(topic, 1);
            await().atMost(30, TimeUnit.SECONDS).until(() -> received.size() >= 250);
            client.stopConsume(topic);
            produceNumbered(kafka, topic, 500, 10);
            Thread.sleep(500);
        }
        assertThat(received).hasSize(250); // nothing of partition 0 beyond 199, nothing after stopConsume(topic)
    }

    @Test
    void perTopicDeserializersOverrideTheDefaults(KafkaTestCluster kafka) {
        kafka.createTopic("typed-a", 1, 1);
        kafka.createTopic("typed-b", 1, 1);
        produceNumbered(kafka, "typed-a", 0, 3);
        produceNumbered(kafka, "typed-b", 0, 3);
        List<ConsumerRecord<String, String>> received = new CopyOnWriteArrayList<>();
        try (ClusterClient client = new ClusterClient(config(kafka).build())) {
            KafkaConsumer<String, String> consumer = client.newConsumer(Serdes.stringDeserializer(),
                    (t, bytes) -> "default:" + ByteBuffer.wrap(bytes).getInt());
            consumer.deserializers("typed-b", (t, k) -> "B-key", (t, bytes) -> "b:" + ByteBuffer.wrap(bytes).getInt());
            consumer.onMessageReceived(received::add);
            consumer.consumeFromEarliest("typed-a", 0);
            consumer.consumeFromEarliest("typed-b", 0);
            await().atMost(30, TimeUnit.SECONDS).until(() -> received.size() >= 6);
        }
        assertThat(received).filteredOn(r -> r.topic().equals("typed-a")).extracting(ConsumerRecord::value)
                .containsExactly("default:0", "default:1", "default:2");
        assertThat(received).filteredOn(r -> r.topic().equals("typed-b")).extracting(ConsumerRecord::value)
                .containsExactly("b:0", "b:1", "b:2");
        assertThat(received).filteredOn(r -> r.topic().equals("typed-b")).extracting(ConsumerRecord::key)
                .containsOnly("B-key");
    }

    @Test
    void transactionMarkersAreNeverHandedToTheUser(KafkaTestCluster kafka) throws Exception {
        String topic = "transactional";
        kafka.createTopic(topic, 1, 1);
        try (KafkaProducer<byte[], byte[]> producer = javaProducer(kafka, Map.of(
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "hpkafka-test-tx"))) {
            producer.initTransactions();
            for (int tx = 0; tx < 2; tx++) {
                producer.beginTransaction();
                for (int i = 0; i < 5; i++) {
                    producer.send(new ProducerRecord<>(topic, 0, null, new byte[] {(byte) (tx * 5 + i)}));
                }
                producer.commitTransaction(); // each commit writes a control batch (a marker) after the records
            }
        }
        List<KafkaRecord> received = new CopyOnWriteArrayList<>();
        try (ClusterClient client = new ClusterClient(config(kafka).build())) {
            client.onMessageReceived(received::add);
            client.consumeFromEarliest(topic, 0);
            await().atMost(30, TimeUnit.SECONDS).until(() -> received.size() >= 10);
            assertThat(client.latestOffset(topic, 0).get(10, TimeUnit.SECONDS)).isEqualTo(12); // 10 records + 2 markers
            Thread.sleep(300);
        }
        assertThat(received).extracting(KafkaRecord::offset).containsExactly(0L, 1L, 2L, 3L, 4L, 6L, 7L, 8L, 9L, 10L);
        assertThat(received).extracting(r -> (int) r.value()[0]).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void logAppendTimeIsReportedAsTheBrokersTime(KafkaTestCluster kafka) {
        String topic = "log-append-time";
        kafka.createTopic(topic, 1, 1, Map.of("message.timestamp.type", "LogAppendTime"));
        long before = System.currentTimeMillis();
        List<KafkaRecord> received = new CopyOnWriteArrayList<>();
        try (ClusterClient client = new ClusterClient(config(kafka).build())) {
            client.onMessageReceived(received::add);
            client.produce(new io.hpkafka.producer.ProducerRecord(topic, 0, null, new byte[] {1}, List.of(), 42L));
            client.consumeFromEarliest(topic, 0);
            await().atMost(30, TimeUnit.SECONDS).until(() -> !received.isEmpty());
        }
        assertThat(received.get(0).timestampType()).isEqualTo(io.hpkafka.record.TimestampType.LOG_APPEND_TIME);
        assertThat(received.get(0).timestamp()).isBetween(before, System.currentTimeMillis());
    }

    @Test
    void pauseAndResumeContinueAtExactlyTheNextOffset(KafkaTestCluster kafka) throws Exception {
        String topic = "pause-resume";
        kafka.createTopic(topic, 1, 1);
        produceNumbered(kafka, topic, 0, 2_000);
        List<Long> offsets = new CopyOnWriteArrayList<>();
        try (ClusterClient client = new ClusterClient(config(kafka).build())) {
            client.onMessageReceived(r -> {
                offsets.add(r.offset());
                if (r.offset() == 700) {
                    client.pause(topic); // from inside the listener: nothing after 700 may follow
                }
            });
            client.consumeFromEarliest(topic, 0);
            await().atMost(30, TimeUnit.SECONDS).until(() -> offsets.contains(700L));
            Thread.sleep(500);
            assertThat(offsets).hasSize(701);
            client.resume(topic);
            await().atMost(30, TimeUnit.SECONDS).until(() -> offsets.size() >= 2_000);
            // Paused at the end of the partition, then more records arrive while paused.
            client.pause(topic);
            produceNumbered(kafka, topic, 2_000, 500);
            Thread.sleep(500);
            assertThat(offsets).hasSize(2_000);
            client.resume(topic);
            await().atMost(30, TimeUnit.SECONDS).until(() -> offsets.size() >= 2_500);
            Thread.sleep(300);
        }
        assertThat(offsets).hasSize(2_500);
        for (int i = 0; i < offsets.size(); i++) {
            assertThat(offsets.get(i)).isEqualTo(i);
        }
    }

    @Test
    void anOffsetBeyondTheEndMovesToTheEarliestOffsetAndSaysSo(KafkaTestCluster kafka) {
        String topic = "beyond-end";
        kafka.createTopic(topic, 1, 1);
        produceNumbered(kafka, topic, 0, 100);
        List<KafkaRecord> received = new CopyOnWriteArrayList<>();
        List<OffsetReset> resets = new CopyOnWriteArrayList<>();
        try (ClusterClient client = new ClusterClient(config(kafka).build())) {
            client.onMessageReceived(received::add);
            client.onOffsetReset(resets::add);
            client.consume(topic, 0, 5_000);
            await().atMost(30, TimeUnit.SECONDS).until(() -> received.size() >= 100);
        }
        assertThat(received.get(0).offset()).isZero();
        assertThat(resets).singleElement().satisfies(r -> {
            assertThat(r.outOfRangeOffset()).isEqualTo(5_000);
            assertThat(r.newOffset()).isZero();
            assertThat(r.strategy()).isEqualTo(OffsetOutOfRangeStrategy.EARLIEST);
        });
    }

    @Test
    void recordsDeletedBelowThePositionRestartAtTheFirstRetainedOne(KafkaTestCluster kafka) throws Exception {
        String topic = "deleted-below";
        kafka.createTopic(topic, 1, 1);
        produceNumbered(kafka, topic, 0, 300);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.deleteRecords(Map.of(new TopicPartition(topic, 0), RecordsToDelete.beforeOffset(120))).all().get();
        }
        List<KafkaRecord> received = new CopyOnWriteArrayList<>();
        List<OffsetReset> resets = new CopyOnWriteArrayList<>();
        try (ClusterClient client = new ClusterClient(config(kafka).build())) {
            client.onMessageReceived(received::add);
            client.onOffsetReset(resets::add);
            assertThat(client.earliestOffset(topic, 0).get(10, TimeUnit.SECONDS)).isEqualTo(120);
            client.consume(topic, 0, 50);
            await().atMost(30, TimeUnit.SECONDS).until(() -> received.size() >= 180);
        }
        assertThat(received.get(0).offset()).isEqualTo(120);
        assertThat(received).hasSize(180);
        assertThat(resets).singleElement().satisfies(r -> assertThat(r.newOffset()).isEqualTo(120));
    }

    @Test
    void aSlowListenerHoldsTheConsumerSoBufferedRecordsStayBounded(KafkaTestCluster kafka) throws Exception {
        String topic = "back-pressure";
        kafka.createTopic(topic, 1, 1);
        produceNumbered(kafka, topic, 0, 20_000); // 100 B records: ~2 MB in the log
        AtomicLong maxBuffered = new AtomicLong();
        AtomicLong seen = new AtomicLong();
        int fetchBytes = 16 * 1024;
        try (ClusterClient client = new ClusterClient(config(kafka).fetchMessageMaxBytes(fetchBytes).build())) {
            client.onMessageReceived(r -> {
                maxBuffered.accumulateAndGet(client.statistics().bufferedRecords(), Math::max);
                if (seen.incrementAndGet() % 100 == 0) {
                    sleep(5);
                }
            });
            client.consumeFromEarliest(topic, 0);
            await().atMost(60, TimeUnit.SECONDS).until(() -> seen.get() >= 3_000);
        }
        // One fetch response of at most fetchBytes (plus one batch) is all the driver holds at a time.
        long bound = 2L * fetchBytes / 100;
        System.out.printf("back-pressure: at most %d records buffered in the driver (bound %d)%n", maxBuffered.get(),
                bound);
        assertThat(maxBuffered.get()).isPositive().isLessThanOrEqualTo(bound);
    }

    @Test
    void theRecordPublisherNeverDeliversBeyondDemand(KafkaTestCluster kafka) throws Exception {
        String topic = "publisher";
        kafka.createTopic(topic, 1, 1);
        produceNumbered(kafka, topic, 0, 1_000);
        List<Long> offsets = new CopyOnWriteArrayList<>();
        AtomicLong requested = new AtomicLong();
        AtomicLong overflow = new AtomicLong();
        java.util.concurrent.atomic.AtomicReference<Flow.Subscription> subscription =
                new java.util.concurrent.atomic.AtomicReference<>();
        try (ClusterClient client = new ClusterClient(config(kafka).build())) {
            client.messages().subscribe(new Flow.Subscriber<>() {
                @Override
                public void onSubscribe(Flow.Subscription s) {
                    subscription.set(s);
                }

                @Override
                public void onNext(KafkaRecord item) {
                    offsets.add(item.offset());
                    if (offsets.size() > requested.get()) {
                        overflow.incrementAndGet();
                    }
                }

                @Override
                public void onError(Throwable t) {
                    overflow.incrementAndGet();
                }

                @Override
                public void onComplete() {
                }
            });
            client.consumeFromEarliest(topic, 0);
            await().atMost(10, TimeUnit.SECONDS).until(() -> subscription.get() != null);
            Thread.sleep(300);
            assertThat(offsets).isEmpty(); // nothing requested yet: nothing delivered
            for (int round = 1; round <= 100; round++) {
                requested.addAndGet(10);
                subscription.get().request(10);
                long expected = round * 10L;
                await().pollInterval(Duration.ofMillis(5)).atMost(10, TimeUnit.SECONDS)
                        .until(() -> offsets.size() >= expected);
            }
            Thread.sleep(200);
        }
        assertThat(overflow.get()).isZero();
        assertThat(offsets).hasSize(1_000);
        for (int i = 0; i < offsets.size(); i++) {
            assertThat(offsets.get(i)).isEqualTo(i);
        }
    }

    @Test
    void typedConsumerReportsAThrowingDeserializerAndGoesOn(KafkaTestCluster kafka) {
        String topic = "typed";
        kafka.createTopic(topic, 1, 1);
        produceNumbered(kafka, topic, 0, 10);
        List<ConsumerRecord<String, Integer>> received = new CopyOnWriteArrayList<>();
        List<DeserializationError> errors = new CopyOnWriteArrayList<>();
        List<ConsumerError> channel = new CopyOnWriteArrayList<>();
        try (ClusterClient client = new ClusterClient(config(kafka).build())) {
            KafkaConsumer<String, Integer> consumer = client.newConsumer(Serdes.stringDeserializer(),
                    (t, bytes) -> {
                        int n = ByteBuffer.wrap(bytes).getInt();
                        if (n == 4) {
                            throw new IllegalArgumentException("four is not welcome");
                        }
                        return n;
                    });
            consumer.onMessageReceived(received::add);
            consumer.onDeserializationError(errors::add);
            consumer.onError(channel::add);
            consumer.consumeFromEarliest(topic, 0);
            await().atMost(30, TimeUnit.SECONDS).until(() -> received.size() + errors.size() >= 10);
        }
        assertThat(channel).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(ConsumerError.Kind.DESERIALIZATION);
            assertThat(e.offset()).isEqualTo(4);
            assertThat(e.retrying()).isFalse();
        });
        assertThat(received).extracting(ConsumerRecord::value).containsExactly(0, 1, 2, 3, 5, 6, 7, 8, 9);
        assertThat(received.get(0).key()).isEqualTo("k0");
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.record().offset()).isEqualTo(4);
            assertThat(ByteBuffer.wrap(e.record().value()).getInt()).isEqualTo(4);
            assertThat(e.error()).hasMessage("four is not welcome");
        });
    }

    private static void produceNumbered(KafkaTestCluster kafka, String topic, int from, int count) {
        try (KafkaProducer<byte[], byte[]> producer = javaProducer(kafka, Map.of(ProducerConfig.LINGER_MS_CONFIG, 5))) {
            for (int i = from; i < from + count; i++) {
                byte[] value = new byte[100];
                ByteBuffer.wrap(value).putInt(i);
                producer.send(new ProducerRecord<>(topic, 0, ("k" + i).getBytes(StandardCharsets.UTF_8), value));
            }
            producer.flush();
        }
    }

    private static KafkaProducer<byte[], byte[]> javaProducer(KafkaTestCluster kafka, Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>(extra);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new KafkaProducer<>(props);
    }

    private static Configuration.Builder config(KafkaTestCluster kafka) {
        return Configuration.builder().seeds(kafka.bootstrapServers()).clientId("simple-consumer-test");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
