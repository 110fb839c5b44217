package io.transports.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transports.Frame;
import io.transports.protocol.Snapshot;
import io.transports.protocol.UnknownMessage;
import io.transports.value.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad frames are refused with a CodecException that says where and why; nothing else escapes. */
class DecodeErrorsTest {
    private static void refused(String frame, String expected) {
        CodecException e = assertThrows(CodecException.class, () -> Codecs.forName("json").decode(Frame.ofText(frame)));
        assertTrue(e.getMessage().contains(expected), () -> "message was: " + e.getMessage());
    }

    private static void refusedValue(String text, String expected) {
        CodecException e = assertThrows(CodecException.class, () -> Json.parseValue(text));
        assertTrue(e.getMessage().contains(expected), () -> "message was: " + e.getMessage());
    }

    @Test
    void malformedJsonSaysWhereTheParserStopped() {
        refused("{\"t\":\"patch\",", "malformed JSON");
        refused("{\"t\": snapshot}", "(line 1, column");
        refused("", "empty frame");
        refused("{\"t\":\"reject\",\"id\":1,\"rev\":0,\"error\":\"x\"} {}", "trailing data after the message");
    }

    @Test
    void aFrameThatIsNotAnObjectIsRefused() {
        refused("[1,2]", "message: expected a message object, got an array");
        refused("\"snapshot\"", "expected a message object, got the string \"snapshot\"");
    }

    @Test
    void missingOrWrongKindIsRefused() {
        refused("{\"id\":1}", "missing field 't'");
        refused("{}", "missing field 't'");
        refused("{\"t\":5}", "t: expected a string, got the number 5");
        refused("{\"id\":1,\"t\":null}", "t: expected a string, got null");
    }

    @Test
    void missingFieldsAreNamed() {
        refused("{\"t\":\"snapshot\",\"id\":1,\"rev\":0,\"value\":\"Null\"}", "snapshot message: missing field 'type'");
        refused("{\"t\":\"patch\",\"id\":1}", "patch message: missing field 'patch'");
        refused("{\"t\":\"reject\",\"id\":1,\"rev\":0}", "reject message: missing field 'error'");
        refused("{\"t\":\"patch\",\"id\":1,\"patch\":{\"ops\":[]}}", "patch: missing field 'rev'");
    }

    @Test
    void wrongFieldTypesAreNamedWithTheirPath() {
        refused("{\"t\":\"patch\",\"id\":\"1\",\"patch\":{\"rev\":1,\"ops\":[]}}", "id: expected a positive integer, got the string \"1\"");
        refused("{\"t\":\"patch\",\"id\":0,\"patch\":{\"rev\":1,\"ops\":[]}}", "id: expected a positive integer (model ids start at 1), got 0");
        refused("{\"t\":\"reject\",\"id\":1,\"rev\":-1,\"error\":\"x\"}", "rev: expected a non-negative integer, got -1");
        refused("{\"t\":\"reject\",\"id\":1,\"rev\":1.5,\"error\":\"x\"}", "rev: expected a non-negative integer, got the number 1.5");
        refused("{\"t\":\"snapshot\",\"id\":1,\"type\":7,\"rev\":0,\"value\":\"Null\"}", "type: expected a string, got the number 7");
        String ops = "[{\"Set\":{\"path\":[],\"value\":\"Null\"}},{\"Remove\":{\"path\":[{\"Key\":\"a\"}]}},"
                + "{\"Move\":{\"path\":[],\"from\":\"x\",\"to\":1}}]";
        refused("{\"t\":\"patch\",\"id\":1,\"patch\":{\"rev\":1,\"ops\":" + ops + "}}",
                "patch.ops[2].Move.from: expected a non-negative integer, got the string \"x\"");
    }

