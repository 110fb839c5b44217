package io.transports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transports.codec.Codec;
import io.transports.codec.Codecs;
import io.transports.patch.Op;
import io.transports.protocol.Ack;
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
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A {@link Hub} sends the accepted writes to a shared model with its next flush: one patch spanning
 * their revisions per connection, a proposer's copy split at its own writes (each part with its
 * proposal id), acks after the patch that brings the proposer to their revision, a refusal answered at
 * once; and a patch a codec cannot encode replaced by a snapshot for that codec's connections, or the
 * connection dropped with the model and the reason when the snapshot cannot be encoded either.
 */
class HubFlushTest {
    public static class Board {
        public String title = "plan";
        public int x;
        public int y;
    }

    private static Hub hub() { return new Hub(c -> c.param("tenant").orElseThrow()); }

    private static Connection conn(String tenant, String name, String codec) {
        return new Connection(name, codec, Permissions.all(), Map.of("tenant", List.of(tenant)), null);
    }

    private static List<Message> msgs(Connection c, Map<Connection, List<Frame>> out) {
        List<Message> got = new ArrayList<>();
        for (Frame f : out.getOrDefault(c, List.of())) got.add(c.codec().decode(f));
        return got;
    }

    private static void feed(Client client, Connection c, Map<Connection, List<Frame>> out) {
        for (Frame f : out.getOrDefault(c, List.of())) client.recv(f);
    }

    private static Op set(String key, Value v) { return new Op.Set(Path.ROOT.key(key), v); }

    @Test
    void theWritesOfOneFlushGoAsOnePatchAndEachProposalIsAnsweredAtItsOwnRevision() throws Exception {
        var hub = hub();
        long id = hub.share(new Board());
        hub.subscribe("alice", id, Hub.Mode.WRITE);
        hub.subscribe("bob", id, Hub.Mode.WRITE);
        hub.subscribe("carol", id, Hub.Mode.READ);
        var a = conn("alice", "a", "json");
        var b = conn("bob", "b", "json");
        var c1 = conn("carol", "c1", "msgpack");
        var c2 = conn("carol", "c2", "msgpack");
        var ca = new Client();
        var cb = new Client();
        var cc = new Client("msgpack");
        for (Frame f : hub.connect(a)) ca.recv(f);
        for (Frame f : hub.connect(b)) cb.recv(f);
        for (Frame f : hub.connect(c1)) cc.recv(f);
        hub.connect(c2);

        var p1 = ca.proposeOps(id, List.of(set("x", Value.of(1))));
        var p2 = cb.proposeOps(id, List.of(set("y", Value.of(2))));
        var p3 = ca.proposeOps(id, List.of(set("x", Value.of(3))));
        assertTrue(hub.receive(a, p1.frame()).isEmpty()); // rev 1
        assertTrue(hub.receive(b, p2.frame()).isEmpty()); // rev 2
        assertTrue(hub.receive(a, p3.frame()).isEmpty()); // rev 3
        hub.setShared(id, Map.of("title", "hosted", "x", 3, "y", 2)); // rev 4, the host's
        var p4 = cb.proposeOps(id, List.of(set("y", Value.of(2)))); // changes nothing: an ack at rev 4
        assertTrue(hub.receive(b, p4.frame()).isEmpty());
        assertEquals(4, hub.sharedRev(id));

        var out = hub.sync();
        List<Message> carol = msgs(c1, out);
        assertEquals(1, carol.size(), "one patch for the whole flush");
        var whole = (PatchMessage) carol.get(0);
        assertEquals(4, whole.patch().rev());
        assertNull(whole.proposal());
        assertEquals(3, whole.patch().ops().size(), "x=1 is covered by x=3: compacted");
        assertSame(out.get(c1).get(0), out.get(c2).get(0), "one frame for every connection of a codec at that revision");

        List<Message> alice = msgs(a, out);
        assertEquals(List.of(1L, 3L, 4L), alice.stream().map(m -> ((PatchMessage) m).patch().rev()).toList());
        assertEquals(p1.id(), ((PatchMessage) alice.get(0)).proposal());
        assertEquals(p3.id(), ((PatchMessage) alice.get(1)).proposal());
        assertNull(((PatchMessage) alice.get(2)).proposal());

        List<Message> bob = msgs(b, out);
        assertEquals(3, bob.size());
        assertEquals(new PatchMessage(id, ((PatchMessage) bob.get(0)).patch(), p2.id()), bob.get(0));
        assertEquals(2, ((PatchMessage) bob.get(0)).patch().rev());
        assertEquals(4, ((PatchMessage) bob.get(1)).patch().rev());
        assertEquals(new Ack(id, 4, p4.id()), bob.get(2), "the ack after the patch that brings bob to rev 4");

        feed(ca, a, out);
        feed(cb, b, out);
        feed(cc, c1, out);
        assertEquals(1L, p1.accepted().get());
        assertEquals(2L, p2.accepted().get());
        assertEquals(3L, p3.accepted().get());
        assertEquals(4L, p4.accepted().get());
        for (Client m : List.of(ca, cb, cc)) {
            assertEquals(hub.shared(id), m.value(id));
            assertEquals(4, m.rev(id));
        }
        assertTrue(hub.sync().isEmpty(), "sent once");
    }

