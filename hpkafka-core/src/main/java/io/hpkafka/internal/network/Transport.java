package io.hpkafka.internal.network;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;

/**
 * The byte stream under a {@link BrokerConnection}: the socket itself ({@link PlaintextTransport}), or TLS records
 * over it ({@link TlsTransport}). Non-blocking throughout: every method does what the socket allows now and returns.
 * <p>
 * Thread rule: used only on the {@link IoLoop} thread.
 */
interface Transport {

    /**
     * Advances the handshake as far as the socket allows.
     *
     * @return {@code true} once application bytes can flow; then the connection stops calling it
     * @throws AuthenticationFailed if the peer cannot be trusted (or does not trust this client)
     * @throws IOException if the socket fails
     */
    boolean handshake() throws IOException;

    /**
     * @return the selector interest ({@link SelectionKey#OP_READ} and/or OP_WRITE) an unfinished handshake waits on;
     *     0 while it waits for work on another thread, which then asks the connection to continue
     */
    int handshakeInterestOps();

    /**
     * Reads application bytes into {@code dst} until it is full or the socket has no more.
     *
     * @return bytes read, or -1 at the end of the stream
     */
    int read(ByteBuffer dst) throws IOException;

    /** Writes application bytes from {@code src}, as many as the socket takes now; the rest stay in {@code src}. */
    void write(ByteBuffer src) throws IOException;

    /** @return whether bytes this transport buffered itself (TLS records) still wait for the socket */
    boolean hasBufferedOutput();

    /**
     * Writes buffered bytes, as many as the socket takes now.
     *
     * @return {@code true} when nothing is buffered any more
     */
    boolean flush() throws IOException;

    /** Closes the socket (a TLS transport first tries to send close_notify). Never throws. */
    void close();
}
