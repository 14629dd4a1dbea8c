package io.hpkafka.benchmarks;

import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.SimpleRecord;
import org.apache.kafka.common.requests.ProduceRequest;
import org.apache.kafka.common.requests.RequestHeader;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The ceiling: what the broker acknowledges when the client costs nothing. One Produce request (acks=1, one full
 * {@code batchBytes} batch of {@code recordSize}-byte records per partition, uncompressed) is encoded once with
 * kafka-clients' own message classes, then written again and again on one connection, then on two, five requests in
 * flight each, for {@code ceilingSeconds} after one second of warm-up; the client only writes bytes and reads
 * responses. The first response is decoded and must carry no error. The report gives each producer's share of the
 * higher rate. Both rates are reported because the broker handles one request per connection at a time: with one
 * connection per broker, as both clients use, its request handlers work in turn, with two they work side by side.
 */
final class CeilingWorkload {

    /** Produce v9: the first flexible version, still with topic names (v13 switched to topic ids). */
    private static final short VERSION = 9;
    private static final int[] CONNECTIONS = {1, 2};
    private static final int IN_FLIGHT = 5;

    private CeilingWorkload() {
    }

    static void run(BenchContext ctx) {
        String topic = "bench-ceiling";
        try {
            ctx.createBoundedTopic(topic);
            for (int connections : CONNECTIONS) {
                run(ctx, topic, connections);
            }
        } catch (Exception e) {
            ctx.failed("ceiling", e);
        } finally {
            ctx.deleteTopic(topic);
        }
    }

    /**
     * Floods the broker with pre-encoded requests for {@code seconds}, unmeasured. A fresh broker JVM spends about
     * twice the CPU per record until its own JIT has compiled the produce path (measured: 0.4 against 0.2 CPU s per
     * million records over the first minute), which would count against whichever client runs first.
     */
    static void warmUpBroker(BenchContext ctx, int seconds) {
        String topic = "bench-broker-warmup";
        try {
            ctx.createBoundedTopic(topic);
            flood(ctx, topic, 2, seconds, 0);
        } catch (Exception e) {
            ctx.failed("broker warm-up", e);
        } finally {
            ctx.deleteTopic(topic);
        }
    }

    private static void run(BenchContext ctx, String topic, int connectionCount) throws Exception {
        BenchmarkOptions o = ctx.options();
        Flood f = flood(ctx, topic, connectionCount, 1, o.ceilingSeconds());
        long records = f.requests * f.recordsPerRequest;
        String connections = connectionCount + (connectionCount == 1 ? " connection" : " connections");
        ctx.add(new RunResult("ceiling", "acks=1 none, pre-encoded, " + connections, "pre-encoded requests", 1,
                records, records * o.recordSize(), f.usage, Map.of()));
        ctx.note("ceiling: one pre-encoded Produce v" + VERSION + " request of " + f.recordsPerRequest
                + " records (" + f.recordsPerRequest / o.partitions() + " per partition, " + f.requestBytes
                + " bytes) written on " + connections + " with " + IN_FLIGHT + " in flight each");
    }

    /** What a flood measured: acknowledged requests and the resources they took. */
    private record Flood(long requests, long recordsPerRequest, int requestBytes, ResourceMeter.Usage usage) {
    }

