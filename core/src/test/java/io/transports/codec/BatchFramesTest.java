package io.transports.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transports.Frame;
import io.transports.patch.Op;
import io.transports.patch.Patch;
import io.transports.protocol.Ack;
import io.transports.protocol.Batch;
import io.transports.protocol.Message;
import io.transports.protocol.PatchMessage;
import io.transports.protocol.Snapshot;
import io.transports.value.Path;
import io.transports.value.Value;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Batch frames in every codec: a spliced batch is the frame the codec writes for the same Batch, and reads back. */
class BatchFramesTest {
    private static List<Message> messages(int n) {
        List<Message> out = new ArrayList<>();
        out.add(new Snapshot(1, "Device", 0, Value.NULL));
        for (int i = 1; i < n; i++) {
            out.add(new PatchMessage(1, new Patch(i, List.of(new Op.Set(Path.of(List.of(new Path.Key("n"))), Value.of(i))))));
        }
        out.add(new Ack(1, n, "auto-1"));
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "msgpack", "cbor"})
    void splicedBatchIsWhatTheCodecWritesAndReadsBack(String name) {
        Codec codec = Codecs.forName(name);
        for (int n : new int[] {0, 1, 14, 15, 16, 22, 23, 24, 300, 70_000}) {
            List<Message> msgs = n == 0 ? List.of() : messages(n);
            List<Frame> frames = msgs.stream().map(codec::encode).toList();
            Frame spliced = BatchFrames.splice(codec, frames);
            Batch batch = new Batch(msgs);
            assertEquals(codec.encode(batch), spliced, name + " with " + msgs.size() + " messages");
            if (n < 1000) assertEquals(batch, codec.decode(spliced));
        }
    }

    @Test
    void aBatchMayNotHoldABatch() {
        assertThrows(IllegalArgumentException.class, () -> new Batch(List.of(new Batch(List.of()))));
        for (String name : new String[] {"json", "msgpack", "cbor"}) {
            Codec codec = Codecs.forName(name);
            Frame inner = codec.encode(new Batch(List.of()));
            Frame nested = BatchFrames.splice(codec, List.of(codec.encode(new Ack(1, 1, "p")), inner));
            CodecException e = assertThrows(CodecException.class, () -> codec.decode(nested));
            assertTrue(e.getMessage().contains("a batch may not hold a batch"), e.getMessage());
            assertTrue(e.getMessage().contains("msgs[1]"), e.getMessage());
        }
    }

    @Test
    void messagesInsideABatchMayHaveTheirFieldsInAnyOrderInEveryCodec() throws Exception {
        // the Python package's MessagePack writes keys sorted: msgs before t, and t last in each message
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper(new org.msgpack.jackson.dataformat.MessagePackFactory());
        var sorted = new java.util.LinkedHashMap<String, Object>();
        var ack = new java.util.LinkedHashMap<String, Object>();
        ack.put("id", 1); ack.put("proposal", "p"); ack.put("rev", 1); ack.put("t", "ack");
        var patch = new java.util.LinkedHashMap<String, Object>();
        patch.put("id", 2); patch.put("patch", java.util.Map.of("ops", List.of(), "rev", 3)); patch.put("t", "patch");
        sorted.put("msgs", List.of(ack, patch));
        sorted.put("t", "batch");
        Message m = Codecs.forName("msgpack").decode(Frame.wrapBytes(mapper.writeValueAsBytes(sorted)));
        assertEquals(new Batch(List.of(new Ack(1, 1, "p"), new PatchMessage(2, new Patch(3, List.of())))), m);
        assertEquals(m, Json.parseMessage("{\"msgs\":[{\"id\":1,\"rev\":1,\"proposal\":\"p\",\"t\":\"ack\"},"
                + "{\"patch\":{\"ops\":[],\"rev\":3},\"id\":2,\"t\":\"patch\"}],\"t\":\"batch\"}"));
        CodecException e = assertThrows(CodecException.class,
                () -> Json.parseMessage("{\"t\":\"batch\",\"msgs\":[{\"t\":\"ack\",\"id\":1,\"rev\":-1,\"proposal\":\"p\"}]}"));
        assertTrue(e.getMessage().contains("msgs[0].rev"), e.getMessage());
    }
}
