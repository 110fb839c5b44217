package io.transports.backplane;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A handle on one in-memory backplane whose close does nothing: several "processes" of a test share the store. */
final class SharedHandle implements Backplane {
    private final InMemoryBackplane shared;

    SharedHandle(InMemoryBackplane shared) { this.shared = shared; }

    @Override public List<LogEntry> appendEntry(String model, LogEntry entry, StoredSnapshot seed) { return shared.appendEntry(model, entry, seed); }
    @Override public List<LogEntry> readEntries(String model, long afterRev) { return shared.readEntries(model, afterRev); }
    @Override public Map<String, List<LogEntry>> awaitEntries(Map<String, Long> a, Duration t) throws InterruptedException { return shared.awaitEntries(a, t); }
    @Override public StoredSnapshot snapshot(String model) { return shared.snapshot(model); }
    @Override public boolean create(String model, StoredSnapshot s) { return shared.create(model, s); }
    @Override public boolean storeSnapshot(String m, StoredSnapshot s, String l, long t) { return shared.storeSnapshot(m, s, l, t); }
    @Override public boolean trim(String m, long k, String l, long t) { return shared.trim(m, k, l, t); }
    @Override public long lastRev(String model) { return shared.lastRev(model); }
    @Override public long acquire(String l, Duration ttl) { return shared.acquire(l, ttl); }
    @Override public boolean renew(String l, long t, Duration ttl) { return shared.renew(l, t, ttl); }
    @Override public void release(String l, long t) { shared.release(l, t); }
    @Override public String describe() { return shared.describe(); }
    @Override public void close() {}
}
