package io.transports.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transports.connections.support.Await;
import io.transports.connections.support.Fixture;
import io.transports.value.MapValue;
import io.transports.value.Value;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Clients of every codec and channel, over real loopback sockets, mirror the same host. */
class ConvergenceTest {
    private Fixture f;

    @BeforeEach void start() throws Exception { f = Fixture.start(); }

    @AfterEach void stop() throws Exception { f.close(); }

    @Test void clientsInEveryCodecAndOnSseConvergeOnTheSameValue() throws Exception {
        TransportsClient json = f.client("json");
        TransportsClient msgpack = f.client("msgpack");
        TransportsClient cbor = f.client("cbor");
        TransportsClient sse = f.client("json");
        json.connect(f.server.wsUrl());
        msgpack.run(f.server.wsUrl());
        cbor.connect(f.server.wsUrl());
        sse.connectSse(f.server.sseUrl());
        List<TransportsClient> all = List.of(json, msgpack, cbor, sse);

        for (int i = 1; i <= 40; i++) {
            f.board.tick = i;
            if (i % 10 == 0) f.board.title = "round " + i;
        }
        Await.until("every client to mirror tick 40", () -> all.stream().allMatch(f::converged));
        for (int i = 41; i <= 80; i++) {
            f.board.tick = i;
            f.fanout.sync();
        }
        Await.until("every client to mirror tick 80", () -> all.stream().allMatch(f::converged));
        for (TransportsClient c : all) {
            assertEquals(Value.of(80), ((MapValue) c.value(f.id)).get("tick"), "tick on " + c);
        }
        assertEquals(4, f.fanout.connectionCount());
    }

    @Test void aProposalFromOneClientReachesTheHostAndEveryOtherClient() throws Exception {
        TransportsClient editor = f.client("cbor");
        TransportsClient json = f.client("json");
        TransportsClient sse = f.client("json");
        editor.run(f.server.wsUrl());
        json.run(f.server.wsUrl());
        sse.runSse(f.server.sseUrl());
        Await.until("snapshots", () -> f.converged(editor) && f.converged(json) && f.converged(sse));

        MapValue edited = ((MapValue) editor.value(f.id)).with("title", Value.of("edited in cbor"));
        assertTrue(editor.propose(f.id, edited), "the proposal went out");

        Await.until("the host object to change", () -> f.board.title.equals("edited in cbor"));
        for (TransportsClient c : List.of(editor, json, sse)) {
            Await.until("the echo on every mirror", () -> f.converged(c)
                    && ((MapValue) c.value(f.id)).get("title").equals(Value.of("edited in cbor")));
        }
    }

    @Test void proposingWithoutAConnectionOrOverSseSaysItWasNotSent() throws Exception {
        TransportsClient idle = f.client("json");
        assertEquals(false, idle.propose(f.id, Value.map(java.util.Map.of())));
        TransportsClient sse = f.client("json");
        sse.connectSse(f.server.sseUrl());
        Await.until("the snapshot over SSE", () -> f.converged(sse));
        assertEquals(false, sse.propose(f.id, sse.value(f.id)));
    }
}
