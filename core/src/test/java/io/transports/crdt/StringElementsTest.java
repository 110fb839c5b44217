package io.transports.crdt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.transports.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * String-sequence elements that are not one character, replayed from what the reference reducer did
 * with them (spec/crdt/string_elements.json, written by spec/crdt/string_elements.py): such an element is
 * refused only when it would show, so an insert whose element a delete already removed is accepted, as
 * is a write that loses or lands on a deleted element; a refused batch changes nothing, and an accepted
 * one reaches exactly the reference's state text.
 */
class StringElementsTest {
    private static final JsonNode FILE = SpecFiles.read("string_elements.json");
    private static final CrdtSpec SPEC = CrdtSpec.fromNode(FILE.get("spec"));

    private static CrdtDocument start() {
        return new CrdtDocument(SPEC, Value.map(java.util.Map.of("text", Value.of(FILE.get("initial").get("text").asText()))), "a");
    }

    @TestFactory
    Stream<DynamicTest> remoteBatchesAreAcceptedOrRefusedAsTheReferenceDid() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : FILE.get("cases")) tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> replay(c)));
        return tests.stream();
    }

    private static void replay(JsonNode c) {
        CrdtDocument d = start();
        for (int b = 0; b < c.get("batches").size(); b++) {
            List<CrdtOp> ops = CrdtJson.ops(c.get("batches").get(b), CrdtJson.Form.WIRE);
            JsonNode result = c.get("results").get(b);
            if (result.get("accepted").asBoolean()) d.apply(ops);
            else {
                String before = d.stateJson();
                CrdtException e = assertThrows(CrdtException.class, () -> d.apply(ops), "batch " + b + " is refused");
                assertTrue(e.getMessage().contains(result.get("error").asText()), e.getMessage());
                assertEquals(before, d.stateJson(), "a refused batch changes nothing");
            }
        }
        assertEquals(Value.map(java.util.Map.of("text", Value.of(c.get("text").asText()))), d.value());
        assertEquals(c.get("state").asText(), d.stateJson());
    }

    @Test
    void aLocalMultiCharacterInsertIsRefusedAsTheReferenceRefusesIt() {
        JsonNode m = FILE.get("mutate");
        CrdtDocument d = start();
        String before = d.stateJson();
        List<PathSegment> text = List.of(PathSegment.key("text"));
        CrdtException e = assertThrows(CrdtException.class,
                () -> d.splice(text, 0, 0, List.of(Value.of(m.get("values").get(0).asText()))));
        assertTrue(e.getMessage().contains(m.get("result").get("error").asText()), e.getMessage());
        assertEquals(before, d.stateJson());
        d.insertText(text, 0, "ok");
        assertEquals(Value.map(java.util.Map.of("text", Value.of("okab"))), d.value(), "the document carries on");
    }
}
