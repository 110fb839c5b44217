package io.transports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transports.crdt.CrdtDocument;
import io.transports.crdt.CrdtPolicy;
import io.transports.crdt.CrdtSpec;
import io.transports.protocol.CrdtSnapshot;
import io.transports.value.Value;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The {@link Hub}'s safe compaction frontier for CRDT-backed shared models (docs/protocol.md "CRDT-backed
 * shared models"), without a network: replicas of three tenants, one of them offline; the frontier never
 * passes what the offline one has proven it has seen, advances once it is back and has edited at a newer
 * revision, and a replica left out after a timeout resyncs from the compacted snapshot with its offline
 * edits kept. After every compaction all replicas edit again and end equal to the hub.
 */
class HubCrdtFrontierTest {
    private static final CrdtSpec TEXT = CrdtSpec.of(CrdtPolicy.text());

    /** Three tenants' clients on one CRDT text, and the hub they talk to. */
    private static final class Room {
        final Hub hub = new Hub(c -> c.param("tenant").orElseThrow());
        final AtomicLong now = new AtomicLong();
        final long id = hub.shareCrdt(Value.of(""), TEXT);
        final Client alice = new Client("json");
        final Client bob = new Client("cbor");
        final Client carol = new Client("json");
        final Connection a1 = conn("alice", "a1");
        final Connection b1 = conn("bob", "b1");
        Connection c1 = conn("carol", "c1");

        Room() {
            hub.nanoClock(now::get);
            for (String t : List.of("alice", "bob", "carol")) hub.subscribe(t, id, Hub.Mode.WRITE);
            for (Frame f : hub.connect(a1)) alice.recv(f);
            for (Frame f : hub.connect(b1)) bob.recv(f);
            for (Frame f : hub.connect(c1)) carol.recv(f);
        }

        Map<Connection, Client> clients() { return Map.of(a1, alice, b1, bob, c1, carol); }

        void send(Connection from, Frame frame) { deliver(hub.receive(from, frame)); }

        void deliver(Map<Connection, List<Frame>> out) {
            Map<Connection, Client> to = clients();
            out.forEach((c, frames) -> {
                Client client = to.get(c);
                if (client != null) for (Frame f : frames) client.recv(f);
            });
        }

        /**
         * The opening round: alice types "hello" and deletes its "e" before hearing from anyone (the
         * tombstone compaction can later discard), bob and carol type one character each, all at rev 0.
         */
        void opening() {
            Frame hello = alice.insertText(id, List.of(), 0, "hello");
            Frame noE = alice.deleteText(id, List.of(), 1, 1);
            Frame b = bob.insertText(id, List.of(), 0, "B");
            Frame c = carol.insertText(id, List.of(), 0, "C");
            send(a1, hello);
            send(b1, b);
            send(c1, c);
            send(a1, noE);
            assertEquals(4, hub.sharedRev(id));
        }

        /** Every replica holds the hub's value and has nothing pending. */
        void assertConverged() {
            Value want = hub.shared(id);
            for (Client c : List.of(alice, bob, carol)) {
                assertEquals(want, c.value(id), "replica " + c.crdtReplica());
                assertEquals(0, c.pendingCrdtOps(id), "replica " + c.crdtReplica());
            }
        }
    }

    private static Connection conn(String tenant, String name) {
        return new Connection(name, tenant.equals("bob") ? "cbor" : "json", Permissions.all(), Map.of("tenant", List.of(tenant)), null);
    }

    private static String text(Value v) { return ((io.transports.value.StrValue) v).value(); }

    /** What the hub alone could discard: its document's own contiguous frontier. */
    private static Map<String, Long> hubOwn(Room r) {
        return CrdtDocument.fromState(TEXT, r.hub.snapshotShared(r.id).crdtState(), "reader").contiguousFrontier();
    }

