/**
 * Security of the auto-configured client ({@code hpkafka.security.*}): the listener protocol, TLS material from a
 * Spring Boot SSL bundle, and SASL credentials, turned into the core's {@link io.hpkafka.config.SecurityConfiguration}.
 */
@NullMarked
package io.hpkafka.boot.autoconfigure.security;

import org.jspecify.annotations.NullMarked;
