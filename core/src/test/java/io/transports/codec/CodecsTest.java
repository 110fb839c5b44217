package io.transports.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transports.Frame;
import io.transports.protocol.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The codec name table of docs/protocol.md and the registry of custom codecs. */
class CodecsTest {
    /** A stand-in custom codec: JSON text under another name. */
    record Custom(String name) implements Codec {
        @Override public boolean binary() { return false; }
        @Override public Frame encode(Message message) { return Frame.ofText(Json.write(message)); }
        @Override public Message decode(Frame frame) { return Json.parseMessage(frame.text()); }
    }

    @Test
    void everyNameOfTheTableFindsItsCodec() {
        for (String n : List.of("json", "application/json", "", "  ")) assertEquals("json", Codecs.forName(n).name(), n);
        assertEquals("json", Codecs.forName(null).name());
        for (String n : List.of("msgpack", "application/msgpack", "x-msgpack", "application/x-msgpack")) {
            assertEquals("msgpack", Codecs.forName(n).name(), n);
        }
        for (String n : List.of("cbor", "application/cbor")) assertEquals("cbor", Codecs.forName(n).name(), n);
    }

    @Test
    void namesIgnoreCaseSpaceAndContentTypeParameters() {
        assertSame(Codecs.forName("json"), Codecs.forName(" Application/JSON; charset=utf-8 "));
        assertSame(Codecs.forName("msgpack"), Codecs.forName("MsgPack"));
        assertSame(Codecs.forName("cbor"), Codecs.forName("APPLICATION/CBOR"));
    }

    @Test
    void onlyJsonIsATextCodec() {
        assertFalse(Codecs.forName("json").binary());
        assertTrue(Codecs.forName("msgpack").binary());
        assertTrue(Codecs.forName("cbor").binary());
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        CodecException e = assertThrows(CodecException.class, () -> Codecs.forName("yaml"));
        assertTrue(e.getMessage().startsWith("unknown codec 'yaml'; known: json, msgpack, cbor, application/json"), e.getMessage());
    }

    @Test
    void customCodecsAreFoundByTheirNameInAnyCase() {
        Custom c = new Custom("application/x-test-custom");
        Codecs.register("Application/X-Test-Custom", c);
        assertSame(c, Codecs.forName("application/x-test-custom"));
        assertTrue(Codecs.known().contains("application/x-test-custom"));
        Custom again = new Custom("application/x-test-custom");
        Codecs.register("application/x-test-custom", again);
        assertSame(again, Codecs.forName("APPLICATION/X-TEST-CUSTOM"));
    }

    @Test
    void builtInNamesCannotBeOverridden() {
        for (String n : List.of("json", "application/json", "MSGPACK", "x-msgpack", "application/x-msgpack", "cbor", "application/cbor")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Codecs.register(n, new Custom(n)));
            assertTrue(e.getMessage().contains("built-in"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Codecs.register("  ", new Custom("x")));
        assertThrows(NullPointerException.class, () -> Codecs.register("application/x-null", null));
        assertEquals("json", Codecs.forName("json").name());
    }

    @Test
    void registryIsSafeUnderConcurrentUse() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        String name = "application/x-race-" + thread + "-" + i;
                        Codecs.register(name, new Custom(name));
                        assertEquals(name, Codecs.forName(name).name());
                        assertEquals("cbor", Codecs.forName("cbor").name());
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) f.get();
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void withLimitsKeepsTheCodecAndItsName() {
        Codec small = Codecs.forName("cbor").withLimits(new Limits(1000, 8));
        assertEquals("cbor", small.name());
        assertTrue(small.binary());
        assertSame(Codecs.forName("cbor"), Codecs.forName("cbor"));
    }
}
