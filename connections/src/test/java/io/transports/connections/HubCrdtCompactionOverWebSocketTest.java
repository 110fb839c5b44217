package io.transports.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transports.Frame;
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
 * The {@link Hub}'s safe CRDT compaction over real loopback WebSockets (docs/protocol.md "CRDT-backed
 * shared models"): two tenants' Java clients on one text; while bob is offline with unsent edits the
 * hub compacts nothing, and once he is back and has edited at the revision he now holds, alice's
 * deleted character is discarded; both then edit on and end equal to the hub.
 */
class HubCrdtCompactionOverWebSocketTest {
    private Hub hub;
    private Fanout fanout;
    private EmbeddedServer server;
    private SyncLoop loop;
    private long doc;
    private final List<TransportsClient> clients = new ArrayList<>();

    @BeforeEach void start() throws Exception {
        hub = new Hub(c -> c.param("tenant").orElseThrow(() -> new IllegalArgumentException("add ?tenant=<name> to the URL")));
        doc = hub.shareCrdt(Value.of(""), CrdtSpec.of(CrdtPolicy.text()));
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

    private TransportsClient client(String tenant, String codec, Duration backoff) {
        TransportsClient c = new TransportsClient(codec).withBackoff(backoff, backoff);
        clients.add(c);
        c.run(server.wsUrl() + "?tenant=" + tenant + "&codec=" + codec);
        return c;
    }

    private String text(TransportsClient c) { return ((StrValue) c.value(doc)).value(); }

    private String hubText() { return ((StrValue) hub.shared(doc)).value(); }

    private boolean settled(TransportsClient... cs) {
        for (TransportsClient c : cs) {
            if (c.mirror().pendingCrdtOps(doc) != 0 || !text(c).equals(hubText())) return false;
        }
        return true;
    }

    @Test void nothingIsCompactedWhileAReplicaIsOfflineAndTheTombstoneGoesOnceItIsBack() throws Exception {
        var alice = client("alice", "json", Duration.ofMillis(100));
        var bob = client("bob", "msgpack", Duration.ofSeconds(2));
        Await.until("both openings", () -> alice.mirror().ids().contains(doc) && bob.mirror().ids().contains(doc));
        // alice types "ab" and deletes the "a" before hearing from anyone: a tombstone of her own
        Frame ab = alice.mirror().insertText(doc, List.of(), 0, "ab");
        Frame noA = alice.mirror().deleteText(doc, List.of(), 0, 1);
        // bob types at rev 0 (known to the hub, proving nothing yet) and drops offline
        assertTrue(bob.send(bob.mirror().insertText(doc, List.of(), 0, "B")));
        Await.until("bob's edit echoed", () -> hubText().contains("B") && bob.mirror().pendingCrdtOps(doc) == 0);
        bob.dropConnection();
        Await.until("bob is offline", () -> bob.status() != TransportsClient.Status.OPEN);
        assertTrue(alice.send(ab) && alice.send(noA));
        assertTrue(alice.send(alice.mirror().insertText(doc, List.of(), text(alice).length(), "c")));
        Await.until("alice settled", () -> settled(alice) && hubText().length() == 3);
        assertEquals(0, hub.compactCrdt(doc), "bob, offline, has proven nothing: nothing is discarded");

        // bob types offline, reconnects, his outbox goes out; then an edit at his new revision proves it
        bob.send(bob.mirror().insertText(doc, List.of(), text(bob).length(), "Y"));
        assertEquals(1, bob.mirror().pendingCrdtOps(doc));
        Await.until("bob back and settled", () -> bob.openCount() == 2 && settled(alice, bob));
        assertEquals(0, hub.compactCrdt(doc), "a resent outbox proves nothing");
        assertTrue(bob.send(bob.mirror().insertText(doc, List.of(), 0, "Z")));
        Await.until("bob's fresh edit everywhere", () -> settled(alice, bob) && hubText().startsWith("Z"));
        assertTrue(alice.send(alice.mirror().insertText(doc, List.of(), 1, "1")));
        Await.until("alice's fresh edit everywhere", () -> settled(alice, bob) && hubText().contains("1"));
        assertTrue(hub.compactCrdt(doc) > 0, "alice's deleted 'a' is discarded: " + hub.safeCrdtFrontier(doc));

        // both edit on after the compaction and converge
        assertTrue(bob.send(bob.mirror().deleteText(doc, List.of(), 0, 1)));
        assertTrue(alice.send(alice.mirror().insertText(doc, List.of(), text(alice).length(), "!")));
        Await.until("converged after compaction", () -> settled(alice, bob) && hubText().length() == 6);
        String done = hubText();
        assertTrue(done.contains("b") && done.contains("c") && done.contains("B") && done.contains("Y")
                && done.contains("1") && done.contains("!") && !done.contains("a") && !done.contains("Z"), done);
    }
}
