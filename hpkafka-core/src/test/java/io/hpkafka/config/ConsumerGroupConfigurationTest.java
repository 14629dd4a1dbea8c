package io.hpkafka.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsumerGroupConfigurationTest {

    @Test
    void defaultsFollowTheSeedDriver() {
        ConsumerGroupConfiguration c = ConsumerGroupConfiguration.builder().build();
        assertThat(c.sessionTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.rebalanceTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(c.heartbeatInterval()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.autoCommitEveryMs()).isEqualTo(5000);
        assertThat(c.offsetRetention()).isNull();
        assertThat(c.defaultOffset()).isEqualTo(DefaultOffset.LATEST);
        assertThat(c.coordinatorDiscoveryRetryTime()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.assignmentStrategies()).containsExactly(AssignmentStrategy.RANGE, AssignmentStrategy.ROUND_ROBIN);
        assertThat(c.commitMarkedOnly()).isFalse();
    }

    @Test
    void commitMarkedOnlyIsKeptAndShown() {
        ConsumerGroupConfiguration c = ConsumerGroupConfiguration.builder().commitMarkedOnly(true).build();
        assertThat(c.commitMarkedOnly()).isTrue();
        assertThat(c.toString()).contains("commitMarkedOnly=true");
    }

    @Test
    void theDefaultHeartbeatFitsAShortSessionTimeout() {
        assertThat(ConsumerGroupConfiguration.builder().sessionTimeout(Duration.ofSeconds(6)).build()
                .heartbeatInterval()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void autoCommitIsDisabledByZeroOrLess() {
        assertThat(ConsumerGroupConfiguration.builder().autoCommitEveryMs(0).build().autoCommitEveryMs()).isEqualTo(-1);
    }

    @Test
    void invalidValuesNameTheirOption() {
        rejects("sessionTimeout", b -> b.sessionTimeout(Duration.ZERO));
        rejects("sessionTimeout", b -> b.sessionTimeout(null));
        rejects("rebalanceTimeout", b -> b.rebalanceTimeout(Duration.ofDays(30)));
        rejects("heartbeatInterval", b -> b.sessionTimeout(Duration.ofSeconds(6)).heartbeatInterval(Duration.ofSeconds(6)));
        rejects("offsetRetention", b -> b.offsetRetention(Duration.ofMinutes(-1)));
        rejects("defaultOffset", b -> b.defaultOffset(null));
        rejects("coordinatorDiscoveryRetryTime", b -> b.coordinatorDiscoveryRetryTime(Duration.ofMillis(-5)));
        rejects("assignmentStrategies", b -> b.assignmentStrategies(List.of()));
    }

    private static void rejects(String option, UnaryOperator<ConsumerGroupConfiguration.Builder> change) {
        assertThatThrownBy(() -> change.apply(ConsumerGroupConfiguration.builder()).build())
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.option()).isEqualTo(option))
                .hasMessageContaining(option);
    }
}
