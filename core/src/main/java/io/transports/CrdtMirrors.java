package io.transports;

import com.fasterxml.jackson.databind.JsonNode;
import io.transports.crdt.CrdtDocument;
import io.transports.crdt.CrdtException;
import io.transports.crdt.CrdtJson;
import io.transports.crdt.CrdtOp;
import io.transports.crdt.CrdtSpec;
import io.transports.crdt.Dot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The CRDT side of a {@link Client}: per CRDT-backed model, this client's replica of the document and
 * its outbox, the local operations the host has not echoed yet. A snapshot restores the host's state
 * and replays the outbox on top (so edits made offline survive a reconnect); an echo or a reject that
 * names a dot settles it. The spec a snapshot brings is checked against the spec this client expects
 * for that type, if it declared one. Not thread-safe: the Client calls it under its lock.
 */
final class CrdtMirrors {
    private final String replica;
    private final Map<String, CrdtSpec> expected = new HashMap<>();
    private final Map<Long, CrdtDocument> docs = new HashMap<>();
    private final Map<Long, List<CrdtOp>> outbox = new LinkedHashMap<>();

    CrdtMirrors(String replica) { this.replica = replica; }

    String replica() { return replica; }

    void expect(String type, CrdtSpec spec) { expected.put(type, spec); }

    /** A replica of the snapshot's document with the outbox replayed on it; nothing changes when it is refused. */
    CrdtDocument restore(long id, String type, JsonNode specNode, JsonNode state) {
        CrdtSpec spec = CrdtSpec.fromNode(specNode);
        CrdtSpec mine = expected.get(type);
        if (mine != null && !mine.equals(spec)) {
            throw new CrdtException("model " + id + " (" + type + "): incompatible CRDT spec: local hash " + mine.hash()
                    + ", peer hash " + spec.hash() + "; this client and the host declare different merge rules for " + type);
        }
        CrdtDocument doc = CrdtDocument.fromState(spec, state, replica);
        List<CrdtOp> pending = outbox.getOrDefault(id, List.of());
        if (!pending.isEmpty()) doc.merge(pending);
        return doc;
    }

    void put(long id, CrdtDocument doc) { docs.put(id, doc); }

    /** A plain snapshot replaced the model: it is no longer a CRDT document, and its outbox goes. */
    void drop(long id) {
        docs.remove(id);
        outbox.remove(id);
    }

    CrdtDocument doc(long id) { return docs.get(id); }

    List<CrdtOp> read(JsonNode ops) { return CrdtJson.ops(ops, CrdtJson.Form.WIRE); }

    void queue(long id, List<CrdtOp> ops) {
        if (!ops.isEmpty()) outbox.computeIfAbsent(id, k -> new ArrayList<>()).addAll(ops);
    }

    /** The host echoed or refused these dots: they leave the outbox. */
    void settle(long id, List<CrdtOp> ops) {
        List<CrdtOp> pending = outbox.get(id);
        if (pending == null) return;
        Set<Dot> dots = new HashSet<>();
        for (CrdtOp op : ops) dots.add(op.dot());
        pending.removeIf(op -> dots.contains(op.dot()));
        if (pending.isEmpty()) outbox.remove(id);
    }

    /** Settles the dots of refused operations in their wire form, skipping what cannot be read. */
    void settleRefused(long id, JsonNode crdtOps) {
        if (crdtOps == null || !crdtOps.isArray()) return;
        Set<Dot> dots = new HashSet<>();
        for (JsonNode op : crdtOps) {
            JsonNode d = op.get("dot");
            if (d != null && d.path("counter").canConvertToLong() && d.path("replica").isTextual()) {
                dots.add(new Dot(d.get("counter").longValue(), d.get("replica").textValue()));
            }
        }
        List<CrdtOp> pending = outbox.get(id);
        if (pending == null) return;
        pending.removeIf(op -> dots.contains(op.dot()));
        if (pending.isEmpty()) outbox.remove(id);
    }

    int pending(long id) { return outbox.getOrDefault(id, List.of()).size(); }

    Map<Long, List<CrdtOp>> outbox() {
        Map<Long, List<CrdtOp>> out = new LinkedHashMap<>();
        outbox.forEach((id, ops) -> out.put(id, List.copyOf(ops)));
        return out;
    }
}
