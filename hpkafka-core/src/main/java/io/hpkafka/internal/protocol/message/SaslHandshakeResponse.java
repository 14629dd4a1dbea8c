package io.hpkafka.internal.protocol.message;

import java.util.List;

/**
 * SaslHandshake (key 17) response, v0-v1.
 *
 * @param errorCode e.g. UNSUPPORTED_SASL_MECHANISM, ILLEGAL_SASL_STATE (not a SASL listener, or already
 *     authenticated)
 * @param mechanisms the mechanisms the listener enables
 */
public record SaslHandshakeResponse(short errorCode, List<String> mechanisms) {
}
