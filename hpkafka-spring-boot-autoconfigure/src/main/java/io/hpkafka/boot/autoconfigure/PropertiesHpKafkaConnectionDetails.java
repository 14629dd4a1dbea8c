package io.hpkafka.boot.autoconfigure;

/**
 * {@link HpKafkaConnectionDetails} read from {@code hpkafka.seeds}; the one used when no other is defined.
 */
final class PropertiesHpKafkaConnectionDetails implements HpKafkaConnectionDetails {

    private final HpKafkaProperties properties;

    PropertiesHpKafkaConnectionDetails(HpKafkaProperties properties) {
        this.properties = properties;
    }

    @Override
    public String getSeeds() {
        String seeds = this.properties.getSeeds();
        return (seeds != null) ? seeds : "";
    }

}
