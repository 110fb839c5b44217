package io.transports;

import io.transports.merge.MergeStrategy;
import io.transports.merge.Stamp;
import io.transports.patch.Diff;
import io.transports.patch.Op;
import io.transports.patch.Patch;
import io.transports.protocol.Message;
import io.transports.protocol.Snapshot;
import io.transports.value.Value;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The authoritative state of one of a {@link Hub}'s shared models: value, revision, merge strategy, the
 * tenants subscribed with their modes, a bounded log of the patches it broadcast (for {@code since}),
 * the merged writes not yet sent ({@link PendingWrites}), and the awareness state of the connections
 * looking at it. A CRDT-backed model keeps a
 * {@link SharedCrdt} instead of a value, strategy and log (its mirrors always restart from a
 * {@code crdt_snapshot}). Guarded by the hub's lock.
 */
final class SharedModel {
    final long id;
    final String type;
    final MergeStrategy strategy;
    /** The CRDT document when the model is CRDT-backed, else null. */
    final SharedCrdt crdt;
    final Map<String, Hub.Mode> subscribers = new LinkedHashMap<>();
    /** Awareness state by connection, in arrival order; never logged. */
    final Map<Connection, Value> awareness = new LinkedHashMap<>();
    /** Merged writes not yet sent (null for a CRDT-backed model, whose batches go out at once). */
    final PendingWrites pending;
    private final ArrayDeque<Patch> log = new ArrayDeque<>();
    private final int logLimit;
    private Value value;
    private long rev;

    SharedModel(long id, String type, Value value, long rev, MergeStrategy strategy, int logLimit) {
        this.id = id;
        this.type = type;
        this.value = value;
        this.rev = rev;
        this.strategy = strategy;
        this.logLimit = logLimit;
        this.crdt = null;
        this.pending = new PendingWrites(rev);
    }

    SharedModel(long id, SharedCrdt crdt) {
        this.id = id;
        this.type = crdt.type;
        this.crdt = crdt;
        this.strategy = null;
        this.logLimit = 0;
        this.pending = null;
    }

    Value value() { return crdt != null ? crdt.value() : value; }

    long rev() { return crdt != null ? crdt.rev() : rev; }

    Message snapshot() { return crdt != null ? crdt.snapshot(id) : new Snapshot(id, type, rev, value); }

    SharedState state() {
        if (crdt != null) return new SharedState(id, type, crdt.value(), crdt.rev(), null, crdt.spec().toNode(), crdt.state());
        return new SharedState(id, type, value, rev, strategy.state());
    }

    /**
     * Merge one write through the strategy and return the patch subscribers get (at the next revision),
     * or an empty patch at the current revision when the merged value equals the old one.
     *
     * @throws RuntimeException from the strategy when the write cannot apply (nothing changes)
     */
    Patch write(Patch write, Stamp stamp) {
        if (crdt != null) throw new IllegalStateException("shared model " + id + " is CRDT-backed: edit it with Hub.editCrdt (tenants send crdt operations)");
        Value merged = strategy.merge(value, write, stamp);
        List<Op> ops = Diff.diff(value, merged);
        if (ops.isEmpty()) return new Patch(rev, List.of());
        value = merged;
        rev++;
        Patch out = new Patch(rev, ops);
        log.addLast(out);
        while (log.size() > logLimit) log.removeFirst();
        return out;
    }

    /** The patches after {@code have}, or empty when the log no longer reaches back that far. */
    Optional<List<Patch>> since(long have) {
        if (crdt != null) return Optional.empty(); // no patch log: a crdt_snapshot brings the mirror back
        if (have == rev) return Optional.of(List.of());
        if (have > rev) return Optional.empty(); // a mirror from another life of this model: start it over
        Patch first = log.peekFirst();
        if (first == null || first.rev() > have + 1) return Optional.empty();
        List<Patch> out = new ArrayList<>();
        for (Patch p : log) if (p.rev() > have) out.add(p);
        return Optional.of(out);
    }
}
