package io.transports.crdt;

import io.transports.value.KeyOrder;
import java.util.Objects;

/**
 * One causally unique operation identity: the replica that made it and that replica's counter.
 * Ordered by counter, then replica by code point (the reference's order, which also decides which of
 * two concurrent register writes wins). The initial value of a document carries the reserved dot
 * {@code (0, "$init")}.
 */
public record Dot(long counter, String replica) implements Comparable<Dot> {
    /** The replica id reserved for the initial value. */
    public static final String INIT_REPLICA = "$init";
    static final Dot INITIAL = new Dot(0, INIT_REPLICA);

    public Dot {
        Objects.requireNonNull(replica, "replica");
        if (counter < 0) throw new CrdtException("a dot counter is never negative, got " + counter);
    }

    @Override public int compareTo(Dot o) {
        int c = Long.compare(counter, o.counter);
        return c != 0 ? c : KeyOrder.INSTANCE.compare(replica, o.replica);
    }

    /** A dot an operation may carry: counter from 1, a replica that is neither empty nor {@code $init}. */
    void requireOperationDot() {
        if (counter == 0 || replica.isEmpty() || replica.equals(INIT_REPLICA)) {
            throw new CrdtException("invalid operation dot " + this + ": the counter starts at 1 and the replica is neither empty nor $init");
        }
    }

    @Override public String toString() { return "(" + counter + ", " + replica + ")"; }
}