    @Test
    void integersOutside64BitsAreRefusedNotRounded() {
        refused("{\"t\":\"patch\",\"id\":9223372036854775808,\"patch\":{\"rev\":1,\"ops\":[]}}",
                "id: integer 9223372036854775808 is outside the 64-bit range");
        refusedValue("{\"Int\": -9223372036854775809}", "value: integer -9223372036854775809 is outside the 64-bit range");
        assertEquals(Value.of(Long.MIN_VALUE), Json.parseValue("{\"Int\": -9223372036854775808}"));
        refusedValue("{\"Int\": 7.0}", "value: Int expects an integer, got the number 7.0");
    }

    @Test
    void unknownOpIsRefusedWithItsPosition() {
        refused("{\"t\":\"patch\",\"id\":1,\"patch\":{\"rev\":1,\"ops\":[{\"Frob\":{\"path\":[]}}]}}",
                "patch.ops[0]: unknown op 'Frob'; expected one of Set, Remove, Insert, RemoveAt, Move, Reorder");
    }

    @Test
    void opsHaveExactlyTheirFields() {
        refused("{\"t\":\"patch\",\"id\":1,\"patch\":{\"rev\":1,\"ops\":[{\"Move\":{\"path\":[],\"from\":0}}]}}",
                "patch.ops[0].Move: Move is missing field 'to'");
        refused("{\"t\":\"patch\",\"id\":1,\"patch\":{\"rev\":1,\"ops\":[{\"Remove\":{\"path\":[],\"index\":0}}]}}",
                "patch.ops[0].Remove: Remove has no field 'index'; its fields are path");
        refused("{\"t\":\"patch\",\"id\":1,\"patch\":{\"rev\":1,\"ops\":[{\"RemoveAt\":{\"path\":[],\"index\":0},\"Set\":{}}]}}",
                "patch.ops[0]: an op has exactly one field; found 'Set' after 'RemoveAt'");
        refused("{\"t\":\"patch\",\"id\":1,\"patch\":{\"rev\":1,\"ops\":[{\"Reorder\":{\"path\":[],\"order\":[0,-1]}}]}}",
                "patch.ops[0].Reorder.order[1]: expected a non-negative integer, got -1");
        refused("{\"t\":\"patch\",\"id\":1,\"patch\":{\"rev\":1,\"ops\":[{\"Insert\":{\"path\":[],\"index\":4294967296,\"value\":\"Null\"}}]}}",
                "patch.ops[0].Insert.index: index 4294967296 is too large");
    }

    @Test
    void pathsAreListsOfKeyAndIndexSteps() {
        refused("{\"t\":\"patch\",\"id\":1,\"patch\":{\"rev\":1,\"ops\":[{\"Remove\":{\"path\":[{\"Name\":\"a\"}]}}]}}",
                "patch.ops[0].Remove.path[0]: unknown path step 'Name'; expected Key or Index");
        refused("{\"t\":\"patch\",\"id\":1,\"patch\":{\"rev\":1,\"ops\":[{\"Remove\":{\"path\":{\"Key\":\"a\"}}}]}}",
                "patch.ops[0].Remove.path: expected a path");
        refused("{\"t\":\"patch\",\"id\":1,\"patch\":{\"rev\":1,\"ops\":[{\"RemoveAt\":{\"path\":[{\"Index\":-2}],\"index\":0}}]}}",
                "patch.ops[0].RemoveAt.path[0]: expected a non-negative integer, got -2");
    }

