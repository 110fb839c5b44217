package io.transports.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transports.Frame;
import io.transports.protocol.Message;
import io.transports.protocol.Reject;
import io.transports.protocol.Snapshot;
import io.transports.value.Value;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Frame size and nesting depth limits: clear errors, configurable per codec, and no stack overflow. */
class LimitsTest {
    private static final String[] NAMES = {"json", "msgpack", "cbor"};

    private static Value nestedLists(int depth) {
        Value v = Value.NULL;
        for (int i = 0; i < depth; i++) v = Value.list(v);
        return v;
    }

    private static String message(Codec c, Frame f) {
        return assertThrows(CodecException.class, () -> c.decode(f)).getMessage();
    }

    @Test
    void defaultsAre16MiBAnd512Levels() {
        assertEquals(16 * 1024 * 1024, Limits.DEFAULT.maxBytes());
        assertEquals(512, Limits.DEFAULT.maxDepth());
    }

    @Test
    void oversizeFramesAreRefusedBeforeParsing() {
        for (String name : NAMES) {
            Codec c = Codecs.forName(name).withLimits(new Limits(100, 512));
            Frame big = Codecs.forName(name).encode(new Reject(1, 0, "x".repeat(200)));
            assertTrue(message(c, big).matches("frame of \\d+ bytes exceeds the limit of 100 bytes"), name);
            assertEquals(new Reject(1, 0, "ok"), c.decode(c.encode(new Reject(1, 0, "ok"))));
        }
    }