    /** Writes the request on {@code connectionCount} connections for {@code warmSeconds}, then measures. */
    private static Flood flood(BenchContext ctx, String topic, int connectionCount, int warmSeconds,
                               int measureSeconds) throws Exception {
        BenchmarkOptions o = ctx.options();
        int perPartition = Math.max(1, o.batchBytes() / (o.recordSize() + 10));
        ByteBuffer request = encode(ctx, topic, perPartition);
        long recordsPerRequest = (long) perPartition * o.partitions();
        String[] hostPort = ctx.bootstrap().split(",")[0].trim().split(":");
        InetSocketAddress address = new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1]));

        awaitAccepted(address, request);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong acknowledged = new AtomicLong();
        AtomicReference<Throwable> error = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        List<SocketChannel> channels = new ArrayList<>();
        for (int c = 0; c < connectionCount; c++) {
            SocketChannel channel = SocketChannel.open(address);
            channel.socket().setTcpNoDelay(true);
            channels.add(channel);
            Semaphore inFlight = new Semaphore(IN_FLIGHT);
            threads.add(new Thread(() -> write(channel, request, inFlight, stop, error), "ceiling-write-" + c));
            boolean check = c == 0;
            threads.add(new Thread(() -> read(channel, inFlight, acknowledged, check, stop, error),
                    "ceiling-read-" + c));
        }
        threads.forEach(Thread::start);
        Thread.sleep(TimeUnit.SECONDS.toMillis(warmSeconds));
        long before = acknowledged.get();
        ResourceMeter.Snapshot start = ctx.meter().snapshot();
        Thread.sleep(TimeUnit.SECONDS.toMillis(measureSeconds));
        long requests = acknowledged.get() - before;
        ResourceMeter.Usage usage = ctx.meter().since(start);
        stop.set(true);
        for (SocketChannel channel : channels) {
            channel.close();
        }
        for (Thread t : threads) {
            t.join(5000);
        }
        if (error.get() != null) {
            throw new IllegalStateException("ceiling connection failed", error.get());
        }
        return new Flood(requests, recordsPerRequest, request.remaining(), usage);
    }

    /** @return the size-prefixed request, ready to be written (duplicate it per write) */
    private static ByteBuffer encode(BenchContext ctx, String topic, int perPartition) {
        ProduceRequestData.TopicProduceData topicData = new ProduceRequestData.TopicProduceData().setName(topic);
        long now = System.currentTimeMillis();
        for (int p = 0; p < ctx.options().partitions(); p++) {
            SimpleRecord[] records = new SimpleRecord[perPartition];
            for (int i = 0; i < perPartition; i++) {
                records[i] = new SimpleRecord(now, null, ctx.payload((long) p * perPartition + i));
            }
            topicData.partitionData().add(new ProduceRequestData.PartitionProduceData().setIndex(p)
                    .setRecords(MemoryRecords.withRecords(Compression.NONE, records)));
        }
        ProduceRequestData.TopicProduceDataCollection topics = new ProduceRequestData.TopicProduceDataCollection();
        topics.add(topicData);
        ProduceRequestData data = new ProduceRequestData().setAcks((short) 1).setTimeoutMs(30_000)
                .setTopicData(topics);
        ByteBuffer body = new ProduceRequest(data, VERSION)
                .serializeWithHeader(new RequestHeader(ApiKeys.PRODUCE, VERSION, "bench-ceiling", 1));
        ByteBuffer framed = ByteBuffer.allocateDirect(4 + body.remaining());
        framed.putInt(body.remaining()).put(body).flip();
        return framed;
    }

    private static void write(SocketChannel channel, ByteBuffer request, Semaphore inFlight, AtomicBoolean stop,
                              AtomicReference<Throwable> error) {
        try {
            while (!stop.get()) {
                if (!inFlight.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                ByteBuffer copy = request.duplicate();
                while (copy.hasRemaining()) {
                    channel.write(copy);
                }
            }
        } catch (IOException | InterruptedException e) {
            if (!stop.get()) {
                error.compareAndSet(null, e);
            }
        }
    }

    private static void read(SocketChannel channel, Semaphore inFlight, AtomicLong acknowledged, boolean check,
                             AtomicBoolean stop, AtomicReference<Throwable> error) {
        ByteBuffer size = ByteBuffer.allocate(4);
        ByteBuffer body = ByteBuffer.allocate(64 * 1024);
        boolean checked = !check;
        try {
            while (!stop.get()) {
                size.clear();
                readFully(channel, size);
                int length = size.flip().getInt();
                if (body.capacity() < length) {
                    body = ByteBuffer.allocate(length);
                }
                body.clear().limit(length);
                readFully(channel, body);
                if (!checked) {
                    short code = firstError(body.flip());
                    if (code != 0) {
                        throw new IllegalStateException("the broker answered the ceiling's request with "
                                + Errors.forCode(code));
                    }
                    checked = true;
                }
                acknowledged.incrementAndGet();
                inFlight.release();
            }
        } catch (IOException | RuntimeException e) {
            if (!stop.get()) {
                error.compareAndSet(null, e);
                stop.set(true);
            }
        }
    }

    /**
     * Sends the request once and waits for an answer without error, trying again for up to 30 s while the broker
     * still answers a retriable one: a topic just created may not have its leader in place on the broker yet.
     */
    private static void awaitAccepted(InetSocketAddress address, ByteBuffer request) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (SocketChannel channel = SocketChannel.open(address)) {
            while (true) {
                ByteBuffer copy = request.duplicate();
                while (copy.hasRemaining()) {
                    channel.write(copy);
                }
                ByteBuffer size = ByteBuffer.allocate(4);
                readFully(channel, size);
                ByteBuffer body = ByteBuffer.allocate(size.flip().getInt());
                readFully(channel, body);
                short error = firstError(body.flip());
                if (error == 0) {
                    return;
                }
                if (!(Errors.forCode(error).exception() instanceof RetriableException)
                        || System.nanoTime() > deadline) {
                    throw new IllegalStateException("the broker answered the ceiling's request with " + Errors
                            .forCode(error));
                }
                Thread.sleep(100);
            }
        }
    }

    /** @return the first partition error of a Produce response body (after the size), or 0 */
    private static short firstError(ByteBuffer body) {
        body.getInt(); // correlation id
        body.get();    // response header v1: empty tagged fields
        ProduceResponseData response = new ProduceResponseData(new ByteBufferAccessor(body), VERSION);
        return response.responses().stream().flatMap(t -> t.partitionResponses().stream())
                .map(ProduceResponseData.PartitionProduceResponse::errorCode).filter(e -> e != 0).findFirst()
                .orElse((short) 0);
    }

    private static void readFully(SocketChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new IOException("connection closed by the broker");
            }
        }
    }
}
