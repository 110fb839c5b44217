package io.transports.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transports.Hub;
import io.transports.ProposalRejectedException;
import io.transports.codec.PlainData;
import io.transports.connections.support.Await;
import io.transports.connections.support.Board;
import io.transports.connections.support.EmbeddedServer;
import io.transports.patch.Op;
import io.transports.value.MapValue;
import io.transports.value.Path;
import io.transports.value.Value;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A {@link Hub} served unchanged by the WebSocket endpoint (through a {@link Fanout}) on real loopback
 * sockets: two tenants with private models of their own and one shared model, in three codecs; writes,
 * a refused read-only write, acks, awareness, and a connection that names no tenant.
 */
class HubOverWebSocketTest {
    private Hub hub;
    private Fanout fanout;
    private EmbeddedServer server;
    private SyncLoop loop;
    private long shared;
    private final List<TransportsClient> clients = new java.util.ArrayList<>();

    @BeforeEach void start() throws Exception {
        hub = new Hub(c -> c.param("tenant").orElseThrow(() -> new IllegalArgumentException("add ?tenant=<name> to the URL")));
        hub.tenant("alice").host(new Board("alice's notes"));
        hub.tenant("bob").host(new Board("bob's notes"));
        shared = hub.share(new Board("plan"));
        hub.subscribe("alice", shared, Hub.Mode.WRITE);
        hub.subscribe("bob", shared, Hub.Mode.WRITE);
        hub.subscribe("carol", shared, Hub.Mode.READ);
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

    private TransportsClient client(String tenant, String codec) throws Exception {
        TransportsClient c = new TransportsClient(codec);
        clients.add(c);
        c.connect(server.wsUrl() + "?tenant=" + tenant + "&codec=" + codec);
        return c;
    }

    private static String title(TransportsClient c, long id) {
        return ((io.transports.value.StrValue) ((MapValue) c.value(id)).get("title")).value();
    }

    private static List<Op> setTitle(String title) {
        return List.of(new Op.Set(Path.of(List.of(new Path.Key("title"))), Value.of(title)));
    }

    @Test void eachTenantSeesItsOwnPrivateModelsAndTheSharedOne() throws Exception {
        var alice = client("alice", "json");
        var bob = client("bob", "msgpack");
        var carol = client("carol", "cbor");
        Await.until("every opening", () -> alice.mirror().ids().size() == 2 && bob.mirror().ids().size() == 2
                && carol.mirror().ids().size() == 1);
        assertEquals(Set.of(1L, shared), Set.copyOf(alice.mirror().ids()));
        assertEquals("alice's notes", title(alice, 1));
        assertEquals("bob's notes", title(bob, 1));
        assertEquals(List.of(shared), carol.mirror().ids());
        assertEquals("plan", title(carol, shared));
    }

    @Test void aWriteReachesEverySubscriberAndTheReadOnlyTenantIsRefused() throws Exception {
        var alice = client("alice", "json");
        var bob = client("bob", "msgpack");
        var carol = client("carol", "cbor");
        Await.until("every opening", () -> alice.mirror().ids().contains(shared) && bob.mirror().ids().contains(shared)
                && carol.mirror().ids().contains(shared));
        var p = alice.submitOps(shared, setTitle("alice's plan"));
        assertEquals(1L, p.accepted().get(20, TimeUnit.SECONDS));
        Await.until("bob and carol see alice's write", () -> "alice's plan".equals(title(bob, shared)) && "alice's plan".equals(title(carol, shared)));
        // a private edit of alice's stays with alice
        var mine = alice.submitOps(1, setTitle("alice's private"));
        mine.accepted().get(20, TimeUnit.SECONDS);
        assertEquals("bob's notes", title(bob, 1));
        // carol reads only
        var refused = carol.submitOps(shared, setTitle("carol was here"));
        var e = assertThrows(ExecutionException.class, () -> refused.accepted().get(20, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof ProposalRejectedException);
        assertTrue(e.getCause().getMessage().contains("read-only subscription"), e.getCause().getMessage());
        assertEquals(Value.of("alice's plan"), ((MapValue) hub.shared(shared)).get("title"));
        Await.until("carol's mirror put back", () -> "alice's plan".equals(title(carol, shared)));
        // a write that changes nothing is acknowledged
        var same = bob.submitOps(shared, setTitle("alice's plan"));
        assertEquals(1L, same.accepted().get(20, TimeUnit.SECONDS));
        // the host writes too
        var b = new Board("the host's plan");
        hub.setShared(shared, b);
        Await.until("the host's write everywhere", () -> "the host's plan".equals(title(alice, shared))
                && "the host's plan".equals(title(bob, shared)) && "the host's plan".equals(title(carol, shared)));
    }

    @Test void awarenessGoesToTheOtherSubscribersAndLeavesWithItsConnection() throws Exception {
        var alice = client("alice", "json");
        var bob = client("bob", "msgpack");
        var carol = client("carol", "cbor");
        Await.until("every opening", () -> alice.mirror().ids().contains(shared) && bob.mirror().ids().contains(shared)
                && carol.mirror().ids().contains(shared));
        assertTrue(bob.send(bob.mirror().setAwareness(shared, Map.of("editing", "title"))));
        Value state = PlainData.fromPlain(Map.of("editing", "title"));
        Await.until("alice and carol see bob editing the title", () -> alice.mirror().awareness(shared).containsValue(state)
                && carol.mirror().awareness(shared).containsValue(state));
        assertTrue(bob.mirror().awareness(shared).isEmpty(), "not echoed to its sender");
        bob.close();
        Await.until("bob's awareness gone when his connection closed", () -> alice.mirror().awareness(shared).isEmpty()
                && carol.mirror().awareness(shared).isEmpty());
    }

    @Test void anSseStreamOfAReadOnlyTenantFollowsTheSharedModel() throws Exception {
        var alice = client("alice", "json");
        TransportsClient carol = new TransportsClient("json");
        clients.add(carol);
        carol.connectSse(server.sseUrl() + "?tenant=carol");
        Await.until("both openings", () -> alice.mirror().ids().contains(shared) && carol.mirror().ids().contains(shared));
        assertEquals(List.of(shared), carol.mirror().ids());
        alice.submitOps(shared, setTitle("seen over SSE")).accepted().get(20, TimeUnit.SECONDS);
        Await.until("carol's stream has alice's write", () -> "seen over SSE".equals(title(carol, shared)));
    }

    @Test void aConnectionThatNamesNoTenantIsClosedWithTheReason() throws Exception {
        TransportsClient nobody = new TransportsClient("json");
        clients.add(nobody);
        nobody.connect(server.wsUrl());
        Await.until("closed", () -> nobody.lastClose().isPresent());
        assertEquals(1008, nobody.lastClose().get().code());
        assertTrue(nobody.lastClose().get().reason().contains("add ?tenant=<name>"), nobody.lastClose().get().reason());
    }
}
