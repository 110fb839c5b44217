package io.transports.crdt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.transports.value.Value;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays edit streams that the reference reducer (the Python package's compiled CrdtDocument) made
 * and recorded (spec/crdt/python_streams.json, written by spec/crdt/python_streams.py; a fresh, larger
 * set when {@code -Dcrdt.streams=FILE} names one, as spec/crdt/check_python_crdt.sh does): every local
 * mutation must make the very operations the reference made (dots, observed removes, element ids), a
 * refused one must be refused here too, and every replica and a receiver fed all operations shuffled and
 * duplicated must reach the reference's value and exactly its state text, before and after compaction.
 */
class PythonStreamsTest {
    @TestFactory
    Stream<DynamicTest> streamsReplayToTheReferenceStateBytes() {
        String file = System.getProperty("crdt.streams");
        JsonNode streams = file == null || file.isEmpty() ? SpecFiles.read("python_streams.json") : SpecFiles.readFile(Path.of(file));
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode s : streams) tests.add(DynamicTest.dynamicTest("seed " + s.get("seed").asText(), () -> replay(s)));
        return tests.stream();
    }

    private static void replay(JsonNode s) {
        CrdtSpec spec = CrdtSpec.fromNode(s.get("spec"));
        Value initial = StateJson.tagged(s.get("initial"), "initial");
        List<CrdtOp> ops = CrdtJson.ops(s.get("ops"), CrdtJson.Form.TAGGED);
        for (Iterator<Map.Entry<String, JsonNode>> it = s.get("replicas").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> r = it.next();
            CrdtDocument doc = new CrdtDocument(spec, initial, r.getKey());
            int step = 0;
            for (JsonNode e : r.getValue().get("events")) {
                String where = "replica " + r.getKey() + " event " + step++;
                if (e.has("apply")) {
                    List<CrdtOp> batch = new ArrayList<>();
                    for (JsonNode i : e.get("apply")) batch.add(ops.get(i.asInt()));
                    doc.apply(batch);
                } else if (e.has("error")) {
                    String before = doc.stateJson();
                    assertThrows(CrdtException.class, () -> doc.mutate(CrdtJson.mutations(e.get("mutate"), CrdtJson.Form.TAGGED)),
                            where + ": the reference refused this edit: " + e.get("error").asText());
                    assertEquals(before, doc.stateJson(), where + ": a refused edit changes nothing");
                } else {
                    CrdtChange change = doc.mutate(CrdtJson.mutations(e.get("mutate"), CrdtJson.Form.TAGGED));
                    assertEquals(e.get("ops"), CrdtJson.toNode(change.ops(), CrdtJson.Form.TAGGED), where + ": the operations made");
                }
            }
            assertEquals(StateJson.tagged(r.getValue().get("value"), "value"), doc.value(), "replica " + r.getKey() + " value");
            assertEquals(r.getValue().get("state").textValue(), doc.stateJson(), "replica " + r.getKey() + " state");
        }
        JsonNode rc = s.get("receiver");
        CrdtDocument z = new CrdtDocument(spec, initial, "z");
        for (JsonNode b : rc.get("batches")) {
            List<CrdtOp> batch = new ArrayList<>();
            for (JsonNode i : b) batch.add(ops.get(i.asInt()));
            z.apply(batch);
        }
        assertEquals(StateJson.tagged(rc.get("value"), "value"), z.value(), "receiver value");
        assertEquals(rc.get("state").textValue(), z.stateJson(), "receiver state");
        Map<String, Long> frontier = new TreeMap<>();
        rc.get("frontier").fields().forEachRemaining(f -> frontier.put(f.getKey(), f.getValue().asLong()));
        assertEquals(rc.get("compacted").asInt(), z.compact(frontier), "entries compacted");
        assertEquals(rc.get("compacted_state").textValue(), z.stateJson(), "compacted state");
        assertEquals(StateJson.tagged(rc.get("compacted_value"), "value"), z.value(), "compacted value");
        CrdtDocument restored = CrdtDocument.fromState(spec, z.stateJson(), "y");
        assertEquals(z.stateJson(), restored.stateJson(), "from-state restores the same bytes");
    }
}
