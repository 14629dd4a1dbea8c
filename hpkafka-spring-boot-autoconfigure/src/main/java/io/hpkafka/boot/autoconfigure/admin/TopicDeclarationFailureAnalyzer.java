package io.hpkafka.boot.autoconfigure.admin;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link TopicDeclarationException} into Spring Boot's "APPLICATION FAILED TO START" report: one line per
 * declared topic that failed, and what to do about it.
 */
final class TopicDeclarationFailureAnalyzer extends AbstractFailureAnalyzer<TopicDeclarationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, TopicDeclarationException cause) {
        StringBuilder description = new StringBuilder("Declared topics (NewTopic beans) failed their start-up check:");
        cause.getProblems().forEach((p) -> description.append(System.lineSeparator()).append("    - ").append(p));
        return new FailureAnalysis(description.toString(),
                "Create or alter the topics to match, change the NewTopic beans, or set hpkafka.admin.fail-fast=false "
                        + "to start with a warning instead.",
                cause);
    }

}
