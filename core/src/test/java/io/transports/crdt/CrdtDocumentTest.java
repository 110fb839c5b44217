package io.transports.crdt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transports.value.Value;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reducer's rules one at a time, and that every refusal leaves the document as it was. */
class CrdtDocumentTest {
    private static final CrdtSpec REGISTER = CrdtSpec.of(CrdtPolicy.register());
    private static final CrdtSpec TEXT = CrdtSpec.of(CrdtPolicy.text());

    @Test
    void concurrentRegisterWritesConvergeOnTheHigherDot() {
        CrdtDocument a = new CrdtDocument(REGISTER, Value.of(0), "a"), b = new CrdtDocument(REGISTER, Value.of(0), "b");
        List<CrdtOp> fromA = a.set(List.of(), Value.of(1));
        List<CrdtOp> fromB = b.set(List.of(), Value.of(2));
        CrdtEffect effect = a.apply(fromB);
        assertEquals(1, effect.applied());
        assertEquals(0, a.apply(fromB).applied());
        b.apply(fromA);
        assertEquals(Value.of(2), a.value(), "(1, b) beats (1, a)");
        assertEquals(a.stateJson(), b.stateJson());
    }

    @Test
    void reusedDotWithOtherContentIsRefusedAndChangesNothing() {
        CrdtDocument d = new CrdtDocument(REGISTER, Value.of(0), "r");
        d.apply(List.of(new CrdtOp.RegisterSet(new Dot(1, "s"), List.of(), Value.of(1))));
        String before = d.stateJson();
        CrdtException e = assertThrows(CrdtException.class, () -> d.apply(List.of(
                new CrdtOp.RegisterSet(new Dot(2, "s"), List.of(), Value.of(5)),
                new CrdtOp.RegisterSet(new Dot(1, "s"), List.of(), Value.of(2)))));
        assertTrue(e.getMessage().contains("ops[1]: operation dot (1, s) was reused with different content"), e.getMessage());
        assertEquals(before, d.stateJson(), "the whole batch is refused");
        assertEquals(Value.of(1), d.value());
    }

    @Test
    void operationsThatDoNotFitTheSpecAreRefusedWhole() {
        CrdtDocument d = new CrdtDocument(TEXT, Value.of("ab"), "r");
        String before = d.stateJson();
        CrdtException e = assertThrows(CrdtException.class, () -> d.apply(List.of(
                new CrdtOp.SequenceInsert(new Dot(1, "s"), List.of(), null, List.of(Value.of("x"))),
                new CrdtOp.SequenceInsert(new Dot(2, "s"), List.of(), null, List.of(Value.of("two"))))));
        assertTrue(e.getMessage().contains("ops[1]") && e.getMessage().contains("one Unicode scalar value"), e.getMessage());
        assertEquals(before, d.stateJson());
        e = assertThrows(CrdtException.class, () -> d.apply(List.of(new CrdtOp.MapSet(new Dot(3, "s"), List.of(), "k", Value.of(1)))));
        assertTrue(e.getMessage().contains("path segment does not match its policy"), e.getMessage()); // its target path [key] meets a sequence
        e = assertThrows(CrdtException.class, () -> d.apply(List.of(new CrdtOp.RegisterSet(new Dot(0, "s"), List.of(), Value.of(1)))));
        assertTrue(e.getMessage().contains("invalid operation dot"), e.getMessage());
        assertEquals(before, d.stateJson());
    }

    @Test
    void failedMultiEditMutateRollsBack() {
        CrdtDocument d = new CrdtDocument(TEXT, Value.of("ab"), "r");
        String before = d.stateJson();
        assertThrows(CrdtException.class, () -> d.mutate(
                new CrdtMutation.SequenceSplice(List.of(), 0, 0, List.of(Value.of("x"))),
                new CrdtMutation.SequenceSplice(List.of(), 9, 0, List.of(Value.of("y")))));
        assertEquals(before, d.stateJson());
        assertEquals(new Dot(1, "r"), d.insertText(List.of(), 0, "z").get(0).dot(), "the counter did not move either");
    }

