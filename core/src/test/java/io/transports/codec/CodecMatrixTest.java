package io.transports.codec;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import io.transports.Frame;
import io.transports.protocol.Message;
import io.transports.protocol.PatchMessage;
import io.transports.protocol.Snapshot;
import io.transports.patch.Op;
import io.transports.patch.Patch;
import io.transports.value.Path;
import io.transports.value.Value;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Awkward strings and numbers through every pair of codecs: encode in one, decode, re-encode in
 * another, decode — the value must come back exactly (Floats bit for bit, -0.0 included), and each
 * codec's bytes must be the same whichever codec the message came through. The values are this test's
 * own list plus every valid case of spec/values.json (which the TypeScript client runs too, in
 * widget-js/test/codec-matrix.test.mjs). Strings holding a lone surrogate are refused by every codec.
 */
class CodecMatrixTest {
    private static final String[] CODECS = {"json", "msgpack", "cbor"};

    static Map<String, Value> awkward() {
        Map<String, Value> v = new LinkedHashMap<>();
        String[] strings = {"", "\u0000", "a\u0000b", "\ufeffBOM first", "\uffff", "\ufffe", "\ud83d\ude00", "\udbff\udfff",
                "e\u0301", "\u2028\u2029", "tab\tnew\nline\r\"quote\"\\", "\u007f\u0080\u07ff\u0800", "漢字かなカナ",
                "x".repeat(100_000), "\ud83d\ude00".repeat(20_000)};
        for (int i = 0; i < strings.length; i++) {
            v.put("string " + i, Value.of(strings[i]));
            v.put("key " + i, Value.map(Map.of(strings[i], Value.of(i))));
        }
        long[] longs = {0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE - 1, Long.MIN_VALUE + 1, (1L << 53) + 1,
                -(1L << 53) - 1, 1L << 32, (1L << 31) - 1, -(1L << 31), 255, 256, -32, -33, 65_535, 65_536};
        for (long n : longs) v.put("int " + n, Value.of(n));
        double[] doubles = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, 1e308, Double.MAX_VALUE,
                -Double.MAX_VALUE, 1.0, -1.0, 0.1, 1e16, 9.223372036854775807E18, 123456789.0, 2.5e-310, 1.0 / 3, 0.5f};
        for (double d : doubles) v.put("float " + d, Value.of(d));
        v.put("mixed", Value.map(Map.of("\ud83d\ude00", Value.list(Value.of(-0.0), Value.of(Long.MIN_VALUE), Value.NULL),
                "\uffff", Value.of("\u0000"), "", Value.submodel(Long.MAX_VALUE))));
        return v;
    }

    static Map<String, Value> fromSpec() throws IOException {
        Map<String, Value> v = new LinkedHashMap<>();
        for (JsonNode c : MessageVectorsTest.load("values.json")) {
            if (c.has("canonical")) v.put("spec: " + c.get("name").asText(), Json.parseValue(c.get("input").asText()));
        }
        return v;
    }

    @TestFactory
    Stream<DynamicTest> everyValueThroughEveryPairOfCodecs() throws IOException {
        Map<String, Value> all = new LinkedHashMap<>(awkward());
        all.putAll(fromSpec());
        List<DynamicTest> tests = new ArrayList<>();
        all.forEach((name, value) -> tests.add(DynamicTest.dynamicTest(name, () -> {
            List<Message> messages = List.of(new Snapshot(1, "T", 3, value),
                    new PatchMessage(1, new Patch(4, List.of(new Op.Set(Path.parse("k"), value), new Op.Insert(Path.ROOT, 0, value)))));
            for (Message m : messages) {
                for (String a : CODECS) {
                    for (String b : CODECS) {
                        Codec ca = Codecs.forName(a), cb = Codecs.forName(b);
                        Message viaA = ca.decode(ca.encode(m));
                        Frame inB = cb.encode(viaA);
                        Message viaB = cb.decode(inB);
                        assertEquals(m, viaB, a + " then " + b);
                        assertEquals(cb.encode(m), inB, b + " writes the same bytes whatever the message came through");
                        assertEquals(Json.write(m), Json.write(viaB), a + " then " + b + " (canonical text)");
                    }
                }
            }
            if (value instanceof io.transports.value.FloatValue f) { // bit for bit: -0.0 stays -0.0
                for (String c : CODECS) {
                    Codec codec = Codecs.forName(c);
                    Value back = ((Snapshot) codec.decode(codec.encode(new Snapshot(1, "T", 0, value)))).value();
                    assertEquals(Double.doubleToRawLongBits(f.value()),
                            Double.doubleToRawLongBits(((io.transports.value.FloatValue) back).value()), c);
                }
            }
        })));
        return tests.stream();
    }

    @Test
    void everyCodecRefusesALoneSurrogateWhereverItIs() {
        String[] lone = {"\ud800", "\udc00", "a\ud800", "\udfffz", "\ude00\ud83d", "\ud83d\ude00\ud83d", "\ud800\ud800\udc00"};
        for (String s : lone) {
            for (String c : CODECS) {
                Codec codec = Codecs.forName(c);
                var inStr = assertThrows(CodecException.class, () -> codec.encode(new Snapshot(1, "T", 0, Value.list(Value.of(s)))));
                assertTrue(inStr.getMessage().startsWith("value[0]: the string holds a lone surrogate"), c + ": " + inStr.getMessage());
                var inKey = assertThrows(CodecException.class, () -> codec.encode(new Snapshot(1, "T", 0, Value.map(Map.of(s, Value.NULL)))));
                assertTrue(inKey.getMessage().contains("a map key cannot travel"), c + ": " + inKey.getMessage());
                var inPath = assertThrows(CodecException.class, () -> codec.encode(
                        new PatchMessage(1, new Patch(0, List.of(new Op.Remove(Path.parse("ok", s))))))).getMessage();
                assertTrue(inPath.startsWith("patch.ops[0].Remove.path[1].Key: the string holds a lone surrogate"), c + ": " + inPath);
                for (String msg : new String[] {inStr.getMessage(), inKey.getMessage(), inPath}) {
                    assertEquals(-1, io.transports.value.Unicode.loneSurrogate(msg), "errors never carry one raw");
                }
            }
        }
    }
}
