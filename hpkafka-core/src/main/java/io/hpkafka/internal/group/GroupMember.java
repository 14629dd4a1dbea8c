package io.hpkafka.internal.group;

import io.hpkafka.group.PartitionsAssigned;
import io.hpkafka.group.PartitionsRevoked;
import io.hpkafka.group.PartitionsRevoking;
import io.hpkafka.internal.client.ClientContext;
import io.hpkafka.internal.cluster.MetadataManager;
import io.hpkafka.internal.cluster.TopicMetadata;
import io.hpkafka.record.TopicPartition;
import io.hpkafka.internal.concurrent.Clock;
import io.hpkafka.internal.concurrent.SerialExecutor;
import io.hpkafka.config.AssignmentStrategy;
import io.hpkafka.config.ConsumerGroupConfiguration;
import io.hpkafka.config.DefaultOffset;
import io.hpkafka.consumer.ConsumerError;
import io.hpkafka.internal.consumer.ConsumerFetch;
import io.hpkafka.consumer.StartPosition;
import io.hpkafka.internal.protocol.Errors;
import io.hpkafka.internal.protocol.ProtocolException;
import io.hpkafka.internal.protocol.message.HeartbeatRequest;
import io.hpkafka.internal.protocol.message.JoinGroupRequest;
import io.hpkafka.internal.protocol.message.JoinGroupResponse;
import io.hpkafka.internal.protocol.message.LeaveGroupRequest;
import io.hpkafka.internal.protocol.message.OffsetFetchRequest;
import io.hpkafka.internal.protocol.message.OffsetFetchResponse;
import io.hpkafka.internal.protocol.message.SyncGroupRequest;
import io.hpkafka.internal.protocol.message.SyncGroupResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One member of a classic consumer group (protocol type {@code consumer}): joins (JoinGroup, key 11), assigns as
 * leader and receives its partitions (SyncGroup, key 14), heartbeats (key 12), starts each partition at the group's
 * committed offset (OffsetFetch, key 9) or at the default offset, commits processed records (OffsetCommit, key 8),
 * and leaves on close (LeaveGroup, key 13).
 * <p>
 * Rebalances are eager: on REBALANCE_IN_PROGRESS the member stops fetching its partitions, lets the record in hand
 * finish, raises partitions-revoking, commits what was processed (or marked), raises partitions-revoked, and only then
 * joins again, within the rebalance timeout. A member whose membership expired (no successful heartbeat for the
 * session timeout, UNKNOWN_MEMBER_ID, ILLEGAL_GENERATION) stops its partitions without committing: they are someone
 * else's now.
 * <p>
 * Thread rule: all state lives on one actor ({@link SerialExecutor}); timers only post to it, so heartbeats go on
 * while a listener is slow. Events are raised on a serial executor of their own, in order, never on the actor.
 */
public final class GroupMember {

    private static final Logger log = LoggerFactory.getLogger(GroupMember.class);
    /** Pause before retrying a join or an offset lookup the coordinator asked to retry, in ms. */
    private static final long RETRY_BACKOFF_MS = 100;
    /**
     * Longest wait for the commit on close once the record in hand is done, in ms. A reachable coordinator answers
     * in milliseconds; an unreachable one would otherwise be looked up until the client gives up on the consumer (the
     * rebalance timeout plus a request timeout, 40 s by default), past Kubernetes' 30 s grace period. What is not
     * committed then is delivered again to the next owner (a commit-failed event names it).
     */
    static final long CLOSE_COMMIT_MAX_MS = 3_000;
    /** Longest wait for the LeaveGroup on close, in ms: best effort, as kafka-clients' close; the session expires it. */
    static final long CLOSE_LEAVE_MAX_MS = 1_000;

    private enum Phase { IDLE, JOINING, SYNCING, ASSIGNING, STABLE, REVOKING, CLOSING, CLOSED }

