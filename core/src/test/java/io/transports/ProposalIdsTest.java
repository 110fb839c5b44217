package io.transports;

import static org.junit.jupiter.api.Assertions.*;

import io.transports.codec.Codec;
import io.transports.codec.Codecs;
import io.transports.protocol.Ack;
import io.transports.protocol.Message;
import io.transports.protocol.PatchMessage;
import io.transports.protocol.Reject;
import io.transports.value.Value;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Proposal ids end to end through a real Server and Clients (docs/protocol.md "Proposal ids"): the id
 * goes back to its proposer alone (on its copy of the echo, on a reject, or in an ack when nothing
 * changed), and the proposer's {@link Proposal} completes or fails accordingly; in every codec.
 */
class ProposalIdsTest {

    private static void feed(Client c, Map<Object, List<Frame>> out, Object conn) {
        for (Frame f : out.getOrDefault(conn, List.of())) c.recv(f);
    }

    private static Message decode(String codec, Frame f) { return Codecs.forName(codec).decode(f); }

    @ParameterizedTest
    @ValueSource(strings = {"json", "msgpack", "cbor"})
    void theEchoCarriesTheIdToTheProposerOnly(String codec) {
        var s = new Session();
        s.host(new Device("lamp"));
        var server = new Server(s);
        var a = new Client(codec);
        var b = new Client(codec);
        for (Frame f : server.open("a", codec)) a.recv(f);
        for (Frame f : server.open("b", codec)) b.recv(f);
        Proposal p = a.propose(1, Transports.toValue(new Device("lamp", true)));
        assertEquals("auto-1", p.id());
        assertEquals(List.of("auto-1"), a.pendingProposals());
        var out = server.recv("a", p.frame());
        PatchMessage mine = (PatchMessage) decode(codec, out.get("a").get(0));
        PatchMessage theirs = (PatchMessage) decode(codec, out.get("b").get(0));
        assertEquals("auto-1", mine.proposal());
        assertNull(theirs.proposal(), "another connection's copy carries no id");
        assertEquals(mine.patch(), theirs.patch());
        assertFalse(p.accepted().isDone(), "pending until the echo arrives");
        feed(a, out, "a");
        feed(b, out, "b");
        assertEquals(1L, p.accepted().join());
        assertTrue(a.pendingProposals().isEmpty());
        assertTrue(b.model(1, Device.class).on);
    }

    @Test
    void otherConnectionsOfTheCodecStillShareOneFrame() {
        var s = new Session();
        s.host(new Device("lamp"));
        var server = new Server(s);
        var a = new Client();
        for (Frame f : server.open("a")) a.recv(f);
        server.open("b");
        server.open("c");
        var out = server.recv("a", a.edit(1, Transports.toValue(new Device("lamp", true))));
        assertSame(out.get("b").get(0), out.get("c").get(0));
        assertNotEquals(out.get("a").get(0), out.get("b").get(0));
    }

