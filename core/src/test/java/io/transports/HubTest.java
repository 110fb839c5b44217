package io.transports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transports.codec.Codecs;
import io.transports.merge.Stamp;
import io.transports.patch.Op;
import io.transports.protocol.Ack;
import io.transports.protocol.Awareness;
import io.transports.protocol.Message;
import io.transports.protocol.PatchMessage;
import io.transports.protocol.Reject;
import io.transports.protocol.Snapshot;
import io.transports.value.Path;
import io.transports.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The multi-tenant {@link Hub} without a network (the behaviours of the reference's test_hub.py, in our
 * design): private sessions per tenant, shared models with READ/WRITE subscriptions, merge stamps,
 * proposal ids back to the writer alone, acks, {@code since} for shared models, awareness, restore.
 */
class HubTest {
    /** A shared board. */
    public static class Board {
        public String title = "plan";
        public int x;
        public int y;
    }

    private static Hub hub() { return new Hub(c -> c.param("tenant").orElseThrow()); }

    private static Connection conn(String tenant, String name) { return conn(tenant, name, "json"); }

    private static Connection conn(String tenant, String name, String codec) {
        return new Connection(name, codec, Permissions.all(), Map.of("tenant", List.of(tenant)), null);
    }

    private static List<Message> msgs(Connection c, List<Frame> frames) {
        List<Message> out = new ArrayList<>();
        for (Frame f : frames) out.add(c.codec().decode(f));
        return out;
    }

    private static List<Message> msgs(Connection c, Map<Connection, List<Frame>> out) {
        return msgs(c, out.getOrDefault(c, List.of()));
    }

    private static void feed(Client client, Connection c, Map<Connection, List<Frame>> out) {
        for (Frame f : out.getOrDefault(c, List.of())) client.recv(f);
    }

    private static Frame write(Client client, long id, String key, long n) {
        return client.editOps(id, List.of(new Op.Set(Path.of(List.of(new Path.Key(key))), Value.of(n))));
    }

    /** A write as a mirror with no snapshot would send it (at rev 0). */
    private static Frame rawWrite(long id, Path path, long n, String proposal) {
        return Codecs.forName("json").encode(new PatchMessage(id, new io.transports.patch.Patch(0,
                List.of(new Op.Set(path, Value.of(n)))), proposal));
    }

    private static Path key(String... keys) {
        List<Path.Segment> l = new ArrayList<>();
        for (String k : keys) l.add(new Path.Key(k));
        return Path.of(l);
    }

    @Test
    void privateModelsAreTenantIsolated() {
        var hub = hub();
        long a = hub.tenant("alice").host(new Device("alice's lamp"));
        long b = hub.tenant("bob").host(new Device("bob's lamp"));
        assertEquals(1, a);
        assertEquals(1, b); // ids from 1 in each tenant
        var alice = conn("alice", "a1");
        var bob = conn("bob", "b1");
        var ca = new Client();
        var cb = new Client();
        for (Frame f : hub.connect(alice)) ca.recv(f);
        for (Frame f : hub.connect(bob)) cb.recv(f);
        assertEquals("alice's lamp", ca.model(1, Device.class).name);
        assertEquals("bob's lamp", cb.model(1, Device.class).name);
        assertEquals(List.of(1L), ca.ids());
        // a change in alice's session reaches alice alone
        ((Device) hub.tenant("alice").hosted(1)).on = true;
        var out = hub.sync();
        assertEquals(List.of(alice), List.copyOf(out.keySet()));
        feed(ca, alice, out);
        assertTrue(ca.model(1, Device.class).on);
    }

    @Test
    void privateEditRelaysOnlyWithinTenant() {
        var hub = hub();
        hub.tenant("alice").host(new Device("lamp"));
        hub.tenant("bob").host(new Device("lamp"));
        var a1 = conn("alice", "a1");
        var a2 = conn("alice", "a2");
        var b1 = conn("bob", "b1");
        var c1 = new Client();
        for (Connection c : List.of(a1, a2, b1)) {
            List<Frame> opening = hub.connect(c);
            if (c == a1) for (Frame f : opening) c1.recv(f);
        }
        var p = c1.propose(1, Transports.toValue(new Device("desk", true)));
        var out = hub.receive(a1, p.frame());
        assertEquals(java.util.Set.of(a1, a2), out.keySet());
        assertEquals(p.id(), ((PatchMessage) msgs(a1, out).get(0)).proposal());
        assertNull(((PatchMessage) msgs(a2, out).get(0)).proposal());
        assertEquals("desk", ((Device) hub.tenant("alice").hosted(1)).name);
        assertEquals("lamp", ((Device) hub.tenant("bob").hosted(1)).name);
    }