    @Test
    void nestedUpdateWinsOverConcurrentRemoveWithoutResurrectingOldFields() {
        CrdtSpec spec = CrdtSpec.fromJson("{\"root\":{\"kind\":\"map\",\"fields\":{\"profile\":{\"kind\":\"map\",\"fields\":{\"name\":{\"kind\":\"register\"},\"city\":{\"kind\":\"register\"}}}}}}");
        Value initial = Value.map(Map.of("profile", Value.map(Map.of("name", Value.of("Ada"), "city", Value.of("London")))));
        CrdtDocument a = new CrdtDocument(spec, initial, "a"), b = new CrdtDocument(spec, initial, "b");
        CrdtChange remove = a.mutate(new CrdtMutation.MapRemove(List.of(), "profile"));
        List<CrdtOp> update = b.set(List.of(PathSegment.key("profile"), PathSegment.key("name")), Value.of("Grace"));
        a.apply(update);
        b.apply(remove.ops());
        Value expected = Value.map(Map.of("profile", Value.map(Map.of("name", Value.of("Grace")))));
        assertEquals(expected, a.value());
        assertEquals(a.stateJson(), b.stateJson());
    }

    @Test
    void setIdentityFieldsAreImmutable() {
        CrdtSpec spec = CrdtSpec.fromJson("{\"root\":{\"kind\":\"set\",\"keys\":[[\"id\"]],\"element\":{\"kind\":\"map\"}}}");
        CrdtDocument d = new CrdtDocument(spec, Value.list(Value.map(Map.of("id", Value.of(1)))), "r");
        String key = d.memberKey(List.of(), Value.map(Map.of("id", Value.of(1))));
        assertEquals("[[[\"id\"],{\"Int\":1}]]", key);
        CrdtException e = assertThrows(CrdtException.class, () -> d.set(List.of(PathSegment.member(key), PathSegment.key("id")), Value.of(2)));
        assertTrue(e.getMessage().contains("set identity fields are immutable"), e.getMessage());
    }

    @Test
    void compactionDropsStableRemovesAndRefusesGaps() {
        CrdtDocument d = new CrdtDocument(CrdtSpec.of(CrdtPolicy.map()), Value.map(Map.of("old", Value.of(1))), "map");
        d.mutate(new CrdtMutation.MapRemove(List.of(), "old"));
        CrdtException e = assertThrows(CrdtException.class, () -> d.compact(Map.of("map", 2L)));
        assertTrue(e.getMessage().contains("not covered by contiguous observed dots"), e.getMessage());
        assertEquals(1, d.compact(Map.of("map", 1L)));
        assertEquals("{\"state_version\":1,\"spec_hash\":\"" + d.spec().hash() + "\",\"context\":{\"compacted\":{\"map\":1}},\"root\":{\"kind\":\"map\",\"entries\":{}}}", d.stateJson());
        assertEquals(0, d.apply(List.of(new CrdtOp.MapRemove(new Dot(1, "map"), List.of(), "old", List.of()))).applied(), "a compacted dot is still a duplicate");
    }

    @Test
    void stateFromAnotherSpecIsRefused() {
        CrdtDocument d = new CrdtDocument(TEXT, Value.of("ab"), "r");
        CrdtException e = assertThrows(CrdtException.class, () -> CrdtDocument.fromState(REGISTER, d.stateJson(), "s"));
        assertTrue(e.getMessage().contains("incompatible CRDT state: spec hash " + TEXT.hash()), e.getMessage());
        e = assertThrows(CrdtException.class, () -> CrdtDocument.fromState(TEXT, d.stateJson(), "$init"));
        assertTrue(e.getMessage().contains("reserved $init"), e.getMessage());
    }

    @Test
    void wireFormCarriesPlainValuesAndReadsBack() {
        CrdtDocument d = new CrdtDocument(TEXT, Value.of(""), "r");
        List<CrdtOp> change = d.insertText(List.of(), 0, "hi");
        String wire = CrdtJson.toNode(change, CrdtJson.Form.WIRE).toString();
        assertEquals("[{\"kind\":\"sequence_insert\",\"dot\":{\"counter\":1,\"replica\":\"r\"},\"path\":[],\"after\":null,\"values\":[\"h\",\"i\"]}]", wire);
        assertEquals(change, CrdtJson.ops(wire, CrdtJson.Form.WIRE));
        CrdtException e = assertThrows(CrdtException.class, () -> CrdtJson.ops("[{\"kind\":\"sequence_insert\",\"dot\":{\"counter\":-1,\"replica\":\"r\"},\"path\":[],\"after\":null,\"values\":[]}]", CrdtJson.Form.WIRE));
        assertTrue(e.getMessage().contains("ops[0].dot.counter: expected a non-negative integer"), e.getMessage());
    }
}
