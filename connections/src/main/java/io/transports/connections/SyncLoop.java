package io.transports.connections;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Flushes a {@link Fanout}'s session on an interval (default 50 ms) and fans the patches out, so host
 * code just mutates its objects. One daemon thread; a failing flush — any Throwable, an Error too — is
 * logged to the fanout's log and the loop goes on.
 * Also sends the SSE keep-alives. {@link #close()} stops it (connections stay open).
 *
 * <p>Under load the cadence adapts: while more than half of the connections are still sending the
 * previous flush, a tick is skipped (up to {@code maxInterval}, default 250 ms), so host changes
 * coalesce in the session into fewer, larger patches instead of piling up in every queue. Latency then
 * stays bounded by the fan-out time rather than growing with the backlog. A minority of slow readers
 * never sets the pace: their own waiting patches coalesce instead (see {@code PendingFrames}).
 *
 * <pre>{@code
 * try (var loop = new SyncLoop(fanout, Duration.ofMillis(20)).start()) { ... }
 * }</pre>
 */
public final class SyncLoop implements AutoCloseable {
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(50);

    public static final Duration DEFAULT_MAX_INTERVAL = Duration.ofMillis(250);
    private static final double BUSY_SHARE = 0.5;

    private final Fanout fanout;
    private final Duration interval;
    private final long maxIntervalNanos;
    private long lastFlush = System.nanoTime();
    private ScheduledExecutorService timer;

    public SyncLoop(Fanout fanout) { this(fanout, DEFAULT_INTERVAL); }

    public SyncLoop(Fanout fanout, Duration interval) {
        this(fanout, interval, interval.compareTo(DEFAULT_MAX_INTERVAL) > 0 ? interval : DEFAULT_MAX_INTERVAL);
    }

    /** @param maxInterval the longest a flush waits for the previous fan-out to drain (= interval: never wait) */
    public SyncLoop(Fanout fanout, Duration interval, Duration maxInterval) {
        this.fanout = Objects.requireNonNull(fanout, "fanout");
        if (interval.isNegative() || interval.isZero()) throw new IllegalArgumentException("interval must be positive, got " + interval);
        if (maxInterval.compareTo(interval) < 0) throw new IllegalArgumentException("maxInterval " + maxInterval + " is shorter than interval " + interval);
        this.interval = interval;
        this.maxIntervalNanos = maxInterval.toNanos();
    }

    /** Start flushing; returns this. Starting twice is an error. */
    public synchronized SyncLoop start() {
        if (timer != null) throw new IllegalStateException("this sync loop is already started");
        timer = Executors.newSingleThreadScheduledExecutor(Fanout.daemonThreads("transports-sync"));
        long nanos = interval.toNanos();
        timer.scheduleWithFixedDelay(this::tick, nanos, nanos, TimeUnit.NANOSECONDS);
        long keepAlive = fanout.limits().sseKeepAliveMillis();
        timer.scheduleWithFixedDelay(this::keepAlive, keepAlive, keepAlive, TimeUnit.MILLISECONDS);
        return this;
    }

    public Duration interval() { return interval; }

    private void tick() {
        try {
            long now = System.nanoTime();
            fanout.cutStalled();
            if (now - lastFlush < maxIntervalNanos && fanout.backlog() > BUSY_SHARE) return; // let the last fan-out drain
            lastFlush = now;
            fanout.sync();
        } catch (Throwable e) {
            // Anything thrown out of a scheduled task cancels it for good, silently; so every failure is
            // logged here and the next tick runs. One model's failure never gets here: the session reports
            // it for that model alone (through the server's error handler) and flushes the others.
            fanout.log("sync failed (the loop goes on): " + e);
        }
    }

    private void keepAlive() {
        try {
            fanout.keepAlive();
        } catch (Throwable e) {
            fanout.log("keep-alive failed (the loop goes on): " + e);
        }
    }

    @Override public synchronized void close() {
        if (timer != null) timer.shutdownNow();
    }
}
