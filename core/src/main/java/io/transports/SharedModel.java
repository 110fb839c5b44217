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

    /** How many claims a write makes before it is refused ("propose again"): the winners may keep winning. */
    static final int MAX_CLAIMS = 64;

    /**
     * {@link #write(Patch, Stamp)} with the revision ordered through {@code sequencer} (the backplane of
     * several processes): the strategy's state is kept before the merge, and when another process claimed
     * the revision first it is put back, that process's entries are adopted (each handed to
     * {@code adopted}, for broadcast, before this write's patch) and the write is merged again on top.
     * A write that changes nothing is not logged, and its effect on the strategy's stamps is undone, so
     * every process holds the same strategy state.
     */
    Patch write(Patch write, Stamp stamp, String origin, SharedSequencer sequencer, java.util.function.Consumer<SharedEntry> adopted) {
        if (sequencer == null || crdt != null) return write(write, stamp);
        for (int attempt = 0; attempt < MAX_CLAIMS; attempt++) {
            Value kept = strategy.state();
            Value merged = strategy.merge(value, write, stamp);
            List<Op> ops = Diff.diff(value, merged);
            if (ops.isEmpty()) {
                strategy.restore(kept);
                return new Patch(rev, List.of());
            }
            Patch out = new Patch(rev + 1, ops);
            List<SharedEntry> lost;
            try {
                lost = sequencer.claim(id, new SharedEntry(out, write, origin), new SharedState(id, type, value, rev, kept));
            } catch (RuntimeException e) {
                strategy.restore(kept);
                throw e;
            }
            if (lost == null) {
                value = merged;
                rev++;
                remember(out);
                return out;
            }
            strategy.restore(kept);
            for (SharedEntry e : lost) {
                if (adopt(e)) adopted.accept(e);
                else if (e.patch().rev() > rev + 1) throw new IllegalStateException("shared model " + id + ": revision "
                        + (rev + 1) + " is missing from the log (it jumps to " + e.patch().rev() + "); reload the model");
            }
        }
        throw new IllegalStateException("shared model " + id + ": other processes took the next revision " + MAX_CLAIMS
                + " times in a row; propose again");
    }

    /**
     * Take in a revision another process logged: its write is merged through the strategy (so the stamps
     * match the other process's) and the logged patch is what the value becomes. Returns false when it is
     * not the next revision (already here, or a gap).
     */
    boolean adopt(SharedEntry e) {
        if (crdt != null || e.patch().rev() != rev + 1) return false;
        Value logged = io.transports.patch.Apply.apply(value, e.patch());
        try {
            strategy.merge(value, e.write(), e.stamp());
        } catch (RuntimeException ignored) {
            // the other process accepted it against the same state; the logged patch is authoritative
        }
        value = logged;
        rev++;
        remember(e.patch());
        return true;
    }

    /** Bring the model to a state stored elsewhere (a reload after a gap): value, revision and the strategy's state. */
    void reset(Value value, long rev, Value strategyState) {
        if (crdt != null) throw new IllegalStateException("shared model " + id + " is CRDT-backed");
        strategy.restore(strategyState);
        this.value = value;
        this.rev = rev;
        log.clear();
    }

    private void remember(Patch out) {
        log.addLast(out);
        while (log.size() > logLimit) log.removeFirst();
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
