package io.hpkafka.boot.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * What a user sees when a property is wrong: Spring Boot's failure analysis, naming the property.
 */
@ExtendWith(OutputCaptureExtension.class)
class HpKafkaFailureAnalysisTests {

    @Test
    void aMalformedSeedIsReportedWithThePropertyNameAndTheReason(CapturedOutput output) {
        SpringApplication application = new SpringApplication(MinimalApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        assertThatException().isThrownBy(() -> application.run("--hpkafka.seeds=host:notaport"));
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("Invalid value 'host:notaport' for configuration property 'hpkafka.seeds'")
            .contains("has a port that is not a number");
    }

    @Test
    void missingSeedsAreReportedWithThePropertyName(CapturedOutput output) {
        SpringApplication application = new SpringApplication(MinimalApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        assertThatException().isThrownBy(application::run);
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("for configuration property 'hpkafka.seeds'")
            .contains("no broker given");
    }

    @Test
    void anUnknownEnumValueIsReportedWithThePropertyNameAndTheAllowedValues(CapturedOutput output) {
        assertThatException().isThrownBy(() -> application().run("--hpkafka.seeds=localhost:9092",
                "--hpkafka.producer.required-acks=most"));
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("hpkafka.producer.required-acks")
            .contains("The following values are valid:")
            .contains("ALL_IN_SYNC_REPLICAS")
            .contains("LEADER")
            .contains("NONE");
    }

    @Test
    void anUnknownEnumValueByNameIsReportedWithTheKeyAndTheAllowedValues(CapturedOutput output) {
        assertThatException().isThrownBy(() -> application().run("--hpkafka.seeds=localhost:9092",
                "--hpkafka.properties.compression-codec=brotli"));
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("Invalid value 'brotli' for configuration property 'hpkafka.properties.compression-codec'")
            .contains("[none, gzip, snappy, lz4, zstd]");
    }

    @Test
    void anUnknownOptionByNameIsReportedWithTheKey(CapturedOutput output) {
        assertThatException().isThrownBy(() -> application().run("--hpkafka.seeds=localhost:9092",
                "--hpkafka.properties.linger-ms=5"));
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("for configuration property 'hpkafka.properties.linger-ms'")
            .contains("names no option");
    }

    @Test
    void aSerializerThatCannotBeFoundIsReportedWithTheKey(CapturedOutput output) {
        assertThatException().isThrownBy(() -> application().run("--hpkafka.seeds=localhost:9092",
                "--hpkafka.producer.value-serializer=orderSerializer"));
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("Invalid value 'orderSerializer' for configuration property 'hpkafka.producer.value-serializer'")
            .contains("names neither a bean nor a class on the class path");
    }

    private static SpringApplication application() {
        SpringApplication application = new SpringApplication(MinimalApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        return application;
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(HpKafkaAutoConfiguration.class)
    static class MinimalApplication {

    }

}
