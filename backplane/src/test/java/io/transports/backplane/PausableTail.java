package io.transports.backplane;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real backplane whose tailing can be held up (await returns nothing while paused), to put one
 * process behind the log the way a long GC pause or a slow network would; everything else goes to
 * the real store.
 */
final class PausableTail implements Backplane {
    private final Backplane real;
    private volatile boolean paused;

    PausableTail(Backplane real) { this.real = real; }

    void pause() { paused = true; }

    void resume() { paused = false; }

    @Override public Map<String, List<LogEntry>> awaitEntries(Map<String, Long> a, Duration t) throws InterruptedException {
        if (paused) {
            Thread.sleep(t.toMillis());
            return Map.of();
        }
        Map<String, List<LogEntry>> got = real.awaitEntries(a, t);
        return paused ? Map.of() : got; // paused while it waited: what came in is not heard (it is read again later)
    }

    @Override public List<LogEntry> appendEntry(String model, LogEntry entry, StoredSnapshot seed) { return real.appendEntry(model, entry, seed); }
    @Override public List<LogEntry> readEntries(String model, long afterRev) { return real.readEntries(model, afterRev); }
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
