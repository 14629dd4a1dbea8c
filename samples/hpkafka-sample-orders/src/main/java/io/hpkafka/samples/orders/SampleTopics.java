package io.hpkafka.samples.orders;

import io.hpkafka.admin.NewTopic;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The sample's topics, declared as beans: created at start-up when missing (on the development broker, or on your
 * cluster), checked when present (fewer partitions than declared is reported), before the listeners start.
 */
@Configuration(proxyBeanMethods = false)
class SampleTopics {

    @Bean
    NewTopic ordersTopic(SampleProperties sample) {
        return NewTopic.builder(sample.getTopic()).partitions(sample.getPartitions()).build();
    }

    // As many partitions as the orders topic: a dead letter goes to its record's partition number.
    @Bean
    NewTopic ordersDeadLetterTopic(SampleProperties sample) {
        return NewTopic.builder(sample.getDeadLetterTopic()).partitions(sample.getPartitions()).build();
    }

}
