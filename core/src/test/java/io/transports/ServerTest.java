package io.transports;

import static org.junit.jupiter.api.Assertions.*;

import io.transports.codec.CodecException;
import io.transports.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerTest {

    private static List<Frame> feed(Client c, Map<Object, List<Frame>> out, Object conn) {
        List<Frame> frames = out.getOrDefault(conn, List.of());
        for (Frame f : frames) c.recv(f);
        return frames;
    }

    @Test
    void oneEncodingIsSharedByEveryConnectionOfACodec() {
        var s = new Session();
        var d = new Device("lamp");
        s.host(d);
        var server = new Server(s);
        server.open("a");
        server.open("b", "application/json");
        server.open("c", "msgpack");
        d.on = true;
        Map<Object, List<Frame>> out = server.flush();
        assertSame(out.get("a").get(0), out.get("b").get(0));
        assertFalse(out.get("c").get(0).isText());
        var mp = new Client("msgpack");
        var js = new Client();
        for (Frame f : server.open("c2", "x-msgpack")) mp.recv(f);
        for (Frame f : server.open("j2")) js.recv(f);
        assertEquals(js.value(1), mp.value(1));
    }

    @Test
    void acceptedProposalIsEchoedToEveryConnectionIncludingTheProposer() {
        var s = new Session();
        s.host(new Device("lamp"));
        var server = new Server(s);
        var a = new Client();
        var b = new Client("cbor");
        for (Frame f : server.open("a")) a.recv(f);
        for (Frame f : server.open("b", "cbor")) b.recv(f);
        Frame proposal = a.edit(1, Transports.toValue(new Device("lamp", true)));
        assertFalse(a.model(1, Device.class).on, "mirrors change only when the echo arrives");
        var out = server.recv("a", proposal);
        feed(a, out, "a");
        feed(b, out, "b");
        assertTrue(a.model(1, Device.class).on);
        assertTrue(b.model(1, Device.class).on);
    }

    @Test
    void refusedProposalGetsRevertSnapshotAndRejectToTheProposerOnly() {
        var s = new Session();
        s.host(new Device("lamp"));
        var server = new Server(s);
        var a = new Client();
        for (Frame f : server.open("a")) a.recv(f);
        server.open("b");
        List<String> rejects = new ArrayList<>();
        a.onReject(r -> rejects.add(r.error()));
        Frame bad = a.edit(1, Value.map(Map.of("name", Value.of("lamp"), "on", Value.of("yes please"))));
        var out = server.recv("a", bad);
        assertEquals(Set("a"), out.keySet(), "nothing goes to the other connection");
        List<Frame> frames = feed(a, out, "a");
        assertTrue(frames.get(0).text().contains("\"t\":\"snapshot\""));
        assertTrue(frames.get(1).text().contains("\"t\":\"reject\""));
        assertEquals(1, rejects.size());
        assertTrue(rejects.get(0).contains("on"), rejects.get(0));
        assertFalse(a.model(1, Device.class).on);
    }

    private static java.util.Set<Object> Set(Object... o) { return java.util.Set.of(o); }

    @Test
    void readOnlyConnectionsAreRefusedWithTheReason() {
        var s = new Session();
        var d = new Device("lamp");
        s.host(d);
        var server = new Server(s);
        var a = new Client();
        var viewer = new Connection("viewer", "json", Permissions.all().readOnly("this view is read-only"));
        for (Frame f : server.connect(viewer)) a.recv(f);
        List<String> rejects = new ArrayList<>();
        a.onReject(r -> rejects.add(r.error()));
        for (Frame f : server.receive(viewer, a.edit(1, Transports.toValue(new Device("lamp", true)))).get(viewer)) a.recv(f);
        assertEquals(List.of("this view is read-only"), rejects);
        assertFalse(d.on);
    }

    @Test
    void malformedFramesGetARejectAndTheServerCarriesOn() {
        var s = new Session();
        var d = new Device("lamp");
        s.host(d);
        var server = new Server(s);
        server.open("a");
        for (String junk : List.of("", "{", "[]", "{\"t\":\"patch\",\"id\":1}", "{\"t\":\"patch\",\"id\":1,\"patch\":{\"rev\":0,\"ops\":[{\"Explode\":{}}]}}")) {
            var out = server.recv("a", junk);
            String text = out.get("a").get(out.get("a").size() - 1).text();
            assertTrue(text.contains("\"t\":\"reject\""), junk + " -> " + text);
        }
        d.on = true;
        assertEquals(1, server.flush().get("a").size());
    }

    @Test
    void theRejectOfAMalformedFrameReachesTheClientsRejectListeners() {
        var server = new Server(new Session());
        server.open("a", "cbor");
        var c = new Client("cbor");
        List<String> rejects = new ArrayList<>();
        c.onReject(r -> rejects.add(r.id() + ": " + r.error()));
        feed(c, server.recv("a", new byte[] {(byte) 0xff, 0x00}), "a");
        assertEquals(1, rejects.size());
        assertTrue(rejects.get(0).startsWith("0: malformed frame"), rejects.get(0));
    }

    @Test
    void proposalToAnUnknownModelIsRejected() {
        var server = new Server(new Session());
        server.open("a");
        var out = server.recv("a", "{\"t\":\"patch\",\"id\":7,\"patch\":{\"rev\":0,\"ops\":[]}}");
        assertTrue(out.get("a").get(0).text().contains("no model 7"));
    }

    @Test
    void unknownCodecIsRefusedAndNothingIsOpened() {
        var server = new Server(new Session());
        assertThrows(CodecException.class, () -> server.open("a", "yaml"));
        assertFalse(server.isOpen("a"));
    }

    @Test
    void resumeReplaysOnlyTheMissingPatches() {
        var s = new Session();
        var t = new Thermostat();
        s.host(t);
        var server = new Server(s);
        var c = new Client();
        for (Frame f : server.open("a")) c.recv(f);
        server.close("a");
        t.target = 25;
        s.flush();
        t.room = "attic";
        List<Frame> resumed = server.open("a", "json", c.revisions());
        assertEquals(2, resumed.size());
        assertTrue(resumed.stream().allMatch(f -> f.text().contains("\"t\":\"patch\"")));
        for (Frame f : resumed) c.recv(f);
        assertEquals(s.value(1), c.value(1));
    }

    private static long revOf(Frame f) {
        return ((io.transports.protocol.PatchMessage) io.transports.codec.Codecs.forName("json").decode(f)).patch().rev();
    }

    @Test
    void eachRevisionReachesAConnectionOnceWhenChangesArePendingAtOpen() {
        var s = new Session();
        var t = new Thermostat();
        s.host(t);
        var server = new Server(s);
        var a = new Client();
        for (Frame f : server.open("a")) a.recv(f);
        t.log.add("x");
        s.flush();
        server.flush();                       // rev 1 reached "a"
        server.close("a");
        t.log.add("y");                       // pending: becomes rev 2 inside the next open
        List<Frame> resumed = server.open("a", "json", Map.of(1L, 0L));
        var fresh = new Client();
        List<Frame> opening = server.open("b"); // a snapshot at rev 2
        for (Frame f : opening) fresh.recv(f);
        t.room = "attic";                     // rev 3, after both openings
        var out = server.recv("b", fresh.edit(1, fresh.value(1))); // a no-op proposal flushes the pending host change
        List<Long> revsToA = new ArrayList<>();
        for (Frame f : resumed) revsToA.add(revOf(f));
        for (Frame f : out.getOrDefault("a", List.of())) revsToA.add(revOf(f));
        assertEquals(List.of(1L, 2L, 3L), revsToA, "a resumed connection gets every revision once, in order");
        assertEquals(List.of(3L), out.get("b").stream().filter(f -> f.text().contains("\"patch\"")).map(ServerTest::revOf).toList(),
                "the snapshot connection gets only rev 3 (and the ack of its no-op proposal)");
        assertTrue(server.flush().isEmpty());
    }

    @Test
    void resumeBeyondTheLogGetsASnapshot() {
        var s = new Session(1);
        var t = new Thermostat();
        s.host(t);
        var server = new Server(s);
        var c = new Client();
        for (Frame f : server.open("a")) c.recv(f);
        for (int i = 0; i < 3; i++) { t.target = i; s.flush(); }
        List<Frame> resumed = server.open("a", null, c.revisions());
        assertEquals(1, resumed.size());
        assertTrue(resumed.get(0).text().contains("\"t\":\"snapshot\""));
    }

    @Test
    void permissionsHideModelsAndRefuseProposals() {
        var s = new Session();
        s.host(new Device("public"));
        s.host(new Device("secret"));
        var server = new Server(s);
        var guestConn = new Connection("guest", "json", Permissions.all().onlyModels(id -> id == 1).refusingProposals(id -> "guests may only look"));
        var admin = new Connection("admin");
        var guest = new Client();
        for (Frame f : server.connect(guestConn)) guest.recv(f);
        server.connect(admin);
        assertEquals(List.of(1L), guest.ids());
        ((Device) s.hosted(2)).on = true;
        var out = server.sync();
        assertNull(out.get(guestConn), "the guest sees no patch of a model it cannot see");
        assertEquals(1, out.get(admin).size());
        List<String> rejects = new ArrayList<>();
        guest.onReject(r -> rejects.add(r.error()));
        for (Frame f : server.receive(guestConn, guest.edit(1, Transports.toValue(new Device("x")))).get(guestConn)) guest.recv(f);
        assertEquals(List.of("guests may only look"), rejects);
    }

    @Test
    void twoServersOnOneSessionEachSendEveryPatch() {
        var s = new Session();
        var d = new Device("lamp");
        s.host(d);
        var one = new Server(s);
        var two = new Server(s);
        var a = new Client();
        var b = new Client();
        for (Frame f : one.open("a")) a.recv(f);
        for (Frame f : two.open("b")) b.recv(f);
        d.on = true;
        feed(a, one.flush(), "a");
        feed(b, two.flush(), "b");
        feed(b, two.recv("b", b.edit(1, Transports.toValue(new Device("renamed", true)))), "b");
        feed(a, one.flush(), "a");
        assertEquals("name=renamed, on=true", a.model(1, Device.class).toString());
        assertEquals(a.value(1), b.value(1));
        two.close();
        d.on = false;
        assertEquals(1, one.flush().get("a").size());
    }

    @Test
    void aDrainElsewhereTakesNothingFromTheServer() {
        var s = new Session();
        var d = new Device("lamp");
        s.host(d);
        var server = new Server(s);
        var c = new Client();
        for (Frame f : server.open("a")) c.recv(f);
        d.on = true;
        assertEquals(1, s.drain().size());
        feed(c, server.flush(), "a");
        assertTrue(c.model(1, Device.class).on);
    }

    @Test
    void pendingHostChangesGoOutBeforeTheEcho() {
        var s = new Session();
        var d = new Device("lamp");
        s.host(d);
        var server = new Server(s);
        var c = new Client();
        for (Frame f : server.open("a")) c.recv(f);
        Frame proposal = c.edit(1, Transports.toValue(new Device("lamp", true)));
        d.name = "renamed on the host";
        List<Frame> frames = feed(c, server.recv("a", proposal), "a");
        assertEquals(2, frames.size());
        assertEquals(new Device("renamed on the host", true).toString(), c.model(1, Device.class).toString());
    }

    @Test
    void aModelHostedAfterConnectionsOpenedReachesThemAsASnapshotOnTheNextFlush() {
        var s = new Session();
        s.host(new Device("lamp"));
        var server = new Server(s);
        var early = new Client();
        for (Frame f : server.open("early")) early.recv(f);
        server.flush(); // settles the opening
        var fan = new Device("fan");
        long id = s.host(fan);
        fan.on = true; // changed before the flush: the snapshot already holds it, no patch follows
        var lateJoiner = new Client();
        for (Frame f : server.open("late")) lateJoiner.recv(f); // opened after hosting: has it already
        var out = server.flush();
        List<Frame> toEarly = feed(early, out, "early");
        assertEquals(1, toEarly.size(), "one snapshot, no patch it already holds");
        assertEquals(List.of(1L, id), early.ids());
        assertTrue(early.model(id, Device.class).on);
        assertTrue(early.needsResync().isEmpty());
        assertTrue(out.getOrDefault("late", List.of()).isEmpty(), "its opening carried the model");
        fan.name = "big fan"; // from now on, ordinary patches
        feed(early, server.flush(), "early");
        assertEquals("big fan", early.model(id, Device.class).name);
        s.unhost(1);
        assertTrue(server.flush().isEmpty(), "unhosting announces nothing");
    }
}
