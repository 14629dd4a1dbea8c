/**
 * Micrometer binding of the hpkafka client's statistics.
 */
@NullMarked
package io.hpkafka.boot.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
