package io.transports.merge;

import io.transports.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * One element of a {@link SequenceCrdt}: its identity, when it became visible and when it was deleted
 * (the strategy's ticks, see {@link SequenceCrdt#ticks}), and its value over the ticks a writer may
 * still base a write on. A deleted
 * element stays in the sequence as a tombstone (its identity and place, without its values once no
 * writer can see it any more), so a later insert next to it lands in the same place on every hub.
 */
final class SeqElement {
    /** Never deleted. */
    static final long LIVE = Long.MAX_VALUE;

    /**
     * An element's identity: the stamp of the write that inserted it plus a counter within that
     * stamp. Ordered by revision, then origin by code point, then counter; elements present before
     * the strategy started have revision -1, below every write.
     */
    record Id(long rev, String origin, long seq) implements Comparable<Id> {
        @Override public int compareTo(Id o) {
            int c = Long.compare(rev, o.rev);
            if (c != 0) return c;
            c = Stamp.compareCodePoints(origin, o.origin);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    /** The element's value from tick {@code rev} on, written by the write stamped {@code stamp}. */
    record Version(long rev, Value value, Stamp stamp) {}

    final Id id;
    final long insertedAt;
    long deletedAt = LIVE;
    final List<Version> versions = new ArrayList<>(1); // oldest first; the last has the highest stamp

    SeqElement(Id id, long insertedAt) {
        this.id = id;
        this.insertedAt = insertedAt;
    }

    boolean live() { return deletedAt == LIVE; }

    boolean visibleAt(long rev) { return insertedAt <= rev && deletedAt > rev; }

    Version latest() { return versions.get(versions.size() - 1); }

    /** The value a writer whose base revision was produced at tick {@code rev} saw. */
    Value valueAt(long rev) {
        for (int i = versions.size() - 1; i >= 0; i--) if (versions.get(i).rev() <= rev) return versions.get(i).value();
        return versions.get(0).value();
    }

    /** Forgets what no writer at or after {@code floor} can see: old versions, and a tombstone's values. */
    void forget(long floor) {
        if (!live() && deletedAt <= floor) {
            versions.clear();
            return;
        }
        int keepFrom = 0;
        for (int i = 0; i < versions.size(); i++) if (versions.get(i).rev() <= floor) keepFrom = i;
        if (keepFrom > 0) versions.subList(0, keepFrom).clear();
    }
}
