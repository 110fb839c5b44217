package io.transports.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transports.Frame;
import io.transports.codec.Codec;
import io.transports.codec.Codecs;
import io.transports.connections.support.Await;
import io.transports.connections.support.Fixture;
import io.transports.connections.support.Probe;
import io.transports.protocol.Message;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Over real WebSockets: when one connection's codec cannot encode a patch (or the snapshot that would
 * replace it), that connection is closed with 1011 and a reason, while every other connection gets the
 * patch; reconnecting never fails because of the model. The failing codec is a custom one registered
 * here (JSON that cannot encode the word "boom"), since the built-in codecs refuse nothing a session holds.
 */
class EncodeFailureTest {
    static final String FRAGILE = "application/x-fragile-ws";
    private Fixture f;

    @BeforeEach void start() throws Exception {
        Codec json = Codecs.forName("json");
        Codecs.register(FRAGILE, new Codec() {
            @Override public String name() { return FRAGILE; }
            @Override public boolean binary() { return false; }
            @Override public Frame encode(Message m) {
                Frame frame = json.encode(m);
                if (frame.text().contains("boom")) throw new IllegalStateException("this codec cannot say boom");
                return frame;
            }
            @Override public Message decode(Frame frame) { return json.decode(frame); }
        });
        f = Fixture.start();
    }

    @AfterEach void stop() throws Exception { f.close(); }

    private String fragileUrl() { return f.server.wsUrl() + "?codec=" + URLEncoder.encode(FRAGILE, StandardCharsets.UTF_8); }

    @Test void aConnectionWhoseCodecCannotEncodeIsClosedWith1011AndTheOthersGetThePatch() throws Exception {
        try (Probe fragile = Probe.open(fragileUrl()); Probe json = Probe.open(f.server.wsUrl());
                Probe cbor = Probe.open(f.server.wsUrl() + "?codec=cbor")) {
            Await.until("three snapshots", () -> fragile.texts.size() == 1 && json.texts.size() == 1 && cbor.binaries.size() == 1);
            f.board.title = "boom";
            Await.until("the fragile connection to be closed", fragile::closed);
            assertEquals(1011, fragile.closeCode);
            assertEquals("cannot encode a frame for this connection; reconnect", fragile.closeReason);
            Await.until("the JSON connection to get the patch", () -> json.texts.stream().anyMatch(t -> t.contains("boom")));
            Await.until("the CBOR connection to get the patch", () -> cbor.binaries.size() == 2);
            assertTrue(!json.closed() && !cbor.closed());
            // reconnecting while the model still cannot be encoded: a reject says so, the socket stays open
            try (Probe again = Probe.open(fragileUrl())) {
                Await.until("the opening reject", () -> again.texts.size() == 1);
                assertTrue(again.texts.get(0).contains("\"t\":\"reject\"") && again.texts.get(0).contains("cannot be sent over"),
                        again.texts.get(0));
                assertTrue(!again.closed());
            }
            f.board.title = "fine";
            try (Probe recovered = Probe.open(fragileUrl())) {
                Await.until("a snapshot once it can travel", () -> recovered.texts.stream().anyMatch(t -> t.contains("\"title\":{\"Str\":\"fine\"}")));
            }
        }
    }
}
