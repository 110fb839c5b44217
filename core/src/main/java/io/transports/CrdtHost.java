package io.transports;

import com.fasterxml.jackson.databind.JsonNode;
import io.transports.codec.Codec;
import io.transports.codec.Codecs;
import io.transports.crdt.CrdtDocument;
import io.transports.crdt.CrdtMutation;
import io.transports.crdt.CrdtSpec;
import io.transports.protocol.CrdtMessage;
import io.transports.protocol.Message;
import io.transports.protocol.PatchMessage;
import io.transports.protocol.Reject;
import io.transports.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hosts CRDT documents for connections, like the shared CRDT models of the reference Hub
 * (docs/protocol.md "CRDT documents"), without I/O: {@link #open} returns a {@code crdt_snapshot} per
 * document; {@link #recv} applies a client's {@code crdt} operations, gives the document its next
 * revision and returns the echo for every connection (the proposal id on the proposer's copy only); a
 * duplicate is echoed to the proposer alone at the current revision; a refused one (a read-only
 * connection, operations that do not fit the spec, a replica id another connection writes with) gets a
 * {@code reject} naming the refused operations in {@code crdt_ops}, then a {@code crdt_snapshot} that
 * reverts the proposer's optimistic copy. Host edits ({@link #mutate}) go to everyone the same way.
 * The rules live in {@link SharedCrdt}, which the multi-tenant {@link Hub} uses for its CRDT-backed
 * shared models too ({@link Hub#shareCrdt}); this class is the standalone host, one writer per connection.
 * Its methods are synchronized.
 *
 * <pre>{@code
 * CrdtHost host = new CrdtHost();
 * long doc = host.share("Note", CrdtSpecs.of(Note.class), Transports.toValue(note));
 * List<Frame> hello = host.open("ws-1", "json", true);
 * Map<Object, List<Frame>> out = host.recv("ws-1", frameFromTheSocket);
 * }</pre>
 */
public final class CrdtHost {
    private record Conn(Codec codec, boolean write) {}

    private final String replica = "java-host-" + java.util.UUID.randomUUID().toString().replace("-", "");
    private final Map<Long, SharedCrdt> docs = new LinkedHashMap<>();
    private final Map<Object, Conn> conns = new LinkedHashMap<>();
    private long nextId = 1;

    /** Hosts a new document of {@code type} holding {@code initial}; returns its model id. */
    public synchronized long share(String type, CrdtSpec spec, Value initial) {
        long id = nextId++;
        docs.put(id, new SharedCrdt(type, new CrdtDocument(spec, initial, replica + "-" + id), 0));
        return id;
    }

    /** Hosts a document restored from a saved state (its {@link #state}) at revision {@code rev}. */
    public synchronized long restore(String type, CrdtSpec spec, String state, long rev) {
        long id = nextId++;
        docs.put(id, new SharedCrdt(type, CrdtDocument.fromState(spec, state, replica + "-" + id), rev));
        return id;
    }

    /** A connection joins: the snapshot of every document. {@code write}: whether it may edit. */
    public synchronized List<Frame> open(Object conn, String codec, boolean write) {
        Conn c = new Conn(Codecs.forName(codec), write);
        conns.put(conn, c);
        List<Frame> out = new ArrayList<>();
        for (var e : docs.entrySet()) out.add(c.codec().encode(e.getValue().snapshot(e.getKey())));
        return out;
    }

    public synchronized void close(Object conn) { conns.remove(conn); }

    public synchronized Value value(long id) { return doc(id).value(); }

    public synchronized long rev(long id) { return doc(id).rev(); }

    /** The document's reducer state (the reference's state text): persist it, restore with {@link #restore}. */
    public synchronized String state(long id) { return doc(id).state(); }

    /** Discards metadata every replica has seen up to {@code frontier} (see {@link CrdtDocument#compact}). */
    public synchronized int compact(long id, Map<String, Long> frontier) { return doc(id).compact(frontier); }

    /** A host edit: applied at once and sent to every connection. */
    public synchronized Map<Object, List<Frame>> mutate(long id, List<CrdtMutation> mutations) {
        JsonNode ops = doc(id).edit(mutations);
        return ops == null ? Map.of() : fanOut(id, ops, null, null);
    }

    /** A frame from a connection: what to send to whom. A frame that cannot be decoded is refused to its sender. */
    public synchronized Map<Object, List<Frame>> recv(Object conn, Frame frame) {
        Conn c = conns.get(conn);
        if (c == null) return Map.of();
        Message m;
        try {
            m = c.codec().decode(frame);
        } catch (RuntimeException e) {
            return Map.of(conn, List.of(c.codec().encode(new Reject(0, 0, "cannot read the frame: " + e.getMessage()))));
        }
        if (m instanceof PatchMessage p) {
            SharedCrdt d = docs.get(p.id());
            return Map.of(conn, List.of(c.codec().encode(new Reject(p.id(), d == null ? 0 : d.rev(),
                    d == null ? "there is no model " + p.id() : "CRDT-backed models require CRDT operations", p.proposal()))));
        }
        if (!(m instanceof CrdtMessage cm)) return Map.of();
        SharedCrdt d = docs.get(cm.id());
        if (d == null) return refuse(conn, c, cm, "there is no CRDT document " + cm.id(), false);
        if (!c.write()) return refuse(conn, c, cm, "read-only subscription", true);
        SharedCrdt.Outcome outcome = d.write(conn, cm.ops());
        if (outcome instanceof SharedCrdt.Refused r) return refuse(conn, c, cm, r.why(), true);
        if (outcome instanceof SharedCrdt.Applied a) return fanOut(cm.id(), a.ops(), conn, cm.proposal());
        // already applied: the proposer alone hears that it stands
        return Map.of(conn, List.of(c.codec().encode(new CrdtMessage(cm.id(), d.rev(), cm.ops(), null, cm.proposal()))));
    }

    private Map<Object, List<Frame>> refuse(Object conn, Conn c, CrdtMessage cm, String why, boolean revert) {
        SharedCrdt d = docs.get(cm.id());
        List<Frame> out = new ArrayList<>(2);
        out.add(c.codec().encode(new Reject(cm.id(), d == null ? 0 : d.rev(), why, cm.proposal(), cm.ops())));
        if (revert && d != null) out.add(c.codec().encode(d.snapshot(cm.id())));
        return Map.of(conn, out);
    }

    /** One echo per codec, shared by every connection of that codec; the proposer's copy carries its id. */
    private Map<Object, List<Frame>> fanOut(long id, JsonNode ops, Object proposer, String proposal) {
        long rev = docs.get(id).rev();
        Map<Codec, Frame> shared = new HashMap<>();
        Map<Object, List<Frame>> out = new LinkedHashMap<>();
        for (Map.Entry<Object, Conn> e : conns.entrySet()) {
            Codec codec = e.getValue().codec();
            Frame f = e.getKey().equals(proposer) && proposal != null
                    ? codec.encode(new CrdtMessage(id, rev, ops, null, proposal))
                    : shared.computeIfAbsent(codec, k -> k.encode(new CrdtMessage(id, rev, ops)));
            out.put(e.getKey(), List.of(f));
        }
        return out;
    }

    private SharedCrdt doc(long id) {
        SharedCrdt d = docs.get(id);
        if (d == null) throw new java.util.NoSuchElementException("there is no CRDT document " + id);
        return d;
    }
}
