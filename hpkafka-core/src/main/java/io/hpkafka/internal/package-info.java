/**
 * The engines behind the public API: protocol, network, cluster metadata, the produce path, the fetch path and consumer
 * groups. Public only so the packages can see each other: nothing under {@code io.hpkafka.internal} is part of the API,
 * and it changes without notice. docs/architecture.md lists the API packages and the layers these packages keep.
 */
package io.hpkafka.internal;