    @Test
    void anOfflineReplicaHoldsTheFrontierBackUntilItIsBackAndHasEditedAtANewerRevision() {
        Room r = new Room();
        r.opening();
        // alice and bob edit again having seen rev 4: they prove it; carol proves nothing yet (rev 0)
        r.send(r.a1, r.alice.insertText(r.id, List.of(), 0, "<"));
        r.send(r.b1, r.bob.insertText(r.id, List.of(), 0, "["));
        assertEquals(Map.of(r.alice.crdtReplica(), 4L, r.bob.crdtReplica(), 5L, r.carol.crdtReplica(), 0L), r.hub.crdtReplicas(r.id));
        Map<String, Long> carolHas = CrdtDocument.fromState(TEXT, r.carol.crdtState(r.id), "reader").contiguousFrontier();
        r.deliver(r.hub.disconnect(r.c1));

        // carol is offline: alice and bob go on; the frontier stays within what carol has proven
        r.send(r.a1, r.alice.deleteText(r.id, List.of(), 0, 1));
        r.send(r.b1, r.bob.insertText(r.id, List.of(), 1, "b"));
        Map<String, Long> safe = r.hub.safeCrdtFrontier(r.id);
        safe.forEach((replica, n) -> assertTrue(n <= carolHas.getOrDefault(replica, 0L),
                replica + ":" + n + " passes what carol has seen: " + carolHas));
        assertEquals(Map.of(), safe, "carol proved only rev 0, where nothing had been written");
        assertTrue(hubOwn(r).getOrDefault(r.alice.crdtReplica(), 0L) >= 2, "the hub alone could discard alice's tombstone: " + hubOwn(r));
        assertEquals(0, r.hub.compactCrdt(r.id), "nothing is discarded while carol may still send operations made before");

        // carol, offline, types next to the deleted "e" of "hello"
        String carolView = text(r.carol.value(r.id));
        int at = carolView.indexOf('h') + 1;
        Frame offline = r.carol.insertText(r.id, List.of(), at, "~");
        assertEquals(1, r.carol.pendingCrdtOps(r.id));

        // carol reconnects: a snapshot, her unsent operations resent (rev 0: they were made earlier)
        r.c1 = conn("carol", "c2");
        List<Frame> opening = r.hub.connect(r.c1, r.carol.revisions());
        assertInstanceOf(CrdtSnapshot.class, r.c1.codec().decode(opening.get(0)));
        for (Frame f : opening) r.carol.recv(f);
        for (Frame f : r.carol.pendingCrdtFrames()) r.send(r.c1, f);
        assertTrue(offline != null);
        assertEquals(0L, r.hub.crdtReplicas(r.id).get(r.carol.crdtReplica()), "a resent outbox proves nothing");
        assertEquals(0, r.hub.compactCrdt(r.id));

        // a fresh edit at the revision she now holds proves it: the frontier advances, the tombstone goes
        long rev = r.hub.sharedRev(r.id);
        r.send(r.c1, r.carol.insertText(r.id, List.of(), 0, "!"));
        assertEquals(rev, r.hub.crdtReplicas(r.id).get(r.carol.crdtReplica()));
        Map<String, Long> advanced = r.hub.safeCrdtFrontier(r.id);
        assertTrue(advanced.getOrDefault(r.alice.crdtReplica(), 0L) >= 2, "advanced: " + advanced);
        assertTrue(r.hub.compactCrdt(r.id) > 0, "alice's deleted 'e' is discarded once every replica has seen it");
        assertEquals(0, r.hub.compactCrdt(r.id), "a second compaction at the same frontier discards nothing");
        r.assertConverged();
        assertTrue(text(r.hub.shared(r.id)).contains("h~llo"), text(r.hub.shared(r.id)));

        // every replica edits after the compaction, next to the discarded tombstone too: nothing fails
        int h = text(r.alice.value(r.id)).indexOf('h') + 1;
        r.send(r.a1, r.alice.insertText(r.id, List.of(), h, "A"));
        r.send(r.b1, r.bob.deleteText(r.id, List.of(), 0, 1));
        r.send(r.c1, r.carol.insertText(r.id, List.of(), text(r.carol.value(r.id)).length(), "Z"));
        r.deliver(r.hub.sync());
        r.assertConverged();
        // and a late joiner's replica, from the compacted snapshot, holds the same
        Client dave = new Client("json");
        r.hub.subscribe("dave", r.id, Hub.Mode.READ);
        for (Frame f : r.hub.connect(conn("dave", "d1"))) dave.recv(f);
        assertEquals(r.hub.shared(r.id), dave.value(r.id));
    }