    private final String groupId;
    private final List<String> topics;
    private final ConsumerGroupConfiguration config;
    private final MetadataManager metadata;
    private final ConsumerFetch fetcher;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final Executor executor;
    private final SerialExecutor actor;
    private final SerialExecutor events;
    private final GroupListeners listeners;
    private final CoordinatorClient coordinator;
    private final OffsetCommitter committer;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    // Touched only on the actor.
    private Phase phase = Phase.IDLE;
    private String memberId = "";
    private String protocolName;
    private Membership membership = Membership.NONE;
    /** Bumped when a rejoin or close starts: answers and timers of an older round are ignored. */
    private int epoch;
    /** As leader: partition counts the current assignment was computed from; empty otherwise. */
    private Map<String, Integer> assignedCounts = Map.of();
    private boolean heartbeatInFlight;
    private long lastHeartbeatNanos;
    private ScheduledFuture<?> heartbeatTask;
    private ScheduledFuture<?> autoCommitTask;
    /** The give-up in progress: a close during a rebalance waits for it rather than revoking twice. */
    private CompletableFuture<Void> givingUp = CompletableFuture.completedFuture(null);

    /**
     * @param context the client's shared parts: the actor and the event executor run on its executor, timers on its
     *     timer (their tasks only post to the actor)
     * @param fetcher the fetch side of the consumer this member belongs to
     * @param listeners the consumer's group listeners and error channel
     */
    public GroupMember(ClientContext context, String groupId, List<String> topics, ConsumerGroupConfiguration config,
                       ConsumerFetch fetcher, GroupListeners listeners) {
        this.groupId = groupId;
        this.topics = List.copyOf(topics);
        this.config = config;
        this.metadata = context.metadata();
        this.fetcher = fetcher;
        this.clock = context.clock();
        this.timer = context.timer();
        Executor executor = context.executor();
        this.executor = executor;
        this.actor = new SerialExecutor(executor);
        this.events = new SerialExecutor(executor);
        this.listeners = listeners;
        fetcher.commitMarkedOnly(config.commitMarkedOnly()); // before any partition is consumed
        this.coordinator = new CoordinatorClient(groupId, metadata, context.connections(), timer, actor,
                config.coordinatorDiscoveryRetryTime().toMillis());
        this.committer = new OffsetCommitter(groupId, coordinator, fetcher, actor, events, () -> membership,
                listeners.committed(), listeners.commitFailed(),
                config.offsetRetention() == null ? -1 : config.offsetRetention().toMillis());
    }

    /** @return the group id */
    public String groupId() {
        return groupId;
    }

    /** @return the subscription's settings */
    public ConsumerGroupConfiguration configuration() {
        return config;
    }

    /** Joins the group and starts heartbeats and auto-commit. */
    public void start() {
        actor.execute(() -> {
            long hb = config.heartbeatInterval().toMillis();
            heartbeatTask = timer.scheduleWithFixedDelay(() -> actor.execute(this::heartbeat), hb, hb,
                    TimeUnit.MILLISECONDS);
            if (config.autoCommitEveryMs() > 0) {
                long every = config.autoCommitEveryMs();
                autoCommitTask = timer.scheduleWithFixedDelay(() -> actor.execute(this::autoCommit), every, every,
                        TimeUnit.MILLISECONDS);
            }
            join();
        });
    }

    /**
     * Commits the offsets of records processed so far in the partitions this member owns; offsets not above the
     * committed ones are not sent.
     *
     * @return a future completing once stored; fails with {@link io.hpkafka.errors.KafkaClientException} (and a
     *     commit-failed event) when the coordinator refuses or cannot be reached
     */
    public CompletableFuture<Void> commit() {
        CompletableFuture<Void> result = new CompletableFuture<>();
        actor.execute(() -> {
            if (phase == Phase.CLOSED) {
                result.completeExceptionally(new io.hpkafka.errors.KafkaClientException("group member closed"));
                return;
            }
            // Completed off the actor and off the event executor: a caller may wait on it from either's listener.
            committer.commitProcessed().whenComplete((x, e) -> executor.execute(() -> complete(result, e)));
        });
        return result;
    }

    /**
     * Leaves the group: stops fetching, lets the record in hand finish, commits processed records, raises
     * partitions-revoked, and sends LeaveGroup so others take the partitions over at once.
     *
     * @return a future completing when done (errors are logged, never thrown)
     */
    public CompletableFuture<Void> close() {
        actor.execute(() -> {
            if (phase == Phase.CLOSING || phase == Phase.CLOSED) {
                return;
            }
            epoch++;
            phase = Phase.CLOSING;
            cancel(autoCommitTask);
            giveUp(null).whenCompleteAsync((x, e) -> leave(), actor);
        });
        return closed;
    }

