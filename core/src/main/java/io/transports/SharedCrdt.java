package io.transports;

import com.fasterxml.jackson.databind.JsonNode;
import io.transports.crdt.CrdtDocument;
import io.transports.crdt.CrdtJson;
import io.transports.crdt.CrdtMutation;
import io.transports.crdt.CrdtOp;
import io.transports.crdt.CrdtSpec;
import io.transports.protocol.CrdtSnapshot;
import io.transports.value.Value;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One CRDT document hosted for many writers — the rules {@link CrdtHost} and the {@link Hub}'s
 * CRDT-backed shared models both follow (docs/protocol.md "CRDT documents"): the document, its
 * revision, and which writer owns each replica id (a replica is bound to the first writer whose
 * operations use it; a writer is a connection in CrdtHost, a tenant in the Hub). No I/O; callers
 * serialise calls and word the frames.
 */
final class SharedCrdt {
    /** What a writer's batch of operations came to. */
    sealed interface Outcome {}

    /** Refused, nothing changed: {@code why} is the reject's error. */
    record Refused(String why) implements Outcome {}

    /** Every operation was already applied: the revision stays. */
    record Duplicate() implements Outcome {}

    /** Applied at the new revision; {@code ops} is what every subscriber gets (wire form). */
    record Applied(JsonNode ops) implements Outcome {}

    final String type;
    private final CrdtDocument doc;
    private final Map<String, Object> owners = new HashMap<>();
    /** What each writing replica has proven it has seen, for a safe compaction frontier. */
    private final CrdtReplicas replicas;
    private long rev;
    /** The safe frontier automatic compaction last used. */
    private Map<String, Long> lastAutoFrontier = Map.of();

    SharedCrdt(String type, CrdtDocument doc, long rev) { this(type, doc, rev, false, System.nanoTime()); }

    /** @param restored the document was restored from a saved state (see {@link CrdtReplicas}) */
    SharedCrdt(String type, CrdtDocument doc, long rev, boolean restored, long now) {
        this.type = type;
        this.doc = doc;
        this.rev = rev;
        this.replicas = new CrdtReplicas(doc.contiguousFrontier(), rev, restored, now);
    }

    long rev() { return rev; }

    Value value() { return doc.value(); }

    CrdtSpec spec() { return doc.spec(); }

    String state() { return doc.stateJson(); }

    CrdtSnapshot snapshot(long id) {
        return new CrdtSnapshot(id, type, rev, doc.value(), doc.spec().toNode(), CrdtJson.parseTree(doc.stateJson()));
    }

    /**
     * A writer's operations: refused when they cannot be read, fit the spec, or use a replica id owned by
     * another writer (or the host's own); otherwise applied, binding their replica ids to {@code writer}.
     */
    Outcome write(Object writer, JsonNode wireOps) { return write(writer, wireOps, 0, System.nanoTime()); }

    /**
     * As {@link #write(Object, JsonNode)}, for a batch its replica made at {@code baseRev} (0: unknown)
     * and that arrived at {@code now} (a nanoTime reading): an accepted or duplicate batch is evidence of
     * what its replica has seen (see {@link CrdtReplicas}).
     */
    Outcome write(Object writer, JsonNode wireOps, long baseRev, long now) {
        List<CrdtOp> ops;
        try {
            ops = CrdtJson.ops(wireOps, CrdtJson.Form.WIRE);
        } catch (RuntimeException e) {
            return new Refused(e.getMessage());
        }
        Set<String> replicas = new LinkedHashSet<>();
        for (CrdtOp op : ops) replicas.add(op.dot().replica());
        for (String r : replicas) {
            Object o = owners.get(r);
            if (r.equals(doc.replica()) || (o != null && !o.equals(writer))) {
                return new Refused("CRDT replica '" + r + "' belongs to another writer");
            }
        }
        int applied;
        try {
            applied = doc.merge(ops); // checks every operation against the spec before changing anything
        } catch (RuntimeException e) {
            return new Refused(e.getMessage());
        }
        for (String r : replicas) owners.putIfAbsent(r, writer);
        this.replicas.heard(replicas, baseRev, rev, now);
        if (applied == 0) return new Duplicate();
        advance(ops);
        return new Applied(CrdtJson.toNode(ops, CrdtJson.Form.WIRE));
    }

    /** A host edit: the operations to send at the new revision, or null when it changed nothing. */
    JsonNode edit(List<CrdtMutation> mutations) {
        List<CrdtOp> ops = doc.edit(mutations);
        if (ops.isEmpty()) return null;
        advance(ops);
        return CrdtJson.toNode(ops, CrdtJson.Form.WIRE);
    }

    private void advance(List<CrdtOp> ops) {
        rev++;
        List<io.transports.crdt.Dot> dots = new java.util.ArrayList<>(ops.size());
        for (CrdtOp op : ops) dots.add(op.dot());
        replicas.observe(dots);
        replicas.revision(rev);
    }

    /** Discards metadata every replica has seen up to {@code frontier}; the revision stays. */
    int compact(Map<String, Long> frontier) { return doc.compact(frontier); }

    /**
     * Leaves out replicas silent for longer than {@code timeoutNanos} (negative: never), then returns the
     * frontier every remaining known replica has proven it has seen.
     */
    Map<String, Long> safeFrontier(long now, long timeoutNanos) {
        replicas.dropSilent(now, timeoutNanos);
        return replicas.safeFrontier(rev);
    }

    /** The safe frontier when it moved since the last call that returned one; null when it did not. */
    Map<String, Long> movedSafeFrontier(long now, long timeoutNanos) {
        Map<String, Long> f = safeFrontier(now, timeoutNanos);
        if (f.equals(lastAutoFrontier)) return null;
        lastAutoFrontier = f;
        return f;
    }

    /** Per known replica, the revision it has proven it holds (0: none yet). */
    Map<String, Long> provenRevisions() { return replicas.proven(); }
}
