package io.hpkafka.internal.network;

import io.hpkafka.config.TlsSettings;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.Executor;

/**
 * TLS over a non-blocking socket with a JDK {@link SSLEngine} in client mode. The handshake is driven by selector
 * readiness ({@link #handshake()} returns as soon as the socket would block); after it, {@link #read} decrypts into
 * the caller's buffer and {@link #write} encrypts from it.
 * <p>
 * Buffers, all owned here: {@code netIn} holds socket bytes not yet decrypted (fill mode: bytes in
 * {@code [0, position)}); {@code netOut} holds encrypted bytes not yet written (drain mode: bytes in
 * {@code [position, limit)}); {@code appIn} holds decrypted bytes the caller's buffer had no room for (drain mode).
 * A caller's buffer with room for a whole record is decrypted into directly.
 * <p>
 * The engine's delegated tasks of the handshake (certificate path validation, which may fetch revocation data) run on
 * the task executor, not on the I/O thread: meanwhile {@link #handshake()} returns {@code false} with no interest,
 * and the {@code resume} callback asks the connection to call it again. Post-handshake messages of TLS 1.3 (session
 * tickets, key updates) are handled in {@link #read}, their rare tasks inline; TLS 1.2 renegotiation is not supported
 * (Kafka brokers never start one) and fails the connection.
 * <p>
 * Thread rule: used only on the {@link IoLoop} thread.
 */
final class TlsTransport implements Transport {

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SocketChannel channel;
    private final SSLEngine engine;
    private final String peer;
    private final Executor taskExecutor;
    private final Runnable resume;
    /** Set on the I/O thread, cleared on the task executor before {@link #resume} runs. */
    private volatile boolean tasksRunning;
    private ByteBuffer netIn;
    private ByteBuffer netOut;
    private ByteBuffer appIn;
    private boolean endOfStream;
    /** Whether the broker has sent anything: one that closes without a byte of TLS is likely no TLS listener. */
    private boolean heardFromPeer;
    /** Set when a record did not fit the caller's buffer: the rest of this read goes through appIn. */
    private boolean directOverflowed;
    /** Whether any application bytes came in: alerts before that are refusals of this client. */
    private boolean receivedData;

    private TlsTransport(SocketChannel channel, SSLEngine engine, String peer, Executor taskExecutor,
                         Runnable resume) {
        this.channel = channel;
        this.engine = engine;
        this.peer = peer;
        this.taskExecutor = taskExecutor;
        this.resume = resume;
        SSLSession session = engine.getSession();
        netIn = ByteBuffer.allocateDirect(session.getPacketBufferSize());
        netOut = ByteBuffer.allocateDirect(session.getPacketBufferSize()).flip();
        appIn = ByteBuffer.allocate(session.getApplicationBufferSize()).flip();
    }

    /**
     * Starts a client handshake with the broker at {@code host:port}; the host name is what the broker's
     * certificate must name when hostname verification is on (HTTPS rules of RFC 2818: a DNS or IP address SAN).
     *
     * @param taskExecutor where the handshake's delegated tasks run
     * @param resume called (on the task executor) when they are done: the connection then calls {@link #handshake()}
     *     again on its I/O thread
     */
    static TlsTransport client(SocketChannel channel, TlsSettings tls, String host, int port, Executor taskExecutor,
                               Runnable resume) throws IOException {
        SSLEngine engine = tls.sslContext().createSSLEngine(host, port);
        engine.setUseClientMode(true);
        SSLParameters parameters = engine.getSSLParameters();
        if (tls.hostnameVerification()) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        if (tls.enabledProtocols() != null) {
            parameters.setProtocols(tls.enabledProtocols());
        }
        if (tls.cipherSuites() != null) {
            parameters.setCipherSuites(tls.cipherSuites());
        }
        engine.setSSLParameters(parameters);
        engine.beginHandshake();
        return new TlsTransport(channel, engine, host + ":" + port, taskExecutor, resume);
    }

