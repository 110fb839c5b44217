package io.transports.connections;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Flushes a {@link Hub}'s session on an interval (default 50 ms) and fans the patches out, so host
 * code just mutates its objects. One daemon thread; a failing flush — any Throwable, an Error too — is
 * logged to the hub's log and the loop goes on.
 * Also sends the SSE keep-alives. {@link #close()} stops it (connections stay open).
 *
 * <p>Under load the cadence adapts: while more than half of the connections are still sending the
 * previous flush, a tick is skipped (up to {@code maxInterval}, default 250 ms), so host changes
 * coalesce in the session into fewer, larger patches instead of piling up in every queue. Latency then
 * stays bounded by the fan-out time rather than growing with the backlog. A minority of slow readers
 * never sets the pace: their own waiting patches coalesce instead (see {@code PendingFrames}).
 *
 * <pre>{@code
 * try (var loop = new SyncLoop(hub, Duration.ofMillis(20)).start()) { ... }
 * }</pre>
 */
public final class SyncLoop implements AutoCloseable {
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(50);

    public static final Duration DEFAULT_MAX_INTERVAL = Duration.ofMillis(250);
    private static final double BUSY_SHARE = 0.5;

    private final Hub hub;
    private final Duration interval;
    private final long maxIntervalNanos;
    private long lastFlush = System.nanoTime();
    private ScheduledExecutorService timer;

    public SyncLoop(Hub hub) { this(hub, DEFAULT_INTERVAL); }

    public SyncLoop(Hub hub, Duration interval) {
        this(hub, interval, interval.compareTo(DEFAULT_MAX_INTERVAL) > 0 ? interval : DEFAULT_MAX_INTERVAL);
    }

    /** @param maxInterval the longest a flush waits for the previous fan-out to drain (= interval: never wait) */
    public SyncLoop(Hub hub, Duration interval, Duration maxInterval) {
        this.hub = Objects.requireNonNull(hub, "hub");
        if (interval.isNegative() || interval.isZero()) throw new IllegalArgumentException("interval must be positive, got " + interval);
        if (maxInterval.compareTo(interval) < 0) throw new IllegalArgumentException("maxInterval " + maxInterval + " is shorter than interval " + interval);
        this.interval = interval;
        this.maxIntervalNanos = maxInterval.toNanos();
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
            long now = System.nanoTime();
            hub.cutStalled();
            if (now - lastFlush < maxIntervalNanos && hub.backlog() > BUSY_SHARE) return; // let the last fan-out drain
            lastFlush = now;
            hub.sync();
        } catch (Throwable e) {
            // Anything thrown out of a scheduled task cancels it for good, silently; so every failure is
            // logged here and the next tick runs. One model's failure never gets here: the session reports
            // it for that model alone (through the server's error handler) and flushes the others.
            hub.log("sync failed (the loop goes on): " + e);
        }
    }

    private void keepAlive() {
        try {
            hub.keepAlive();
        } catch (Throwable e) {
            hub.log("keep-alive failed (the loop goes on): " + e);
        }
    }

    @Override public synchronized void close() {
        if (timer != null) timer.shutdownNow();
    }
}
