/**
 * The requests behind {@link io.hpkafka.admin.ClusterAdmin}: where each goes (any broker, the controller, a group's
 * coordinator, every broker), what is retried until the request timeout, and how answers become the API's values.
 */
package io.hpkafka.internal.admin;
