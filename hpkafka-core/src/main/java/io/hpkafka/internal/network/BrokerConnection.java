package io.hpkafka.internal.network;

import io.hpkafka.config.BrokerAddress;
import io.hpkafka.config.Compatibility;
import io.hpkafka.config.SecurityConfiguration;
import io.hpkafka.errors.AuthenticationException;
import io.hpkafka.internal.protocol.ApiKey;
import io.hpkafka.internal.protocol.Errors;
import io.hpkafka.internal.protocol.ProtocolException;
import io.hpkafka.internal.protocol.ProtocolReader;
import io.hpkafka.internal.protocol.ProtocolWriter;
import io.hpkafka.internal.protocol.Request;
import io.hpkafka.internal.protocol.message.ApiVersionsRequest;
import io.hpkafka.internal.protocol.message.ApiVersionsResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One non-blocking connection to one broker. Requests are framed (int32 size, request header, body), pipelined up
 * to {@code maxInFlightRequests}, and answered in order; each response is matched by correlation id. ApiVersions is
 * always the first request on a new socket, and the version of every later request is chosen from its answer.
 * <p>
 * Header versions follow the API and version (KIP-482): a flexible version gets request header v2 (the client id
 * stays a classic nullable string, then an empty tagged-field section) and response header v1 (tagged fields after
 * the correlation id, skipped); others get request header v1 and response header v0. ApiVersions responses always
 * use header v0. ApiVersions is first sent at the highest version this client implements; a broker that does not
 * know it answers UNSUPPORTED_VERSION in v0 with its own ApiVersions range, and the request is sent again at that.
 * <p>
 * In a legacy {@link Compatibility} mode no version is negotiated: each API goes at the version the mode pins.
 * {@link Compatibility#V0_8_2} sends no ApiVersions (0.8.2 brokers close the connection on it); a broker that closes
 * the connection on a pinned request Kafka 4.x no longer serves (Produce v0-2, Fetch v0-3, ListOffsets v0, KIP-896)
 * fails that request with an {@link UnsupportedVersionException} naming the mode. {@link Compatibility#V0_10_1}
 * first asks ApiVersions v0 and fails, with such an error, every request whose pinned version the broker does not
 * serve (a broker without Fetch below v4 rejects Produce v0-2 too, whatever it advertises).
 * <p>
 * Security: the socket is wrapped in a {@link Transport} (TLS for the SSL protocols, handshake before ApiVersions)
 * and, on SASL listeners, {@link SaslAuthentication} runs between ApiVersions and the first request. A failed
 * handshake or authentication fails every pending request with an {@link AuthenticationException}, and requests
 * made during the (longest) back-off that follows fail with it at once.
 * <p>
 * Thread rule: {@link #send} may be called from any thread; everything else runs on the {@link IoLoop} thread.
 * When the socket fails or a request stays unanswered for {@code clientRequestTimeoutMs}, every pending request
 * fails with a {@link NetworkException} and the next request reconnects after an exponential, jittered back-off.
 */
public final class BrokerConnection implements Connection {

    private static final Logger log = LoggerFactory.getLogger(BrokerConnection.class);
    private static final long MIN_BACKOFF_MS = 50;
    private static final long MAX_BACKOFF_MS = 5_000;
    /** {@link #lastResponseNanos()} of a connection that has had no response yet. */
    public static final long NEVER = Long.MIN_VALUE;

    /**
     * CONNECTING, then HANDSHAKING (TLS only), NEGOTIATING (ApiVersions), AUTHENTICATING (SASL only), READY. A SASL
     * session with a lifetime goes READY, REAUTHENTICATING (no new requests until the in-flight ones are answered),
     * AUTHENTICATING, READY again (KIP-368).
     */
    private enum State {
        DISCONNECTED, CONNECTING, HANDSHAKING, NEGOTIATING, AUTHENTICATING, READY, REAUTHENTICATING, CLOSED
    }

    private final int nodeId;
    private final BrokerAddress address;
    /** Every address the host name resolves to, tried in turn (I/O thread). */
    private final BrokerAddresses addresses;
    private final IoLoop loop;
    private final ConnectionSettings settings;
    private final Compatibility compatibility;
    private final ByteBuffer sizeBuffer = ByteBuffer.allocate(4);

    // Everything below is confined to the I/O loop thread.
    private final ArrayDeque<Outgoing<?>> waiting = new ArrayDeque<>();
    private final ArrayDeque<PendingWrite> writes = new ArrayDeque<>();
    /** Encoders whose request was fully written, kept for the next requests (at most maxInFlightRequests + 1). */
    private final ArrayDeque<ProtocolWriter> spareWriters = new ArrayDeque<>();
    private final FramePool frames = new FramePool();
    private final ArrayDeque<InFlight<?>> inFlight = new ArrayDeque<>();
    private State state = State.DISCONNECTED;
    private SocketChannel channel;
    private Transport transport;
    private SelectionKey key;
    /** The running SASL exchange and the ApiVersions answer that waits for its end, while AUTHENTICATING. */
    private SaslAuthentication sasl;
    private ApiVersionsResponse authenticatingVersions;
    /** {@link System#nanoTime()} at which to re-authenticate the SASL session (KIP-368), or 0 for never. */
    private long reauthenticateAtNanos;
    /** Why the last attempt failed authentication, while its back-off lasts; else null. */
    private AuthenticationException authenticationError;
    /** Written on the loop thread, read by {@link #negotiatedVersion} from any thread. */
    private volatile ApiVersionsResponse versions;
    /** Legacy modes: ready to send at the pinned versions (read by {@link #negotiatedVersion} from any thread). */
    private volatile boolean pinnedReady;
    /** Legacy modes: per API key, why the broker cannot serve the pinned version, else null. */
    private final String[] refused = new String[ApiVersionsResponse.MAX_API_KEY + 1];
    private ByteBuffer frame;
    private int nextCorrelationId;
    private int consecutiveFailures;
    private long reconnectAtNanos;
    private long connectStartedNanos;
    private volatile long lastLatencyMs;
    /** {@link System#nanoTime()} when the latest response frame arrived, or {@link #NEVER}; read from any thread. */
    private volatile long lastResponseNanos = NEVER;
    /** Why the latest connection attempt failed, until a socket is ready again; else null. Read from any thread. */
    private volatile String lastAttemptError;
    /** {@link System#nanoTime()} of {@link #lastAttemptError}; read from any thread after it. */
    private volatile long lastAttemptErrorNanos = NEVER;

    /**
     * @param nodeId the broker's node id, or a negative id for a seed whose id is not known yet
     * @param address where to connect
     */
    public BrokerConnection(int nodeId, BrokerAddress address, IoLoop loop, ConnectionSettings settings) {
        this.nodeId = nodeId;
        this.address = address;
        this.addresses = new BrokerAddresses(address, settings.resolver());
        this.loop = loop;
        this.settings = settings;
        this.compatibility = settings.compatibility() == null ? Compatibility.NEGOTIATE : settings.compatibility();
        loop.execute(() -> loop.register(this));
    }

    @Override
    public int nodeId() { return nodeId; }

    @Override
    public BrokerAddress address() { return address; }

    /** @return ms between sending the latest answered request and reading its response */
    public long lastLatencyMs() { return lastLatencyMs; }

    /**
     * @return {@link System#nanoTime()} when the latest response arrived on this connection (any socket it had, the
     *     ApiVersions answer included), or {@link #NEVER}; thread-safe
     */
    public long lastResponseNanos() { return lastResponseNanos; }

    /**
     * @return why the latest attempt to open this connection failed (connect, TLS, ApiVersions or SASL; the
     *     exception's type and message, never a password), or null once a socket is ready again or if none failed;
     *     a ready socket that is later closed leaves it null until the next attempt fails; thread-safe
     */
    public String lastAttemptError() { return lastAttemptError; }

    /** @return {@link System#nanoTime()} when {@link #lastAttemptError()} was set, or {@link #NEVER}; thread-safe */
    public long lastAttemptErrorNanos() { return lastAttemptErrorNanos; }

    /** @return whether the socket is open and its versions are known, so requests go out at once; thread-safe */
    public boolean isReady() { return versions != null || pinnedReady; }

    /**
     * @return the version a request of {@code api} is sent at on the current socket (the highest both sides
     *     support), or -1 before ApiVersions has been answered or when the broker serves no version this client
     *     implements
     */
    public short negotiatedVersion(ApiKey api) {
        if (compatibility != Compatibility.NEGOTIATE) {
            return pinnedReady && refused[api.id()] == null ? api.pinnedVersion(compatibility) : -1;
        }
        ApiVersionsResponse v = versions;
        return v == null ? -1 : v.negotiate(api);
    }

    /**
     * Queues a request. The future completes on the callback executor with the decoded response, or with
     * {@code null} for a request the broker does not answer (once written to the socket); or exceptionally with a
     * {@link NetworkException}, {@link UnsupportedVersionException} or {@link ProtocolException}.
     */
    @Override
    public <R> CompletableFuture<R> send(Request<R> request) {
        CompletableFuture<R> future = new CompletableFuture<>();
        Outgoing<R> outgoing = new Outgoing<>(request, future);
        loop.execute(() -> enqueue(outgoing));
        return future;
    }

    /** Closes the socket and fails what is pending; later sends fail at once. */
    public void close() {
        loop.execute(this::shutdown);
    }

    void shutdown() {
        if (state != State.CLOSED) {
            fail(new IOException("client closed"), true);
            state = State.CLOSED;
            loop.unregister(this);
        }
    }

    private void enqueue(Outgoing<?> outgoing) {
        if (state == State.CLOSED) {
            outgoing.future.completeExceptionally(new NetworkException(address, "client closed", false, null));
            return;
        }
        if (authenticationError != null && state == State.DISCONNECTED && System.nanoTime() < reconnectAtNanos) {
            outgoing.future.completeExceptionally(authenticationError);
            return;
        }
        waiting.add(outgoing);
        if (state == State.DISCONNECTED && System.nanoTime() >= reconnectAtNanos) {
            connect();
        } else if (state == State.READY) {
            pump();
        }
    }

    private void connect() {
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.setOption(StandardSocketOptions.SO_SNDBUF, settings.sendBufferSize());
            channel.setOption(StandardSocketOptions.SO_RCVBUF, settings.receiveBufferSize());
            SecurityConfiguration security = settings.security();
            transport = security.protocol().usesTls()
                    ? TlsTransport.client(channel, security.tls(), address.host(), address.port(),
                            settings.callbackExecutor(), () -> loop.execute(this::resumeHandshake))
                    : new PlaintextTransport(channel);
            connectStartedNanos = System.nanoTime();
            state = State.CONNECTING;
            boolean connected = channel.connect(addresses.current());
            key = channel.register(loop.selector(), connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, this);
            if (connected) {
                onConnected();
            }
        } catch (IOException | RuntimeException e) {
            fail(e, false);
        }
    }

    void onSelected(SelectionKey k) {
        try {
            if (!k.isValid()) {
                return;
            }
            if (k.isConnectable()) {
                if (channel.finishConnect()) {
                    k.interestOps(SelectionKey.OP_READ);
                    onConnected();
                }
                return;
            }
            if (state == State.HANDSHAKING) {
                handshake();
                return;
            }
            if (k.isReadable()) {
                read();
                if (k.isValid() && transport.hasBufferedOutput()) {
                    k.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE); // a TLS 1.3 key update answer
                }
            }
            if (k.isValid() && k.isWritable()) {
                flush();
            }
        } catch (IOException | ProtocolException e) {
            fail(e, false);
        }
    }

    private void onConnected() throws IOException {
        state = State.HANDSHAKING;
        handshake();
    }

    /** The TLS handshake's delegated tasks finished on another thread: continue where they left off. */
    private void resumeHandshake() {
        if (state != State.HANDSHAKING) {
            return; // failed or closed meanwhile
        }
        try {
            handshake();
        } catch (IOException | ProtocolException e) {
            fail(e, false);
        }
    }

    /** Advances the transport's handshake (none for plaintext); once done, negotiates versions. */
    private void handshake() throws IOException {
        if (!transport.handshake()) {
            key.interestOps(transport.handshakeInterestOps());
            return;
        }
        key.interestOps(SelectionKey.OP_READ);
        state = State.NEGOTIATING;
        if (compatibility == Compatibility.V0_8_2) {
            log.debug("Connected to {} (node {}), versions pinned by compatibility={}", address, nodeId,
                    compatibility);
            java.util.Arrays.fill(refused, null);
            ready();
            return;
        }
        log.debug("Connected to {} (node {}), negotiating API versions", address, nodeId);
        sendApiVersions(compatibility == Compatibility.NEGOTIATE ? ApiKey.API_VERSIONS.maxVersion()
                : ApiKey.API_VERSIONS.pinnedVersion(compatibility));
    }

    private void ready() {
        state = State.READY;
        authenticationError = null;
        lastAttemptError = null;
        pinnedReady = compatibility != Compatibility.NEGOTIATE;
        consecutiveFailures = 0;
        log.debug("Connection to {} (node {}) ready", address, nodeId);
        pump();
    }

    /** Legacy modes: notes which pinned versions the broker's ApiVersions answer rules out. */
    private void checkPinnedVersions(ApiVersionsResponse broker) {
        java.util.Arrays.fill(refused, null);
        short fetchMin = broker.minVersions()[ApiKey.FETCH.id()];
        boolean kip896 = broker.maxVersions()[ApiKey.FETCH.id()] >= 0 && fetchMin >= 4;
        for (ApiKey api : ApiKey.values()) {
            short pinned = api.pinnedVersion(compatibility);
            if (pinned < 0 || api == ApiKey.API_VERSIONS) {
                continue;
            }
            short min = broker.minVersions()[api.id()];
            short max = broker.maxVersions()[api.id()];
            if (max < 0 || pinned < min || pinned > max) {
                refused[api.id()] = notServed(api, pinned, max < 0 ? "it does not serve " + api
                        : "it serves " + api + " v" + min + "-" + max);
            } else if (kip896 && api == ApiKey.PRODUCE && pinned < 3) {
                refused[api.id()] = notServed(api, pinned, "it advertises " + api + " v" + min + "-" + max
                        + " but, serving no Fetch below v" + fetchMin + ", rejects Produce v0-v2");
            }
        }
    }

    private String notServed(ApiKey api, short pinned, String why) {
        return "compatibility=" + compatibility + " is not served by broker " + address + ": " + why
                + ", the mode needs " + api + " v" + pinned + " (Kafka 4.x removed Produce v0-v2, Fetch v0-v3, "
                + "ListOffsets v0 and message formats v0/v1, KIP-896; use compatibility=NEGOTIATE with this broker)";
    }

    /** @return whether Kafka 4.x (KIP-896) no longer serves {@code api} at {@code version} */
    private static boolean removedInKafka4(ApiKey api, short version) {
        return switch (api) {
            case PRODUCE -> version < 3;
            case FETCH -> version < 4;
            case LIST_OFFSETS -> version < 1;
            case OFFSET_COMMIT -> version < 2;
            case OFFSET_FETCH -> version < 1;
            default -> false;
        };
    }

    private void sendApiVersions(short version) throws IOException {
        write(new Outgoing<>(ApiVersionsRequest.INSTANCE, new CompletableFuture<>()), version);
        flush();
    }

    void onTick(long now) {
        long timeoutNanos = TimeUnit.MILLISECONDS.toNanos(settings.clientRequestTimeoutMs());
        if ((state == State.CONNECTING || state == State.HANDSHAKING) && now - connectStartedNanos > timeoutNanos) {
            fail(new IOException((state == State.HANDSHAKING ? "TLS handshake" : "connect") + " timed out after "
                    + settings.clientRequestTimeoutMs() + " ms"), false);
        } else if (!inFlight.isEmpty() && now - inFlight.peek().sentNanos > timeoutNanos) {
            fail(new IOException("no response within clientRequestTimeoutMs=" + settings.clientRequestTimeoutMs()
                    + " ms"), false);
        } else if (state == State.DISCONNECTED && !waiting.isEmpty() && now >= reconnectAtNanos) {
            connect();
        } else if (state == State.READY && reauthenticateAtNanos != 0 && now - reauthenticateAtNanos >= 0) {
            // The broker closes a connection whose session expired at its next request: renew the session first.
            reauthenticateAtNanos = 0;
            state = State.REAUTHENTICATING;
            if (inFlight.isEmpty()) {
                startSasl(versions);
            }
        }
    }

    private void pump() {
        while (state == State.READY && !waiting.isEmpty() && inFlight.size() < settings.maxInFlightRequests()) {
            Outgoing<?> next = waiting.poll();
            Request<?> request = next.request;
            ApiKey api = request.apiKey();
            if (compatibility != Compatibility.NEGOTIATE) {
                short pinned = api.pinnedVersion(compatibility);
                String refusal = refused[api.id()];
                if (refusal == null && pinned < 0) {
                    refusal = "compatibility=" + compatibility + " does not use " + api
                            + " (the brokers of that version lack it); use compatibility=NEGOTIATE";
                } else if (refusal == null && (request.maxVersion() < pinned
                        || request.minVersion() > api.minVersion() && request.minVersion() > pinned)) {
                    refusal = "this " + api + " request needs v" + request.minVersion() + "-" + request.maxVersion()
                            + " but compatibility=" + compatibility + " pins v" + pinned;
                }
                if (refusal != null) {
                    next.future.completeExceptionally(new UnsupportedVersionException(refusal));
                } else {
                    write(next, pinned);
                }
                continue;
            }
            short version = versions.negotiate(api, request.minVersion(), request.maxVersion());
            if (version < 0) {
                next.future.completeExceptionally(new UnsupportedVersionException("broker " + address + " serves "
                        + api + " versions " + versions.minVersions()[api.id()] + "-" + versions.maxVersions()[api.id()]
                        + ", this client implements " + api.minVersion() + "-" + api.maxVersion()
                        + (request.minVersion() > api.minVersion() || request.maxVersion() < api.maxVersion()
                        ? " and this request needs " + request.minVersion() + "-" + request.maxVersion() : "")));
                continue;
            }
            write(next, version);
        }
        try {
            flush();
        } catch (IOException e) {
            fail(e, false);
        }
    }

    private <R> void write(Outgoing<R> outgoing, short version) {
        int correlationId = nextCorrelationId++;
        ApiKey api = outgoing.request.apiKey();
        // Each request keeps its encoder until written, so the bytes are sent from where they were encoded.
        ProtocolWriter writer = spareWriters.isEmpty() ? new ProtocolWriter(16 * 1024) : spareWriters.poll();
        writer.reset();
        writer.skip(4);
        writer.int16(api.id());
        writer.int16(version);
        writer.int32(correlationId);
        // Never compact, even in header v2: a broker must read the client id of an ApiVersions it cannot parse.
        writer.nullableString(settings.clientId());
        if (api.requestHeaderVersion(version) >= 2) {
            writer.emptyTaggedFields();
        }
        try {
            outgoing.request.write(writer, version);
        } catch (RuntimeException e) {
            recycle(writer);
            outgoing.future.completeExceptionally(e);
            return;
        }
        writer.setInt32(0, writer.position() - 4);
        long now = System.nanoTime();
        if (outgoing.request.expectsResponse()) {
            inFlight.add(new InFlight<>(correlationId, outgoing, version, api.responseHeaderVersion(version), now,
                    frames));
            writes.add(new PendingWrite(writer.toByteBuffer(), writer, null));
        } else {
            writes.add(new PendingWrite(writer.toByteBuffer(), writer, outgoing.future));
        }
    }

    private void flush() throws IOException {
        while (!writes.isEmpty()) {
            PendingWrite head = writes.peek();
            transport.write(head.buffer);
            if (head.buffer.hasRemaining()) {
                key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                return;
            }
            writes.poll();
            recycle(head.writer);
            if (head.completeWhenWritten != null) {
                CompletableFuture<?> f = head.completeWhenWritten;
                settings.callbackExecutor().execute(() -> f.complete(null));
            }
        }
        if (key != null && key.isValid()) {
            key.interestOps(transport.flush() ? SelectionKey.OP_READ : SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        }
    }

    private void read() throws IOException {
        while (true) {
            if (frame == null) {
                if (transport.read(sizeBuffer) < 0) {
                    throw new ClosedByBroker();
                }
                if (sizeBuffer.hasRemaining()) {
                    return;
                }
                int size = sizeBuffer.getInt(0);
                sizeBuffer.clear();
                if (size < 4 || size > settings.maxResponseSizeBytes()) {
                    // Refuse before allocating: a wild size is either corruption or a non-Kafka peer.
                    throw new ProtocolException("response size " + size + " outside 4.."
                            + settings.maxResponseSizeBytes() + " bytes (maxResponseSizeBytes)");
                }
                frame = frames.acquire(size);
            }
            if (transport.read(frame) < 0) {
                throw new ClosedByBroker();
            }
            if (frame.hasRemaining()) {
                return;
            }
            frame.flip();
            ByteBuffer complete = frame;
            frame = null;
            onFrame(complete);
            if (state == State.DISCONNECTED || state == State.CLOSED) {
                return;
            }
        }
    }

    private void onFrame(ByteBuffer response) {
        int correlationId = response.getInt();
        InFlight<?> head = inFlight.peek();
        if (head == null || head.correlationId != correlationId) {
            // The head stays queued so that fail(), reached through this exception, completes it with the others:
            // every request handed to a connection completes exactly once, whatever the connection dies of.
            frames.release(response);
            throw new ProtocolException("response with correlation id " + correlationId + " while expecting "
                    + (head == null ? "none" : head.correlationId));
        }
        inFlight.poll();
        long now = System.nanoTime();
        long latencyNanos = now - head.sentNanos;
        lastLatencyMs = TimeUnit.NANOSECONDS.toMillis(latencyNanos);
        lastResponseNanos = now;
        if (state == State.NEGOTIATING) {
            onApiVersions(response, head.version);
            return;
        }
        if (state == State.AUTHENTICATING) {
            head.complete(response); // decoded here: the exchange continues on this thread
            onSaslResponse(head.outgoing.future);
            return;
        }
        if (settings.hooks().enabled()) {
            settings.hooks().requestCompleted(head.outgoing.request.apiKey(), nodeId, latencyNanos);
        }
        settings.callbackExecutor().execute(() -> head.complete(response));
        if (state == State.REAUTHENTICATING) {
            if (inFlight.isEmpty()) {
                startSasl(versions);
            }
            return;
        }
        pump();
    }

    private void onApiVersions(ByteBuffer response, short version) {
        ApiVersionsResponse parsed;
        try {
            parsed = ApiVersionsRequest.INSTANCE.readResponse(new ProtocolReader(response), version);
        } catch (RuntimeException e) {
            throw e instanceof ProtocolException ? e : new ProtocolException("malformed ApiVersions response", e);
        }
        if (parsed.errorCode() == Errors.UNSUPPORTED_VERSION && version > 0) {
            // An older broker: it lists its own ApiVersions range (or nothing, then v0 is safe).
            short brokerMax = parsed.maxVersions()[ApiKey.API_VERSIONS.id()];
            short retry = (short) Math.max(0, Math.min(brokerMax, version - 1));
            log.debug("Broker {} does not serve ApiVersions v{}; asking again at v{}", address, version, retry);
            try {
                sendApiVersions(retry);
            } catch (IOException e) {
                fail(e, false);
            }
            return;
        }
        if (parsed.errorCode() != 0) {
            throw new ProtocolException("ApiVersions failed with error " + Errors.name(parsed.errorCode()));
        }
        if (compatibility != Compatibility.NEGOTIATE) {
            checkPinnedVersions(parsed);
        }
        if (settings.security().protocol().usesSasl()) {
            startSasl(parsed);
            return;
        }
        versions = parsed;
        ready();
    }

    private void startSasl(ApiVersionsResponse parsed) {
        if (parsed.negotiate(ApiKey.SASL_HANDSHAKE) < 1 || parsed.negotiate(ApiKey.SASL_AUTHENTICATE) < 0) {
            fail(new AuthenticationFailed("broker " + address + " serves no SaslHandshake v1 / SaslAuthenticate"
                    + " (Kafka 1.0 or later needed for SASL)", null), false);
            return;
        }
        state = State.AUTHENTICATING;
        authenticatingVersions = parsed;
        sasl = new SaslAuthentication(settings.security().sasl(), address.toString());
        sendSasl(sasl.start());
    }

    private void onSaslResponse(CompletableFuture<?> answered) {
        Request<?> next;
        try {
            next = sasl.onResponse(answered.join());
        } catch (AuthenticationFailed e) {
            fail(e, false);
            return;
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof ProtocolException p ? p : new ProtocolException("malformed SASL response", e);
        }
        if (next != null) {
            sendSasl(next);
            return;
        }
        long lifetimeMs = sasl.sessionLifetimeMs();
        log.debug("Authenticated to {} (node {}) with {}, session lifetime {} ms", address, nodeId,
                settings.security().sasl().mechanism(), lifetimeMs);
        // Like the Java client: renew at 85-95% of the lifetime, jittered so that connections do not renew at once.
        reauthenticateAtNanos = lifetimeMs <= 0 ? 0 : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(
                (long) (lifetimeMs * (0.85 + 0.1 * ThreadLocalRandom.current().nextDouble())));
        versions = authenticatingVersions;
        authenticatingVersions = null;
        sasl = null;
        ready();
    }

    private void sendSasl(Request<?> request) {
        write(new Outgoing<>(request, new CompletableFuture<>()),
                authenticatingVersions.negotiate(request.apiKey()));
        try {
            flush();
        } catch (IOException e) {
            fail(e, false);
        }
    }

    /** Closes the socket, fails every pending request, and arms the reconnect back-off. */
    private void fail(Throwable cause, boolean closing) {
        if (state != State.DISCONNECTED && state != State.CLOSED && !closing) {
            log.warn("Connection to {} (node {}) failed: {}", address, nodeId, cause.toString());
        }
        if (!closing && state != State.READY && state != State.REAUTHENTICATING && state != State.CLOSED) {
            // Only a failed attempt counts: a broker closing an idle, ready connection is no sign of trouble.
            lastAttemptErrorNanos = System.nanoTime();
            lastAttemptError = cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        }
        if (!closing) {
            addresses.failed(); // the next attempt goes to the host's next address, or resolves the name again
        }
        if (transport != null) {
            transport.close();
        } else if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                log.debug("Closing socket to {} failed", address, e);
            }
        }
        channel = null;
        transport = null;
        sasl = null;
        authenticatingVersions = null;
        reauthenticateAtNanos = 0;
        key = null;
        frame = null;
        sizeBuffer.clear();
        versions = null;
        pinnedReady = false;
        // A broker that closes the connection on a pinned request Kafka 4.x removed (it would answer anything else
        // it cannot serve with an error): that request fails for good, naming the mode, instead of being retried.
        InFlight<?> culprit = null;
        if (compatibility != Compatibility.NEGOTIATE && state == State.READY && !closing
                && cause instanceof ClosedByBroker && !inFlight.isEmpty()
                && removedInKafka4(inFlight.peek().outgoing.request.apiKey(), inFlight.peek().version)) {
            culprit = inFlight.poll();
        }
        state = State.DISCONNECTED;
        consecutiveFailures++;
        if (cause instanceof AuthenticationFailed && !closing) {
            // Wrong credentials or an untrusted peer: the next attempt would fail the same way, so wait the longest.
            consecutiveFailures = Math.max(consecutiveFailures, 16);
            authenticationError = new AuthenticationException(cause.getMessage() + " (broker " + address + ")",
                    cause.getCause());
        } else {
            authenticationError = null;
        }
        long backoff = Math.min(MAX_BACKOFF_MS, MIN_BACKOFF_MS << Math.min(consecutiveFailures - 1, 10));
        double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
        reconnectAtNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos((long) (backoff * jitter));
        String reason = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        if (culprit != null) {
            ApiKey api = culprit.outgoing.request.apiKey();
            culprit.outgoing.future.completeExceptionally(new UnsupportedVersionException(notServed(api,
                    culprit.version, "it closed the connection on " + api + " v" + culprit.version)));
        }
        AuthenticationException denied = authenticationError;
        for (InFlight<?> f : inFlight) {
            f.outgoing.future.completeExceptionally(denied != null ? denied
                    : new NetworkException(address, reason, true, cause));
        }
        inFlight.clear();
        for (PendingWrite w : writes) {
            if (w.completeWhenWritten != null) {
                w.completeWhenWritten.completeExceptionally(denied != null ? denied
                        : new NetworkException(address, reason, true, cause));
            }
        }
        writes.clear();
        for (Outgoing<?> o : waiting) {
            o.future.completeExceptionally(denied != null ? denied
                    : new NetworkException(address, reason, false, cause));
        }
        waiting.clear();
    }

    private record Outgoing<R>(Request<R> request, CompletableFuture<R> future) {
    }

    /** The broker closed the socket (end of stream). */
    private static final class ClosedByBroker extends IOException {
        ClosedByBroker() {
            super("connection closed by the broker");
        }
    }

    private void recycle(ProtocolWriter writer) {
        if (spareWriters.size() <= settings.maxInFlightRequests()) {
            spareWriters.add(writer);
        }
    }

    /**
     * Gives back a response frame a decoder kept (see {@link Request#retainsFrame()}), once nothing refers to its
     * bytes. Thread-safe.
     */
    @Override
    public void releaseFrame(ByteBuffer frame) {
        frames.release(frame);
    }

    private record PendingWrite(ByteBuffer buffer, ProtocolWriter writer, CompletableFuture<?> completeWhenWritten) {
    }

    private record InFlight<R>(int correlationId, Outgoing<R> outgoing, short version, short responseHeaderVersion,
                               long sentNanos, FramePool frames) {
        void complete(ByteBuffer body) {
            boolean retained = false;
            try {
                ProtocolReader reader = new ProtocolReader(body);
                if (responseHeaderVersion >= 1) {
                    reader.skipTaggedFields(); // response header v1: nothing defined yet
                }
                R response = outgoing.request.readResponse(reader, version);
                retained = outgoing.request.retainsFrame();
                outgoing.future.complete(response);
            } catch (RuntimeException e) {
                outgoing.future.completeExceptionally(e instanceof ProtocolException ? e
                        : new ProtocolException("malformed " + outgoing.request.apiKey() + " response", e));
            } finally {
                if (!retained) {
                    frames.release(body); // every field was copied out: the bytes can serve the next response
                }
            }
        }
    }

    @Override
    public String toString() {
        return "BrokerConnection{node=" + nodeId + ", " + address + '}';
    }
}
