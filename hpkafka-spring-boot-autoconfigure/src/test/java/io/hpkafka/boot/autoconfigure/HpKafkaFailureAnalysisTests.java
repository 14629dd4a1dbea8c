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

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(HpKafkaAutoConfiguration.class)
    static class MinimalApplication {

    }

}
