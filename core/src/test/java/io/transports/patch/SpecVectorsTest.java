package io.transports.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import io.transports.value.Value;
import io.transports.value.ValueText;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the shared conformance vectors spec/apply.json and spec/diff.json (format in spec/README.md)
 * against the patch package alone, one dynamic test per case, reading them with a test-only reader so a
 * codec fault cannot hide here. spec/values.json runs through the real codec in ConformanceTest.
 */
class SpecVectorsTest {

    @TestFactory
    Stream<DynamicTest> applyMatchesTheVectors() {
        return cases("apply.json").map(c -> dynamicTest(c.get("name").asText(), () -> {
            Value value = VectorJson.value(c.get("value"));
            String before = ValueText.write(value);
            if (c.has("result")) {
                Value result = Apply.apply(value, VectorJson.patch(c.get("patch")));
                assertEquals(ValueText.write(VectorJson.value(c.get("result"))), ValueText.write(result));
            } else {
                String expected = c.get("error").asText();
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> Apply.apply(value, VectorJson.patch(c.get("patch"))));
                assertContains(e.getMessage(), expected);
            }
            assertEquals(before, ValueText.write(value), "the input value must stay as it was");
        }));
    }

    @TestFactory
    Stream<DynamicTest> diffMatchesTheVectors() {
        return cases("diff.json").map(c -> dynamicTest(c.get("name").asText(), () -> {
            Value old = VectorJson.value(c.get("old"));
            Value updated = VectorJson.value(c.get("new"));
            List<Op> ops = Diff.diff(old, updated);
            assertEquals(updated, Apply.apply(old, ops), "apply(old, diff(old, new)) must equal new; ops were " + ops);
            if (c.has("ops")) assertEquals(VectorJson.ops(c.get("ops")).toString(), ops.toString());
        }));
    }

    private static Stream<JsonNode> cases(String file) {
        try (InputStream in = SpecVectorsTest.class.getResourceAsStream("/spec/" + file)) {
            if (in == null) throw new IllegalStateException("spec/" + file + " is not on the test classpath");
            JsonNode all = VectorJson.MAPPER.readTree(in);
            List<JsonNode> list = new ArrayList<>();
            all.forEach(list::add);
            return list.stream();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read spec/" + file, e);
        }
    }

    private static void assertContains(String message, String expected) {
        assertTrue(message != null && message.contains(expected), "expected an error containing '" + expected + "', got: " + message);
    }
}