    @Test
    void aReplicaSilentPastTheTimeoutIsLeftOutAndResyncsFromTheCompactedSnapshotKeepingItsOfflineEdits() {
        Room r = new Room();
        r.hub.crdtReplicaTimeout(Duration.ofMinutes(10));
        r.opening();
        r.deliver(r.hub.disconnect(r.c1));
        r.send(r.a1, r.alice.insertText(r.id, List.of(), 0, "<"));
        r.send(r.b1, r.bob.insertText(r.id, List.of(), 0, "["));
        assertEquals(0, r.hub.compactCrdt(r.id), "carol holds the frontier back while within the timeout");
        // carol edits offline next to the "e" that alice deleted before carol left
        String carolView = text(r.carol.value(r.id));
        r.carol.insertText(r.id, List.of(), carolView.indexOf('h') + 1, "~");
        r.carol.deleteText(r.id, List.of(), carolView.indexOf('o') + 1, 1); // + 1: after the "~"

        r.now.addAndGet(Duration.ofMinutes(11).toNanos());
        r.send(r.a1, r.alice.insertText(r.id, List.of(), 0, "-")); // alice and bob are heard again
        r.send(r.b1, r.bob.insertText(r.id, List.of(), 0, "="));
        assertFalse(r.hub.safeCrdtFrontier(r.id).isEmpty());
        assertFalse(r.hub.crdtReplicas(r.id).containsKey(r.carol.crdtReplica()), "carol is left out");
        assertTrue(r.hub.compactCrdt(r.id) > 0, "compaction no longer waits for carol");

        // carol comes back: the compacted snapshot, her offline edits replayed on it and resent
        r.c1 = conn("carol", "c2");
        for (Frame f : r.hub.connect(r.c1, r.carol.revisions())) r.carol.recv(f);
        assertEquals(2, r.carol.pendingCrdtOps(r.id), "the snapshot keeps her unsent operations");
        for (Frame f : r.carol.pendingCrdtFrames()) r.send(r.c1, f);
        r.assertConverged();
        String merged = text(r.hub.shared(r.id));
        assertTrue(merged.contains("h~ll") && !merged.contains("llo") && !merged.contains("e"), merged);
        assertTrue(r.hub.crdtReplicas(r.id).containsKey(r.carol.crdtReplica()), "carol is known again");
        // and everyone edits on
        r.send(r.c1, r.carol.insertText(r.id, List.of(), 0, "c"));
        r.send(r.a1, r.alice.insertText(r.id, List.of(), 1, "a"));
        r.assertConverged();
    }

    @Test
    void automaticCompactionFollowsTheSafeFrontierAtEachSyncAndIsOffByDefault() {
        Room r = new Room();
        List<SharedWrite> compactions = new java.util.ArrayList<>();
        r.hub.onSharedWrite(w -> { if (w.crdtOps() != null && w.crdtOps().isEmpty()) compactions.add(w); });
        r.opening();
        r.send(r.a1, r.alice.insertText(r.id, List.of(), 0, "<"));
        r.send(r.b1, r.bob.insertText(r.id, List.of(), 0, "["));
        r.send(r.c1, r.carol.insertText(r.id, List.of(), 0, "("));
        r.deliver(r.hub.sync());
        assertEquals(List.of(), compactions, "off by default");
        r.hub.crdtAutoCompact(true);
        r.deliver(r.hub.sync());
        assertEquals(1, compactions.size(), "every replica proved rev 4 or later: the tombstone goes");
        r.deliver(r.hub.sync());
        assertEquals(1, compactions.size(), "the frontier did not move: nothing more");
        r.send(r.a1, r.alice.insertText(r.id, List.of(), 0, "!"));
        r.deliver(r.hub.sync());
        r.assertConverged();
    }

    @Test
    void aRestoredModelCompactsNothingUntilItsEarlierReplicasCouldHaveBeenLeftOut() {
        Room r = new Room();
        r.opening();
        r.send(r.a1, r.alice.insertText(r.id, List.of(), 0, "<"));
        r.send(r.b1, r.bob.insertText(r.id, List.of(), 0, "["));
        r.send(r.c1, r.carol.insertText(r.id, List.of(), 0, "("));
        SharedState saved = r.hub.snapshotShared(r.id);
        assertTrue(r.hub.safeCrdtFrontier(r.id).size() >= 2, "before the restart the frontier had moved");

        Hub next = new Hub(c -> c.param("tenant").orElseThrow());
        AtomicLong now = new AtomicLong();
        next.nanoClock(now::get);
        next.crdtReplicaTimeout(Duration.ofMinutes(10));
        next.shareCrdt(saved);
        next.subscribe("alice", r.id, Hub.Mode.WRITE);
        Client alice = new Client("json");
        Connection a2 = conn("alice", "a2");
        for (Frame f : next.connect(a2, alice.revisions())) alice.recv(f);
        for (Frame f : next.receive(a2, alice.insertText(r.id, List.of(), 0, "x")).get(a2)) alice.recv(f);
        for (Frame f : next.receive(a2, alice.insertText(r.id, List.of(), 0, "y")).get(a2)) alice.recv(f);
        assertEquals(Map.of(), next.safeCrdtFrontier(r.id), "bob and carol, unknown after the restart, may still send");
        assertEquals(0, next.compactCrdt(r.id));
        assertEquals(Map.of(alice.crdtReplica(), saved.rev() + 1), next.crdtReplicas(r.id));
        now.addAndGet(Duration.ofMinutes(11).toNanos());
        next.receive(a2, alice.insertText(r.id, List.of(), 0, "z")); // alice is heard again
        assertTrue(next.compactCrdt(r.id) > 0, "past the timeout only alice, who has proven it, holds the frontier");
    }
}
