package io.transports.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transports.crdt.CrdtDocument;
import io.transports.crdt.CrdtException;
import io.transports.crdt.CrdtMap;
import io.transports.crdt.CrdtSequence;
import io.transports.crdt.CrdtSet;
import io.transports.crdt.CrdtSpec;
import io.transports.value.Value;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A spec declared with annotations on a record equals the one written out as the reference's dict. */
class CrdtSpecsTest {
    record Card(String id, String title) {}

    record Profile(String name, @CrdtSequence String bio) {}

    record Board(String title, @CrdtSequence String notes, @CrdtSequence List<String> steps,
                 @CrdtSet(keys = "id") List<Card> cards, @CrdtSet Set<String> tags,
                 @CrdtMap Map<String, Integer> votes, @CrdtMap Profile owner) {}

    record Wrong(@CrdtSequence int count) {}

    @Test
    void annotatedRecordDerivesTheSpecOfItsDict() {
        CrdtSpec derived = CrdtSpecs.of(Board.class);
        CrdtSpec written = CrdtSpec.fromJson("""
                {"root":{"kind":"map","fields":{
                  "notes":{"kind":"sequence","materialization":"string"},
                  "steps":{"kind":"sequence","materialization":"list"},
                  "cards":{"kind":"set","keys":[["id"]],"element":{"kind":"map"}},
                  "tags":{"kind":"set"},
                  "votes":{"kind":"map"},
                  "owner":{"kind":"map","fields":{"bio":{"kind":"sequence","materialization":"string"}}}}}}""");
        assertEquals(written.canonicalJson(), derived.canonicalJson());
        assertEquals(written.hash(), derived.hash());
        Board board = new Board("b", "hello", List.of("one"), List.of(new Card("c1", "Card")), Set.of("x"), Map.of("ada", 1), new Profile("Ada", "bio"));
        CrdtDocument doc = new CrdtDocument(derived, Bridge.toValue(board), "host");
        assertEquals(Bridge.toValue(board), doc.value(), "a bridged value materialises back unchanged");
    }

    @Test
    void annotationOnTheWrongTypeIsRefusedNamingTheField() {
        CrdtException e = assertThrows(CrdtException.class, () -> CrdtSpecs.of(Wrong.class));
        assertTrue(e.getMessage().contains("Wrong.count") && e.getMessage().contains("@CrdtSequence needs a String or a List"), e.getMessage());
    }

    @Test
    void valueThatDoesNotFitIsRefused() {
        CrdtException e = assertThrows(CrdtException.class, () -> new CrdtDocument(CrdtSpecs.of(Board.class), Value.map(Map.of("notes", Value.of(3))), "h"));
        assertTrue(e.getMessage().contains("initial value.notes: string sequence policy requires a string value"), e.getMessage());
    }
}
