/**
 * Managing the cluster rather than its records: create, delete and describe topics, list and describe consumer
 * groups and their lag. {@link io.hpkafka.admin.ClusterAdmin}, from {@code ClusterClient.admin()}, is the entry
 * point; the rest are the values it takes and returns. The requests run in {@code io.hpkafka.internal.admin}.
 */
package io.hpkafka.admin;