    // ---------------------------------------------------------------- join and sync

    private void join() {
        phase = Phase.JOINING;
        int round = epoch;
        List<JoinGroupRequest.Protocol> protocols = new ArrayList<>();
        byte[] subscription = ConsumerProtocol.encodeSubscription(topics);
        for (AssignmentStrategy s : config.assignmentStrategies()) {
            protocols.add(new JoinGroupRequest.Protocol(s.protocolName(), subscription));
        }
        JoinGroupRequest request = new JoinGroupRequest(groupId, (int) config.sessionTimeout().toMillis(),
                (int) config.rebalanceTimeout().toMillis(), memberId, null, ConsumerProtocol.PROTOCOL_TYPE,
                protocols, null);
        coordinator.send(request).whenComplete((response, error) -> {
            if (round == epoch) {
                onJoin(response, error);
            }
        });
    }

    private void onJoin(JoinGroupResponse response, Throwable error) {
        if (error != null) {
            log.debug("Group {}: JoinGroup failed: {}", groupId, error.toString());
            raise("JoinGroup failed: " + error.getMessage(), error);
            coordinator.markUnknown();
            later(this::join, config.coordinatorDiscoveryRetryTime().toMillis());
            return;
        }
        short code = response.errorCode();
        if (code == Errors.MEMBER_ID_REQUIRED) {
            memberId = response.memberId(); // KIP-394: join again with the id the coordinator chose
            join();
        } else if (code == Errors.UNKNOWN_MEMBER_ID) {
            memberId = "";
            join();
        } else if (CoordinatorClient.isCoordinatorError(code)) {
            coordinator.markUnknown();
            join();
        } else if (isFatalJoinError(code)) {
            giveUpJoining(code);
        } else if (code != Errors.NONE) {
            long backoff = code == Errors.COORDINATOR_LOAD_IN_PROGRESS || code == Errors.REBALANCE_IN_PROGRESS
                    ? RETRY_BACKOFF_MS : config.coordinatorDiscoveryRetryTime().toMillis();
            log.warn("Group {}: JoinGroup answered {}; joining again in {} ms", groupId, Errors.name(code), backoff);
            raise("JoinGroup answered " + Errors.name(code), null);
            later(this::join, backoff);
        } else {
            memberId = response.memberId();
            protocolName = response.protocolName();
            assignedCounts = Map.of();
            int generation = response.generationId();
            log.debug("Group {}: joined generation {} as {} (leader: {}, strategy {})", groupId, generation,
                    memberId, response.isLeader(), protocolName);
            if (response.isLeader() && !response.skipAssignment()) {
                assign(generation, response.members());
            } else {
                sync(generation, List.of());
            }
        }
    }

    /** As leader: reads every member's subscription, looks up partition counts, runs the chosen assignor. */
    private void assign(int generation, List<JoinGroupResponse.Member> members) {
        int round = epoch;
        Map<String, List<String>> subscriptions = new LinkedHashMap<>();
        for (JoinGroupResponse.Member m : members) {
            try {
                subscriptions.put(m.memberId(), ConsumerProtocol.decodeSubscription(m.metadata()));
            } catch (ProtocolException e) {
                // One unreadable member must not stall the group: it gets nothing this generation.
                log.warn("Group {}: subscription of member {} is malformed: {}", groupId, m.memberId(),
                        e.getMessage());
                subscriptions.put(m.memberId(), List.of());
            }
        }
        Map<String, CompletableFuture<TopicMetadata>> lookups = new HashMap<>();
        subscriptions.values().forEach(ts -> ts.forEach(t -> lookups.computeIfAbsent(t, metadata::topic)));
        CompletableFuture.allOf(lookups.values().stream().map(f -> f.handle((t, e) -> null))
                .toArray(CompletableFuture[]::new)).whenCompleteAsync((x, e) -> {
                    if (round != epoch) {
                        return;
                    }
                    Map<String, Integer> counts = new HashMap<>();
                    lookups.forEach((topic, f) -> {
                        TopicMetadata t = f.isCompletedExceptionally() ? null : f.getNow(null);
                        if (t != null) {
                            counts.put(topic, t.partitions().size());
                        } else {
                            log.warn("Group {}: topic '{}' is not available; not assigned", groupId, topic);
                            raise("topic '" + topic + "' is not available; this generation assigns none of its"
                                    + " partitions", null);
                        }
                    });
                    assignedCounts = Map.copyOf(counts);
                    PartitionAssignor assignor = PartitionAssignor.of(strategy(protocolName));
                    List<SyncGroupRequest.Assignment> assignments = new ArrayList<>();
                    assignor.assign(subscriptions, counts).forEach((member, partitions) -> assignments.add(
                            new SyncGroupRequest.Assignment(member, ConsumerProtocol.encodeAssignment(partitions))));
                    sync(generation, assignments);
                }, actor);
    }

