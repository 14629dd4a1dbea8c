package io.hpkafka.boot.autoconfigure;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Details needed to reach a Kafka cluster, apart from the {@code hpkafka.*} properties. Define a bean of this type to
 * supply the brokers from somewhere else (an embedded broker, Testcontainers, a service registry); when there is none,
 * the auto-configuration uses {@code hpkafka.seeds}.
 */
public interface HpKafkaConnectionDetails extends ConnectionDetails {

    /**
     * Returns the brokers used to discover the cluster.
     * @return a comma-separated list of {@code host:port} pairs, e.g. {@code "b1:9092,b2:9092"}; an empty or
     * malformed value fails start-up
     */
    String getSeeds();

}
