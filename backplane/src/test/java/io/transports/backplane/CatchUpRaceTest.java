package io.transports.backplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.transports.backplane.support.Await;
import io.transports.backplane.support.Node;
import io.transports.patch.Op;
import io.transports.patch.Patch;
import io.transports.value.Path;
import io.transports.value.Value;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * When the backplane is reachable again, the tail thread catches up by reading the log after the
 * session's revision. The host goes on claiming meanwhile; catchUp compared the log's first patch with
 * the revision read again after the read, took the host for one behind a trimmed log and reloaded the
 * stored snapshot over the host's change not flushed yet (RedisRestartTest ended at 204 of 205, twice,
 * both right after "reachable again"). On real Redis that window is microseconds wide, so this test
 * puts the host's claim inside it with a wrapper around the in-memory backplane: its tailing fails
 * while another process appends (the outage as the tail thread sees it), and the catch-up's read lets
 * the host claim and change the field again before it returns. Everything else is the real thing.
 */
class CatchUpRaceTest {
    @Test
    void aHostClaimingDuringTheCatchUpKeepsItsUnflushedChange() throws Exception {
        InMemoryBackplane store = new InMemoryBackplane();
        Interleaving plane = new Interleaving(store);
        try (Node host = new Node(plane, Replication.Options.DEFAULT)) {
            host.tally.count = 1;
            host.session.flush();
            long before = host.session.rev(1);

            plane.tailingFails = true;
            Await.until("the host's tail thread saw the outage", Duration.ofSeconds(20),
                    () -> host.log.stream().anyMatch(l -> l.contains("(retrying)")));
            // another process writes the next revision while this one's tail is away
            store.append("tally", new Patch(before + 1, List.of(new Op.Set(Path.ROOT.key("note"), Value.of("elsewhere")))), null);
            plane.duringCatchUpRead = () -> {
                host.tally.count = 2;
                host.session.flush();  // loses the revision to the other process, adopts it, claims the next
                host.tally.count = 3;  // a change not flushed yet
            };
            plane.tailingFails = false;
            Await.until("the catch-up has finished", Duration.ofSeconds(20), () -> plane.awaitsAfterCatchUp.get() > 0);

            for (String line : host.log) System.out.println("  log: " + line);
            assertTrue(host.log.stream().noneMatch(l -> l.contains("reloading")), "no reload: nothing was trimmed " + host.log);
            assertEquals(3, host.tally.count, "the host's change not flushed yet survives the catch-up");
            host.session.flush();
            List<Patch> logged = store.read("tally", before);
            assertEquals(3, logged.size(), "the other process's, the host's 2, the host's 3: " + logged);
            assertTrue(logged.get(2).toString().contains("{\"Int\":3}"), "the host's newer change is logged: " + logged);
            assertEquals("elsewhere", host.tally.note);
        }
    }

    /** The real backplane, with the tailing made to fail on demand and a hook run once inside the tail thread's catch-up read. */
    static final class Interleaving implements Backplane {
        private final Backplane real;
        volatile boolean tailingFails;
        volatile Runnable duringCatchUpRead;
        final AtomicInteger awaitsAfterCatchUp = new AtomicInteger();
        private volatile boolean caughtUp;

        Interleaving(Backplane real) { this.real = real; }

        @Override public Map<String, List<LogEntry>> awaitEntries(Map<String, Long> a, Duration t) throws InterruptedException {
            if (caughtUp) awaitsAfterCatchUp.incrementAndGet();
            if (tailingFails) throw new BackplaneException("tailing held off by the test");
            return real.awaitEntries(a, t);
        }

        @Override public List<LogEntry> readEntries(String model, long afterRev) {
            List<LogEntry> got = real.readEntries(model, afterRev);
            Runnable hook = duringCatchUpRead;
            if (hook != null && Thread.currentThread().getName().equals("transports-backplane-tail")) {
                duringCatchUpRead = null;
                hook.run();
                caughtUp = true;
            }
            return got;
        }

        @Override public List<LogEntry> appendEntry(String model, LogEntry entry, StoredSnapshot seed) { return real.appendEntry(model, entry, seed); }
        @Override public StoredSnapshot snapshot(String model) { return real.snapshot(model); }
        @Override public boolean create(String model, StoredSnapshot s) { return real.create(model, s); }
        @Override public boolean storeSnapshot(String m, StoredSnapshot s, String l, long t) { return real.storeSnapshot(m, s, l, t); }
        @Override public boolean trim(String m, long k, String l, long t) { return real.trim(m, k, l, t); }
        @Override public long lastRev(String model) { return real.lastRev(model); }
        @Override public long acquire(String l, Duration ttl) { return real.acquire(l, ttl); }
        @Override public boolean renew(String l, long t, Duration ttl) { return real.renew(l, t, ttl); }
        @Override public void release(String l, long t) { real.release(l, t); }
        @Override public String describe() { return real.describe(); }
        @Override public void close() { real.close(); }
    }
}
