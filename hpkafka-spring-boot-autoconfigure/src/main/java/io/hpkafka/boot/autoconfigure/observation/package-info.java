/**
 * Micrometer Observation of hpkafka: produced records carry the trace context in a W3C {@code traceparent} header,
 * and listener invocations continue it, when the application has an
 * {@link io.micrometer.observation.ObservationRegistry} (and a tracer, for traces).
 */
@NullMarked
package io.hpkafka.boot.autoconfigure.observation;

import org.jspecify.annotations.NullMarked;
