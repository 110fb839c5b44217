package io.transports.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transports.Frame;
import io.transports.Hub;
import io.transports.codec.Codec;
import io.transports.codec.Codecs;
import io.transports.connections.support.Await;
import io.transports.connections.support.Board;
import io.transports.connections.support.EmbeddedServer;
import io.transports.connections.support.Probe;
import io.transports.patch.Op;
import io.transports.protocol.Message;
import io.transports.protocol.PatchMessage;
import io.transports.value.Path;
import io.transports.value.Value;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Over real WebSockets, a {@link Hub}'s shared patch that one connection's codec cannot encode: that
 * codec's connections get the model's snapshot instead and stay open; a connection whose codec cannot
 * encode the snapshot either is closed with 1011, the reason (in the fanout's disconnect report) naming
 * the shared model and both failures; every other connection gets the patch. The failing codecs are
 * registered here (JSON that cannot carry the word "boom" in a patch, or anywhere), since the built-in
 * codecs carry every value a hub can hold.
 */
class HubEncodeFailureTest {
    static final String NO_BOOM_PATCHES = "application/x-hub-fragile-patches";
    static final String NO_BOOM = "application/x-hub-fragile";
    private Hub hub;
    private Fanout fanout;
    private EmbeddedServer server;
    private SyncLoop loop;
    private long shared;
    private final List<Fanout.Disconnect> gone = new CopyOnWriteArrayList<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();

    private static void register(String name, Predicate<Message> refuses) {
        Codec json = Codecs.forName("json");
        Codecs.register(name, new Codec() {
            @Override public String name() { return name; }
            @Override public boolean binary() { return false; }
            @Override public Frame encode(Message m) {
                Frame f = json.encode(m);
                if (refuses.test(m) && f.text().contains("boom")) throw new IllegalStateException("this codec cannot say boom");
                return f;
            }
            @Override public Message decode(Frame frame) { return json.decode(frame); }
        });
    }

    @BeforeEach void start() throws Exception {
        register(NO_BOOM_PATCHES, m -> m instanceof PatchMessage);
        register(NO_BOOM, m -> true);
        hub = new Hub(c -> c.param("tenant").orElseThrow());
        hub.onError(e -> errors.add(e.getMessage()));
        shared = hub.share(new Board("plan"));
        hub.subscribe("alice", shared, Hub.Mode.WRITE);
        hub.subscribe("bob", shared, Hub.Mode.READ);
        fanout = new Fanout(hub).setLog(line -> {});
        fanout.onDisconnect(gone::add);
        server = EmbeddedServer.start(fanout, 0);
        loop = new SyncLoop(fanout, Duration.ofMillis(10)).start();
    }

    @AfterEach void stop() throws Exception {
        loop.close();
        fanout.close();
        server.close();
        hub.close();
    }

    private String url(String tenant, String codec) {
        return server.wsUrl() + "?tenant=" + tenant + "&codec=" + URLEncoder.encode(codec, StandardCharsets.UTF_8);
    }

    @Test void aCodecThatCannotCarryThePatchGetsTheSnapshotAndOneThatCannotCarryEitherIsClosedWithTheReason() throws Exception {
        TransportsClient alice = new TransportsClient("json");
        try (alice; Probe patchesFail = Probe.open(url("bob", NO_BOOM_PATCHES)); Probe allFail = Probe.open(url("bob", NO_BOOM));
                Probe plain = Probe.open(url("bob", "json"))) {
            alice.connect(url("alice", "json"));
            Await.until("every opening", () -> alice.mirror().ids().contains(shared) && patchesFail.texts.size() == 1
                    && allFail.texts.size() == 1 && plain.texts.size() == 1);
            var p = alice.submitOps(shared, List.of(new Op.Set(Path.ROOT.key("title"), Value.of("boom"))));
            assertEquals(1L, p.accepted().get(10, TimeUnit.SECONDS));

            Await.until("the JSON reader to get the patch", () -> plain.texts.size() == 2);
            assertTrue(plain.texts.get(1).startsWith("{\"t\":\"patch\"") && plain.texts.get(1).contains("boom"), plain.texts.get(1));
            Await.until("the snapshot instead of the patch", () -> patchesFail.texts.size() == 2);
            assertTrue(patchesFail.texts.get(1).startsWith("{\"t\":\"snapshot\"") && patchesFail.texts.get(1).contains("\"rev\":1")
                    && patchesFail.texts.get(1).contains("boom"), patchesFail.texts.get(1));
            Await.until("the connection that can carry neither to be closed", allFail::closed);
            assertEquals(1011, allFail.closeCode);
            Await.until("its disconnect reported", () -> !gone.isEmpty());
            String why = gone.get(0).reason();
            assertTrue(why.contains("model " + shared) && why.contains("neither can the snapshot of shared model " + shared)
                    && why.contains("cannot say boom"), why);
            assertTrue(!patchesFail.closed() && !plain.closed(), "the others stay open");
            assertTrue(errors.stream().anyMatch(e -> e.contains(NO_BOOM_PATCHES + " connections get a snapshot of shared model " + shared)), errors.toString());

            // the fallback connection carries on: the next write reaches it as a patch again
            alice.submitOps(shared, List.of(new Op.Set(Path.ROOT.key("title"), Value.of("fine")))).accepted().get(10, TimeUnit.SECONDS);
            Await.until("the next patch", () -> patchesFail.texts.size() == 3);
            assertTrue(patchesFail.texts.get(2).startsWith("{\"t\":\"patch\"") && patchesFail.texts.get(2).contains("fine"), patchesFail.texts.get(2));
        }
    }
}
