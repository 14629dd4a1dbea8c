package io.hpkafka.boot.autoconfigure.health;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the hpkafka health indicator ({@code hpkafka.health.*}). The indicator itself is switched on and off as
 * Spring Boot's are, with {@code management.health.hpkafka.enabled}.
 */
@ConfigurationProperties("hpkafka.health")
public class HpKafkaHealthProperties {

    /**
     * Longest time without an answer from any broker before the health is DOWN (at once when every connection
     * attempt is failing); after half of it, a health check asks the cluster for its topics (one Metadata request) so
     * that an idle client is not reported DOWN.
     */
    private Duration responseTimeout = Duration.ofSeconds(30);

    /**
     * Longest time a health check waits for the answer to the Metadata request it sent; the check never blocks longer.
     */
    private Duration probeTimeout = Duration.ofSeconds(2);

    public Duration getResponseTimeout() {
        return this.responseTimeout;
    }

    public void setResponseTimeout(Duration responseTimeout) {
        this.responseTimeout = responseTimeout;
    }

    public Duration getProbeTimeout() {
        return this.probeTimeout;
    }

    public void setProbeTimeout(Duration probeTimeout) {
        this.probeTimeout = probeTimeout;
    }

}