    @Test
    void aRefusedWriteIsAnsweredAtOnceAfterTheAcksOfTheWritesStillWaiting() throws Exception {
        var hub = hub();
        long id = hub.share(new Board());
        hub.subscribe("alice", id, Hub.Mode.WRITE);
        hub.subscribe("bob", id, Hub.Mode.WRITE);
        var a = conn("alice", "a", "json");
        var b = conn("bob", "b", "json");
        var ca = new Client();
        var cb = new Client();
        for (Frame f : hub.connect(a)) ca.recv(f);
        for (Frame f : hub.connect(b)) cb.recv(f);
        var ok = ca.proposeOps(id, List.of(set("x", Value.of(1))));
        hub.receive(a, ok.frame());
        hub.receive(b, cb.proposeOps(id, List.of(set("y", Value.of(2)))).frame());
        var bad = ca.proposeOps(id, List.of(new Op.Set(Path.ROOT.key("x").key("deep"), Value.of(1))));
        var now = hub.receive(a, bad.frame());
        List<Message> got = msgs(a, now);
        assertEquals(3, got.size());
        assertEquals(2, ((Snapshot) got.get(0)).rev(), "the snapshot holds the writes not yet sent");
        assertEquals(new Ack(id, 1, ok.id()), got.get(1));
        assertEquals(bad.id(), ((Reject) got.get(2)).proposal());
        feed(ca, a, now);
        assertEquals(1L, ok.accepted().get());
        var e = assertThrows(ExecutionException.class, () -> bad.accepted().get());
        assertInstanceOf(ProposalRejectedException.class, e.getCause());

        var out = hub.sync();
        assertTrue(msgs(a, out).isEmpty(), "alice holds rev 2 already");
        assertEquals(2, ((PatchMessage) msgs(b, out).get(0)).patch().rev());
        hub.receive(b, cb.proposeOps(id, List.of(set("y", Value.of(3)))).frame());
        out = hub.sync();
        assertEquals(3, ((PatchMessage) msgs(a, out).get(0)).patch().rev());
        feed(ca, a, out);
        assertEquals(hub.shared(id), ca.value(id));
    }

    @Test
    void aConnectionOpenedOrResumedBetweenTwoFlushesGetsEachRevisionOnce() {
        var hub = hub();
        long id = hub.share(Value.map(Map.of("items", Value.list())));
        hub.subscribe("alice", id, Hub.Mode.WRITE);
        hub.subscribe("dave", id, Hub.Mode.READ);
        var a = conn("alice", "a", "json");
        var ca = new Client();
        for (Frame f : hub.connect(a)) ca.recv(f);
        var resumer = new Client();
        var early = conn("dave", "early", "json");
        for (Frame f : hub.connect(early)) resumer.recv(f);
        hub.disconnect(early);
        var insert = (java.util.function.LongFunction<Frame>) n -> ca.editOps(id, List.of(new Op.Insert(Path.ROOT.key("items"), 0, Value.of(n))));
        hub.receive(a, insert.apply(1)); // rev 1, not yet sent
        var fresh = new Client();
        var d1 = conn("dave", "fresh", "json");
        for (Frame f : hub.connect(d1)) fresh.recv(f); // a snapshot at rev 1
        hub.receive(a, insert.apply(2)); // rev 2
        var d2 = conn("dave", "resumed", "json");
        for (Frame f : hub.connect(d2, Map.of(id, 0L))) resumer.recv(f); // the log's revs 1 and 2
        hub.receive(a, insert.apply(3)); // rev 3
        var out = hub.sync();
        assertEquals(List.of(3L), msgs(d1, out).stream().map(m -> ((PatchMessage) m).patch().rev()).toList());
        assertEquals(2, ((PatchMessage) msgs(d1, out).get(0)).patch().ops().size(), "revs 2 and 3 only: inserts are never sent twice");
        assertEquals(1, ((PatchMessage) msgs(d2, out).get(0)).patch().ops().size(), "rev 3 only");
        feed(fresh, d1, out);
        feed(resumer, d2, out);
        feed(ca, a, out);
        Value want = Value.map(Map.of("items", Value.list(Value.of(3), Value.of(2), Value.of(1))));
        assertEquals(want, hub.shared(id));
        for (Client m : List.of(ca, fresh, resumer)) assertEquals(want, m.value(id));
    }

