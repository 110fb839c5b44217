package io.transports.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transports.Hub;
import io.transports.connections.support.Await;
import io.transports.connections.support.EmbeddedServer;
import io.transports.crdt.CrdtPolicy;
import io.transports.crdt.CrdtSpec;
import io.transports.value.StrValue;
import io.transports.value.Value;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A CRDT-backed shared model of a {@link Hub} served by the WebSocket endpoint on real loopback sockets:
 * two Java {@link TransportsClient}s of two tenants type into one collaborative text, one of them goes
 * offline and keeps typing, and after it reconnects (its pending operations go out again) both mirrors
 * and the hub hold the same text with every character typed.
 */
class HubCrdtOverWebSocketTest {
    private Hub hub;
    private Fanout fanout;
    private EmbeddedServer server;
    private SyncLoop loop;
    private long doc;
    private final List<TransportsClient> clients = new ArrayList<>();

    @BeforeEach void start() throws Exception {
        hub = new Hub(c -> c.param("tenant").orElseThrow(() -> new IllegalArgumentException("add ?tenant=<name> to the URL")));
        doc = hub.shareCrdt(Value.of("hello"), CrdtSpec.of(CrdtPolicy.text()));
        hub.subscribe("alice", doc, Hub.Mode.WRITE);
        hub.subscribe("bob", doc, Hub.Mode.WRITE);
        fanout = new Fanout(hub);
        server = EmbeddedServer.start(fanout, 0);
        loop = new SyncLoop(fanout, Duration.ofMillis(10)).start();
    }

    @AfterEach void stop() throws Exception {
        for (TransportsClient c : clients) c.close();
        loop.close();
        fanout.close();
        server.close();
        hub.close();
    }

    /** A client that keeps its connection up; after a drop it waits {@code backoff} before reconnecting. */
    private TransportsClient client(String tenant, String codec, Duration backoff) {
        TransportsClient c = new TransportsClient(codec).withBackoff(backoff, backoff);
        clients.add(c);
        c.run(server.wsUrl() + "?tenant=" + tenant + "&codec=" + codec);
        return c;
    }

    private String text(TransportsClient c) { return ((StrValue) c.value(doc)).value(); }

    /** Types {@code s} one character at a time at the end of the client's text; returns whether every frame went out. */
    private boolean type(TransportsClient c, String s) {
        boolean sent = true;
        for (int i = 0; i < s.length(); i++) {
            int at = text(c).codePointCount(0, text(c).length());
            sent &= c.send(c.mirror().insertText(doc, List.of(), at, s.substring(i, i + 1)));
        }
        return sent;
    }

    private static boolean subsequence(String part, String whole) {
        int j = 0;
        for (int i = 0; i < whole.length() && j < part.length(); i++) if (whole.charAt(i) == part.charAt(j)) j++;
        return j == part.length();
    }

    @Test void twoJavaClientsConvergeWithNoLostCharactersAcrossAnOfflineStretch() throws Exception {
        var alice = client("alice", "json", Duration.ofMillis(100));
        var bob = client("bob", "msgpack", Duration.ofSeconds(3));
        Await.until("both openings", () -> alice.mirror().ids().contains(doc) && bob.mirror().ids().contains(doc));
        assertEquals("hello", text(alice));

        // both online, typing at once
        assertTrue(type(alice, " AL"));
        assertTrue(type(bob, " BO"));
        Await.until("the online edits everywhere", () -> text(alice).equals(text(bob)) && text(alice).length() == 11
                && bob.mirror().pendingCrdtOps(doc) == 0 && alice.mirror().pendingCrdtOps(doc) == 0);

        // bob's connection drops; he keeps typing (and deleting the 'h') while alice types too
        bob.dropConnection();
        Await.until("bob is offline", () -> bob.status() != TransportsClient.Status.OPEN);
        boolean bobSent = type(bob, "offline-typed");
        bob.send(bob.mirror().deleteText(doc, List.of(), 0, 1));
        assertFalse(bobSent, "bob's edits could not go out while offline");
        assertEquals(1, bob.openCount(), "bob typed before his reconnect");
        assertEquals(14, bob.mirror().pendingCrdtOps(doc), "13 insertions and a deletion wait in bob's outbox");
        assertTrue(type(alice, "online-typed"));
        Await.until("alice's edits reach the hub", () -> ((StrValue) hub.shared(doc)).value().endsWith("online-typed"));

        // bob reconnects after his backoff: his pending operations go out, and everyone converges
        Await.until("bob reconnected and settled", () -> bob.openCount() == 2 && bob.mirror().pendingCrdtOps(doc) == 0
                && text(alice).equals(text(bob)) && text(bob).equals(((StrValue) hub.shared(doc)).value()));
        String done = text(alice);
        assertEquals(11 + 13 - 1 + 12, done.length(), done);
        assertFalse(done.contains("h"), done);
        for (String typed : List.of("ello", " AL", " BO", "offline-typed", "online-typed")) {
            assertTrue(subsequence(typed, done), "'" + typed + "' survives in order in " + done);
        }
    }
}
