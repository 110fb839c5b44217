package io.transports.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.transports.Frame;
import io.transports.patch.Patch;
import io.transports.protocol.Message;
import io.transports.protocol.PatchMessage;
import io.transports.protocol.Snapshot;
import io.transports.value.Value;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties: every codec gives back what it was given, and JSON text is the canonical text. */
class RoundTripTest {
    private static final Codec[] ALL = {Codecs.forName("json"), Codecs.forName("msgpack"), Codecs.forName("cbor")};

    @Provide Arbitrary<Value> values() { return Generators.values(); }
    @Provide Arbitrary<Patch> patches() { return Generators.patches(); }
    @Provide Arbitrary<Message> messages() { return Generators.messages(); }

    @Property(tries = 300)
    void everyCodecRoundTripsMessages(@ForAll("messages") Message m) {
        for (Codec c : ALL) assertEquals(m, c.decode(c.encode(m)), c.name());
    }

    @Property(tries = 300)
    void everyCodecRoundTripsValuesInSnapshots(@ForAll("values") Value v) {
        Snapshot s = new Snapshot(1, "T", 0, v);
        for (Codec c : ALL) assertEquals(s, c.decode(c.encode(s)), c.name());
    }

    @Property(tries = 300)
    void everyCodecRoundTripsPatches(@ForAll("patches") Patch p) {
        PatchMessage m = new PatchMessage(7, p);
        for (Codec c : ALL) assertEquals(m, c.decode(c.encode(m)), c.name());
    }

    @Property(tries = 300)
    void jsonFrameTextIsTheCanonicalText(@ForAll("patches") Patch p, @ForAll("values") Value v) {
        assertEquals(p.toString(), Json.write(p));
        assertEquals(v.toString(), Json.write(v));
        Frame f = Codecs.forName("json").encode(new PatchMessage(3, p));
        assertEquals("{\"t\":\"patch\",\"id\":3,\"patch\":" + p + "}", f.text());
    }

    @Property(tries = 300)
    void jsonTextParsesBackToTheSameValue(@ForAll("values") Value v, @ForAll("patches") Patch p) {
        assertEquals(v, Json.parseValue(v.toString()));
        assertEquals(p, Json.parsePatch(p.toString()));
    }

    @Property(tries = 300)
    void binaryFramesDecodeAsTheJsonFrameDoes(@ForAll("messages") Message m) {
        String json = Codecs.forName("json").encode(m).text();
        assertEquals(json, Json.write(Codecs.forName("cbor").decode(Codecs.forName("cbor").encode(m))));
        assertEquals(json, Json.write(Codecs.forName("msgpack").decode(Codecs.forName("msgpack").encode(m))));
    }
}
