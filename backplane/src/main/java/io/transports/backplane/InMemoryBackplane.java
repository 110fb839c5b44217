package io.transports.backplane;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The backplane of one process (the default): logs, snapshots and leases in memory, with the same rules
 * as the Redis one (a revision is claimed once, fenced snapshot writes), so the replication code and its
 * tests run without anything installed. Several sessions in one JVM may share one instance.
 */
public final class InMemoryBackplane implements Backplane {
    private final Object lock = new Object();
    private final Map<String, List<LogEntry>> logs = new HashMap<>();
    private final Map<String, Long> lastRevs = new HashMap<>();
    private final Map<String, StoredSnapshot> snapshots = new HashMap<>();
    private final Map<String, long[]> leases = new HashMap<>(); // name -> {token, expiresAtNanos}
    private long nextToken = 1;

    @Override public List<LogEntry> appendEntry(String model, LogEntry entry, StoredSnapshot seed) {
        synchronized (lock) {
            long last = lastRevs.getOrDefault(model, -1L);
            if (entry.rev() <= last) {
                List<LogEntry> missed = after(model, entry.rev() - 1);
                if (missed.isEmpty() || missed.get(0).rev() != entry.rev()) throw new LogGapException("model " + model + ": revision " + entry.rev()
                        + " is taken but no longer logged (trimmed); reload the model");
                return missed;
            }
            if (!snapshots.containsKey(model) && seed != null) snapshots.put(model, seed);
            logs.computeIfAbsent(model, k -> new ArrayList<>()).add(entry);
            lastRevs.put(model, entry.rev());
            lock.notifyAll();
            return null;
        }
    }

    @Override public List<LogEntry> readEntries(String model, long afterRev) {
        synchronized (lock) { return after(model, afterRev); }
    }

    private List<LogEntry> after(String model, long afterRev) {
        List<LogEntry> out = new ArrayList<>();
        for (LogEntry e : logs.getOrDefault(model, List.of())) if (e.rev() > afterRev) out.add(e);
        return out;
    }

    @Override public Map<String, List<LogEntry>> awaitEntries(Map<String, Long> afterRevs, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (true) {
                Map<String, List<LogEntry>> out = new LinkedHashMap<>();
                for (var e : afterRevs.entrySet()) {
                    List<LogEntry> got = after(e.getKey(), e.getValue());
                    if (!got.isEmpty()) out.put(e.getKey(), got);
                }
                long left = deadline - System.nanoTime();
                if (!out.isEmpty() || left <= 0) return out;
                lock.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    @Override public StoredSnapshot snapshot(String model) {
        synchronized (lock) { return snapshots.get(model); }
    }

    @Override public boolean create(String model, StoredSnapshot initial) {
        synchronized (lock) { return snapshots.putIfAbsent(model, initial) == null; }
    }

    @Override public boolean storeSnapshot(String model, StoredSnapshot snapshot, String lease, long token) {
        synchronized (lock) {
            if (!holds(lease, token)) return false;
            StoredSnapshot old = snapshots.get(model);
            if (old != null && old.rev() >= snapshot.rev()) return false;
            snapshots.put(model, snapshot);
            return true;
        }
    }

    @Override public boolean trim(String model, long keepFromRev, String lease, long token) {
        synchronized (lock) {
            if (!holds(lease, token)) return false;
            List<LogEntry> log = logs.get(model);
            if (log != null) log.removeIf(e -> e.rev() < keepFromRev);
            return true;
        }
    }

    @Override public long lastRev(String model) {
        synchronized (lock) { return logs.getOrDefault(model, List.of()).isEmpty() ? -1 : lastRevs.getOrDefault(model, -1L); }
    }

    @Override public long acquire(String lease, Duration ttl) {
        synchronized (lock) {
            long[] held = leases.get(lease);
            if (held != null && held[1] - System.nanoTime() > 0) return 0;
            long token = nextToken++;
            leases.put(lease, new long[] {token, System.nanoTime() + ttl.toNanos()});
            return token;
        }
    }

    @Override public boolean renew(String lease, long token, Duration ttl) {
        synchronized (lock) {
            if (!holds(lease, token)) return false;
            leases.get(lease)[1] = System.nanoTime() + ttl.toNanos();
            return true;
        }
    }

    @Override public void release(String lease, long token) {
        synchronized (lock) { if (holds(lease, token)) leases.remove(lease); }
    }

    private boolean holds(String lease, long token) {
        long[] held = leases.get(lease);
        return held != null && held[0] == token && held[1] - System.nanoTime() > 0;
    }

    @Override public String describe() { return "in-memory backplane"; }

    @Override public void close() {}
}
