package io.transports.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonGenerator;
import io.transports.Frame;
import io.transports.protocol.Reject;
import io.transports.protocol.Snapshot;
import io.transports.value.Value;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** MessagePack and CBOR: same keys and tags as JSON, Floats as float64, and their own bad inputs. */
class BinaryFormatsTest {
    private static final String[] BINARY = {"msgpack", "cbor"};

    /** Writes a snapshot whose value the caller writes with a raw generator. */
    interface Raw {
        void value(JsonGenerator g) throws IOException;
    }

    private static Frame raw(String codec, Raw value) throws IOException {
        Format format = codec.equals("cbor") ? Format.CBOR : Format.MSGPACK;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = format.factory.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("t", "snapshot");
            g.writeNumberField("id", 1);
            g.writeStringField("type", "T");
            g.writeNumberField("rev", 0);
            g.writeFieldName("value");
            value.value(g);
            g.writeEndObject();
        }
        return Frame.wrapBytes(out.toByteArray());
    }

    private static String refused(String codec, Frame f) {
        return assertThrows(CodecException.class, () -> Codecs.forName(codec).decode(f)).getMessage();
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }

    @Test
    void messagePackMessagesWhoseTIsNotFirstDecode() throws IOException {
        // the Python package writes "id" before "t"; finding t takes a second pass over the frame
        var out = new ByteArrayOutputStream();
        try (var packer = org.msgpack.core.MessagePack.newDefaultPacker(out)) {
            packer.packMapHeader(4);
            packer.packString("id").packLong(3);
            packer.packString("t").packString("reject");
            packer.packString("rev").packLong(2);
            packer.packString("error").packString("no");
        }
        var codec = Codecs.forName("msgpack");
        assertEquals(new Reject(3, 2, "no"), codec.decode(Frame.ofBytes(out.toByteArray())));
        assertEquals(new Reject(3, 2, "no"), codec.decode(Frame.ofBytes(out.toByteArray())), "and again on the same thread");
    }

    @Test
    void floatsTravelAsFloat64EvenWhenIntegral() {
        byte[] cbor = Codecs.forName("cbor").encode(new Snapshot(1, "T", 0, Value.of(1.0))).bytes();
        assertTrue(indexOf(cbor, new byte[] {(byte) 0xFB, 0x3F, (byte) 0xF0, 0, 0, 0, 0, 0, 0}) > 0, "CBOR float64 1.0");
        byte[] mp = Codecs.forName("msgpack").encode(new Snapshot(1, "T", 0, Value.of(1.0))).bytes();
        assertTrue(indexOf(mp, new byte[] {(byte) 0xCB, 0x3F, (byte) 0xF0, 0, 0, 0, 0, 0, 0}) > 0, "MessagePack float64 1.0");
        for (String c : BINARY) {
            assertEquals(Value.of(1.0), ((Snapshot) Codecs.forName(c).decode(Frame.wrapBytes(c.equals("cbor") ? cbor : mp))).value());
        }
    }

    @Test
    void framesCarryTheSameKeysAndTagsAsJson() throws IOException {
        Snapshot s = new Snapshot(1, "Device", 0, Value.map(Map.of("on", Value.of(true))));
        for (String c : BINARY) {
            byte[] bytes = Codecs.forName(c).encode(s).bytes();
            com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper(
                    (c.equals("cbor") ? Format.CBOR : Format.MSGPACK).factory.copy());
            assertEquals(new com.fasterxml.jackson.databind.ObjectMapper().readTree(Json.write(s)), mapper.readTree(bytes), c);
        }
    }

    @Test
    void nanAndInfinityAreRefusedNamingThePath() throws IOException {
        for (String c : BINARY) {
            Frame nan = raw(c, g -> {
                g.writeStartObject();
                g.writeFieldName("Map");
                g.writeStartObject();
                g.writeFieldName("x");
                g.writeStartObject();
                g.writeNumberField("Float", Double.NaN);
                g.writeEndObject();
                g.writeEndObject();
                g.writeEndObject();
            });
            assertEquals("value.x: a Float must be finite, got NaN (NaN and infinities cannot travel)", refused(c, nan), c);
            Frame inf = raw(c, g -> { g.writeStartObject(); g.writeNumberField("Float", Double.NEGATIVE_INFINITY); g.writeEndObject(); });
            assertTrue(refused(c, inf).contains("got -Infinity"), c);
        }
    }

    @Test
    void integersBeyond64BitsAreRefused() throws IOException {
        for (String c : BINARY) {
            Frame big = raw(c, g -> {
                g.writeStartObject();
                g.writeFieldName("Int");
                g.writeNumber(new BigInteger("18446744073709551615"));
                g.writeEndObject();
            });
            if (c.equals("cbor")) { // the CBOR writer tags it as a bignum, and the protocol has no tags
                assertTrue(refused(c, big).startsWith("malformed CBOR: CBOR tag 2 is not part of the protocol"), refused(c, big));
            } else {
                assertEquals("value: integer 18446744073709551615 is outside the 64-bit range", refused(c, big), c);
            }
        }
        // CBOR's own unsigned 64-bit form (1B FF..FF), untagged
        byte[] untagged = java.util.HexFormat.of().parseHex("a5617468736e617073686f74626964016474797065615463726576006576616c7565a163496e741bffffffffffffffff");
        assertEquals("value: integer 18446744073709551615 is outside the 64-bit range", refused("cbor", Frame.wrapBytes(untagged)));
    }

    @Test
    void integralNumbersInAFloatTagBecomeFloats() throws IOException {
        for (String c : BINARY) {
            Frame f = raw(c, g -> { g.writeStartObject(); g.writeNumberField("Float", 3); g.writeEndObject(); });
            assertEquals(Value.of(3.0), ((Snapshot) Codecs.forName(c).decode(f)).value(), c);
        }
    }

    @Test
    void binaryDataWhereAStringBelongsIsRefused() throws IOException {
        for (String c : BINARY) {
            Frame f = raw(c, g -> { g.writeStartObject(); g.writeFieldName("Str"); g.writeBinary(new byte[] {1, 2}); g.writeEndObject(); });
            assertEquals("value: Str expects a string, got binary data", refused(c, f), c);
        }
    }

    @Test
    void binaryCodecsRefuseTextFrames() {
        for (String c : BINARY) {
            assertEquals("the " + c + " codec expects a binary frame, got a text frame",
                    refused(c, Frame.ofText("{\"t\":\"reject\",\"id\":1,\"rev\":0,\"error\":\"x\"}")));
        }
    }

    @Test
    void truncatedAndEmptyBinaryFramesAreRefused() {
        for (String c : BINARY) {
            byte[] whole = Codecs.forName(c).encode(new Reject(1, 2, "because")).bytes();
            for (int cut = 0; cut < whole.length; cut++) {
                byte[] part = java.util.Arrays.copyOf(whole, cut);
                assertThrows(CodecException.class, () -> Codecs.forName(c).decode(Frame.wrapBytes(part)), c + " cut at " + cut);
            }
            assertTrue(refused(c, Frame.wrapBytes(new byte[0])).contains("empty frame"), c);
            byte[] trailing = java.util.Arrays.copyOf(whole, whole.length + 1);
            assertTrue(refused(c, Frame.wrapBytes(trailing)).contains("trailing data"), c);
        }
    }

    @Test
    void messagePackHeadersCannotClaimMoreThanTheFrameHolds() {
        byte[] hugeExt = {(byte) 0xC9, 0x73, 0x37, 0x0E, 0x12, 0x01, 0x02};
        assertTrue(refused("msgpack", Frame.wrapBytes(hugeExt)).startsWith("malformed MessagePack: the item at byte 0 declares"));
        byte[] hugeArray = {(byte) 0x81, (byte) 0xA1, 't', (byte) 0xDD, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
        assertTrue(refused("msgpack", Frame.wrapBytes(hugeArray)).contains("items, more than the"));
    }

    @Test
    void randomBytesNeverEscapeAsAnythingButCodecException() {
        java.util.Random random = new java.util.Random(42);
        for (String c : new String[] {"json", "msgpack", "cbor"}) {
            for (int i = 0; i < 2000; i++) {
                byte[] b = new byte[random.nextInt(40)];
                random.nextBytes(b);
                try {
                    Codecs.forName(c).decode(Frame.wrapBytes(b));
                } catch (CodecException expected) {
                    // fine
                }
            }
        }
    }
}
