package io.transports.backplane;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.transports.Session;
import io.transports.backplane.support.Await;
import io.transports.backplane.support.LoopbackWebSocket;
import io.transports.backplane.support.Tally;
import io.transports.connections.Fanout;
import io.transports.connections.SyncLoop;
import io.transports.connections.TransportsClient;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The resume gate with real WebSockets: a client at revision 20 fails over from server A to server B
 * whose tail is held at revision 10 (as a survivor a few patches behind, made certain). Held by B's gate
 * until B catches up, it resumes with patches; without a gate, or when B does not catch up within the
 * gate's bound, it gets a snapshot. Either way it ends at the host's value.
 */
class ResumeGateTest {
    /** One web server on a loopback port: a session replicating the tally, a fanout, a sync loop. */
    private static final class Web implements AutoCloseable {
        final Replication replication;
        final Session session = new Session();
        final Fanout fanout;
        final SyncLoop loop;
        final Server jetty;
        final String url;
        final ResumeGate gate;

        Web(Backplane plane, long holdMs) throws Exception {
            replication = new Replication(session, plane, Replication.Options.DEFAULT);
            replication.onLog(line -> {});
            replication.share("tally", 1, new Tally());
            fanout = new Fanout(session);
            replication.onChange(fanout::sync);
            gate = replication.resumeGate(Duration.ofMillis(holdMs));
            if (holdMs > 0) fanout.holdResumes(gate);
            loop = new SyncLoop(fanout, Duration.ofMillis(10)).start();
            jetty = LoopbackWebSocket.start(fanout, "/transports");
            url = "ws://127.0.0.1:" + LoopbackWebSocket.port(jetty) + "/transports";
        }

        /** Its sockets closed under its clients (no closing handshake), as a dying process. */
        void die() throws Exception {
            for (var connector : jetty.getConnectors()) for (var endPoint : connector.getConnectedEndPoints()) endPoint.close();
            jetty.stop();
        }

        @Override public void close() throws Exception {
            if (!jetty.isStopped()) jetty.stop();
            loop.close();
            fanout.close();
            replication.close();
        }
    }

    @ParameterizedTest(name = "gate {0} ms, B catches up after {1} ms: snapshots {2}")
    @CsvSource({"2000, 300, 0", "0, 300, 1", "300, -1, 1"})
    void aClientAheadOfTheSurvivorIsHeldUntilItCatchesUp(long holdMs, long releaseAfterMs, int expectedSnapshots) throws Exception {
        InMemoryBackplane shared = new InMemoryBackplane();
        Session hostSession = new Session();
        Tally tally = new Tally();
        PausableTail tailOfB = new PausableTail(new SharedHandle(shared));
        try (Replication host = new Replication(hostSession, new SharedHandle(shared), Replication.Options.DEFAULT);
             Web a = new Web(new SharedHandle(shared), 0);
             Web b = new Web(tailOfB, holdMs);
             TransportsClient client = new TransportsClient()) {
            host.onLog(line -> {});
            host.share("tally", 1, tally);
            client.connect(a.url);
            for (int i = 0; i < 10; i++) {
                tally.count++;
                hostSession.flush();
            }
            Await.until("A, B and the client at revision 10", Duration.ofSeconds(20),
                    () -> b.session.rev(1) == 10 && client.mirror().revisions().getOrDefault(1L, 0L) == 10);
            tailOfB.pause();
            for (int i = 0; i < 10; i++) {
                tally.count++;
                hostSession.flush();
            }
            Await.until("the client at revision 20 on A", Duration.ofSeconds(20), () -> client.mirror().revisions().getOrDefault(1L, 0L) == 20);
            assertEquals(10, b.session.rev(1), "B is held at revision 10");
            AtomicInteger snapshots = new AtomicInteger();
            client.onChange(c -> { if (c.kind().equals("snapshot")) snapshots.incrementAndGet(); });
            a.die();
            Await.until("the client sees A go", Duration.ofSeconds(20), () -> client.status() == TransportsClient.Status.CLOSED);
            if (releaseAfterMs >= 0) {
                Thread release = new Thread(() -> {
                    try {
                        Thread.sleep(releaseAfterMs); // the scenario: B's replica is this far behind, not a wait on a condition
                    } catch (InterruptedException e) {
                        return;
                    }
                    tailOfB.resume();
                });
                release.start();
            }
            client.connect(b.url);
            if (releaseAfterMs < 0) {
                Await.until("the gate let the client through", Duration.ofSeconds(20), () -> b.gate.timedOut() == 1);
                tailOfB.resume();
            }
            Await.until("the client at the host's revision 20 on B", Duration.ofSeconds(20),
                    () -> client.mirror().revisions().getOrDefault(1L, 0L) == 20 && b.session.rev(1) == 20);
            Await.until("the client equals the host's value", Duration.ofSeconds(20), () -> hostSession.value(1).equals(client.value(1)));
            assertEquals(expectedSnapshots, snapshots.get(), "snapshots on failover");
            if (holdMs > 0) assertEquals(releaseAfterMs >= 0 ? 1 : 0, b.gate.caughtUp(), "held until caught up");
            System.out.printf("resume gate %d ms, survivor caught up after %s: %d snapshot(s); gate at once/caught up/timed out %d/%d/%d%n",
                    holdMs, releaseAfterMs < 0 ? "the bound" : releaseAfterMs + " ms", snapshots.get(), b.gate.atOnce(), b.gate.caughtUp(), b.gate.timedOut());
        }
    }
}