    @Test
    void valuesNeedKnownTagsAndTheRightShapes() {
        refusedValue("null", "value: expected a Value (\"Null\" or a tagged object such as {\"Int\": 7}), got null");
        refusedValue("\"null\"", "got the string \"null\"");
        refusedValue("{}", "expected a Value, got an empty object");
        refusedValue("{\"Integer\": 1}", "unknown value tag 'Integer'; expected one of Null, Bool, Int, Float, Str, List, Map, Submodel");
        refusedValue("{\"Null\": null}", "Null is written as the bare string \"Null\"");
        refusedValue("{\"Int\": 1, \"Str\": \"a\"}", "a tagged Value has exactly one field; found 'Str' after 'Int'");
        refusedValue("{\"Bool\": \"true\"}", "Bool expects true or false");
        refusedValue("{\"Str\": 1}", "Str expects a string, got the number 1");
        refusedValue("{\"List\": {}}", "List expects an array, got an object");
        refusedValue("{\"Map\": []}", "Map expects an object, got an array");
        refusedValue("{\"Submodel\": 0}", "Submodel expects a positive model id");
        refusedValue("{\"Float\": \"1.5\"}", "Float expects a number");
        refusedValue("{\"Float\": 1e400}", "a Float must be finite, got 1e400");
        refusedValue("{\"Float\": NaN}", "malformed JSON");
    }

    @Test
    void errorsInsideValuesNameTheValuePath() {
        refused("{\"t\":\"snapshot\",\"id\":1,\"type\":\"T\",\"rev\":0,\"value\":{\"Map\":{\"items\":{\"List\":[\"Null\",{\"Int\":\"2\"}]}}}}",
                "value.items[1]: Int expects an integer, got the string \"2\"");
        refusedValue("{\"Map\":{\"a key\":{\"Int\":true}}}", "value[\"a key\"]: Int expects an integer, got true");
    }

    @Test
    void duplicateMapKeysAndMessageFieldsAreRefused() {
        refusedValue("{\"Map\":{\"a\":\"Null\",\"a\":\"Null\"}}", "value: duplicate key \"a\"");
        refusedValue("{\"Map\":{\"b\":\"Null\",\"a\":\"Null\",\"b\":\"Null\"}}", "duplicate key \"b\"");
        refused("{\"t\":\"reject\",\"id\":1,\"id\":2,\"rev\":0,\"error\":\"x\"}", "duplicate field 'id'");
        refused("{\"id\":1,\"t\":\"reject\",\"t\":\"patch\",\"rev\":0,\"error\":\"x\"}", "duplicate field 't'");
    }

    @Test
    void mapKeysInAnyOrderComeOutInWireOrder() {
        Value v = Json.parseValue("{\"Map\":{\"b\":\"Null\",\"\u00e9\":\"Null\",\"a\":\"Null\"}}");
        assertEquals("{\"Map\":{\"a\":\"Null\",\"b\":\"Null\",\"\u00e9\":\"Null\"}}", Json.write(v));
    }

    @Test
    void nothingButCodecExceptionEscapesOnGarbage() {
        for (String s : List.of("{\"t\":\"snapshot\",\"value\":", "\u0000", "{\"t\":\"patch\",\"id\":1,\"patch\":{\"rev\":1,\"ops\":[{\"Set\":",
                "]]]", "{\"t\":\"x\"", "{\"t\":\"\\ud800\"}")) {
            try {
                decodeJson(s);
            } catch (CodecException expected) {
                // the only exception allowed
            }
        }
        // a lone surrogate is refused even where an unknown kind would be ignored: text must be valid Unicode
        CodecException e = assertThrows(CodecException.class, () -> decodeJson("{\"t\":\"\\ud800\"}"));
        assertEquals("t: the string holds a lone surrogate (\\ud800 at index 0); only valid Unicode text can travel", e.getMessage());
    }

    private static void decodeJson(String s) { Codecs.forName("json").decode(Frame.ofText(s)); }

    @Test
    void encodingRefusesWhatCannotTravel() {
        CodecException e = assertThrows(CodecException.class, () -> Codecs.forName("json").encode(null));
        assertTrue(e.getMessage().contains("no message"), e.getMessage());
        assertThrows(CodecException.class, () -> Codecs.forName("cbor").encode(new UnknownMessage(null)));
        assertEquals(Snapshot.class, Codecs.forName("json").decode(Codecs.forName("json").encode(new Snapshot(1, "T", 0, Value.NULL))).getClass());
    }
}