    @Test
    void sizeOfATextFrameIsItsUtf8Length() {
        Codec c = Codecs.forName("json").withLimits(new Limits(60, 512));
        String frame = "{\"t\":\"reject\",\"id\":1,\"rev\":0,\"error\":\"" + "\u00e9".repeat(20) + "\"}";
        assertEquals(60 + 20, frame.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        assertEquals("frame of 80 bytes exceeds the limit of 60 bytes", message(c, Frame.ofText(frame)));
    }

    @Test
    void nestingAtTheLimitPassesAndOneDeeperIsRefusedWithItsPath() {
        for (String name : NAMES) {
            Codec c = Codecs.forName(name);
            Snapshot ok = new Snapshot(1, "T", 0, nestedLists(512));
            assertEquals(ok, c.decode(c.encode(ok)), name);
            Frame deep = c.withLimits(new Limits(Limits.DEFAULT.maxBytes(), 1000)).encode(new Snapshot(1, "T", 0, nestedLists(513)));
            String m = message(c, deep);
            assertTrue(m.startsWith("nesting deeper than 512 at value[0][0]"), m);
        }
    }

    @Test
    void mapsCountAsLevelsToo() {
        Value v = Value.map(Map.of("a", Value.map(Map.of("b", Value.list(Value.of(1))))));
        Codec c = Codecs.forName("json").withLimits(new Limits(1000, 2));
        Frame f = Codecs.forName("json").encode(new Snapshot(1, "T", 0, v));
        assertEquals("nesting deeper than 2 at value.a.b", message(c, f));
    }

    @Test
    void encodingRefusesValuesDeeperThanTheLimit() {
        for (String name : NAMES) {
            Codec c = Codecs.forName(name).withLimits(new Limits(1 << 20, 3));
            CodecException e = assertThrows(CodecException.class, () -> c.encode(new Snapshot(1, "T", 0, nestedLists(4))));
            assertEquals("nesting deeper than 3 at value[0][0][0]", e.getMessage());
        }
    }

    @Test
    void hundredThousandLevelsOfJsonAreRefusedWithoutStackOverflow() {
        int n = 100_000;
        String frame = "{\"t\":\"snapshot\",\"id\":1,\"type\":\"T\",\"rev\":0,\"value\":"
                + "{\"List\":[".repeat(n) + "\"Null\"" + "]}".repeat(n) + "}";
        assertTrue(message(Codecs.forName("json"), Frame.ofText(frame)).startsWith("nesting deeper than 512 at value[0]"));
        String raw = "{\"t\":\"snapshot\",\"id\":1,\"type\":\"T\",\"rev\":0,\"value\":" + "[".repeat(n) + "]".repeat(n) + "}";
        assertTrue(message(Codecs.forName("json"), Frame.ofText(raw)).contains("expected a Value"));
        String ignored = "{\"t\":\"reject\",\"id\":1,\"rev\":0,\"error\":\"e\",\"extra\":" + "[".repeat(n) + "]".repeat(n) + "}";
        assertEquals(new Reject(1, 0, "e"), Codecs.forName("json").decode(Frame.ofText(ignored)));
        String mapFirst = "{\"value\":" + "{\"Map\":{\"k\":".repeat(n) + "\"Null\"" + "}}".repeat(n) + ",\"t\":\"snapshot\"}";
        assertTrue(message(Codecs.forName("json"), Frame.ofText(mapFirst)).startsWith("nesting deeper than 512 at value.k.k"));
    }

    @Test
    void hundredThousandLevelsOfBinaryAreRefusedWithoutStackOverflow() throws IOException {
        for (String name : new String[] {"msgpack", "cbor"}) {
            byte[] frame = name.equals("cbor") ? deepCbor(100_000) : deepMsgpack(100_000);
            String m = message(Codecs.forName(name), Frame.wrapBytes(frame));
            assertTrue(m.startsWith("nesting deeper than 512 at value[0]"), name + ": " + m);
        }
    }

    private static void deepSnapshot(Sink s, int depth) throws IOException {
        s.startObject(5);
        s.name("t"); s.string("snapshot");
        s.name("id"); s.number(1L);
        s.name("type"); s.string("T");
        s.name("rev"); s.number(0L);
        s.name("value");
        for (int i = 0; i < depth; i++) {
            s.startObject(1);
            s.name("List");
            s.startArray(1);
        }
        s.string("Null");
        for (int i = 0; i < depth; i++) {
            s.endArray();
            s.endObject();
        }
        s.endObject();
    }

    private static byte[] deepMsgpack(int depth) throws IOException {
        PackerSink sink = new PackerSink();
        deepSnapshot(sink, depth);
        return sink.bytes();
    }

    /** CBOR by hand (Jackson's CBOR generator slows down at such depths): the snapshot's last item, "Null", gets wrapped. */
    private static byte[] deepCbor(int depth) {
        byte[] plain = Codecs.forName("cbor").encode(new Snapshot(1, "T", 0, Value.NULL)).bytes();
        byte[] level = {(byte) 0xA1, 0x64, 'L', 'i', 's', 't', (byte) 0x81}; // {"List": [ ... ]}
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(plain, 0, plain.length - 5);
        for (int i = 0; i < depth; i++) out.write(level, 0, level.length);
        out.write(plain, plain.length - 5, 5);
        return out.toByteArray();
    }

    @Test
    void limitsThemselvesAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new Limits(0, 10));
        assertThrows(IllegalArgumentException.class, () -> new Limits(10, 0));
        assertThrows(IllegalArgumentException.class, () -> new Limits(10, Limits.MAX_DEPTH + 1));
    }

    @Test
    void theDeepestAllowedLimitWorksInEveryCodec() {
        for (String name : NAMES) {
            Codec c = Codecs.forName(name).withLimits(new Limits(Limits.DEFAULT.maxBytes(), Limits.MAX_DEPTH));
            Message m = new Snapshot(1, "T", 0, nestedLists(Limits.MAX_DEPTH));
            assertEquals(m, c.decode(c.encode(m)), name);
        }
    }

    @Test
    void customCodecsGetTheSizeLimit() {
        Codec custom = new Codec() {
            @Override public String name() { return "application/x-test"; }
            @Override public boolean binary() { return false; }
            @Override public Frame encode(Message message) { return Frame.ofText(Json.write(message)); }
            @Override public Message decode(Frame frame) { return Json.parseMessage(frame.text()); }
        };
        Codec limited = custom.withLimits(new Limits(10, 5));
        assertEquals("frame of 47 bytes exceeds the limit of 10 bytes",
                message(limited, custom.encode(new Reject(1, 0, "toolong"))));
        assertEquals("application/x-test", limited.name());
    }
}
