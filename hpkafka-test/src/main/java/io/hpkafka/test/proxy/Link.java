package io.hpkafka.test.proxy;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection through a {@link FaultProxy}: the client's socket, the broker's, and a pump thread per
 * direction that moves whole Kafka frames and applies the direction's faults. Requests' API keys are remembered by
 * correlation id so that a response fault can pick one API.
 */
final class Link {

    private static final Logger log = LoggerFactory.getLogger(Link.class);

    /** Larger frames are not Kafka (or are already corrupt): the link is closed rather than buffering them. */
    private static final int MAX_FRAME_BYTES = 256 * 1024 * 1024;
    private static final int RANDOM_FRAME_BYTES = 200;

    private final FaultProxy proxy;
    private final Socket client;
    private final Socket broker;
    private final Direction toBroker;
    private final Direction toClient;
    private final Map<Integer, Integer> apiKeyByCorrelationId = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    Link(FaultProxy proxy, Socket client, Socket broker, Direction toBroker, Direction toClient) {
        this.proxy = proxy;
        this.client = client;
        this.broker = broker;
        this.toBroker = toBroker;
        this.toClient = toClient;
    }

    void start() throws IOException {
        client.setTcpNoDelay(true);
        broker.setTcpNoDelay(true);
        pump("c2b", client.getInputStream(), broker.getOutputStream(), toBroker, true);
        pump("b2c", broker.getInputStream(), client.getOutputStream(), toClient, false);
    }

    void close() {
        if (closed.compareAndSet(false, true)) {
            closeQuietly(client);
            closeQuietly(broker);
            proxy.remove(this);
        }
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to do with it
        }
    }

    private void pump(String tag, InputStream in, OutputStream out, Direction direction, boolean requests) {
        Thread thread = new Thread(() -> {
            try {
                forward(new DataInputStream(in), out, direction, requests);
            } catch (EOFException e) {
                log.trace("{} {}: end of stream", proxy, tag);
            } catch (IOException e) {
                log.trace("{} {}: {}", proxy, tag, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                close();
            }
        }, "fault-proxy-" + proxy.port() + "-" + tag + "-" + client.getPort());
        thread.setDaemon(true);
        thread.start();
    }

    private void forward(DataInputStream in, OutputStream out, Direction direction, boolean requests)
            throws IOException, InterruptedException {
        while (!closed.get()) {
            int size = in.readInt();
            if (size < 0 || size > MAX_FRAME_BYTES) {
                throw new IOException("frame size " + size + " is not Kafka");
            }
            byte[] frame = new byte[size];
            in.readFully(frame);
            int apiKey = requests ? rememberRequest(frame) : answeredApi(frame);
            long delay = direction.delayNanos();
            if (delay > 0) {
                TimeUnit.NANOSECONDS.sleep(delay);
            }
            if (direction.blackHole()) {
                direction.countSwallowed();
                continue;
            }
            FrameFault fault = direction.take(apiKey);
            if (fault == null) {
                write(out, size, frame);
                direction.countForwarded();
                continue;
            }
            log.debug("{} {}: {} on a frame of {} bytes (api key {})", proxy, direction, fault, size, apiKey);
            switch (fault) {
                case RANDOM_FRAME -> {
                    byte[] random = randomBytes(RANDOM_FRAME_BYTES);
                    write(out, random.length, random);
                }
                case RANDOM_BYTES -> {
                    out.write(randomBytes(RANDOM_FRAME_BYTES));
                    out.flush();
                }
                case CORRUPT_TAIL -> {
                    int at = size > 64 ? size - 16 : size / 2;
                    if (size > 0) {
                        frame[at] ^= (byte) 0x5A;
                    }
                    write(out, size, frame);
                }
                case TRUNCATE_AND_CUT -> {
                    ByteBuffer sizeBytes = ByteBuffer.allocate(4).putInt(size);
                    out.write(sizeBytes.array());
                    out.write(frame, 0, size / 2);
                    out.flush();
                    return; // closes both sockets
                }
            }
        }
    }

    /** Request header: api key int16, api version int16, correlation id int32. */
    private int rememberRequest(byte[] frame) {
        if (frame.length < 8) {
            return Direction.ANY_API;
        }
        ByteBuffer header = ByteBuffer.wrap(frame);
        int apiKey = header.getShort(0);
        apiKeyByCorrelationId.put(header.getInt(4), apiKey);
        return apiKey;
    }

    /** Response header: correlation id int32. */
    private int answeredApi(byte[] frame) {
        if (frame.length < 4) {
            return Direction.ANY_API;
        }
        Integer apiKey = apiKeyByCorrelationId.remove(ByteBuffer.wrap(frame).getInt(0));
        return apiKey == null ? Direction.ANY_API : apiKey;
    }

    private static void write(OutputStream out, int size, byte[] frame) throws IOException {
        byte[] sizeBytes = ByteBuffer.allocate(4).putInt(size).array();
        out.write(sizeBytes);
        out.write(frame, 0, size);
        out.flush();
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
