package io.hpkafka.internal.protocol;

/**
 * A request body that can be written at any version of its API this client implements, and that knows how to read
 * the matching response body. Encoding is deferred until the connection has negotiated the version.
 *
 * @param <R> the response type
 */
public interface Request<R> {

    /** @return the API this request belongs to */
    ApiKey apiKey();

    /** Writes the request body (after the request header) at {@code version}. */
    void write(ProtocolWriter writer, short version);

    /**
     * Reads the response body (after the response header) at {@code version}.
     *
     * @throws ProtocolException if the bytes are malformed
     */
    R readResponse(ProtocolReader reader, short version);

    /** @return whether the broker answers this request (a Produce with acks=0 gets no response) */
    default boolean expectsResponse() {
        return true;
    }

    /**
     * @return whether the decoded response still refers to the response frame's bytes (views rather than copies);
     *     its consumer then owns the frame and gives it back with {@code BrokerConnection.releaseFrame} once done.
     *     Otherwise the connection reuses the frame as soon as the response is decoded.
     */
    default boolean retainsFrame() {
        return false;
    }

    /**
     * @return the lowest version this particular request can be sent at, e.g. because it uses a feature added later
     *     (several groups in one OffsetFetch need v8); the API's minimum by default
     */
    default short minVersion() {
        return apiKey().minVersion();
    }

    /** @return the highest version this particular request may be sent at; the API's maximum by default */
    default short maxVersion() {
        return apiKey().maxVersion();
    }
}
