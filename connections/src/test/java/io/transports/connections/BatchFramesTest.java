package io.transports.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transports.Session;
import io.transports.codec.Codec;
import io.transports.codec.Codecs;
import io.transports.connections.support.Await;
import io.transports.connections.support.Board;
import io.transports.connections.support.EmbeddedServer;
import io.transports.connections.support.FrameRecorder;
import io.transports.protocol.Batch;
import io.transports.protocol.Message;
import io.transports.protocol.PatchMessage;
import io.transports.protocol.Snapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Batch frames over real sockets (docs/protocol.md "Batch frames"): a connection that asked with
 * {@code batch=1} gets each flush as one frame holding all its messages, in every codec, while a
 * connection that did not ask sees one message per frame as before; managed clients that ask converge
 * over WebSocket and SSE; a bad {@code batch} value is refused with a reason.
 */
class BatchFramesTest {
    @ParameterizedTest
    @ValueSource(strings = {"json", "msgpack", "cbor"})
    void aBatchConnectionGetsOneFramePerFlushHoldingEveryMessage(String codecName) throws Exception {
        Session session = new Session();
        List<Board> boards = List.of(new Board("a"), new Board("b"), new Board("c"));
        List<Long> ids = new ArrayList<>();
        for (Board b : boards) ids.add(session.host(b));
        Codec codec = Codecs.forName(codecName);
        try (Fanout hub = new Fanout(session); EmbeddedServer server = EmbeddedServer.start(hub, 0);
             FrameRecorder batched = FrameRecorder.open(server.wsUrl() + "?codec=" + codecName + "&batch=1");
             FrameRecorder plain = FrameRecorder.open(server.wsUrl() + "?codec=" + codecName)) {
            Await.until("the opening snapshots, one frame each", () -> batched.frames.size() == 3 && plain.frames.size() == 3);
            for (int i = 0; i < 3; i++) assertInstanceOf(Snapshot.class, codec.decode(batched.frames.get(i)));

            for (int round = 1; round <= 5; round++) {
                for (Board b : boards) b.tick = round;
                hub.sync();
                int frames = 3 + round, plainFrames = 3 + 3 * round;
                Await.until("flush " + round + " as one batch frame", () -> batched.frames.size() >= frames && plain.frames.size() >= plainFrames);
                Message m = codec.decode(batched.frames.get(frames - 1));
                Batch batch = assertInstanceOf(Batch.class, m, "flush " + round);
                assertEquals(3, batch.msgs().size());
                for (int i = 0; i < 3; i++) {
                    PatchMessage p = assertInstanceOf(PatchMessage.class, batch.msgs().get(i));
                    assertEquals(ids.get(i), p.id());
                    assertEquals(round, p.patch().rev());
                }
            }
            boards.get(1).title = "one change";
            hub.sync();
            Await.until("a single-message flush", () -> batched.frames.size() == 9);
            assertInstanceOf(PatchMessage.class, codec.decode(batched.frames.get(8)), "one message needs no envelope");
            Thread.sleep(200); // nothing else may arrive: exactly one frame per flush
            assertEquals(9, batched.frames.size());
            assertEquals(3 + 3 * 5 + 1, plain.frames.size(), "a connection that did not ask gets no batches");
            for (var f : plain.frames) assertTrue(!(codec.decode(f) instanceof Batch));
        }
    }

    @Test void managedClientsThatAskForBatchesConvergeOverWebSocketAndSse() throws Exception {
        Session session = new Session();
        List<Board> boards = List.of(new Board("a"), new Board("b"), new Board("c"), new Board("d"));
        for (Board b : boards) session.host(b);
        try (Fanout hub = new Fanout(session); EmbeddedServer server = EmbeddedServer.start(hub, 0);
             SyncLoop loop = new SyncLoop(hub, Duration.ofMillis(5)).start();
             TransportsClient ws = new TransportsClient("msgpack").withBatch(true);
             TransportsClient cbor = new TransportsClient("cbor").withBatch(true);
             TransportsClient sse = new TransportsClient("json").withBatch(true)) {
            ws.run(server.wsUrl());
            cbor.run(server.wsUrl());
            sse.runSse(server.sseUrl());
            Await.until("three connections", () -> hub.connectionCount() == 3);
            for (int i = 0; i < 300; i++) {
                for (Board b : boards) {
                    b.tick = i;
                    b.title = "t" + i;
                }
                if (i % 50 == 0) Thread.sleep(20);
            }
            for (TransportsClient c : List.of(ws, cbor, sse)) {
                Await.until("convergence", () -> {
                    for (long id : session.ids()) {
                        if (c.mirror().revisions().getOrDefault(id, -1L) != session.rev(id) || !c.value(id).equals(session.value(id))) return false;
                    }
                    return true;
                });
            }
        }
    }

    @Test void aBadBatchValueIsRefusedWithAReason() throws Exception {
        Session session = new Session();
        session.host(new Board("a"));
        try (Fanout hub = new Fanout(session); EmbeddedServer server = EmbeddedServer.start(hub, 0);
             FrameRecorder r = FrameRecorder.open(server.wsUrl() + "?batch=yes")) {
            Await.until("the refusal", () -> r.closeCode != null);
            assertEquals(1008, r.closeCode);
            assertTrue(r.closeReason.contains("bad batch"), r.closeReason);
            var http = java.net.http.HttpClient.newHttpClient();
            var resp = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.sseUrl() + "?batch=2")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(400, resp.statusCode());
            assertTrue(resp.body().contains("bad batch"), resp.body());
        }
    }
}
