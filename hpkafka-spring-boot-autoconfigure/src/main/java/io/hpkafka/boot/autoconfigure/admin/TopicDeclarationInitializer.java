package io.hpkafka.boot.autoconfigure.admin;

import io.hpkafka.admin.NewTopic;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Declares the application's {@link NewTopic} beans once every singleton exists: after the beans are created and
 * before any lifecycle bean starts, so before the {@code @HpKafkaListener} containers subscribe to the topics.
 */
final class TopicDeclarationInitializer implements SmartInitializingSingleton {

    private final TopicDeclarations declarations;
    private final ObjectProvider<NewTopic> topics;

    TopicDeclarationInitializer(TopicDeclarations declarations, ObjectProvider<NewTopic> topics) {
        this.declarations = declarations;
        this.topics = topics;
    }

    @Override
    public void afterSingletonsInstantiated() {
        this.declarations.declare(this.topics.orderedStream().toList());
    }
}
