package io.transports;

import static org.junit.jupiter.api.Assertions.*;

import io.transports.codec.CodecException;
import io.transports.codec.Codecs;
import io.transports.protocol.Message;
import io.transports.protocol.Reject;
import io.transports.protocol.Snapshot;
import io.transports.value.Value;
import io.transports.value.Unicode;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The one text rule (docs/protocol.md, "Values"): a string holding a lone surrogate cannot travel and is
 * refused at the edge where it appears, naming its path — a decoded frame in any codec, a host string
 * in the bridge, a Value built in Java when it is encoded — and no other connection loses anything.
 */
class TextRuleTest {

    /** A hosted model with a text field. */
    public static class Note {
        public String note = "ok";
        public int n;
    }

    private static final String LONE = "ab\ud800cd";

    private static Message only(Map<Object, List<Frame>> out, Object conn, String codec) {
        List<Frame> frames = out.get(conn);
        assertNotNull(frames, "an answer for " + conn);
        assertEquals(1, frames.size(), "one frame for " + conn);
        return Codecs.forName(codec).decode(frames.get(0));
    }

    @Test
    void aProposalWithALoneSurrogateIsRefusedAtTheEdgeAndEveryConnectionKeepsGettingPatches() {
        var session = new Session();
        var note = new Note();
        session.host(note);
        var server = new Server(session);
        var mirrors = Map.of("j", new Client("json"), "m", new Client("msgpack"), "c", new Client("cbor"));
        mirrors.forEach((conn, client) -> server.open(conn, conn.equals("j") ? "json" : conn.equals("m") ? "msgpack" : "cbor")
                .forEach(client::recv));
        String proposal = "{\"t\":\"patch\",\"id\":1,\"patch\":{\"rev\":0,\"ops\":[{\"Set\":{\"path\":[{\"Key\":\"note\"}],"
                + "\"value\":{\"Str\":\"ab\\ud800cd\"}}}]}}";
        var out = server.recv("j", proposal);
        Reject r = (Reject) only(out, "j", "json");
        assertEquals(0, r.id());
        assertTrue(r.error().contains("patch.ops[0].Set.value: the string holds a lone surrogate (\\ud800 at index 2)"), r.error());
        assertEquals("ok", note.note);
        assertEquals(0, session.rev(1));
        // the same text arriving raw in a text frame (as a Jupyter comm delivers it) is refused just the same
        Reject raw = (Reject) only(server.recv("j", proposal.replace("\\ud800", "\ud800")), "j", "json");
        assertTrue(raw.error().contains("lone surrogate"), raw.error());
        // and every connection still gets the next change
        note.note = "next";
        Map<Object, List<Frame>> flushed = server.flush();
        mirrors.forEach((conn, client) -> flushed.get(conn).forEach(client::recv));
        mirrors.forEach((conn, client) -> assertEquals(Value.of("next"), ((io.transports.value.MapValue) client.value(1)).get("note"), conn));
    }

    @Test
    void cborBytesOfAnEncodedSurrogateGetARejectThatCanBeEncoded() {
        var session = new Session();
        session.host(new Note());
        var server = new Server(session);
        server.open("c", "cbor");
        server.open("m", "msgpack");
        Reject r = (Reject) only(server.recv("c", HexFormat.of().parseHex("63eda080")), "c", "cbor");
        assertTrue(r.error().startsWith("malformed frame: message: expected a message object, got the string \"\\ud800\""), r.error());
        Reject m = (Reject) only(server.recv("m", HexFormat.of().parseHex("a3eda080")), "m", "msgpack");
        assertTrue(m.error().contains("expected a message object"), m.error());
    }

    @Test
    void aHostStringWithALoneSurrogateIsUnsyncableNamingItsPathAndOtherModelsStillSync() {
        var session = new Session();
        var bad = new Note();
        var good = new Note();
        session.host(bad);
        session.host(good);
        var server = new Server(session);
        List<RuntimeException> errors = new ArrayList<>();
        server.onError(errors::add);
        var cbor = new Client("cbor");
        var json = new Client("json");
        server.open("c", "cbor").forEach(cbor::recv);
        server.open("j").forEach(json::recv);
        bad.note = LONE;
        good.n = 7;
        var out = server.flush();
        out.get("c").forEach(cbor::recv);
        out.get("j").forEach(json::recv);
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).getMessage().contains("note"), errors.get(0).getMessage());
        assertTrue(errors.get(0).getMessage().contains("lone surrogate (\\ud800 at index 2)"), errors.get(0).getMessage());
        assertEquals(7L, ((io.transports.value.IntValue) ((io.transports.value.MapValue) cbor.value(2)).get("n")).value());
        assertEquals(cbor.value(2), json.value(2));
        assertEquals(Value.of("ok"), ((io.transports.value.MapValue) cbor.value(1)).get("note"), "the last good value stays");
        // re-opening never throws because of the model
        assertDoesNotThrow(() -> server.open("c", "cbor"));
        // a char that is half a pair, and a map key, are refused the same way
        var ex = assertThrows(io.transports.bridge.BridgeException.class, () -> Transports.toValue(Map.of("k\udc00", 1)));
        assertTrue(ex.getMessage().contains("a map key cannot travel"), ex.getMessage());
        assertThrows(io.transports.bridge.BridgeException.class, () -> Transports.toValue(List.of('\ud800')));
    }

    @Test
    void aValueBuiltInJavaIsRefusedWhenEncodedNamingThePath() {
        Value v = Value.map(Map.of("items", Value.list(Value.of("fine"), Value.of(LONE))));
        for (String codec : new String[] {"json", "msgpack", "cbor"}) {
            var e = assertThrows(CodecException.class, () -> Codecs.forName(codec).encode(new Snapshot(1, "T", 0, v)), codec);
            assertEquals("value.items[1]: the string holds a lone surrogate (\\ud800 at index 2); only valid Unicode text can travel",
                    e.getMessage(), codec);
            var key = assertThrows(CodecException.class,
                    () -> Codecs.forName(codec).encode(new Snapshot(1, "T", 0, Value.map(Map.of("\udfffx", Value.NULL))))).getMessage();
            assertTrue(key.startsWith("value: a map key cannot travel"), key);
        }
        assertThrows(CodecException.class, () -> Transports.toJson(v));
        // toString is for people: it never throws, and shows the surrogate escaped
        assertEquals("{\"Map\":{\"items\":{\"List\":[{\"Str\":\"fine\"},{\"Str\":\"ab\\ud800cd\"}]}}}", v.toString());
        assertEquals(-1, Unicode.loneSurrogate(v.toString()));
        // valid astral text is not a lone surrogate
        assertEquals(-1, Unicode.loneSurrogate("x\ud83d\ude00y"));
        assertEquals(0, Unicode.loneSurrogate("\ude00\ud83d"));
    }
}
