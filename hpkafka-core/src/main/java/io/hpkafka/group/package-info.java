/**
 * What a consumer-group member tells the application: partitions assigned, about to be revoked and revoked, offsets
 * committed, commits that failed. The membership itself runs in {@code io.hpkafka.internal.group}.
 */
package io.hpkafka.group;
