package io.transports;

import static org.junit.jupiter.api.Assertions.*;

import io.transports.codec.Codec;
import io.transports.codec.Codecs;
import io.transports.protocol.Message;
import io.transports.protocol.PatchMessage;
import io.transports.protocol.Reject;
import io.transports.protocol.Snapshot;
import io.transports.value.MapValue;
import io.transports.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One codec's failure to encode never costs another connection a patch: every codec encodes before
 * anything is handed out; a codec that cannot encode a patch sends its connections a snapshot instead,
 * and when it cannot encode that either, its connections are dropped (reported, Connection.dropped told) so they
 * reconnect. Re-opening never throws because of a model's value. The failing codecs are custom codecs
 * registered by this test (the built-in ones refuse nothing the session can hold).
 */
class BroadcastAtomicityTest {
    /** JSON that cannot encode a patch message at all (but snapshots). */
    static final Codec PATCHLESS = new Failing("application/x-patchless", m -> m instanceof PatchMessage);
    /** JSON that cannot encode anything mentioning "boom". */
    static final Codec FRAGILE = new Failing("application/x-fragile", m -> Codecs.forName("json").encode(m).text().contains("boom"));

    record Failing(String name, java.util.function.Predicate<Message> fails) implements Codec {
        @Override public boolean binary() { return false; }
        @Override public Frame encode(Message m) {
            if (fails.test(m)) throw new IllegalStateException(name + " cannot encode this");
            return Codecs.forName("json").encode(m);
        }
        @Override public Message decode(Frame f) { return Codecs.forName("json").decode(f); }
    }

    @BeforeAll
    static void register() {
        Codecs.register(PATCHLESS.name(), PATCHLESS);
        Codecs.register(FRAGILE.name(), FRAGILE);
    }

    private static Value field(Client c, String name) { return ((MapValue) c.value(1)).get(name); }

    @Test
    void aCodecThatCannotEncodeAPatchGetsASnapshotAndTheOthersGetThePatch() {
        var session = new Session();
        var d = new Device("lamp");
        session.host(d);
        var server = new Server(session);
        List<RuntimeException> log = new ArrayList<>();
        server.onError(log::add);
        Map<String, Client> clients = new LinkedHashMap<>();
        for (String codec : new String[] {"json", "cbor", "msgpack", PATCHLESS.name()}) {
            Client c = new Client(codec);
            server.open(codec, codec).forEach(c::recv);
            clients.put(codec, c);
        }
        d.on = true;
        var out = server.flush();
        clients.forEach((conn, c) -> out.get(conn).forEach(c::recv));
        clients.forEach((conn, c) -> assertEquals(Value.of(true), field(c, "on"), conn));
        assertTrue(Codecs.forName("json").decode(out.get(PATCHLESS.name()).get(0)) instanceof Snapshot);
        assertTrue(Codecs.forName("json").decode(out.get("json").get(0)) instanceof PatchMessage);
        assertEquals(1, log.size());
        assertTrue(log.get(0).getMessage().contains("snapshot instead"), log.get(0).getMessage());
    }

    @Test
    void aCodecThatCannotEncodeTheModelAtAllIsDroppedAndNothingElseIsLost() {
        var session = new Session();
        var d = new Device("lamp");
        var other = new Device("fan");
        session.host(d);
        session.host(other);
        var server = new Server(session);
        List<RuntimeException> log = new ArrayList<>();
        server.onError(log::add);
        Map<Object, String> dropped = new LinkedHashMap<>();
        var json = new Client();
        var cbor = new Client("cbor");
        var fragile = new Client(FRAGILE.name());
        server.open("json").forEach(json::recv);
        server.open("cbor", "cbor").forEach(cbor::recv);
        var fragileConn = new Connection("fragile", FRAGILE.name(), Permissions.all()) {
            @Override protected void dropped(String why) { dropped.put(name(), why); }
        };
        server.open(fragileConn).forEach(fragile::recv);
        d.name = "boom";
        other.on = true;
        var out = server.flush();
        out.get("json").forEach(json::recv);
        out.get("cbor").forEach(cbor::recv);
        assertFalse(out.containsKey(fragileConn), "a dropped connection gets nothing from this flush");
        assertEquals(Value.of("boom"), field(json, "name"));
        assertEquals(Value.of("boom"), field(cbor, "name"));
        assertEquals(json.value(2), cbor.value(2));
        assertEquals(List.of("fragile"), List.copyOf(dropped.keySet()));
        assertTrue(dropped.get("fragile").contains("model 1"), dropped.get("fragile"));
        assertFalse(server.isOpen(fragileConn));
        assertTrue(log.stream().anyMatch(e -> e.getMessage().contains("dropped")), log.toString());
        // re-opening does not throw: the model that cannot travel comes as a reject saying so, the others as snapshots
        List<Frame> again = assertDoesNotThrow(() -> server.open("fragile", FRAGILE.name()));
        assertEquals(2, again.size());
        Reject r = (Reject) FRAGILE.decode(again.get(0));
        assertEquals(1, r.id());
        assertTrue(r.error().contains("cannot be sent over application/x-fragile"), r.error());
        assertTrue(FRAGILE.decode(again.get(1)) instanceof Snapshot);
        // and the others carry on
        other.on = false;
        var next = server.flush();
        next.get("json").forEach(json::recv);
        assertEquals(Value.of(false), ((MapValue) json.value(2)).get("on"));
    }

    @Test
    void recvNeverThrowsWhenACustomCodecFailsToDecodeOrToEncodeTheReject() {
        Codec broken = new Codec() {
            @Override public String name() { return "application/x-broken"; }
            @Override public boolean binary() { return true; }
            @Override public Frame encode(Message m) { throw new UnsupportedOperationException("no encoder"); }
            @Override public Message decode(Frame f) { throw new NullPointerException(); }
        };
        Codecs.register(broken.name(), broken);
        var server = new Server(new Session());
        List<RuntimeException> log = new ArrayList<>();
        server.onError(log::add);
        server.open("x", broken.name());
        var out = assertDoesNotThrow(() -> server.recv("x", new byte[] {1, 2, 3}));
        assertTrue(out.isEmpty());
        assertEquals(1, log.size());
        assertTrue(log.get(0).getMessage().contains("the application/x-broken codec failed"), log.get(0).getMessage());
    }
}