    /** A JSON codec that refuses to encode the messages {@code refuses} matches (registered under {@code name}). */
    private static Codec fragile(String name, Predicate<Message> refuses) {
        Codec json = Codecs.forName("json");
        Codec c = new Codec() {
            @Override public String name() { return name; }
            @Override public boolean binary() { return false; }
            @Override public Frame encode(Message m) {
                if (refuses.test(m)) throw new IllegalStateException("this codec cannot carry it");
                return json.encode(m);
            }
            @Override public Message decode(Frame frame) { return json.decode(frame); }
        };
        Codecs.register(name, c);
        return c;
    }

    private static boolean says(Message m, String word) { return Codecs.forName("json").encode(m).text().contains(word); }

    @Test
    void aPatchACodecCannotEncodeIsReplacedByTheSnapshotForThatCodecsConnections() throws Exception {
        fragile("application/x-fragile-patches", m -> m instanceof PatchMessage p && p.patch().rev() > 0 && says(m, "boom"));
        var hub = hub();
        List<String> errors = new ArrayList<>();
        hub.onError(e -> errors.add(e.getMessage()));
        long id = hub.share(new Board());
        hub.subscribe("alice", id, Hub.Mode.WRITE);
        hub.subscribe("bob", id, Hub.Mode.READ);
        var a = conn("alice", "a", "application/x-fragile-patches");
        var b = conn("bob", "b", "application/x-fragile-patches");
        var j = conn("bob", "j", "json");
        var ca = new Client("application/x-fragile-patches");
        var cb = new Client("application/x-fragile-patches");
        var cj = new Client();
        for (Frame f : hub.connect(a)) ca.recv(f);
        for (Frame f : hub.connect(b)) cb.recv(f);
        for (Frame f : hub.connect(j)) cj.recv(f);
        var p = ca.proposeOps(id, List.of(set("title", Value.of("boom"))));
        hub.receive(a, p.frame());
        var out = hub.sync();
        assertInstanceOf(Snapshot.class, msgs(b, out).get(0));
        List<Message> alice = msgs(a, out);
        assertInstanceOf(Snapshot.class, alice.get(0));
        assertEquals(new Ack(id, 1, p.id()), alice.get(1), "the snapshot cannot carry the id: an ack follows");
        assertInstanceOf(PatchMessage.class, msgs(j, out).get(0));
        feed(ca, a, out);
        feed(cb, b, out);
        feed(cj, j, out);
        assertEquals(1L, p.accepted().get());
        for (Client m : List.of(ca, cb, cj)) assertEquals(hub.shared(id), m.value(id));
        assertEquals(1, errors.size(), "told once per codec: " + errors);
        assertTrue(errors.get(0).contains("a patch for model " + id) && errors.get(0).contains("snapshot of shared model " + id + " instead"), errors.get(0));
        assertEquals(3, hub.connections().size(), "nobody dropped");
    }

    @Test
    void aConnectionWhoseCodecCannotEncodeTheSnapshotEitherIsDroppedNamingTheModelAndWhy() {
        fragile("application/x-fragile", m -> says(m, "boom"));
        var hub = hub();
        hub.onError(e -> {});
        long id = hub.share(new Board());
        hub.subscribe("alice", id, Hub.Mode.WRITE);
        hub.subscribe("bob", id, Hub.Mode.READ);
        List<String> dropped = new ArrayList<>();
        var fragileBob = new Connection("fragile bob", "application/x-fragile", Permissions.all(), Map.of("tenant", List.of("bob")), null) {
            @Override protected void dropped(String why) { dropped.add(why); }
        };
        var a = conn("alice", "a", "json");
        var ca = new Client();
        for (Frame f : hub.connect(a)) ca.recv(f);
        hub.connect(fragileBob);
        hub.receive(a, ca.proposeOps(id, List.of(set("title", Value.of("boom")))).frame());
        var out = hub.sync();
        assertEquals(1, dropped.size());
        assertTrue(dropped.get(0).contains("a patch for model " + id) && dropped.get(0).contains("neither can the snapshot of shared model " + id)
                && dropped.get(0).contains("cannot carry it"), dropped.get(0));
        assertTrue(!out.containsKey(fragileBob) && !hub.connections().contains(fragileBob));
        feed(ca, a, out);
        assertEquals("boom", ((io.transports.value.StrValue) ((io.transports.value.MapValue) ca.value(id)).get("title")).value());
        // back again while the model still cannot travel: a reject for that model, and the connection stays
        var again = conn("bob", "again", "application/x-fragile");
        List<Frame> opening = hub.connect(again);
        var reject = (Reject) again.codec().decode(opening.get(0));
        assertTrue(reject.error().contains("model " + id + " cannot be sent over application/x-fragile"), reject.error());
        assertTrue(hub.connections().contains(again));
    }
}
