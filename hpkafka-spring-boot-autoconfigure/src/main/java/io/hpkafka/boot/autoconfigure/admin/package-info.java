/**
 * Topics declared as beans: {@code io.hpkafka.admin.NewTopic} beans are created at start-up when missing and checked
 * when present, before any listener starts; and the core {@code ClusterAdmin} as a bean.
 */
@NullMarked
package io.hpkafka.boot.autoconfigure.admin;

import org.jspecify.annotations.NullMarked;