    @Test
    void sharedIdsStartAboveTheTenantsIdsAndOpeningsCarryOnlySubscribedModels() {
        var hub = hub();
        long first = hub.share(new Board());
        long second = hub.share(new Board());
        assertEquals(1L << 40, first);
        assertEquals((1L << 40) + 1, second);
        hub.subscribe("alice", first, Hub.Mode.READ);
        hub.tenant("alice").host(new Device("lamp"));
        var alice = conn("alice", "a");
        var opening = msgs(alice, hub.connect(alice));
        assertEquals(2, opening.size());
        assertEquals(1, ((Snapshot) opening.get(0)).id());
        assertEquals(first, ((Snapshot) opening.get(1)).id());
        assertEquals("Board", ((Snapshot) opening.get(1)).type());
        var carol = conn("carol", "c");
        assertTrue(hub.connect(carol).isEmpty()); // no private models, no subscriptions
    }

    @Test
    void aWriteFromAReadSubscriberIsRefusedToTheProposerAlone() throws Exception {
        var hub = hub();
        long id = hub.share(new Board(), new TopKeyStamps());
        hub.subscribe("alice", id, Hub.Mode.WRITE);
        hub.subscribe("bob", id, Hub.Mode.READ);
        var alice = conn("alice", "a");
        var bob = conn("bob", "b");
        hub.connect(alice);
        var cb = new Client();
        for (Frame f : hub.connect(bob)) cb.recv(f);
        var p = cb.proposeOps(id, List.of(new Op.Set(Path.of(List.of(new Path.Key("x"))), Value.of(5))));
        var out = hub.receive(bob, p.frame());
        assertEquals(java.util.Set.of(bob), out.keySet());
        var got = msgs(bob, out);
        assertTrue(got.get(0) instanceof Snapshot, "the writer's mirror is put back first");
        var reject = (Reject) got.get(1);
        assertEquals(p.id(), reject.proposal());
        assertTrue(reject.error().contains("read-only subscription"), reject.error());
        feed(cb, bob, out);
        var e = assertThrows(ExecutionException.class, () -> p.accepted().get());
        assertTrue(e.getCause() instanceof ProposalRejectedException);
        assertEquals(0, hub.sharedRev(id));
        assertEquals(Value.of(0), ((io.transports.value.MapValue) hub.shared(id)).get("x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "msgpack", "cbor"})
    void anAcceptedWriteGoesOnceToEverySubscriberAndItsIdOnlyToTheWriter(String codec) throws Exception {
        var hub = hub();
        List<Stamp> stamps = new ArrayList<>();
        long id = hub.share(new Board(), new TopKeyStamps() {
            @Override public Value merge(Value current, io.transports.patch.Patch write, Stamp stamp) {
                stamps.add(stamp);
                return super.merge(current, write, stamp);
            }
        });
        hub.subscribe("alice", id, Hub.Mode.WRITE);
        hub.subscribe("bob", id, Hub.Mode.READ);
        var a1 = conn("alice", "a1", codec);
        var a2 = conn("alice", "a2", codec);
        var b1 = conn("bob", "b1", codec);
        var c1 = conn("carol", "c1", codec);
        var ca = new Client(codec);
        var cb = new Client(codec);
        for (Frame f : hub.connect(a1)) ca.recv(f);
        hub.connect(a2);
        for (Frame f : hub.connect(b1)) cb.recv(f);
        hub.connect(c1);
        var p = ca.proposeOps(id, List.of(new Op.Set(Path.of(List.of(new Path.Key("x"))), Value.of(7))));
        assertTrue(hub.receive(a1, p.frame()).isEmpty(), "merged now, sent with the next flush");
        assertEquals(1, hub.sharedRev(id));
        var out = hub.sync();
        assertEquals(java.util.Set.of(a1, a2, b1), out.keySet(), "carol does not subscribe");
        var mine = (PatchMessage) msgs(a1, out).get(0);
        assertEquals(p.id(), mine.proposal());
        assertEquals(1, mine.patch().rev());
        assertNull(((PatchMessage) msgs(a2, out).get(0)).proposal());
        assertNull(((PatchMessage) msgs(b1, out).get(0)).proposal());
        assertEquals(1, out.get(b1).size());
        assertEquals(out.get(a2).get(0), out.get(b1).get(0), "one encoding shared by every subscriber of a codec");
        feed(ca, a1, out);
        feed(cb, b1, out);
        assertEquals(1L, p.accepted().get());
        assertEquals(7, cb.model(id, Board.class).x);
        assertEquals(List.of(new Stamp(0, "alice")), stamps, "stamped with the writer's rev and tenant");
    }

    @Test
    void aWriteThatChangesNothingIsAckedToTheWriterOnly() throws Exception {
        var hub = hub();
        long id = hub.share(new Board());
        hub.subscribe("alice", id, Hub.Mode.WRITE);
        hub.subscribe("bob", id, Hub.Mode.WRITE);
        var alice = conn("alice", "a");
        var bob = conn("bob", "b");
        var ca = new Client();
        for (Frame f : hub.connect(alice)) ca.recv(f);
        hub.connect(bob);
        var p = ca.proposeOps(id, List.of(new Op.Set(Path.of(List.of(new Path.Key("title"))), Value.of("plan"))));
        assertTrue(hub.receive(alice, p.frame()).isEmpty(), "answered with the next flush");
        var out = hub.sync();
        assertEquals(java.util.Set.of(alice), out.keySet());
        assertEquals(new Ack(id, 0, p.id()), msgs(alice, out).get(0));
        feed(ca, alice, out);
        assertEquals(0L, p.accepted().get());
    }

    @Test
    void aWriteToAnUnknownOrUnsubscribedSharedModelIsRejected() {
        var hub = hub();
        long id = hub.share(new Board());
        var carol = conn("carol", "c");
        hub.connect(carol);
        var out = hub.receive(carol, rawWrite(id, key("x"), 1, "w1"));
        var reject = (Reject) msgs(carol, out).get(0);
        assertEquals("there is no model " + id, reject.error());
        assertEquals("w1", reject.proposal());
        assertEquals(0, hub.sharedRev(id));
    }

    @Test
    void aWriteThatCannotApplyIsRefusedWithItsPath() {
        var hub = hub();
        long id = hub.share(new Board());
        hub.subscribe("alice", id, Hub.Mode.WRITE);
        var alice = conn("alice", "a");
        hub.connect(alice);
        var got = msgs(alice, hub.receive(alice, rawWrite(id, key("x", "deep"), 1, "w1")));
        var reject = (Reject) got.get(1);
        assertTrue(reject.error().startsWith("shared model " + id + ": the write cannot apply: "), reject.error());
        assertTrue(reject.error().contains("x"), reject.error());
    }

    @Test
    void hostWritesAreStampedAsTheHostAndReachSubscribersAtTheNextSync() {
        var hub = hub();
        List<Stamp> stamps = new ArrayList<>();
        List<SharedWrite> saved = new ArrayList<>();
        long id = hub.share(new Board(), new TopKeyStamps() {
            @Override public Value merge(Value current, io.transports.patch.Patch write, Stamp stamp) {
                stamps.add(stamp);
                return super.merge(current, write, stamp);
            }
        });
        hub.onSharedWrite(saved::add);
        hub.subscribe("bob", id, Hub.Mode.READ);
        var bob = conn("bob", "b");
        var cb = new Client();
        for (Frame f : hub.connect(bob)) cb.recv(f);
        var board = new Board();
        board.y = 3;
        hub.setShared(id, board);
        assertEquals(List.of(new Stamp(0, Stamp.HOST)), stamps);
        assertEquals(1, saved.size());
        assertEquals(Stamp.HOST, saved.get(0).origin());
        assertEquals(1, saved.get(0).state().rev());
        feed(cb, bob, hub.sync());
        assertEquals(3, cb.model(id, Board.class).y);
        assertTrue(hub.sync().isEmpty(), "sent once");
    }

    @Test
    void sinceResumesASharedModelFromItsLogOrASnapshotWhenTheLogIsShort() {
        var hub = new Hub(c -> c.param("tenant").orElseThrow(), 2);
        long id = hub.share(new Board());
        hub.subscribe("alice", id, Hub.Mode.WRITE);
        var alice = conn("alice", "a");
        var ca = new Client();
        for (Frame f : hub.connect(alice)) ca.recv(f);
        for (int i = 1; i <= 3; i++) {
            hub.receive(alice, write(ca, id, "x", i));
            feed(ca, alice, hub.sync());
        }
        assertEquals(3, ca.rev(id));
        hub.disconnect(alice);
        // rev 2 is in the log (it keeps revs 2 and 3): the mirror at rev 2 gets patch 3 only
        var back = conn("alice", "a-again");
        var resumed = msgs(back, hub.connect(back, Map.of(id, 2L)));
        assertEquals(1, resumed.size());
        assertEquals(3, ((PatchMessage) resumed.get(0)).patch().rev());
        // rev 0 is not: a snapshot
        var stale = conn("alice", "stale");
        var fresh = msgs(stale, hub.connect(stale, Map.of(id, 0L)));
        assertTrue(fresh.get(0) instanceof Snapshot);
        assertEquals(3, ((Snapshot) fresh.get(0)).rev());
        // up to date: nothing
        var current = conn("alice", "current");
        assertTrue(hub.connect(current, Map.of(id, 3L)).isEmpty());
    }

    @Test
    void privateModelsResumeWithSinceToo() {
        var hub = hub();
        var lamp = new Device("lamp");
        hub.tenant("alice").host(lamp);
        var a = conn("alice", "a");
        hub.connect(a);
        lamp.on = true;
        hub.sync();
        hub.disconnect(a);
        var again = conn("alice", "a2");
        var got = msgs(again, hub.connect(again, Map.of(1L, 0L)));
        assertEquals(1, got.size());
        assertEquals(1, ((PatchMessage) got.get(0)).patch().rev());
    }

    @Test
    void awarenessIsEphemeralScopedToSubscribersAndRemovedWhenItsConnectionCloses() {
        var hub = hub();
        long id = hub.share(new Board());
        hub.subscribe("reader", id, Hub.Mode.READ);
        hub.subscribe("writer", id, Hub.Mode.WRITE);
        var reader = conn("reader", "r");
        var writer = conn("writer", "w");
        var cr = new Client();
        var cw = new Client();
        for (Frame f : hub.connect(reader)) cr.recv(f);
        for (Frame f : hub.connect(writer)) cw.recv(f);
        List<Awareness> heard = new ArrayList<>();
        cw.onAwareness(heard::add);
        var state = Map.of("field", "x");
        var out = hub.receive(reader, cr.setAwareness(id, state));
        assertEquals(java.util.Set.of(writer), out.keySet(), "relayed to the others, not echoed");
        feed(cw, writer, out);
        String peer = hub.peerOf(reader).orElseThrow();
        assertEquals(Map.of(peer, io.transports.codec.PlainData.fromPlain(state)), cw.awareness(id));
        assertEquals(peer, heard.get(0).peer());
        assertEquals("{\"t\":\"awareness\",\"id\":" + id + ",\"state\":{\"field\":\"x\"},\"peer\":\"" + peer + "\"}",
                out.get(writer).get(0).text());
        // a later subscriber gets the snapshot, then the current awareness; the model's value never holds it
        var observer = conn("writer", "o");
        var opening = msgs(observer, hub.connect(observer));
        assertTrue(opening.get(0) instanceof Snapshot);
        assertEquals(new Awareness(id, io.transports.codec.PlainData.fromPlain(state), peer), opening.get(1));
        assertEquals(hub.snapshotShared(id).value(), Transports.toValue(new Board()));
        // null removes it
        var cleared = hub.receive(reader, cr.setAwareness(id, null));
        feed(cw, writer, cleared);
        assertEquals(Map.of(), cw.awareness(id));
        assertEquals(java.util.Set.of(writer, observer), cleared.keySet());
        // set again, then the connection closes: everyone left hears the removal
        feed(cw, writer, hub.receive(reader, cr.setAwareness(id, state)));
        assertEquals(1, cw.awareness(id).size());
        var leave = hub.disconnect(reader);
        assertEquals(java.util.Set.of(writer, observer), leave.keySet());
        feed(cw, writer, leave);
        assertEquals(Map.of(), cw.awareness(id));
        assertNull(heard.get(heard.size() - 1).state());
        // never replayed: a new connection hears nothing of the gone peer
        var late = conn("reader", "late");
        assertEquals(1, hub.connect(late).size());
        // an outsider's awareness goes nowhere
        List<RuntimeException> errors = new ArrayList<>();
        hub.onError(errors::add);
        var outsider = conn("outsider", "x");
        hub.connect(outsider);
        assertTrue(hub.receive(outsider, new Client().setAwareness(id, state)).isEmpty());
        assertTrue(errors.get(0).getMessage().contains("does not subscribe"), errors.get(0).getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "msgpack", "cbor"})
    void awarenessRoundTripsInEveryCodec(String codec) {
        var c = Codecs.forName(codec);
        var state = io.transports.codec.PlainData.fromPlain(Map.of("cursor", List.of(1, 2.5, true), "who", "ann", "none", java.util.Collections.emptyMap()));
        for (var m : List.of(new Awareness(1L << 40, state, "peer-1"), new Awareness(5, null, "p"), new Awareness(5, state))) {
            assertEquals(m, c.decode(c.encode(m)));
        }
        assertEquals("{\"t\":\"awareness\",\"id\":5,\"state\":null}", Codecs.forName("json").encode(new Awareness(5, null)).text());
    }

    @Test
    void aSharedModelIsSavedAndRestoredWithItsRevisionAndStrategyState() {
        var hub = hub();
        long id = hub.share(new Board(), new TopKeyStamps());
        hub.subscribe("alice", id, Hub.Mode.WRITE);
        List<SharedWrite> log = new ArrayList<>();
        hub.onSharedWrite(log::add);
        var alice = conn("alice", "a");
        var ca = new Client();
        for (Frame f : hub.connect(alice)) ca.recv(f);
        hub.receive(alice, write(ca, id, "x", 9)); // stamped (0, alice)
        feed(ca, alice, hub.sync());
        hub.receive(alice, write(ca, id, "y", 4)); // stamped (1, alice)
        feed(ca, alice, hub.sync());
        SharedState saved = hub.snapshotShared(id);
        assertEquals(saved, log.get(log.size() - 1).state(), "the hook sees what a snapshot would save");

        var restored = hub();
        var strategy = new TopKeyStamps();
        assertEquals(id, restored.share(saved, strategy));
        assertEquals(2, restored.sharedRev(id));
        assertEquals(new Stamp(0, "alice"), strategy.clock.get("x"));
        restored.subscribe("alice", id, Hub.Mode.WRITE);
        restored.subscribe("bob", id, Hub.Mode.WRITE);
        var back = conn("alice", "a");
        assertTrue(restored.connect(back, Map.of(id, 2L)).isEmpty(), "a mirror at the saved rev resumes with nothing to catch up");
        // the restored clock still decides: bob's write stamped (0, "bob") to y loses to alice's (1, "alice")
        var bob = conn("bob", "b");
        var cb = new Client();
        for (Frame f : restored.connect(bob)) cb.recv(f);
        var stale = new io.transports.protocol.PatchMessage(id, new io.transports.patch.Patch(0,
                List.of(new Op.Set(Path.of(List.of(new Path.Key("y"))), Value.of(100)))), "stale");
        assertTrue(restored.receive(bob, Codecs.forName("json").encode(stale)).isEmpty());
        assertEquals(new Ack(id, 2, "stale"), msgs(bob, restored.sync()).get(0));
        assertEquals(2, restored.sharedRev(id));
        assertThrows(IllegalStateException.class, () -> restored.share(saved, new TopKeyStamps()));
        assertEquals(id + 1, restored.share(new Board()), "new shared ids continue after a restored one");
    }

    @Test
    void aTenantSubscribedWhileConnectedGetsTheSnapshotAtTheNextSync() {
        var hub = hub();
        long id = hub.share(new Board());
        var bob = conn("bob", "b");
        assertTrue(hub.connect(bob).isEmpty());
        hub.subscribe("bob", id, Hub.Mode.READ);
        var got = msgs(bob, hub.sync());
        assertEquals(1, got.size());
        assertTrue(got.get(0) instanceof Snapshot);
        assertTrue(hub.sync().isEmpty());
        assertFalse(hub.subscription("carol", id).isPresent());
    }

    @Test
    void aReadOnlyConnectionOfAWritingTenantCannotWriteEither() {
        var hub = hub();
        long id = hub.share(new Board());
        hub.subscribe("alice", id, Hub.Mode.WRITE);
        var viewer = new Connection("viewer", "json", Permissions.all().readOnly("this view is read-only"),
                Map.of("tenant", List.of("alice")), null);
        hub.connect(viewer);
        var reject = (Reject) msgs(viewer, hub.receive(viewer, rawWrite(id, key("x"), 1, null))).get(1);
        assertEquals("this view is read-only", reject.error());
    }

    @Test
    void aMalformedFrameIsRejectedAndTheHubCarriesOn() {
        var hub = hub();
        long id = hub.share(new Board());
        hub.subscribe("alice", id, Hub.Mode.WRITE);
        var alice = conn("alice", "a");
        hub.connect(alice);
        var reject = (Reject) msgs(alice, hub.receive(alice, Frame.ofText("{\"t\":\"patch\",\"id\":"))).get(0);
        assertTrue(reject.error().startsWith("malformed frame"), reject.error());
        hub.receive(alice, rawWrite(id, key("x"), 1, null));
        assertEquals(1, hub.sync().get(alice).size());
    }
}
