package io.transports.jupyter;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transports.Server;
import io.transports.Session;
import java.time.Duration;
import java.util.AbstractList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The notebook's background sync carries on whatever one server's flush throws (issue 9, severe 4): an
 * Error from one server no longer skips the servers after it, one model's failure is reported by its
 * session without failing the flush, and the sync thread stays alive.
 */
class BackgroundSyncSurvivesFailuresTest {
    public static class Counter {
        public volatile int n;
    }

    /** Its list throws an AssertionError on every read once armed. */
    public static class Broken {
        volatile boolean armed;
        public List<Integer> items = new AbstractList<>() {
            @Override public Integer get(int i) {
                if (armed) throw new AssertionError("unreadable");
                return i;
            }
            @Override public int size() { return 1; }
        };
    }

    @Test
    void otherServersAndModelsKeepSyncingAfterErrors() throws Exception {
        Session failing = new Session();
        failing.host(new Counter());
        Server failingServer = Notebook.newServer(failing);
        failingServer.onError(e -> { throw new StackOverflowError(); }); // this server's flush now throws an Error

        Session good = new Session();
        Counter counter = new Counter();
        long counterId = good.host(counter);
        Broken broken = new Broken();
        good.host(broken); // armed below: then this model's flush throws an AssertionError every time
        Server goodServer = Notebook.newServer(good);
        Duration before = SyncLoop.interval();
        Notebook.current().attach(failingServer);
        Notebook.current().attach(goodServer);
        try {
            SyncLoop.interval(Duration.ofMillis(5));
            Broken alsoBroken = new Broken();
            failing.host(alsoBroken);
            alsoBroken.armed = true; // from here on the failing server's every flush fails
            broken.armed = true;
            for (int i = 1; i <= 20; i++) {
                counter.n = i;
                long deadline = System.nanoTime() + 20_000_000_000L;
                while (good.rev(counterId) < i) {
                    assertTrue(System.nanoTime() < deadline, "the background sync stopped flushing at change " + i);
                    Thread.sleep(2);
                }
            }
            assertTrue(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("transports-sync") && t.isAlive()));
        } finally {
            Notebook.current().detach(failingServer);
            Notebook.current().detach(goodServer);
            SyncLoop.interval(before);
        }
    }
}
