package io.transports.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transports.Frame;
import io.transports.patch.Op;
import io.transports.patch.Patch;
import io.transports.protocol.PatchMessage;
import io.transports.protocol.Reject;
import io.transports.protocol.Snapshot;
import io.transports.protocol.UnknownMessage;
import io.transports.value.Path;
import io.transports.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON form: canonical text out (byte for byte), any key order and whitespace in. */
class JsonTest {
    private final Codec json = Codecs.forName("json");

    @Test
    void snapshotFieldsComeInProtocolOrderAndMapKeysInWireOrder() {
        Value lamp = Value.map(Map.of("on", Value.of(false), "name", Value.of("lamp")));
        assertEquals("{\"t\":\"snapshot\",\"id\":1,\"type\":\"Device\",\"rev\":0,\"value\":"
                        + "{\"Map\":{\"name\":{\"Str\":\"lamp\"},\"on\":{\"Bool\":false}}}}",
                json.encode(new Snapshot(1, "Device", 0, lamp)).text());
    }

    @Test
    void patchAndRejectFramesHaveTheirFieldsInProtocolOrder() {
        Patch p = new Patch(1, List.of(new Op.Set(Path.parse("on"), Value.of(true))));
        assertEquals("{\"t\":\"patch\",\"id\":1,\"patch\":{\"rev\":1,\"ops\":[{\"Set\":{\"path\":[{\"Key\":\"on\"}],\"value\":{\"Bool\":true}}}]}}",
                json.encode(new PatchMessage(1, p)).text());
        assertEquals("{\"t\":\"reject\",\"id\":1,\"rev\":4,\"error\":\"no\"}", json.encode(new Reject(1, 4, "no")).text());
        assertEquals("{\"t\":\"hello\"}", json.encode(new UnknownMessage("hello")).text());
    }

    @Test
    void floatsKeepAFractionOrExponent() {
        assertEquals("{\"Float\":1.0}", Json.write(Value.of(1.0)));
        assertEquals("{\"Float\":-0.0}", Json.write(Value.of(-0.0)));
        assertEquals("{\"Float\":1.0E300}", Json.write(Value.of(1e300)));
        assertEquals(Value.of(1.0), Json.parseValue("{\"Float\":1.0}"));
    }

    @Test
    void integralNumberInAFloatTagIsAFloat() {
        assertEquals(Value.of(7.0), Json.parseValue("{\"Float\": 7}"));
    }

    @Test
    void everyOpWritesLikeItsToString() {
        Path p = Path.parse("items", 0);
        for (Op op : List.of(new Op.Set(p, Value.NULL), new Op.Remove(p), new Op.Insert(p, 2, Value.of(3)),
                new Op.RemoveAt(p, 1), new Op.Move(p, 0, 2), new Op.Reorder(p, new int[] {2, 0, 1}))) {
            assertEquals(op.toString(), Json.write(op));
            assertEquals(op, Json.parseOp(op.toString()));
        }
        assertEquals(p.toString(), Json.write(p));
        assertEquals(p, Json.parsePath(" [ {\"Key\" : \"items\"}, {\"Index\": 0} ] "));
    }

    @Test
    void decodesFieldsInAnyOrderWithWhitespace() {
        String frame = "{ \"value\": {\"Map\": {\"on\": {\"Bool\": true}, \"a\": \"Null\"}}, \"rev\": 3,\n"
                + " \"type\": \"Device\", \"id\": 2, \"t\": \"snapshot\" }";
        Snapshot s = (Snapshot) json.decode(Frame.ofText(frame));
        assertEquals(new Snapshot(2, "Device", 3, Value.map(Map.of("a", Value.NULL, "on", Value.of(true)))), s);
    }

    @Test
    void unknownFieldsOfAMessageAreIgnoredWhateverTheyHold() {
        String frame = "{\"t\":\"reject\",\"x\":[[{\"Int\":1.5}]],\"id\":1,\"value\":7,\"rev\":2,\"error\":\"e\"}";
        assertEquals(new Reject(1, 2, "e"), json.decode(Frame.ofText(frame)));
    }

    @Test
    void unknownKindBecomesAnUnknownMessage() {
        assertEquals(new UnknownMessage("presence"), json.decode(Frame.ofText("{\"id\":\"x\",\"t\":\"presence\",\"who\":[1]}")));
    }

    @Test
    void jsonCodecReadsUtf8BytesToo() {
        byte[] bytes = "{\"t\":\"reject\",\"id\":1,\"rev\":0,\"error\":\"caf\u00e9\"}".getBytes(StandardCharsets.UTF_8);
        assertEquals(new Reject(1, 0, "caf\u00e9"), json.decode(Frame.ofBytes(bytes)));
    }

    @Test
    void stringsAreEscapedAsValueTextDoes() {
        Value v = Value.of("a\"b\\c\n\u0001\u00e9\ud83d\ude00");
        assertEquals(v.toString(), Json.write(v));
        assertEquals(v, Json.parseValue(Json.write(v)));
        assertTrue(Json.write(v).contains("\\u0001"));
    }

    @Test
    void parseMessageMatchesTheJsonCodec() {
        String text = "{\"t\":\"patch\",\"id\":1,\"patch\":{\"rev\":1,\"ops\":[]}}";
        assertEquals(json.decode(Frame.ofText(text)), Json.parseMessage(text));
        assertEquals(text, Json.write(Json.parseMessage(text)));
    }

    @Test
    void helpersRefuseTrailingTextAndNameTheirRoot() {
        CodecException e = org.junit.jupiter.api.Assertions.assertThrows(CodecException.class, () -> Json.parseValue("\"Null\" 1"));
        assertTrue(e.getMessage().contains("trailing data"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(CodecException.class,
                () -> Json.parsePatch("{\"rev\":1,\"ops\":[{\"Set\":{\"path\":[],\"value\":{\"Int\":\"x\"}}}]}"));
        assertEquals("patch.ops[0].Set.value: Int expects an integer, got the string \"x\"", e.getMessage());
    }

    @Test
    void writingNothingIsACodecException() {
        org.junit.jupiter.api.Assertions.assertThrows(CodecException.class, () -> Json.write((Value) null));
        CodecException e = org.junit.jupiter.api.Assertions.assertThrows(CodecException.class, () -> Json.write((Patch) null));
        assertTrue(e.getMessage().startsWith("cannot encode JSON: "), e.getMessage());
    }
}
