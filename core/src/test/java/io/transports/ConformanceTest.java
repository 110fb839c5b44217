package io.transports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.transports.value.Value;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The conformance vectors through the public front door: values through the real JSON codec
 * ({@link Transports#parseValue}), apply and diff through {@link Transports}, and client.json through a
 * real {@link Client}. (The patch package runs the same value vectors with a test-only reader, so a
 * codec fault and a patch fault are told apart.)
 */
class ConformanceTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> valuesThroughTheCodec() {
        return cases("values.json").map(c -> dynamicTest(c.get("name").asText(), () -> {
            String input = c.get("input").asText();
            if (c.has("canonical")) {
                assertEquals(c.get("canonical").asText(), Transports.toJson(Transports.parseValue(input)));
            } else {
                var e = assertThrows(IllegalArgumentException.class, () -> Transports.parseValue(input));
                assertContains(e.getMessage(), c.get("error").asText());
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> applyThroughTransports() {
        return cases("apply.json").map(c -> dynamicTest(c.get("name").asText(), () -> {
            Value value = Transports.parseValue(c.get("value").toString());
            String patch = c.get("patch").toString();
            if (c.has("result")) {
                assertEquals(Transports.parseValue(c.get("result").toString()), Transports.apply(value, Transports.parsePatch(patch)));
            } else {
                var e = assertThrows(IllegalArgumentException.class, () -> Transports.apply(value, Transports.parsePatch(patch)));
                assertContains(e.getMessage(), c.get("error").asText());
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> diffThroughTransports() {
        return cases("diff.json").map(c -> dynamicTest(c.get("name").asText(), () -> {
            Value a = Transports.parseValue(c.get("old").toString());
            Value b = Transports.parseValue(c.get("new").toString());
            var patch = Transports.diff(a, b);
            assertEquals(b, Transports.apply(a, patch));
            if (c.has("ops")) {
                assertEquals(Transports.parsePatch("{\"rev\":0,\"ops\":" + c.get("ops") + "}").ops(), patch.ops());
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> clientRules() {
        return cases("client.json").map(c -> dynamicTest(c.get("name").asText(), () -> {
            Client client = new Client();
            Set<Integer> failing = new HashSet<>();
            if (c.has("failing")) c.get("failing").forEach(n -> failing.add(n.asInt()));
            JsonNode frames = c.get("frames");
            Map<String, Proposal> proposals = new HashMap<>();
            for (int i = 0; i < frames.size(); i++) {
                JsonNode propose = c.has("propose") ? c.get("propose").get(String.valueOf(i)) : null;
                if (propose != null) {
                    for (JsonNode p : propose) {
                        String pid = p.get("id").asText();
                        Proposal made = client.proposeOps(p.get("model").asLong(), List.of(), pid);
                        assertEquals(pid, made.id());
                        assertTrue(made.frame().text().contains("\"proposal\":\"" + pid + "\""), made.frame().text());
                        proposals.put(pid, made);
                    }
                }
                String frame = frames.get(i).asText();
                Map<Long, String> before = state(client);
                if (failing.contains(i)) {
                    assertThrows(RuntimeException.class, () -> client.recv(frame), "frame " + i + " must fail");
                    assertEquals(before, state(client), "a failing frame " + i + " must change nothing");
                } else {
                    client.recv(frame);
                }
            }
            Map<Long, String> expected = new TreeMap<>();
            c.get("expect").fields().forEachRemaining(e -> expected.put(Long.parseLong(e.getKey()),
                    e.getValue().get("rev").asLong() + " " + Transports.toJson(Transports.parseValue(e.getValue().get("value").toString()))));
            assertEquals(expected, state(client));
            if (c.has("outcomes")) {
                c.get("outcomes").fields().forEachRemaining(o -> {
                    CompletableFuture<Long> f = proposals.get(o.getKey()).accepted();
                    JsonNode want = o.getValue();
                    if (want.isTextual()) {
                        assertEquals("pending", want.asText());
                        assertFalse(f.isDone(), o.getKey() + " must still be pending");
                    } else if (want.has("accepted")) {
                        assertEquals(want.get("accepted").asLong(), f.getNow(-1L), o.getKey() + " accepted at");
                    } else {
                        CompletionException e = assertThrows(CompletionException.class, () -> f.getNow(-1L), o.getKey());
                        ProposalRejectedException r = assertInstanceOf(ProposalRejectedException.class, e.getCause());
                        assertContains(r.reason(), want.get("rejected").asText());
                    }
                });
                assertEquals(c.get("outcomes").size(), proposals.size());
            }
        }));
    }

    private static Map<Long, String> state(Client client) {
        Map<Long, String> s = new TreeMap<>();
        for (long id : client.ids()) s.put(id, client.rev(id) + " " + Transports.toJson(client.value(id)));
        return s;
    }

    private static Stream<JsonNode> cases(String file) {
        try (InputStream in = ConformanceTest.class.getResourceAsStream("/spec/" + file)) {
            if (in == null) throw new IllegalStateException("spec/" + file + " is not on the test classpath");
            List<JsonNode> list = new ArrayList<>();
            MAPPER.readTree(in).forEach(list::add);
            return list.stream();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read spec/" + file, e);
        }
    }

    private static void assertContains(String message, String expected) {
        assertTrue(message != null && message.contains(expected), "expected an error containing '" + expected + "', got: " + message);
    }
}