    private static AssignmentStrategy strategy(String protocolName) {
        for (AssignmentStrategy s : AssignmentStrategy.values()) {
            if (s.protocolName().equals(protocolName)) {
                return s;
            }
        }
        // The coordinator only picks a strategy every member offered, so this member offered it.
        throw new IllegalStateException("coordinator chose strategy '" + protocolName + "', which was not offered");
    }

    private void sync(int generation, List<SyncGroupRequest.Assignment> assignments) {
        phase = Phase.SYNCING;
        int round = epoch;
        coordinator.send(new SyncGroupRequest(groupId, generation, memberId, null, ConsumerProtocol.PROTOCOL_TYPE,
                protocolName, assignments)).whenComplete((response, error) -> {
                    if (round == epoch) {
                        onSync(generation, response, error);
                    }
                });
    }

    private void onSync(int generation, SyncGroupResponse response, Throwable error) {
        short code = error != null ? Errors.COORDINATOR_NOT_AVAILABLE : response.errorCode();
        if (code != Errors.NONE) {
            log.debug("Group {}: SyncGroup failed ({}); joining again", groupId,
                    error != null ? error.toString() : Errors.name(code));
            if (code == Errors.UNKNOWN_MEMBER_ID) {
                memberId = "";
            }
            if (CoordinatorClient.isCoordinatorError(code)) {
                coordinator.markUnknown();
            }
            if (code != Errors.REBALANCE_IN_PROGRESS) {
                raise("SyncGroup failed: " + (error != null ? error.getMessage() : Errors.name(code)), error);
            }
            later(this::join, code == Errors.REBALANCE_IN_PROGRESS ? 0 : RETRY_BACKOFF_MS);
            return;
        }
        List<TopicPartition> assigned;
        try {
            assigned = ConsumerProtocol.decodeAssignment(response.assignment());
        } catch (ProtocolException e) {
            log.warn("Group {}: assignment is malformed ({}); joining again", groupId, e.getMessage());
            raise("the assignment is malformed: " + e.getMessage(), e);
            later(this::join, config.coordinatorDiscoveryRetryTime().toMillis());
            return;
        }
        membership = new Membership(generation, memberId, Set.copyOf(assigned));
        phase = Phase.ASSIGNING;
        lastHeartbeatNanos = clock.nanoTime(); // the sync answer proves the session is alive
        log.info("Group {}: generation {} assigns {} to {}", groupId, generation, assigned, memberId);
        fetchCommitted(assigned);
    }

