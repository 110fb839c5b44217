package io.transports.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transports.Session;
import io.transports.connections.support.Await;
import io.transports.connections.support.EmbeddedServer;
import io.transports.connections.support.Fixture;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A connection killed mid-stream resumes from the revision its mirror holds: the server replays the
 * missed patches when its log still covers them, and sends a snapshot when it does not.
 */
class ResumeTest {
    private static final int MISSED = 20;

    @Test void aKilledConnectionResumesWithoutASnapshotWhenTheLogCoversTheGap() throws Exception {
        try (Fixture f = Fixture.start(new Session(512), Limits.DEFAULT)) {
            Counts counts = killMutateAndResume(f, "msgpack");
            assertEquals(1, counts.snapshots.get(), "only the first connection got a snapshot");
            assertTrue(counts.patchesAfterDrop.get() >= 1, "the missed patches were replayed (they may arrive merged): " + counts.patchesAfterDrop);
        }
    }

    @Test void aKilledConnectionGetsASnapshotWhenTheLogNoLongerReachesBack() throws Exception {
        try (Fixture f = Fixture.start(new Session(4), Limits.DEFAULT)) {
            Counts counts = killMutateAndResume(f, "json");
            assertEquals(2, counts.snapshots.get(), "the resumed connection got a fresh snapshot");
        }
    }

    @Test void aRunningClientFollowsTheServerThroughARestartOnTheSamePort() throws Exception {
        Session session = new Session();
        var board = new io.transports.connections.support.Board("restart");
        long id = session.host(board);
        Fanout fanout = new Fanout(session);
        EmbeddedServer first = EmbeddedServer.start(fanout, 0);
        int port = first.port();
        SyncLoop loop = new SyncLoop(fanout, Duration.ofMillis(10)).start();
        try (TransportsClient client = new TransportsClient("json").withBackoff(Duration.ofMillis(50), Duration.ofMillis(300))) {
            client.run(first.wsUrl());
            Await.until("the first snapshot", () -> client.mirror().revisions().containsKey(id));
            first.close();
            fanout.close();
            Await.until("the client to notice", () -> client.status() != TransportsClient.Status.OPEN);
            board.tick = 99;
            Fanout second = new Fanout(session);
            loop.close();
            loop = new SyncLoop(second, Duration.ofMillis(10)).start();
            try (EmbeddedServer restarted = EmbeddedServer.start(second, port)) {
                Await.until("the client to reconnect and catch up", () -> client.openCount() >= 2
                        && client.mirror().rev(id) == session.rev(id) && client.value(id).equals(session.value(id)));
            } finally {
                second.close();
            }
        } finally {
            loop.close();
        }
    }

    private record Counts(AtomicInteger snapshots, AtomicInteger patchesAfterDrop) {}

    private static Counts killMutateAndResume(Fixture f, String codec) throws Exception {
        TransportsClient client = new TransportsClient(codec).withBackoff(Duration.ofMillis(400), Duration.ofMillis(400));
        f.closeLater(client);
        AtomicInteger snapshots = new AtomicInteger();
        AtomicInteger patches = new AtomicInteger();
        AtomicInteger opensAtDrop = new AtomicInteger(Integer.MAX_VALUE);
        client.onChange(c -> {
            if (c.isSnapshot()) snapshots.incrementAndGet();
            else if (client.openCount() > opensAtDrop.get()) patches.incrementAndGet();
        });
        client.run(f.server.wsUrl());
        for (int i = 1; i <= 5; i++) f.board.tick = i;
        Await.until("the client to converge", () -> f.converged(client));

        opensAtDrop.set(client.openCount());
        long revAtDrop = client.mirror().rev(f.id);
        client.dropConnection(); // the socket dies without a closing handshake
        for (int i = 0; i < MISSED; i++) {
            f.board.tick = 1000 + i;
            f.fanout.sync(); // one patch each, while the client is away
        }
        assertTrue(f.session.rev(f.id) >= revAtDrop + MISSED);
        Await.until("the client to reconnect and catch up", () -> client.openCount() > opensAtDrop.get() && f.converged(client));
        return new Counts(snapshots, patches);
    }
}
