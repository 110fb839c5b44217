package io.transports.backplane;

import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Work that one process of many does at a time: storing each shared model's snapshot and trimming its
 * log. The process that holds the lease ({@code SET NX PX}, renewed every third of its time to live)
 * does it; the others try to take it every tenth of its time to live. Its writes carry the lease's
 * fencing token, and the store refuses a token older than one it has seen, so a holder that was paused
 * past its lease cannot overwrite its successor's work. When the holder dies, another process takes the
 * lease once it expires.
 */
final class SingletonWork implements AutoCloseable {
    private final Supplier<Map<String, StoredSnapshot>> states;
    private final Consumer<String> report;
    private final Backplane backplane;
    private final Replication.Options options;
    private final Thread thread;
    private volatile long token;
    private volatile boolean closed;

    /**
     * @param states the current state of every model this process shares, by name (called on the lease thread)
     * @param report where lease changes and failures are reported
     */
    SingletonWork(Supplier<Map<String, StoredSnapshot>> states, Consumer<String> report, Backplane backplane, Replication.Options options) {
        this.states = states;
        this.report = report;
        this.backplane = backplane;
        this.options = options;
        this.thread = new Thread(this::run, "transports-backplane-lease");
        thread.setDaemon(true);
        thread.start();
    }

    long token() { return token; }

    private void run() {
        long renewEvery = Math.max(10, options.leaseTtl().toMillis() / 3);
        long tryEvery = Math.max(10, options.leaseTtl().toMillis() / 10); // a dead holder's lease is taken soon after it expires
        long lastSnapshot = 0;
        while (!closed) {
            try {
                if (token == 0) {
                    long t = backplane.acquire(options.leaseName(), options.leaseTtl());
                    if (t > 0) {
                        token = t;
                        report.accept("took the lease " + options.leaseName() + " (token " + t + ")");
                    }
                } else if (!backplane.renew(options.leaseName(), token, options.leaseTtl())) {
                    report.accept("lost the lease " + options.leaseName() + " (token " + token + ")");
                    token = 0;
                }
                if (token != 0 && System.nanoTime() - lastSnapshot >= options.snapshotEvery().toNanos()) {
                    storeAndTrim(token);
                    lastSnapshot = System.nanoTime();
                }
            } catch (BackplaneException e) {
                if (!closed) report.accept("lease work: " + e.getMessage());
            } catch (RuntimeException e) {
                if (!closed) report.accept("lease work failed: " + e);
            }
            try {
                Thread.sleep(token != 0 ? renewEvery : tryEvery);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Store every shared model's current snapshot and trim its log to the configured length (never past the snapshot). */
    private void storeAndTrim(long t) {
        for (var e : states.get().entrySet()) {
            StoredSnapshot s = e.getValue();
            backplane.storeSnapshot(e.getKey(), s, options.leaseName(), t);
            long last = backplane.lastRev(e.getKey());
            if (last < 0) continue;
            long keepFrom = Math.min(s.rev() + 1, last - options.keepPatches() + 1);
            if (keepFrom > 1) backplane.trim(e.getKey(), keepFrom, options.leaseName(), t);
        }
    }

    @Override public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long t = token;
        token = 0;
        if (t != 0) {
            try {
                backplane.release(options.leaseName(), t);
            } catch (BackplaneException ignored) {
                // it expires by itself
            }
        }
    }
}
