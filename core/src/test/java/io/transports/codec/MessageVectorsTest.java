package io.transports.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.transports.Frame;
import io.transports.protocol.Message;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs spec/messages.json: each frame decodes to the message given (compared as JSON, and as our
 * canonical text) or is refused with an error containing the text given. Also checks that every
 * frame of spec/client.json that is not meant to fail decodes, so the client vectors stay well formed.
 */
class MessageVectorsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static JsonNode load(String name) throws IOException {
        try (InputStream in = MessageVectorsTest.class.getResourceAsStream("/spec/" + name)) {
            if (in == null) throw new IllegalStateException("spec/" + name + " is not on the test class path");
            return MAPPER.readTree(in);
        }
    }

    /** spec/frames.json: frames given as bytes in one codec, decoded by that codec (the Java side only: the TypeScript client speaks JSON text). */
    @TestFactory
    Stream<DynamicTest> binaryFrameVectors() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : load("frames.json")) {
            Codec codec = Codecs.forName(c.get("codec").asText());
            Frame frame = Frame.wrapBytes(java.util.HexFormat.of().parseHex(c.get("hex").asText()));
            tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> {
                if (c.has("error")) {
                    CodecException e = assertThrows(CodecException.class, () -> codec.decode(frame));
                    assertTrue(e.getMessage().contains(c.get("error").asText()), () -> "message was: " + e.getMessage());
                    assertEquals(-1, io.transports.value.Unicode.loneSurrogate(e.getMessage()), "an error must be able to travel");
                } else {
                    Message m = codec.decode(frame);
                    assertEquals(c.get("message"), MAPPER.readTree(Codecs.forName("json").encode(m).text()));
                    if (c.path("canonical").asBoolean()) assertEquals(frame, codec.encode(m), "re-encoding gives the same bytes");
                }
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> messageVectors() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : load("messages.json")) {
            String frame = c.get("frame").asText();
            tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> {
                Codec json = Codecs.forName("json");
                if (c.has("error")) {
                    CodecException e = assertThrows(CodecException.class, () -> json.decode(Frame.ofText(frame)));
                    assertTrue(e.getMessage().contains(c.get("error").asText()), () -> "message was: " + e.getMessage());
                } else {
                    Message m = json.decode(Frame.ofText(frame));
                    String written = json.encode(m).text();
                    assertEquals(c.get("message"), MAPPER.readTree(written));
                    assertEquals(Json.write(Json.parseMessage(MAPPER.writeValueAsString(c.get("message")))), written);
                    for (String binary : new String[] {"msgpack", "cbor"}) {
                        Codec b = Codecs.forName(binary);
                        assertEquals(m, b.decode(b.encode(m)), binary);
                    }
                }
            }));
        }
        return tests.stream();
    }

    @Test
    void thereAreEnoughMessageVectors() throws IOException {
        assertTrue(load("messages.json").size() >= 20);
    }

    @Test
    void clientVectorsAreWellFormed() throws IOException {
        JsonNode cases = load("client.json");
        assertTrue(cases.size() >= 10);
        for (JsonNode c : cases) {
            String name = c.get("name").asText();
            List<Integer> failing = new ArrayList<>();
            if (c.has("failing")) c.get("failing").forEach(n -> failing.add(n.asInt()));
            JsonNode frames = c.get("frames");
            for (int i = 0; i < frames.size(); i++) {
                if (failing.contains(i)) continue;
                Json.parseMessage(frames.get(i).asText()); // throws if a frame meant to pass is malformed
            }
            c.get("expect").fields().forEachRemaining(e -> {
                assertTrue(Long.parseLong(e.getKey()) >= 1, name);
                assertTrue(e.getValue().get("rev").canConvertToLong(), name);
                Json.parseValue(e.getValue().get("value").toString());
            });
        }
    }
}
