package io.transports.jupyter;

import java.time.Duration;

/**
 * The background sync: a daemon thread that flushes every server in use on a fixed interval, so
 * changes made by other threads (a timer, a download) reach the views while no cell runs. The
 * interval defaults to 100 ms ({@code -Dtransports.sync.ms} or the {@code TRANSPORTS_SYNC_MS}
 * environment variable override it; zero turns the loop off). It starts with the first widget.
 */
final class SyncLoop {
    private static final Object MONITOR = new Object();
    private static long intervalMs = initialInterval();
    private static Thread thread;

    private SyncLoop() {
    }

    static Duration interval() {
        synchronized (MONITOR) {
            return Duration.ofMillis(intervalMs);
        }
    }

    static void interval(Duration d) {
        if (d == null || d.isNegative()) throw new IllegalArgumentException("the sync interval must be zero (off) or positive, not " + d);
        synchronized (MONITOR) {
            intervalMs = d.toMillis();
            MONITOR.notifyAll();
        }
        if (!d.isZero()) ensureStarted();
    }

    static boolean isSyncThread() {
        return Thread.currentThread().getName().equals("transports-sync");
    }

    static void ensureStarted() {
        synchronized (MONITOR) {
            if (thread != null && thread.isAlive()) return;
            thread = new Thread(SyncLoop::run, "transports-sync");
            thread.setDaemon(true);
            thread.start();
        }
    }

    static void stop() {
        synchronized (MONITOR) {
            if (thread != null) thread.interrupt();
            thread = null;
        }
    }

    private static void run() {
        Thread self = Thread.currentThread();
        while (!self.isInterrupted()) {
            try {
                synchronized (MONITOR) {
                    if (thread != self) return;
                    if (intervalMs <= 0) {
                        MONITOR.wait();
                        continue;
                    }
                    MONITOR.wait(intervalMs);
                }
                Notebook notebook = Notebook.ifMade();
                if (notebook != null && !notebook.idle()) {
                    notebook.syncAll();
                    notebook.saveStates(false);
                }
            } catch (InterruptedException e) {
                return;
            } catch (Throwable e) {
                Log.warn("background sync failed", e);
            }
        }
    }

    private static long initialInterval() {
        String v = System.getProperty("transports.sync.ms", System.getenv("TRANSPORTS_SYNC_MS"));
        try {
            return v == null || v.isBlank() ? 100 : Math.max(0, Long.parseLong(v.trim()));
        } catch (NumberFormatException e) {
            Log.warn("ignoring the sync interval '" + v + "' (not a number of milliseconds)", null);
            return 100;
        }
    }
}
