package io.hpkafka.internal.network;

import java.io.IOException;

/**
 * Inside the network layer: the TLS handshake or the SASL exchange failed in a way retrying cannot fix. The
 * connection turns it into an {@link io.hpkafka.errors.AuthenticationException} for every pending request. The
 * message never contains a password.
 */
final class AuthenticationFailed extends IOException {

    AuthenticationFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
