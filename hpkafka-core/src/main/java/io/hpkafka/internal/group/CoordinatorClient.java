package io.hpkafka.internal.group;

import io.hpkafka.errors.KafkaClientException;
import io.hpkafka.internal.cluster.MetadataManager;
import io.hpkafka.config.BrokerAddress;
import io.hpkafka.internal.network.Connection;
import io.hpkafka.internal.network.Connections;
import io.hpkafka.internal.protocol.Errors;
import io.hpkafka.internal.protocol.Request;
import io.hpkafka.internal.protocol.message.FindCoordinatorRequest;
import io.hpkafka.internal.protocol.message.FindCoordinatorResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Finds a group's coordinator (FindCoordinator, API key 10) and sends group requests to it. Lookups are retried every
 * {@code coordinatorDiscoveryRetryTime} until one succeeds; concurrent callers share one lookup. Callers report
 * NOT_COORDINATOR, COORDINATOR_NOT_AVAILABLE and network errors with {@link #markUnknown()}, and the next request
 * looks the coordinator up again.
 * <p>
 * Each member gets a connection of its own to its coordinator (as each Java-client consumer does): a JoinGroup may be
 * held by the broker for the whole rebalance timeout, and requests on one connection are answered in order, so sharing
 * a connection would stall, for as long, the fetches from that broker or the heartbeats of another group of the same
 * client. A rediscovered coordinator at the same address keeps the connection.
 * <p>
 * Thread rule: every method runs on the group actor; futures complete on the actor.
 */
final class CoordinatorClient {

    private static final Logger log = LoggerFactory.getLogger(CoordinatorClient.class);

    private final String groupId;
    private final MetadataManager metadata;
    private final Connections connections;
    private final ScheduledExecutorService timer;
    private final Executor actor;
    private final long retryMs;

    // Touched only on the actor.
    private Connection coordinator;
    /** The member's connection to the latest coordinator found; kept while forgotten, for a rediscovery to reuse. */
    private Connection connection;
    private CompletableFuture<Connection> lookup;
    private int nextCandidate;
    private boolean closed;

    /** @param retryMs pause between two lookups, in ms */
    CoordinatorClient(String groupId, MetadataManager metadata, Connections connections,
                      ScheduledExecutorService timer, Executor actor, long retryMs) {
        this.groupId = groupId;
        this.metadata = metadata;
        this.connections = connections;
        this.timer = timer;
        this.actor = actor;
        this.retryMs = retryMs;
    }

    /**
     * Sends {@code request} to the coordinator, looking it up first if needed.
     *
     * @return a future completing on the actor; a network failure also forgets the coordinator
     */
    <R> CompletableFuture<R> send(Request<R> request) {
        CompletableFuture<R> result = new CompletableFuture<>();
        coordinator().thenCompose(c -> c.send(request).whenComplete((r, e) -> {
            if (e != null) {
                actor.execute(() -> forget(c));
            }
        })).whenCompleteAsync((r, e) -> {
            if (e != null) {
                result.completeExceptionally(e);
            } else {
                result.complete(r);
            }
        }, actor);
        return result;
    }

    /** Forgets the coordinator: the next request looks it up again. */
    void markUnknown() {
        if (coordinator != null) {
            log.info("Group {}: coordinator {} is gone; looking it up again", groupId, coordinator.address());
            coordinator = null;
        }
    }

    /** @return whether the error code means the coordinator moved or is not ready */
    static boolean isCoordinatorError(short code) {
        return code == Errors.NOT_COORDINATOR || code == Errors.COORDINATOR_NOT_AVAILABLE;
    }

    /** Fails pending and later lookups. */
    void close() {
        closed = true;
        if (connection != null) {
            connections.release(connection);
            connection = null;
            coordinator = null;
        }
        if (lookup != null) {
            lookup.completeExceptionally(new KafkaClientException("client closed"));
            lookup = null;
        }
    }

    private void forget(Connection failed) {
        if (coordinator == failed) {
            markUnknown();
        }
    }

    private CompletableFuture<Connection> coordinator() {
        if (closed) {
            return CompletableFuture.failedFuture(new KafkaClientException("client closed"));
        }
        if (coordinator != null) {
            return CompletableFuture.completedFuture(coordinator);
        }
        if (lookup == null) {
            lookup = new CompletableFuture<>();
            discover(lookup);
        }
        return lookup;
    }

    private void discover(CompletableFuture<Connection> future) {
        if (closed || future != lookup) {
            return;
        }
        Connection via = nextCandidate();
        via.send(FindCoordinatorRequest.group(groupId)).whenCompleteAsync((response, error) -> {
            if (closed || future != lookup) {
                return;
            }
            FindCoordinatorResponse.Coordinator c = error == null && !response.coordinators().isEmpty()
                    ? response.coordinators().get(0) : null;
            if (c != null && c.errorCode() == Errors.NONE) {
                BrokerAddress address = new BrokerAddress(c.host(), c.port());
                if (connection == null || !connection.address().equals(address)) {
                    if (connection != null) {
                        connections.release(connection);
                    }
                    connection = connections.dedicated(c.nodeId(), address); // see the class comment
                }
                coordinator = connection;
                lookup = null;
                log.debug("Group {}: coordinator is node {} at {}:{}", groupId, c.nodeId(), c.host(), c.port());
                future.complete(coordinator);
                return;
            }
            String why = error != null ? String.valueOf(error.getMessage()) : c == null ? "empty answer"
                    : Errors.name(c.errorCode());
            log.debug("Group {}: no coordinator from {} ({}); retrying in {} ms", groupId, via.address(), why,
                    retryMs);
            if (error != null) {
                metadata.refresh().exceptionally(e -> null);
            }
            timer.schedule(() -> actor.execute(() -> discover(future)), retryMs, TimeUnit.MILLISECONDS);
        }, actor);
    }

    /** Known brokers and then the seeds, in turn: a broker that does not answer is not asked twice in a row. */
    private Connection nextCandidate() {
        List<Connection> candidates = new ArrayList<>();
        metadata.current().brokers().forEach((id, address) -> candidates.add(connections.node(id, address)));
        candidates.addAll(connections.seeds());
        return candidates.get(Math.floorMod(nextCandidate++, candidates.size()));
    }
}
