package io.transports.crdt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.transports.value.Value;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reference's own CRDT fixtures (spec/crdt/reference_*.json, from the Rust core of the Python
 * package): a spec's canonical form and hash; a document's local mutations, the operations they make
 * with their dots, and the value a second replica reaches from those operations.
 */
class ReferenceFixturesTest {
    @ParameterizedTest
    @ValueSource(strings = {"reference_spec.json", "reference_reducer.json"})
    void referenceFixturePasses(String file) {
        JsonNode f = SpecFiles.read(file);
        CrdtSpec spec = CrdtSpec.fromNode(f.get("spec"));
        if (f.has("canonical")) {
            assertEquals(f.get("canonical").textValue(), spec.canonicalJson());
            assertEquals(f.get("hash").textValue(), spec.hash());
            assertEquals(spec, CrdtSpec.fromJson(spec.canonicalJson()), "canonicalising is idempotent");
        }
        if (f.has("ops")) {
            Value initial = StateJson.tagged(f.get("initial"), "initial");
            Value expected = StateJson.tagged(f.get("expected"), "expected");
            CrdtDocument writer = new CrdtDocument(spec, initial, "a");
            CrdtChange change = writer.mutate(CrdtJson.mutations(f.get("mutations"), CrdtJson.Form.TAGGED));
            assertEquals(f.get("ops"), CrdtJson.toNode(change.ops(), CrdtJson.Form.TAGGED), "the operations the mutations make");
            assertEquals(expected, writer.value());

            CrdtDocument reader = new CrdtDocument(spec, initial, "b");
            List<CrdtOp> ops = CrdtJson.ops(f.get("ops"), CrdtJson.Form.TAGGED);
            assertEquals(ops.size(), reader.apply(ops).applied());
            assertEquals(expected, reader.value());
            assertEquals(0, reader.apply(ops).applied(), "duplicates are skipped");
            assertEquals(writer.stateJson(), reader.stateJson(), "the same operations give the same state bytes");
        }
    }
}