    @Override
    public boolean handshake() throws IOException {
        if (tasksRunning) {
            return false;
        }
        try {
            while (true) {
                if (!flush()) {
                    return false;
                }
                switch (engine.getHandshakeStatus()) {
                    case NEED_WRAP -> wrap(EMPTY);
                    case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                        if (!unwrap()) {
                            if (endOfStream && !heardFromPeer) {
                                // A plaintext listener reads the ClientHello as an oversized request and closes:
                                // a configuration mismatch the next attempt meets again, so it fails fast.
                                throw new AuthenticationFailed("TLS handshake with " + peer + " failed: the broker"
                                        + " closed the connection without answering (is its listener a TLS"
                                        + " listener? security protocol mismatch)", new EOFException());
                            }
                            if (endOfStream) {
                                throw new EOFException("connection closed by the broker during the TLS handshake"
                                        + " (is its listener TLS, and does it accept this client's certificate?)");
                            }
                            return false;
                        }
                    }
                    case NEED_TASK -> {
                        startTasks();
                        return false;
                    }
                    default -> {
                        return true; // FINISHED or NOT_HANDSHAKING, everything flushed
                    }
                }
            }
        } catch (SSLException e) {
            // Untrusted certificate, host name mismatch, refused client certificate, not a TLS listener: all are
            // configuration problems that the next attempt would meet again.
            throw new AuthenticationFailed("TLS handshake with " + peer + " failed: " + e.getMessage(), e);
        }
    }

    private void startTasks() {
        tasksRunning = true;
        taskExecutor.execute(() -> {
            try {
                runTasks(); // a failure inside surfaces at the engine's next wrap or unwrap
            } finally {
                tasksRunning = false;
                resume.run();
            }
        });
    }

    @Override
    public int handshakeInterestOps() {
        if (tasksRunning) {
            return 0;
        }
        return netOut.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        try {
            int read = decrypt(dst);
            receivedData |= read > 0;
            return read;
        } catch (SSLException e) {
            if (receivedData) {
                throw e;
            }
            // TLS 1.3: the client's handshake ends before the broker has checked the client certificate; a refusal
            // arrives as an alert in place of the first response.
            throw new AuthenticationFailed("TLS with " + peer + " failed before the first response: "
                    + e.getMessage(), e);
        }
    }

    private int decrypt(ByteBuffer dst) throws IOException {
        int start = dst.position();
        directOverflowed = false;
        while (dst.hasRemaining()) {
            if (appIn.hasRemaining()) {
                int n = Math.min(appIn.remaining(), dst.remaining());
                int limit = appIn.limit();
                appIn.limit(appIn.position() + n);
                dst.put(appIn);
                appIn.limit(limit);
                continue;
            }
            // A destination with room for a whole record (a large response frame) gets the plaintext directly,
            // without the copy through appIn.
            ByteBuffer direct = !directOverflowed && dst.remaining() >= appIn.capacity() ? dst : null;
            if (endOfStream || !unwrap(direct)) {
                break;
            }
            afterPostHandshakeMessage();
        }
        int read = dst.position() - start;
        return read == 0 && endOfStream ? -1 : read;
    }

    /** TLS 1.3 sends session tickets and key updates after the handshake; a key update needs an answer. */
    private void afterPostHandshakeMessage() throws IOException {
        SSLEngineResult.HandshakeStatus status = engine.getHandshakeStatus();
        while (status == SSLEngineResult.HandshakeStatus.NEED_TASK
                || status == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
            if (status == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                runTasks();
            } else {
                wrap(EMPTY);
                flush();
            }
            status = engine.getHandshakeStatus();
        }
    }

    @Override
    public void write(ByteBuffer src) throws IOException {
        while (src.hasRemaining() && flush()) {
            wrap(src);
        }
    }

    @Override
    public boolean hasBufferedOutput() {
        return netOut.hasRemaining();
    }

    @Override
    public boolean flush() throws IOException {
        while (netOut.hasRemaining()) {
            if (channel.write(netOut) == 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        try {
            engine.closeOutbound();
            netOut.clear().flip();
            wrap(EMPTY); // close_notify, best effort: one write, no waiting
            flush();
        } catch (IOException | RuntimeException e) {
            // the socket closes anyway
        }
        try {
            channel.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    /** Encrypts from {@code src} into {@code netOut}, which the caller has flushed. */
    private void wrap(ByteBuffer src) throws IOException {
        netOut.compact();
        SSLEngineResult result;
        try {
            result = engine.wrap(src, netOut);
        } finally {
            netOut.flip();
        }
        switch (result.getStatus()) {
            case OK -> {
                if (result.bytesConsumed() == 0 && result.bytesProduced() == 0
                        && engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                    runTasks();
                } else if (result.bytesConsumed() == 0 && result.bytesProduced() == 0 && src.hasRemaining()) {
                    throw new SSLException("TLS engine wants " + engine.getHandshakeStatus()
                            + " in the middle of the stream (renegotiation is not supported)");
                }
            }
            case BUFFER_OVERFLOW -> netOut = grow(netOut, engine.getSession().getPacketBufferSize(), true);
            case CLOSED -> throw new EOFException("TLS session with " + peer + " is closed");
            default -> throw new SSLException("unexpected TLS wrap status " + result.getStatus());
        }
    }

    /**
     * Decrypts one record from {@code netIn} into {@code appIn}, reading the socket when a whole record is not there.
     *
     * @return whether it made progress; {@code false} when the socket has no more bytes now (or ended)
     */
    private boolean unwrap() throws IOException {
        return unwrap(null);
    }

    /**
     * As {@link #unwrap()}, into {@code direct} instead of {@code appIn} when not null.
     */
    private boolean unwrap(ByteBuffer direct) throws IOException {
        netIn.flip();
        if (direct == null) {
            appIn.compact();
        }
        SSLEngineResult result;
        try {
            result = engine.unwrap(netIn, direct == null ? appIn : direct);
        } finally {
            if (direct == null) {
                appIn.flip();
            }
            netIn.compact();
        }
        switch (result.getStatus()) {
            case OK -> {
                return true;
            }
            case BUFFER_UNDERFLOW -> {
                int packet = engine.getSession().getPacketBufferSize();
                if (netIn.capacity() < packet) {
                    netIn = grow(netIn, packet, false);
                }
                int n = channel.read(netIn);
                if (n < 0) {
                    endOfStream = true;
                    return false;
                }
                heardFromPeer |= n > 0;
                return n > 0;
            }
            case BUFFER_OVERFLOW -> {
                if (direct != null) {
                    directOverflowed = true; // the record is larger than promised: take it through appIn
                } else {
                    appIn = grow(appIn, engine.getSession().getApplicationBufferSize(), true);
                }
                return true;
            }
            case CLOSED -> {
                endOfStream = true; // close_notify from the broker
                return false;
            }
            default -> throw new SSLException("unexpected TLS unwrap status " + result.getStatus());
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    /**
     * @param drainMode whether {@code buffer} is in drain mode (bytes in [position, limit)) rather than fill mode
     * @return a buffer with room for at least {@code extra} more bytes, same mode and content
     */
    private static ByteBuffer grow(ByteBuffer buffer, int extra, boolean drainMode) {
        int used = drainMode ? buffer.remaining() : buffer.position();
        ByteBuffer bigger = buffer.isDirect() ? ByteBuffer.allocateDirect(used + extra)
                : ByteBuffer.allocate(used + extra);
        if (drainMode) {
            bigger.put(buffer).flip();
        } else {
            bigger.put(buffer.flip());
        }
        return bigger;
    }
}
