package io.transports.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transports.Frame;
import io.transports.Resync;
import io.transports.codec.Codecs;
import io.transports.connections.support.Await;
import io.transports.connections.support.Fixture;
import io.transports.protocol.Snapshot;
import io.transports.value.MapValue;
import io.transports.value.Value;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A Java mirror that went wrong does not stay wrong: the first real patch it cannot apply makes the
 * running client report a resync and reconnect without {@code since} for that model, and the fresh
 * snapshot brings it back to the host's value. The server, the sockets and the client are real; only
 * the wrong mirror is made by hand (the server never sends a wrong patch on purpose).
 */
class MirrorResyncTest {
    @Test void aPatchTheMirrorCannotApplyBringsAFreshSnapshot() throws Exception {
        try (Fixture f = Fixture.start()) {
            f.board.notes.add("first");
            TransportsClient client = f.client("json");
            List<Resync> heard = new CopyOnWriteArrayList<>();
            client.onResync(heard::add);
            List<Throwable> errors = new CopyOnWriteArrayList<>();
            client.onError(errors::add);
            client.run(f.server.wsUrl());
            Await.until("the first snapshot", () -> f.converged(client));

            // The mirror loses its note at the revision it holds (as if a patch had been lost)...
            long rev = client.mirror().rev(f.id);
            MapValue held = (MapValue) client.value(f.id);
            MapValue wrong = held.with("notes", Value.list(List.of()));
            Frame corrupt = Codecs.forName("json").encode(new Snapshot(f.id, client.mirror().type(f.id), rev, wrong));
            client.mirror().recv(corrupt);
            // ...so the host's next change to that note cannot apply to it.
            f.board.notes.set(0, "second");

            Await.until("the client to resync and converge", () -> client.resyncCount() == 1 && f.converged(client));
            assertEquals(Value.list(List.of(Value.of("second"))), ((MapValue) client.value(f.id)).get("notes"));
            assertEquals(1, heard.size());
            assertEquals(f.id, heard.get(0).id());
            assertTrue(heard.get(0).reason().contains("failed to apply"), heard.get(0).reason());
            assertEquals(Map.of(), client.mirror().needsResync());
            assertTrue(client.openCount() >= 2, "it reconnected");
            assertEquals(1, errors.size(), "the failure was reported once: " + errors);
        }
    }
}
