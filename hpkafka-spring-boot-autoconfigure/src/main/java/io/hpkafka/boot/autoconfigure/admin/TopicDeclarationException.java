package io.hpkafka.boot.autoconfigure.admin;

import java.util.List;

/**
 * Start-up stopped because declared topics could not be created or checked, or have fewer partitions than declared
 * ({@code hpkafka.admin.fail-fast=true}).
 */
public class TopicDeclarationException extends IllegalStateException {

    private final List<String> problems;

    /** @param problems one sentence per topic that failed */
    public TopicDeclarationException(List<String> problems) {
        super("Declared topics failed their start-up check (hpkafka.admin.fail-fast=true): "
                + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** @return one sentence per topic that failed, naming it */
    public List<String> getProblems() {
        return this.problems;
    }
}
