package io.transports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transports.crdt.CrdtDocument;
import io.transports.crdt.CrdtException;
import io.transports.crdt.CrdtJson;
import io.transports.crdt.CrdtMutation;
import io.transports.crdt.CrdtPolicy;
import io.transports.crdt.CrdtSpec;
import io.transports.merge.LastWriteWins;
import io.transports.patch.Op;
import io.transports.protocol.CrdtMessage;
import io.transports.protocol.CrdtSnapshot;
import io.transports.protocol.Message;
import io.transports.protocol.PatchMessage;
import io.transports.protocol.Reject;
import io.transports.value.Path;
import io.transports.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * CRDT-backed shared models of the {@link Hub} without a network (docs/protocol.md "Hub"): snapshots on
 * open and subscribe, one echo per write with the proposal id on the proposer's copy, duplicates to the
 * proposer alone, refusals (read-only, off-spec, another tenant's replica, plain patches) with the
 * refused operations and a snapshot, host edits, compaction, and restore.
 */
class HubCrdtTest {
    private static final CrdtSpec TEXT = CrdtSpec.of(CrdtPolicy.text());

    private static Hub hub() { return new Hub(c -> c.param("tenant").orElseThrow()); }

    private static Connection conn(String tenant, String name, String codec) {
        return new Connection(name, codec, Permissions.all(), Map.of("tenant", List.of(tenant)), null);
    }

    private static List<Message> msgs(Connection c, Map<Connection, List<Frame>> out) {
        List<Message> l = new ArrayList<>();
        for (Frame f : out.getOrDefault(c, List.of())) l.add(c.codec().decode(f));
        return l;
    }

    private static Client open(Hub hub, Connection c) {
        Client client = new Client(c.codec().name());
        for (Frame f : hub.connect(c)) client.recv(f);
        return client;
    }

    /** Delivers every frame to the clients of the connections it is addressed to. */
    private static void deliver(Map<Connection, List<Frame>> out, Map<Connection, Client> clients) {
        out.forEach((c, frames) -> {
            Client client = clients.get(c);
            if (client != null) for (Frame f : frames) client.recv(f);
        });
    }

    /** The same operations as {@code frame}, with a proposal id (the Java client sends none). */
    private static Frame withProposal(Connection c, Frame frame, String proposal) {
        CrdtMessage m = (CrdtMessage) c.codec().decode(frame);
        return c.codec().encode(new CrdtMessage(m.id(), m.rev(), m.ops(), null, proposal));
    }

    private static String text(Value v) { return ((io.transports.value.StrValue) v).value(); }

    @Test
    void subscribersGetACrdtSnapshotOnOpenAndOnSubscribe() {
        Hub hub = hub();
        long id = hub.shareCrdt(Value.of("ab"), TEXT);
        assertTrue(id >= Hub.SHARED_ID_BASE, "id " + id);
        hub.subscribe("alice", id, Hub.Mode.WRITE);
        Connection a = conn("alice", "a1", "json");
        List<Frame> opening = hub.connect(a);
        assertEquals(1, opening.size());
        CrdtSnapshot s = assertInstanceOf(CrdtSnapshot.class, a.codec().decode(opening.get(0)));
        assertEquals(id, s.id());
        assertEquals(0, s.rev());
        assertEquals(Value.of("ab"), s.value());
        assertEquals(TEXT, CrdtSpec.fromNode(s.spec()));
        Connection b = conn("bob", "b1", "msgpack");
        assertTrue(hub.connect(b).isEmpty());
        hub.subscribe("bob", id, Hub.Mode.READ);
        var out = hub.sync();
        assertEquals(Set.of(b), out.keySet(), "only the newly subscribed tenant hears of it");
        assertInstanceOf(CrdtSnapshot.class, msgs(b, out).get(0));
    }

    @Test
    void aWriteIsEchoedOnceToEverySubscriberWithTheProposalOnTheProposersCopyOnly() {
        Hub hub = hub();
        long id = hub.shareCrdt(Value.of("ab"), TEXT);
        hub.subscribe("alice", id, Hub.Mode.WRITE);
        hub.subscribe("bob", id, Hub.Mode.WRITE);
        hub.subscribe("carol", id, Hub.Mode.READ);
        Connection a1 = conn("alice", "a1", "json");
        Connection a2 = conn("alice", "a2", "cbor");
        Connection b1 = conn("bob", "b1", "msgpack");
        Connection c1 = conn("carol", "c1", "json");
        Client alice = open(hub, a1);
        for (Connection c : List.of(a2, b1, c1)) hub.connect(c);
        Frame edit = withProposal(a1, alice.insertText(id, List.of(), 2, "c"), "p-1");
        var out = hub.receive(a1, edit);
        assertEquals(Set.of(a1, a2, b1, c1), out.keySet());
        for (Connection c : out.keySet()) {
            List<Message> got = msgs(c, out);
            assertEquals(1, got.size(), "one echo for " + c);
            CrdtMessage m = assertInstanceOf(CrdtMessage.class, got.get(0));
            assertEquals(1, m.rev());
            assertEquals(c == a1 ? "p-1" : null, m.proposal(), "proposal on " + c);
        }
        assertEquals(Value.of("abc"), hub.shared(id));
        alice.recv(out.get(a1).get(0));
        assertEquals(0, alice.pendingCrdtOps(id), "the echo settled alice's operations");
        // the same batch again: nothing new, so the proposer alone hears it stands, at the same revision
        var again = hub.receive(a1, edit);
        assertEquals(Set.of(a1), again.keySet());
        CrdtMessage dup = (CrdtMessage) msgs(a1, again).get(0);
        assertEquals(1, dup.rev());
        assertEquals("p-1", dup.proposal());
        assertEquals(1, hub.sharedRev(id));
    }

    @Test
    void refusalsCarryTheOperationsAndASnapshotAndChangeNothing() {
        Hub hub = hub();
        long id = hub.shareCrdt(Value.of("ab"), TEXT);
        hub.subscribe("alice", id, Hub.Mode.WRITE);
        hub.subscribe("bob", id, Hub.Mode.WRITE);
        hub.subscribe("carol", id, Hub.Mode.READ);
        Connection a1 = conn("alice", "a1", "json");
        Connection b1 = conn("bob", "b1", "json");
        Connection c1 = conn("carol", "c1", "msgpack");
        Client alice = open(hub, a1);
        open(hub, b1);
        Client carol = open(hub, c1);

        // a read-only subscriber
        var out = hub.receive(c1, withProposal(c1, carol.insertText(id, List.of(), 0, "x"), "c-1"));
        assertEquals(Set.of(c1), out.keySet());
        List<Message> got = msgs(c1, out);
        Reject r = assertInstanceOf(Reject.class, got.get(0));
        assertTrue(r.error().contains("read-only subscription"), r.error());
        assertEquals("c-1", r.proposal());
        assertNotNull(r.crdtOps());
        assertEquals(1, r.crdtOps().size());
        assertInstanceOf(CrdtSnapshot.class, got.get(1));
        for (Frame f : out.get(c1)) carol.recv(f);
        assertEquals(Value.of("ab"), carol.value(id), "carol's optimistic edit was put back");

        // operations that do not fit the spec (a register set inside a text)
        CrdtDocument other = new CrdtDocument(CrdtSpec.of(CrdtPolicy.map()), Value.map(Map.of()), "bob-rogue");
        var offSpec = CrdtJson.toNode(other.edit(List.of(new CrdtMutation.MapSet(List.of(), "k", Value.of(1)))), CrdtJson.Form.WIRE);
        out = hub.receive(b1, b1.codec().encode(new CrdtMessage(id, 0, offSpec)));
        got = msgs(b1, out);
        assertEquals(Set.of(b1), out.keySet());
        assertInstanceOf(Reject.class, got.get(0));
        assertEquals(offSpec.toString(), ((Reject) got.get(0)).crdtOps().toString());
        assertInstanceOf(CrdtSnapshot.class, got.get(1));

        // alice's replica is alice's: bob cannot write with it
        Frame alicesEdit = alice.insertText(id, List.of(), 0, "A");
        hub.receive(a1, alicesEdit);
        out = hub.receive(b1, b1.codec().encode((CrdtMessage) a1.codec().decode(alicesEdit)));
        got = msgs(b1, out);
        Reject stolen = assertInstanceOf(Reject.class, got.get(0));
        assertTrue(stolen.error().contains("belongs to another writer"), stolen.error());
        assertInstanceOf(CrdtSnapshot.class, got.get(1));

        // a plain patch to a CRDT model
        out = hub.receive(a1, a1.codec().encode(new PatchMessage(id, new io.transports.patch.Patch(1,
                List.of(new Op.Set(Path.of(List.of()), Value.of("zz")))), "a-2")));
        Reject plain = assertInstanceOf(Reject.class, msgs(a1, out).get(0));
        assertTrue(plain.error().contains("require CRDT operations"), plain.error());
        assertEquals(Value.of("Aab"), hub.shared(id));
        assertEquals(1, hub.sharedRev(id));
        assertThrows(IllegalStateException.class, () -> hub.setShared(id, Value.of("zz")));
    }

    @Test
    void twoTenantsEditingAtOnceConvergeThroughTheHubWithTheHostEditingToo() {
        Hub hub = hub();
        long id = hub.shareCrdt(Value.of("ab"), TEXT);
        hub.subscribe("alice", id, Hub.Mode.WRITE);
        hub.subscribe("bob", id, Hub.Mode.WRITE);
        Connection a1 = conn("alice", "a1", "json");
        Connection b1 = conn("bob", "b1", "cbor");
        Client alice = open(hub, a1);
        Client bob = open(hub, b1);
        Map<Connection, Client> clients = Map.of(a1, alice, b1, bob);
        List<SharedWrite> writes = new ArrayList<>();
        hub.onSharedWrite(writes::add);
        // both type before hearing of the other's edits
        Frame fa = alice.insertText(id, List.of(), 1, "123");
        Frame fb1 = bob.insertText(id, List.of(), 2, "xyz");
        Frame fb2 = bob.deleteText(id, List.of(), 0, 1);
        deliver(hub.receive(b1, fb1), clients);
        deliver(hub.receive(a1, fa), clients);
        deliver(hub.receive(b1, fb2), clients);
        assertTrue(hub.editCrdt(id, List.of(new CrdtMutation.SequenceSplice(List.of(), 0, 0, List.of(Value.of("H"))))));
        deliver(hub.sync(), clients);
        String want = text(hub.shared(id));
        assertEquals(Value.of(want), alice.value(id));
        assertEquals(Value.of(want), bob.value(id));
        assertEquals(8, want.codePointCount(0, want.length()), want + ": 2 + 3 + 3 + 1 - 1 characters");
        assertTrue(want.startsWith("H") && want.contains("123") && want.contains("xyz") && !want.contains("a"), want);
        assertEquals(0, alice.pendingCrdtOps(id) + bob.pendingCrdtOps(id));
        assertEquals(4, hub.sharedRev(id));
        assertEquals(List.of("bob", "alice", "bob", io.transports.merge.Stamp.HOST),
                writes.stream().map(SharedWrite::origin).toList());
        assertNotNull(writes.get(0).crdtOps());
        assertEquals(writes.get(3).state().crdtState(), hub.snapshotShared(id).crdtState());

        // compaction with a frontier both replicas have seen; editing carries on afterwards
        Map<String, Long> frontier = CrdtDocument.fromState(TEXT, bob.crdtState(id), "reader").contiguousFrontier();
        assertTrue(hub.compactCrdt(id, frontier) > 0, "the deleted character's tombstone is discarded");
        assertEquals(4, hub.sharedRev(id), "compaction takes no revision");
        Map<String, Long> beyond = Map.of(alice.crdtReplica(), 99L);
        assertThrows(CrdtException.class, () -> hub.compactCrdt(id, beyond));
        deliver(hub.receive(a1, alice.insertText(id, List.of(), 8, "!")), clients);
        assertEquals(Value.of(want + "!"), bob.value(id));
    }

    @Test
    void aRestoredCrdtModelKeepsItsIdStateAndRevisionAndMergesLaterOperations() {
        Hub hub = hub();
        long id = hub.shareCrdt(Value.of("ab"), TEXT);
        hub.subscribe("alice", id, Hub.Mode.WRITE);
        Connection a1 = conn("alice", "a1", "json");
        Client alice = open(hub, a1);
        alice.recv(hub.receive(a1, alice.insertText(id, List.of(), 2, "cd")).get(a1).get(0));
        // an edit made while the hub is down
        Frame offline = alice.insertText(id, List.of(), 0, ">");
        SharedState saved = hub.snapshotShared(id);
        assertTrue(saved.isCrdt());
        assertNull(saved.strategyState());
        assertEquals(1, saved.rev());

        Hub next = hub();
        assertThrows(IllegalArgumentException.class, () -> next.share(saved, new LastWriteWins()));
        assertEquals(id, next.shareCrdt(saved));
        assertThrows(IllegalStateException.class, () -> next.shareCrdt(saved));
        next.subscribe("alice", id, Hub.Mode.WRITE);
        assertEquals(Value.of("abcd"), next.shared(id));
        assertEquals(1, next.sharedRev(id));
        Connection again = conn("alice", "a2", "json");
        List<Frame> opening = next.connect(again, Map.of(id, 1L));
        assertInstanceOf(CrdtSnapshot.class, again.codec().decode(opening.get(0)), "a CRDT mirror resumes from a snapshot");
        for (Frame f : opening) alice.recv(f);
        assertEquals(Value.of(">abcd"), alice.value(id), "the offline edit survives the snapshot");
        var out = next.receive(again, alice.pendingCrdtFrames().get(0));
        for (Frame f : out.get(again)) alice.recv(f);
        assertEquals(Value.of(">abcd"), next.shared(id));
        assertEquals(0, alice.pendingCrdtOps(id));
        assertFalse(next.snapshotShared(id).crdtState().equals(saved.crdtState()));
        long plain = next.share(Value.of(1));
        assertThrows(IllegalArgumentException.class, () -> next.editCrdt(plain, List.of()));
        assertThrows(IllegalArgumentException.class, () -> next.shareCrdt(next.snapshotShared(plain)));
    }
}
