package io.transports.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.transports.codec.Json;
import io.transports.codec.PlainData;
import io.transports.value.ListValue;
import io.transports.value.MapValue;
import io.transports.value.Value;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * spec/merge.json — write sequences run through the Python reference's LwwMapCrdt and DeepLwwCrdt
 * (spec/merge_reference.py records what it ends with) — replayed through our LwwMap and DeepLww: the
 * same value and the same clock, so a Java and a Python hub keep the same writes; and the reference's
 * saved state restores into ours as the same clock.
 */
class MergeReferenceVectorsTest {

    @TestFactory Stream<DynamicTest> ourStrategiesEndWhereTheReferenceDoes() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : cases()) {
            tests.add(dynamicTest(c.get("name").asText(), () -> {
                Supplier<MergeStrategy> fresh = c.get("strategy").asText().equals("LwwMap") ? LwwMap::new : DeepLww::new;
                MergeStrategy ours = fresh.get();
                Value v = Json.parseValue(c.get("start").toString());
                for (JsonNode w : c.get("writes")) {
                    v = ours.merge(v, Json.parsePatch(w.get("patch").toString()), new Stamp(w.get("patch").get("rev").asLong(), w.get("origin").asText()));
                }
                assertEquals(Json.parseValue(c.get("value").toString()), v, "the value");
                Value theirs = PlainData.fromJsonNode(c.get("state"));
                assertEquals(clock(theirs), clock(ours.state()), "the clock");
                MergeStrategy restored = fresh.get();
                restored.restore(theirs);
                assertEquals(clock(theirs), clock(restored.state()), "the reference's state restored into ours");
            }));
        }
        return tests.stream();
    }

    /** The clock part of a state; DeepLww's list of [path, stamp] as a set (the two list it in different orders). */
    static Object clock(Value state) {
        Value c = ((MapValue) state).get("clock");
        if (!(c instanceof ListValue l)) return c;
        Set<Value> entries = new HashSet<>(l.items());
        assertEquals(l.size(), entries.size(), "a path listed twice");
        return entries;
    }

    static List<JsonNode> cases() throws IOException {
        try (InputStream in = MergeReferenceVectorsTest.class.getResourceAsStream("/spec/merge.json")) {
            if (in == null) throw new IllegalStateException("spec/merge.json is not on the test classpath");
            List<JsonNode> out = new ArrayList<>();
            new ObjectMapper().readTree(in).forEach(out::add);
            return out;
        }
    }
}
