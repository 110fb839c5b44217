package io.transports.crdt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.transports.Frame;
import io.transports.codec.Codec;
import io.transports.codec.Codecs;
import io.transports.protocol.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * spec/crdt/messages.json: the crdt_snapshot, crdt and reject-with-crdt_ops frames decode, re-encode to
 * their canonical text (the frame itself unless a case names another), and travel through MessagePack
 * and CBOR unchanged; malformed ones are refused saying why.
 */
class CrdtMessagesTest {
    @TestFactory
    Stream<DynamicTest> crdtFramesDecodeEncodeAndTravelInEveryCodec() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : SpecFiles.read("messages.json")) {
            tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> {
                Codec json = Codecs.forName("json");
                String frame = c.get("frame").asText();
                if (c.has("error")) {
                    Exception e = assertThrows(RuntimeException.class, () -> json.decode(Frame.ofText(frame)));
                    assertTrue(e.getMessage().contains(c.get("error").asText()), e.getMessage());
                    return;
                }
                Message m = json.decode(Frame.ofText(frame));
                assertEquals(c.has("canonical") ? c.get("canonical").asText() : frame, json.encode(m).text());
                for (String name : List.of("msgpack", "cbor")) {
                    Codec binary = Codecs.forName(name);
                    assertEquals(m, binary.decode(binary.encode(m)), name);
                }
            }));
        }
        return tests.stream();
    }
}