    /** Looks up the group's committed offsets of the new partitions, retrying until it gets them. */
    private void fetchCommitted(List<TopicPartition> assigned) {
        if (assigned.isEmpty()) {
            startConsuming(assigned, Map.of());
            return;
        }
        int round = epoch;
        Map<String, List<Integer>> byTopic = new LinkedHashMap<>();
        assigned.forEach(tp -> byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>()).add(tp.partition()));
        List<OffsetFetchRequest.Topic> request = new ArrayList<>();
        byTopic.forEach((t, ps) -> request.add(new OffsetFetchRequest.Topic(t,
                ps.stream().mapToInt(Integer::intValue).toArray())));
        coordinator.send(OffsetFetchRequest.of(groupId, request)).whenComplete((response, error) -> {
            if (round != epoch) {
                return;
            }
            String problem = null;
            Map<TopicPartition, Long> committed = new HashMap<>();
            if (error != null) {
                problem = error.toString();
            } else if (response.groups().isEmpty()) {
                problem = "no group in the answer";
            } else {
                OffsetFetchResponse.Group g = response.groups().get(0);
                if (g.errorCode() != Errors.NONE) {
                    problem = Errors.name(g.errorCode());
                    if (CoordinatorClient.isCoordinatorError(g.errorCode())) {
                        coordinator.markUnknown();
                    }
                }
                for (OffsetFetchResponse.PartitionOffset p : g.partitions()) {
                    if (p.errorCode() != Errors.NONE) {
                        problem = Errors.name(p.errorCode()); // e.g. UNSTABLE_OFFSET_COMMIT: ask again
                        if (CoordinatorClient.isCoordinatorError(p.errorCode())) {
                            coordinator.markUnknown(); // v1 reports it per partition
                        }
                    } else if (p.committedOffset() >= 0) {
                        committed.put(new TopicPartition(p.topic(), p.partition()), p.committedOffset());
                    }
                }
            }
            if (problem != null) {
                log.debug("Group {}: OffsetFetch failed ({}); asking again", groupId, problem);
                raise("OffsetFetch of the committed offsets failed: " + problem, error);
                later(() -> fetchCommitted(assigned), RETRY_BACKOFF_MS);
                return;
            }
            startConsuming(assigned, committed);
        });
    }

    private void startConsuming(List<TopicPartition> assigned, Map<TopicPartition, Long> committed) {
        int round = epoch;
        PartitionsAssigned event = new PartitionsAssigned(groupId, membership.generationId(), List.copyOf(assigned));
        // Listeners first, so "assigned" is raised before any record of the partitions.
        CompletableFuture.runAsync(() -> listeners.assigned().fire(event), events).whenCompleteAsync((x, e) -> {
            if (round != epoch) {
                return;
            }
            long fallback = config.defaultOffset() == DefaultOffset.EARLIEST ? StartPosition.EARLIEST
                    : StartPosition.LATEST;
            for (TopicPartition tp : assigned) {
                Long offset = committed.get(tp);
                if (offset != null) {
                    committer.known(tp, offset);
                }
                fetcher.consume(tp.topic(), tp.partition(), new StartPosition(offset != null ? offset : fallback));
            }
            phase = Phase.STABLE;
        }, actor);
    }

    // ---------------------------------------------------------------- rebalance

    /** Gives the partitions up (committing them unless {@code lost}) and joins again. */
    private void rejoin(String reason, boolean lost) {
        String lostBecause = lost ? reason : null;
        if (phase != Phase.STABLE && phase != Phase.ASSIGNING) {
            return; // already joining, giving up, or closing
        }
        log.info("Group {}: {}; {} partitions {} and joining again", groupId, reason,
                lostBecause != null ? "lost" : "revoking", membership.owned());
        if (lost) {
            raise("partitions " + membership.owned() + " lost: " + reason, null);
        }
        int round = ++epoch;
        phase = Phase.REVOKING;
        giveUp(lostBecause).whenCompleteAsync((x, e) -> {
            if (round == epoch) {
                join();
            }
        }, actor);
    }

    /**
     * Stops fetching the owned partitions, waits for the record in hand, raises partitions-revoking on the delivery
     * executor, commits what was processed (unless lost), then raises partitions-revoked and waits for its listeners.
     *
     * @param lostBecause why the membership is gone (nothing can be committed), or null
     */
    private CompletableFuture<Void> giveUp(String lostBecause) {
        if (!givingUp.isDone()) {
            return givingUp;
        }
        boolean lost = lostBecause != null;
        Membership held = membership;
        if (held.owned().isEmpty()) {
            membership = new Membership(held.generationId(), held.memberId(), Set.of());
            return CompletableFuture.completedFuture(null);
        }
        List<TopicPartition> owned = List.copyOf(held.owned());
        PartitionsRevoking revoking = new PartitionsRevoking(groupId, owned, lost);
        // On the delivery executor, before the offsets are read: marks made there are in the commit.
        givingUp = fetcher.stopAndDrain(owned, () -> listeners.revoking().fire(revoking))
                .thenComposeAsync(processed -> {
                    if (lost || held.generationId() < 0) {
                        committer.lost(processed, "partitions lost: " + lostBecause);
                        return CompletableFuture.<Void>completedFuture(null);
                    }
                    CompletableFuture<Void> commit = committer.commit(processed);
                    if (phase != Phase.CLOSING) {
                        return commit.exceptionally(e -> null);
                    }
                    return commit.orTimeout(CLOSE_COMMIT_MAX_MS, TimeUnit.MILLISECONDS).exceptionally(e -> {
                        if (e instanceof java.util.concurrent.TimeoutException
                                || e.getCause() instanceof java.util.concurrent.TimeoutException) {
                            log.warn("Group {}: commit on close of {} not answered within {} ms (coordinator "
                                    + "unreachable?); closing without it", groupId, processed, CLOSE_COMMIT_MAX_MS);
                        }
                        return null;
                    });
                }, actor)
                .thenComposeAsync(x -> {
                    membership = new Membership(held.generationId(), held.memberId(), Set.of());
                    PartitionsRevoked event = new PartitionsRevoked(groupId, owned, lost);
                    return CompletableFuture.runAsync(() -> listeners.revoked().fire(event), events);
                }, actor);
        return givingUp;
    }

    // ---------------------------------------------------------------- heartbeat and auto-commit

    private void heartbeat() {
        boolean member = phase == Phase.STABLE || phase == Phase.ASSIGNING || phase == Phase.REVOKING
                || phase == Phase.CLOSING;
        if (!member || membership.generationId() < 0) {
            return;
        }
        // Checked even while a heartbeat waits for a coordinator that cannot be found.
        if (phase != Phase.REVOKING && phase != Phase.CLOSING
                && clock.nanoTime() - lastHeartbeatNanos > config.sessionTimeout().toNanos()) {
            // The coordinator has removed us by now: another member may own these partitions.
            rejoin("no heartbeat answered within the session timeout", true);
            return;
        }
        if (phase == Phase.STABLE && partitionCountChanged()) {
            rejoin("partitions were added to a subscribed topic", false);
            return;
        }
        if (heartbeatInFlight) {
            return;
        }
        heartbeatInFlight = true;
        int round = epoch;
        coordinator.send(new HeartbeatRequest(groupId, membership.generationId(), membership.memberId(), null))
                .whenComplete((response, error) -> {
                    heartbeatInFlight = false;
                    if (round != epoch) {
                        return; // sent before a rejoin: says nothing about the membership being built
                    }
                    short code = error != null ? Errors.COORDINATOR_NOT_AVAILABLE : response.errorCode();
                    if (code == Errors.NONE) {
                        lastHeartbeatNanos = clock.nanoTime();
                    } else if (code == Errors.REBALANCE_IN_PROGRESS) {
                        lastHeartbeatNanos = clock.nanoTime();
                        rejoin("the group is rebalancing", false);
                    } else if (code == Errors.UNKNOWN_MEMBER_ID || code == Errors.ILLEGAL_GENERATION
                            || code == Errors.FENCED_INSTANCE_ID) {
                        if (code == Errors.UNKNOWN_MEMBER_ID) {
                            memberId = "";
                        }
                        rejoin("heartbeat answered " + Errors.name(code), true);
                    } else {
                        if (CoordinatorClient.isCoordinatorError(code)) {
                            coordinator.markUnknown();
                        }
                        log.debug("Group {}: heartbeat failed: {}", groupId,
                                error != null ? error.toString() : Errors.name(code));
                        raise("Heartbeat failed: " + (error != null ? error.getMessage() : Errors.name(code)),
                                error);
                    }
                });
    }

    /** As leader, whether the metadata shows a partition count other than the assignment's (as the Java client). */
    private boolean partitionCountChanged() {
        for (Map.Entry<String, Integer> e : assignedCounts.entrySet()) {
            TopicMetadata t = metadata.current().topic(e.getKey());
            if (t != null && t.usable() && t.partitions().size() != e.getValue()) {
                return true;
            }
        }
        return false;
    }

    private void autoCommit() {
        if (phase == Phase.STABLE) {
            committer.commitProcessed(); // a failure is reported by a commit-failed event; fetching goes on
        }
    }

    // ---------------------------------------------------------------- leave

    private void leave() {
        String id = memberId;
        CompletableFuture<?> left = id.isEmpty() ? CompletableFuture.completedFuture(null)
                : coordinator.send(LeaveGroupRequest.of(groupId, id, "client closed"))
                        .orTimeout(CLOSE_LEAVE_MAX_MS, TimeUnit.MILLISECONDS);
        left.whenCompleteAsync((r, e) -> { // a timeout completes off the actor
            if (e != null) {
                log.debug("Group {}: LeaveGroup failed: {}", groupId, e.toString());
            }
            phase = Phase.CLOSED;
            membership = Membership.NONE;
            cancel(heartbeatTask);
            coordinator.close();
            events.execute(() -> closed.complete(null)); // after every event already queued
        }, actor);
    }

    /**
     * JoinGroup errors that joining again cannot cure, fatal to the official client's consumer too: the group's
     * members speak protocols this member does not offer (INCONSISTENT_GROUP_PROTOCOL: another protocol type, or no
     * assignor in common), the group id or session timeout is refused, access is denied, or the group is full.
     */
    private static boolean isFatalJoinError(short code) {
        return code == Errors.INCONSISTENT_GROUP_PROTOCOL || code == Errors.INVALID_GROUP_ID
                || code == Errors.INVALID_SESSION_TIMEOUT || code == Errors.GROUP_AUTHORIZATION_FAILED
                || code == Errors.GROUP_MAX_SIZE_REACHED;
    }

    /**
     * Stops trying to join (no heartbeat, no auto-commit, no partition) and says why, once, on the error channel with
     * {@code retrying = false}; the consumer stays open, so the application may close it and subscribe anew.
     */
    private void giveUpJoining(short code) {
        String why = switch (code) {
            case Errors.INCONSISTENT_GROUP_PROTOCOL -> "the group's members use a protocol type or assignors this"
                    + " member does not offer (it offers " + ConsumerProtocol.PROTOCOL_TYPE + " with "
                    + config.assignmentStrategies() + ")";
            case Errors.INVALID_SESSION_TIMEOUT -> "the broker refuses the session timeout of "
                    + config.sessionTimeout().toMillis() + " ms (group.min/max.session.timeout.ms)";
            case Errors.GROUP_AUTHORIZATION_FAILED -> "this client may not join the group";
            case Errors.GROUP_MAX_SIZE_REACHED -> "the group has reached the broker's group.max.size";
            default -> "the broker refuses the group id";
        };
        String message = "JoinGroup answered " + Errors.name(code) + ": " + why + "; the member stops joining";
        log.error("Group {}: {}", groupId, message);
        epoch++;
        phase = Phase.IDLE;
        cancel(heartbeatTask);
        cancel(autoCommitTask);
        if (!listeners.errors().isEmpty()) {
            ConsumerError event = new ConsumerError(ConsumerError.Kind.GROUP, null, -1, -1, message, false, null);
            events.execute(() -> listeners.errors().fire(event));
        }
    }

    // ---------------------------------------------------------------- helpers

    /** Raises a group error on the consumer's error channel (the member goes on by itself: retrying is true). */
    private void raise(String error, Throwable cause) {
        if (!listeners.errors().isEmpty()) {
            ConsumerError event = new ConsumerError(ConsumerError.Kind.GROUP, null, -1, -1, error, true, cause);
            events.execute(() -> listeners.errors().fire(event));
        }
    }

    /** Runs {@code task} on the actor after {@code delayMs}, unless a rejoin or close started meanwhile. */
    private void later(Runnable task, long delayMs) {
        int round = epoch;
        timer.schedule(() -> actor.execute(() -> {
            if (round == epoch) {
                task.run();
            }
        }), delayMs, TimeUnit.MILLISECONDS);
    }

    private static void cancel(ScheduledFuture<?> task) {
        if (task != null) {
            task.cancel(false);
        }
    }

    private static void complete(CompletableFuture<Void> result, Throwable error) {
        if (error != null) {
            result.completeExceptionally(error);
        } else {
            result.complete(null);
        }
    }
}
