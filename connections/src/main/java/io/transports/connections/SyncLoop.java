package io.transports.connections;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Flushes a {@link Hub}'s session on a fixed interval (default 50 ms) and fans the patches out, so host
 * code just mutates its objects. One daemon thread; a failing flush is logged and the loop goes on.
 * Also sends the SSE keep-alives. {@link #close()} stops it (connections stay open).
 *
 * <pre>{@code
 * try (var loop = new SyncLoop(hub, Duration.ofMillis(20)).start()) { ... }
 * }</pre>
 */
public final class SyncLoop implements AutoCloseable {
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(50);

    private final Hub hub;
    private final Duration interval;
    private ScheduledExecutorService timer;

    public SyncLoop(Hub hub) { this(hub, DEFAULT_INTERVAL); }

    public SyncLoop(Hub hub, Duration interval) {
        this.hub = Objects.requireNonNull(hub, "hub");
        if (interval.isNegative() || interval.isZero()) throw new IllegalArgumentException("interval must be positive, got " + interval);
        this.interval = interval;
    }

    /** Start flushing; returns this. Starting twice is an error. */
    public synchronized SyncLoop start() {
        if (timer != null) throw new IllegalStateException("this sync loop is already started");
        timer = Executors.newSingleThreadScheduledExecutor(Hub.daemonThreads("transports-sync"));
        long nanos = interval.toNanos();
        timer.scheduleWithFixedDelay(this::tick, nanos, nanos, TimeUnit.NANOSECONDS);
        long keepAlive = hub.limits().sseKeepAliveMillis();
        timer.scheduleWithFixedDelay(this::keepAlive, keepAlive, keepAlive, TimeUnit.MILLISECONDS);
        return this;
    }

    public Duration interval() { return interval; }

    private void tick() {
        try {
            hub.sync();
        } catch (RuntimeException e) {
            System.err.println("transports: sync failed (the loop goes on): " + e);
        }
    }

    private void keepAlive() {
        try {
            hub.keepAlive();
        } catch (RuntimeException e) {
            System.err.println("transports: keep-alive failed: " + e);
        }
    }

    @Override public synchronized void close() {
        if (timer != null) timer.shutdownNow();
    }
}
