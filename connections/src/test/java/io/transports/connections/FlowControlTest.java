package io.transports.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transports.Session;
import io.transports.connections.support.Await;
import io.transports.connections.support.Board;
import io.transports.connections.support.EmbeddedServer;
import io.transports.connections.support.RawWebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Flow control with real sockets (docs/connections.md "Slow readers"): a reader that never reads holds
 * about one queued frame per model however many flushes go by (its patches coalesce, runs of Sets
 * compact), so it stays under small caps on frames and bytes while the other clients get every change;
 * a reader whose socket accepts nothing for the stall time is closed with a reason, and a managed client
 * cut off that way resumes with {@code since} once it reads again.
 */
class FlowControlTest {
    static final int MODELS = 20;
    static final int FLUSHES = Boolean.getBoolean("transports.full") ? 2_000 : 300;

    @Test void aReaderThatNeverReadsHoldsAboutOneFramePerModelUnderSmallCaps() throws Exception {
        Session session = new Session();
        List<Board> boards = new ArrayList<>();
        for (int i = 0; i < MODELS; i++) {
            Board b = new Board("board " + i);
            boards.add(b);
            session.host(b);
        }
        // without coalescing, FLUSHES x MODELS patches (about 6 MB) would wait for the stuck reader;
        // these caps let through about three frames per model and 512 KiB
        Limits caps = Limits.DEFAULT.withQueue(3 * MODELS, 512 * 1024).withStallMillis(600_000);
        List<Fanout.Disconnect> gone = new CopyOnWriteArrayList<>();
        try (Fanout hub = new Fanout(session).setLimits(caps); EmbeddedServer server = EmbeddedServer.start(hub, 0);
             RawWebSocket stuck = RawWebSocket.open(server.port(), "/transports?codec=json");
             TransportsClient healthy = new TransportsClient("cbor")) {
            hub.onDisconnect(gone::add);
            healthy.run(server.wsUrl());
            Await.until("both connections", () -> hub.connectionCount() == 2 && healthy.mirror().ids().size() == MODELS);
            String chunk = "z".repeat(1000);
            for (int round = 0; round < FLUSHES; round++) {
                for (Board b : boards) b.blob = round + chunk;
                hub.sync();
                long rev = round + 1;
                Await.until("the healthy client to get flush " + round, Duration.ofSeconds(10),
                        () -> session.ids().stream().allMatch(id -> healthy.mirror().revisions().getOrDefault(id, -1L) == rev));
            }
            assertEquals(List.of(), gone, "the stuck reader stayed under the caps: its patches coalesced");
            assertEquals(2, hub.connectionCount());
            for (long id : session.ids()) assertEquals(session.value(id), healthy.value(id));
        }
    }

    @Test void aSocketThatAcceptsNothingIsClosedByTheWatchdogAndItsClientResumes() throws Exception {
        Session session = new Session();
        Board board = new Board("watched");
        long id = session.host(board);
        // caps far above what can wait (the blob's Sets compact to one), so only the watchdog can act
        Limits limits = Limits.DEFAULT.withQueue(100_000, 1L << 30).withStallMillis(500);
        List<Fanout.Disconnect> gone = new CopyOnWriteArrayList<>();
        try (Fanout hub = new Fanout(session).setLimits(limits); EmbeddedServer server = EmbeddedServer.start(hub, 0);
             SyncLoop loop = new SyncLoop(hub, Duration.ofMillis(10)).start();
             TransportsClient slow = new TransportsClient("msgpack").withBackoff(Duration.ofMillis(50), Duration.ofMillis(500));
             TransportsClient other = new TransportsClient("json")) {
            hub.onDisconnect(gone::add);
            AtomicBoolean block = new AtomicBoolean();
            CountDownLatch release = new CountDownLatch(1);
            slow.onChange(c -> {
                if (block.get()) {
                    try {
                        release.await(60, TimeUnit.SECONDS); // the client stops reading its socket
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            slow.run(server.wsUrl());
            other.run(server.wsUrl());
            Await.until("both have the board", () -> slow.mirror().ids().contains(id) && other.mirror().ids().contains(id));
            block.set(true);
            String chunk = "w".repeat(200_000);
            for (int i = 0; gone.isEmpty(); i++) {
                board.blob = i + chunk;
                long rev = session.rev(id);
                Await.until("a flush", Duration.ofSeconds(10), () -> session.rev(id) > rev || !gone.isEmpty());
                assertTrue(i < 2_000, "the watchdog never cut the stuck connection");
            }
            Fanout.Disconnect d = gone.get(0);
            assertEquals(1013, d.code(), d.toString());
            assertTrue(d.reason().contains("no send finished in"), d.reason());
            Await.until("the other client is unaffected", () -> other.value(id).equals(session.value(id)));
            block.set(false);
            release.countDown();
            Await.until("the slow client resumes and converges", () -> slow.openCount() >= 2 && slow.value(id).equals(session.value(id)));
        }
    }
}
