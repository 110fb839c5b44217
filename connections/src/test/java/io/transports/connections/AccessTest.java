package io.transports.connections;

import io.transports.Permissions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transports.connections.support.Await;
import io.transports.connections.support.Board;
import io.transports.connections.support.Fixture;
import io.transports.protocol.Reject;
import io.transports.value.MapValue;
import io.transports.value.Value;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The access hook decides per connection, from its handshake, what it sees and whether it may propose. */
class AccessTest {
    private Fixture f;
    private long secret;

    @BeforeEach void start() throws Exception {
        f = Fixture.start();
        secret = f.session.host(new Board("secret"));
        f.fanout.setAccess(h -> {
            String role = h.header("X-Role").orElse("");
            return switch (role) {
                case "editor" -> Permissions.all();
                case "viewer" -> Permissions.all().readOnly("viewers cannot edit the board").onlyModels(id -> id != secret);
                default -> Permissions.deny("send an X-Role header");
            };
        });
    }

    @AfterEach void stop() throws Exception { f.close(); }

    @Test void aReadOnlyViewersProposalIsRefusedWithTheReasonAndChangesNothing() throws Exception {
        TransportsClient viewer = f.client("json").withHeader("X-Role", "viewer");
        List<Reject> rejects = new CopyOnWriteArrayList<>();
        viewer.onReject(rejects::add);
        viewer.connect(f.server.wsUrl());
        Await.until("the viewer's snapshot", () -> f.converged(viewer));

        assertTrue(viewer.propose(f.id, ((MapValue) viewer.value(f.id)).with("title", Value.of("vandalised"))));
        Await.until("a reject", () -> !rejects.isEmpty());
        assertEquals("viewers cannot edit the board", rejects.get(0).error());
        assertEquals(f.id, rejects.get(0).id());
        assertEquals("lobby", f.board.title, "the host is untouched");
        assertEquals(Value.of("lobby"), ((MapValue) viewer.value(f.id)).get("title"), "the mirror still shows the host's value");
    }

    @Test void anEditorOnTheSameServerMayPropose() throws Exception {
        TransportsClient viewer = f.client("json").withHeader("X-Role", "viewer");
        TransportsClient editor = f.client("msgpack").withHeader("X-Role", "editor");
        viewer.connect(f.server.wsUrl());
        editor.connect(f.server.wsUrl());
        Await.until("both snapshots", () -> f.converged(viewer) && f.converged(editor));
        assertTrue(editor.propose(f.id, ((MapValue) editor.value(f.id)).with("title", Value.of("by the editor"))));
        Await.until("the edit on the host", () -> f.board.title.equals("by the editor"));
        Await.until("the viewer to see it", () -> f.converged(viewer));
    }

    @Test void aViewerSeesOnlyTheModelsItMayAndCannotProposeToTheOthers() throws Exception {
        TransportsClient viewer = f.client("cbor").withHeader("X-Role", "viewer");
        TransportsClient editor = f.client("cbor").withHeader("X-Role", "editor");
        viewer.connect(f.server.wsUrl());
        editor.connect(f.server.wsUrl());
        Await.until("snapshots", () -> f.converged(viewer) && editor.mirror().revisions().keySet().equals(Set.of(f.id, secret)));
        assertEquals(Set.of(f.id), viewer.mirror().revisions().keySet(), "the secret model never reached the viewer");
        f.session.hosted(secret, Board.class).tick = 7;
        Await.until("the editor to see the secret change", () -> editor.value(secret).equals(f.session.value(secret)));
        f.board.tick = 8;
        Await.until("the viewer to see the public change", () -> f.converged(viewer));
        assertEquals(Set.of(f.id), viewer.mirror().revisions().keySet());
    }

    @Test void aConnectionTheHookDeniesIsClosedWithTheReason() throws Exception {
        TransportsClient anonymous = f.client("json");
        anonymous.connect(f.server.wsUrl());
        Await.until("the close", () -> anonymous.lastClose().isPresent());
        assertEquals(1008, anonymous.lastClose().get().code());
        assertEquals("access denied: send an X-Role header", anonymous.lastClose().get().reason());
        assertTrue(anonymous.mirror().revisions().isEmpty(), "nothing was sent before the close");

        TransportsClient sse = f.client("json");
        sse.connectSse(f.server.sseUrl());
        Await.until("the SSE refusal", () -> sse.lastClose().isPresent());
        assertEquals(403, sse.lastClose().get().code());
        assertEquals("access denied: send an X-Role header", sse.lastClose().get().reason());
        assertFalse(sse.status() == TransportsClient.Status.OPEN);
        assertEquals(0, f.fanout.connectionCount());
    }
}
