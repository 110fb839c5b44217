package io.transports.backplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transports.Session;
import io.transports.backplane.support.Await;
import io.transports.backplane.support.Journal;
import io.transports.backplane.support.LoopbackWebSocket;
import io.transports.connections.Fanout;
import io.transports.connections.SyncLoop;
import io.transports.connections.TransportsClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The failover client (issue 11): a {@link TransportsClient} given the URLs of two web servers that
 * share one in-memory backplane follows a host appending to a journal; the server it is on dies in the
 * middle (its sockets closed under its clients, no closing handshake; a {@code kill -9} of a real
 * process with Redis is in ProcessKillTest), the client goes on to the other URL by itself — when the
 * JDK reports the end of stream, or else when its 2 s idle timeout finds the server silent — and resumes with {@code since}, and in
 * the end its journal is exactly 0..n-1 — no patch lost, none applied twice — with revisions only
 * ever rising. Run with and without batch frames.
 */
class FailoverClientTest {
    static final int UPDATES = Boolean.getBoolean("transports.full") ? 10_000 : 1_000;

    /** One web server: its own session replicating the journal, a hub, a sync loop and Jetty on a loopback port. */
    private static final class WebServer implements AutoCloseable {
        final Replication replication;
        final Fanout hub;
        final SyncLoop loop;
        final Server jetty;
        final String url;

        WebServer(InMemoryBackplane shared) throws Exception {
            Session session = new Session();
            replication = new Replication(session, new SharedHandle(shared), options());
            replication.share("journal", 1, new Journal());
            hub = new Fanout(session);
            replication.onChange(hub::sync);
            loop = new SyncLoop(hub, Duration.ofMillis(10)).start();
            jetty = LoopbackWebSocket.start(hub, "/transports");
            url = "ws://127.0.0.1:" + LoopbackWebSocket.port(jetty) + "/transports";
        }

        /** Goes away as a dying process does: its sockets are closed under its clients (no closing handshake), then the rest stops. */
        @Override public void close() throws Exception {
            for (var connector : jetty.getConnectors()) {
                for (var endPoint : connector.getConnectedEndPoints()) endPoint.close();
            }
            jetty.stop();
            loop.close();
            hub.close();
            replication.close();
        }
    }

    static Replication.Options options() {
        return Replication.Options.DEFAULT.withLease(Duration.ofMillis(600)).withSnapshotEvery(Duration.ofMillis(200)).withKeepPatches(5_000);
    }

    @ParameterizedTest(name = "batch={0}")
    @ValueSource(booleans = {false, true})
    void aClientFailsOverToTheNextServerAndLosesOrRepeatsNothing(boolean batch) throws Exception {
        InMemoryBackplane shared = new InMemoryBackplane();
        Session hostSession = new Session();
        Journal journal = new Journal();
        List<AutoCloseable> toClose = new ArrayList<>();
        try (Replication host = new Replication(hostSession, new SharedHandle(shared), options())) {
            host.share("journal", 1, journal);
            WebServer first = new WebServer(shared);
            WebServer second = new WebServer(shared);
            toClose.add(second);
            TransportsClient client = new TransportsClient("msgpack").withBackoff(Duration.ofMillis(50), Duration.ofMillis(500))
                    .withIdleTimeout(Duration.ofSeconds(2)).withBatch(batch);
            toClose.add(client);
            List<String> problems = new CopyOnWriteArrayList<>();
            AtomicInteger snapshots = new AtomicInteger();
            List<String> snapshotsSeen = new CopyOnWriteArrayList<>(); // "at rev R (the mirror held M)", for the failure message
            long[] lastRev = {-1};
            client.onChange(c -> {
                if (c.kind().equals("snapshot")) {
                    snapshots.incrementAndGet();
                    snapshotsSeen.add("at rev " + c.rev() + " (the mirror held " + lastRev[0] + ", open " + client.openCount() + " times)");
                }
                else if (c.rev() <= lastRev[0]) problems.add("revision " + c.rev() + " after " + lastRev[0]);
                lastRev[0] = Math.max(lastRev[0], c.rev());
            });
            client.onResync(r -> problems.add("resync: " + r));
            client.run(List.of(first.url, second.url));
            Await.until("the client has the journal", Duration.ofSeconds(20), () -> client.mirror().ids().contains(1L));

            for (int i = 0; i < UPDATES; i++) {
                journal.entries.add((long) i);
                hostSession.flush();
                if (i % 50 == 0) Thread.sleep(5); // a stream over time, not one burst
                if (i == UPDATES / 2) first.close(); // the server the client is on goes away
            }
            long finalRev = hostSession.rev(1);
            try {
                Await.until("the client resumed on the other server and caught up", Duration.ofSeconds(30),
                        () -> client.mirror().revisions().getOrDefault(1L, -1L) == finalRev);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + ": the client is " + client.status() + " on " + client.currentUrl()
                        + " (opened " + client.openCount() + " times, last close " + client.lastClose() + ") at revision "
                        + client.mirror().revisions() + " of " + finalRev + "; the second server has " + second.hub.connectionCount()
                        + " connection(s) at revision " + second.hub.session().rev(1) + "; problems " + problems, e);
            }
            assertEquals(second.url, client.currentUrl(), "it went on to the second URL");
            assertTrue(client.openCount() >= 2, "it reconnected");
            List<Long> expected = new ArrayList<>();
            for (long i = 0; i < UPDATES; i++) expected.add(i);
            assertEquals(expected, client.model(1, Journal.class).entries, "every patch exactly once, in order");
            assertEquals(List.of(), problems);
            assertEquals(1, snapshots.get(), "resumed from the shared log: no second snapshot; snapshots " + snapshotsSeen);
            System.out.printf("failover (batch=%s): %d updates, the client's server stopped at %d; it reopened %d time(s) on %s,"
                    + " resumed at revision %d without a snapshot%n", batch, UPDATES, UPDATES / 2, client.openCount() - 1, client.currentUrl(), finalRev);
        } finally {
            for (AutoCloseable c : toClose) c.close();
        }
    }
}
