package io.hpkafka.faults;

import java.util.BitSet;

/**
 * Record numbers (non-negative ints) in a bit set: a soak of a million records keeps it under a megabyte, so the
 * test's own bookkeeping does not blur the client's heap figures. Thread-safe.
 */
final class IdSet {

    private final BitSet bits = new BitSet();

    static IdSet of(Iterable<Integer> ids) {
        IdSet set = new IdSet();
        ids.forEach(set::add);
        return set;
    }

    synchronized void add(int id) {
        bits.set(id);
    }

    synchronized boolean contains(int id) {
        return bits.get(id);
    }

    synchronized int size() {
        return bits.cardinality();
    }

    /** @return the numbers of {@code other} missing here, at most 20 of them */
    java.util.List<Integer> missingOf(IdSet other) {
        BitSet missing = other.copy();
        missing.andNot(copy());
        return missing.stream().limit(20).boxed().toList();
    }

    /** @return true if no number is in both */
    boolean disjoint(IdSet other) {
        return !copy().intersects(other.copy());
    }

    /** @return the highest number, -1 if empty */
    synchronized int max() {
        return bits.length() - 1;
    }

    synchronized BitSet copy() {
        return (BitSet) bits.clone();
    }
}