    @Test
    void hostPatchesPendingWhenTheProposalArrivesComeFirstAndKeepNoId() {
        var s = new Session();
        var d = new Device("lamp");
        s.host(d);
        var server = new Server(s);
        var a = new Client();
        for (Frame f : server.open("a")) a.recv(f);
        d.name = "renamed by the host";
        Proposal p = a.proposeOps(1, Transports.diff(Transports.toValue(new Device("lamp")), Transports.toValue(new Device("lamp", true))).ops());
        var out = server.recv("a", p.frame());
        assertEquals(2, out.get("a").size());
        assertNull(((PatchMessage) decode("json", out.get("a").get(0))).proposal(), "the host's patch");
        assertEquals(p.id(), ((PatchMessage) decode("json", out.get("a").get(1))).proposal());
        feed(a, out, "a");
        assertEquals(2L, p.accepted().join());
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "msgpack"})
    void aProposalThatChangesNothingIsAcked(String codec) {
        var s = new Session();
        s.host(new Device("lamp"));
        var server = new Server(s);
        var a = new Client(codec);
        for (Frame f : server.open("a", codec)) a.recv(f);
        server.open("b", codec);
        Proposal p = a.proposeOps(1, Transports.diff(a.value(1), a.value(1)).ops(), "same-again");
        var out = server.recv("a", p.frame());
        assertEquals(Map.of("a", List.of(Codecs.forName(codec).encode(new Ack(1, 0, "same-again")))), out);
        feed(a, out, "a");
        assertEquals(0L, p.accepted().join());
        assertEquals(0, a.rev(1), "an ack never changes the mirror");
    }

    @Test
    void aRefusedProposalFailsWithTheReason() {
        var s = new Session();
        s.host(new Device("lamp"));
        var server = new Server(s);
        var a = new Client();
        for (Frame f : server.open("a")) a.recv(f);
        Proposal p = a.propose(1, Value.map(Map.of("name", Value.of("lamp"), "on", Value.of("yes please"))));
        var out = server.recv("a", p.frame());
        Reject r = (Reject) decode("json", out.get("a").get(1));
        assertEquals(p.id(), r.proposal());
        feed(a, out, "a");
        CompletionException e = assertThrows(CompletionException.class, () -> p.accepted().join());
        ProposalRejectedException why = assertInstanceOf(ProposalRejectedException.class, e.getCause());
        assertTrue(why.reason().contains("on"), why.reason());
    }

    @Test
    void aProposalToAModelItCannotSeeIsRefusedWithItsId() {
        var s = new Session();
        s.host(new Device("lamp"));
        var server = new Server(s);
        server.open("a");
        Codec json = Codecs.forName("json");
        var out = server.recv("a", json.encode(new PatchMessage(9, new io.transports.patch.Patch(0, List.of()), "x-1")));
        assertEquals(new Reject(9, 0, "there is no model 9", "x-1"), json.decode(out.get("a").get(0)));
    }

    @Test
    void aReadOnlyConnectionsProposalIsRefusedWithItsId() {
        var s = new Session();
        s.host(new Device("lamp"));
        var server = new Server(s);
        var a = new Client();
        var viewer = new Connection("a", "json", Permissions.all().readOnly("this view is read-only"));
        for (Frame f : server.connect(viewer)) a.recv(f);
        Proposal p = a.propose(1, Transports.toValue(new Device("lamp", true)));
        for (Frame f : server.receive(viewer, p.frame()).get(viewer)) a.recv(f);
        CompletionException e = assertThrows(CompletionException.class, () -> p.accepted().join());
        assertEquals("this view is read-only", ((ProposalRejectedException) e.getCause()).reason());
    }

    @Test
    void aProposalWithoutAnIdIsAnsweredAsBefore() {
        var s = new Session();
        s.host(new Device("lamp"));
        var server = new Server(s);
        var a = new Client();
        for (Frame f : server.open("a")) a.recv(f);
        Codec json = Codecs.forName("json");
        var ops = Transports.diff(a.value(1), Transports.toValue(new Device("lamp", true))).ops();
        var out = server.recv("a", json.encode(new PatchMessage(1, new io.transports.patch.Patch(0, ops))));
        assertFalse(out.get("a").get(0).text().contains("proposal"));
        assertTrue(server.recv("a", json.encode(new PatchMessage(1, new io.transports.patch.Patch(1, List.of())))).isEmpty(),
                "a no-op without an id gets no answer");
    }

    @Test
    void abandoningFailsEveryPendingProposal() {
        var a = new Client();
        a.recv("{\"t\":\"snapshot\",\"id\":1,\"type\":\"Device\",\"rev\":3,\"value\":{\"Map\":{}}}");
        Proposal p1 = a.proposeOps(1, List.of());
        Proposal p2 = a.proposeOps(1, List.of(), "mine");
        assertEquals(List.of("auto-1", "mine"), a.abandonPending("the connection closed"));
        for (Proposal p : List.of(p1, p2)) {
            CompletionException e = assertThrows(CompletionException.class, () -> p.accepted().join());
            assertInstanceOf(ProposalAbandonedException.class, e.getCause());
            assertTrue(e.getCause().getMessage().contains("the connection closed"));
        }
        a.recv("{\"t\":\"ack\",\"id\":1,\"rev\":3,\"proposal\":\"mine\"}"); // too late: ignored
        assertTrue(a.pendingProposals().isEmpty());
    }

    @Test
    void callerIdsMayNotCollideWithMadeUpOnesOrPendingOnes() {
        var a = new Client();
        a.recv("{\"t\":\"snapshot\",\"id\":1,\"type\":\"Device\",\"rev\":3,\"value\":{\"Map\":{}}}");
        assertThrows(IllegalArgumentException.class, () -> a.proposeOps(1, List.of(), "auto-7"));
        a.proposeOps(1, List.of(), "x");
        assertThrows(IllegalArgumentException.class, () -> a.proposeOps(1, List.of(), "x"));
        assertEquals(List.of("x"), a.pendingProposals());
    }
}
