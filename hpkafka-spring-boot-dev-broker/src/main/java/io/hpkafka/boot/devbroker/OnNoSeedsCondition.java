package io.hpkafka.boot.devbroker;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code hpkafka.seeds} is not set at all. A blank value does not match: it is left to the main
 * auto-configuration, which refuses it naming the property, so that a typo never silently starts a broker.
 */
class OnNoSeedsCondition extends SpringBootCondition {

    static final String SEEDS = "hpkafka.seeds";

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        ConditionMessage.Builder message = ConditionMessage.forCondition("hpkafka development broker");
        if (context.getEnvironment().containsProperty(SEEDS)) {
            return ConditionOutcome.noMatch(message.found("property").items(SEEDS));
        }
        return ConditionOutcome.match(message.didNotFind("property").items(SEEDS));
    }

}
