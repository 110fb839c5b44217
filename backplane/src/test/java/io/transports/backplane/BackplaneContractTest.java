package io.transports.backplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transports.patch.Op;
import io.transports.patch.Patch;
import io.transports.value.Path;
import io.transports.value.Value;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The rules every backplane keeps, checked on the in-memory one and on a real redis-server: a revision
 * is claimed once and the loser gets the winner's patches; reads and tails; the first snapshot is
 * stored once; a lease has one holder, passes on only after it expires, and a stale token's writes are
 * fenced off.
 */
abstract class BackplaneContractTest {
    abstract Backplane open() throws Exception;

    static Patch setN(long rev, long n) { return new Patch(rev, List.of(new Op.Set(Path.ROOT.key("n"), Value.of(n)))); }

    static String fresh() { return "m" + UUID.randomUUID(); }

    static final StoredSnapshot EMPTY = new StoredSnapshot("T", 0, Value.map(Map.of()));

    @Test void aRevisionIsClaimedOnceAndTheLoserGetsTheWinnersPatches() throws Exception {
        try (Backplane a = open(); Backplane b = open()) {
            String m = fresh();
            assertTrue(a.create(m, EMPTY));
            assertFalse(b.create(m, EMPTY), "the first snapshot is stored once");
            assertNull(a.append(m, setN(1, 10), EMPTY));
            List<Patch> lost = b.append(m, setN(1, 20), EMPTY);
            assertNotNull(lost, "revision 1 was taken");
            assertEquals(List.of(setN(1, 10)), lost);
            assertNull(b.append(m, setN(2, 20), EMPTY));
            assertEquals(List.of(setN(1, 10), setN(2, 20)), a.read(m, 0));
            assertEquals(List.of(setN(2, 20)), a.read(m, 1));
            assertEquals(2, a.lastRev(m));
        }
    }

    @Test void awaitReturnsWhatArrivesAfterTheGivenRevisions() throws Exception {
        try (Backplane a = open(); Backplane b = open()) {
            String m = fresh();
            a.create(m, EMPTY);
            assertTrue(a.await(Map.of(m, 0L), Duration.ofMillis(100)).isEmpty());
            Thread writer = new Thread(() -> b.append(m, setN(1, 5), EMPTY));
            writer.start();
            Map<String, List<Patch>> got = Map.of();
            for (int i = 0; i < 50 && got.isEmpty(); i++) got = a.await(Map.of(m, 0L), Duration.ofMillis(200));
            writer.join();
            assertEquals(Map.of(m, List.of(setN(1, 5))), got);
        }
    }

    @Test void aLeaseHasOneHolderAndPassesOnOnlyAfterItExpires() throws Exception {
        try (Backplane a = open(); Backplane b = open()) {
            String lease = fresh();
            long ta = a.acquire(lease, Duration.ofMillis(400));
            assertTrue(ta > 0);
            assertEquals(0, b.acquire(lease, Duration.ofMillis(400)), "held by a");
            assertTrue(a.renew(lease, ta, Duration.ofMillis(400)));
            long tb = 0;
            long start = System.nanoTime();
            while (tb == 0) { // a stops renewing (as if it died): b gets it once it expires
                tb = b.acquire(lease, Duration.ofMillis(400));
                Thread.sleep(20);
            }
            long waitedMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(waitedMs >= 300, "taken over only after expiry, waited " + waitedMs + " ms");
            assertTrue(tb > ta, "fencing tokens increase");
            assertFalse(a.renew(lease, ta, Duration.ofMillis(400)), "the old holder cannot renew");
        }
    }

    @Test void aStaleTokenCannotOverwriteItsSuccessorsSnapshot() throws Exception {
        try (Backplane a = open()) {
            String m = fresh();
            String lease = fresh();
            a.create(m, EMPTY);
            long t1 = a.acquire(lease, Duration.ofMillis(150));
            assertTrue(a.storeSnapshot(m, new StoredSnapshot("T", 1, Value.of(1L)), lease, t1));
            Thread.sleep(250);
            long t2 = a.acquire(lease, Duration.ofSeconds(5));
            assertTrue(t2 > t1);
            assertTrue(a.storeSnapshot(m, new StoredSnapshot("T", 2, Value.of(2L)), lease, t2));
            assertFalse(a.storeSnapshot(m, new StoredSnapshot("T", 3, Value.of(3L)), lease, t1), "fenced");
            assertFalse(a.storeSnapshot(m, new StoredSnapshot("T", 1, Value.of(9L)), lease, t2), "older than stored");
            assertEquals(2, a.snapshot(m).rev());
        }
    }

    @Test void trimmingKeepsTheRequestedRevisions() throws Exception {
        try (Backplane a = open()) {
            String m = fresh();
            String lease = fresh();
            a.create(m, EMPTY);
            for (int r = 1; r <= 10; r++) assertNull(a.append(m, setN(r, r), EMPTY));
            long t = a.acquire(lease, Duration.ofSeconds(5));
            assertTrue(a.trim(m, 7, lease, t));
            assertEquals(List.of(7L, 8L, 9L, 10L), a.read(m, 0).stream().map(Patch::rev).toList());
            assertThrows(LogGapException.class, () -> a.append(m, setN(3, 0), EMPTY), "revision 3 is taken and trimmed");
        }
    }
}
