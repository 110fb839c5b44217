package io.transports.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transports.Session;
import io.transports.connections.support.Await;
import io.transports.connections.support.Fixture;
import io.transports.connections.support.RawWebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A connection that stops reading fills only its own bounded queue (its patches coalesce there): it is
 * closed with 1013 and a reason once the queue overflows or its sends stall, the other connections keep
 * converging at full speed meanwhile, and a managed client that was cut off resumes once it reads again.
 */
class SlowConsumerTest {
    private static final Limits SMALL_QUEUE = Limits.DEFAULT.withQueue(16, 256 * 1024).withStallMillis(1000);

    @Test void aConsumerThatNeverReadsIsCutOffWithoutSlowingTheOthers() throws Exception {
        try (Fixture f = Fixture.start(new Session(), SMALL_QUEUE)) {
            List<Fanout.Disconnect> gone = new CopyOnWriteArrayList<>();
            f.fanout.onDisconnect(gone::add);
            TransportsClient fast = f.client("json");
            fast.run(f.server.wsUrl());
            RawWebSocket stuck = f.closeLater(RawWebSocket.open(f.server.port(), "/transports?codec=cbor"));
            Await.until("both connections", () -> f.fanout.connectionCount() == 2 && f.converged(fast));

            String chunk = "x".repeat(100_000);
            long worstMillis = 0;
            for (int i = 0; i < 400 && gone.isEmpty(); i++) {
                f.board.blob = i + chunk;
                long t0 = System.nanoTime();
                f.fanout.sync();
                Await.until("the fast client to get change " + i, Duration.ofSeconds(5), () -> f.converged(fast));
                worstMillis = Math.max(worstMillis, (System.nanoTime() - t0) / 1_000_000);
            }
            Await.until("the stuck connection to be cut off", () -> !gone.isEmpty());
            Fanout.Disconnect d = gone.get(0);
            assertEquals(1013, d.code(), "closed as overloaded: " + d);
            assertTrue(d.reason().contains("too slow"), d.reason());
            assertEquals(1, f.fanout.connectionCount(), "only the fast client is left");
            assertTrue(worstMillis < 5000, "the fast client never waited on the stuck one: worst " + worstMillis + " ms");

            f.board.title = "after the cut";
            Await.until("the fast client to go on", () -> f.converged(fast));
        }
    }

    @Test void aManagedClientThatFellBehindIsCutOffAndThenResumes() throws Exception {
        try (Fixture f = Fixture.start(new Session(), SMALL_QUEUE)) {
            List<Fanout.Disconnect> gone = new CopyOnWriteArrayList<>();
            f.fanout.onDisconnect(gone::add);
            TransportsClient slow = f.client("msgpack");
            AtomicBoolean block = new AtomicBoolean();
            CountDownLatch release = new CountDownLatch(1);
            slow.onChange(c -> {
                if (block.get()) {
                    try {
                        release.await(30, TimeUnit.SECONDS); // the client stops reading its socket
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            slow.run(f.server.wsUrl());
            Await.until("the first snapshot", () -> f.converged(slow));

            block.set(true);
            String chunk = "y".repeat(100_000);
            for (int i = 0; i < 400 && gone.isEmpty(); i++) {
                f.board.blob = i + chunk;
                f.fanout.sync();
                Thread.onSpinWait();
            }
            Await.until("the slow client to be cut off", () -> !gone.isEmpty());
            assertEquals(1013, gone.get(0).code());
            block.set(false);
            release.countDown();
            Await.until("the slow client to resume and converge", () -> slow.openCount() >= 2 && f.converged(slow));
        }
    }
}
