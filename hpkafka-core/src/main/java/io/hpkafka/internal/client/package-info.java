/**
 * The client's shared parts as one value ({@link io.hpkafka.internal.client.ClientContext}), handed to every engine in place of
 * long constructor argument lists.
 */
package io.hpkafka.internal.client;
