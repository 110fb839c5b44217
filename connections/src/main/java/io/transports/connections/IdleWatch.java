package io.transports.connections;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Notices a server that has gone silent on one client connection: after half the idle timeout
 * without hearing anything (a frame, a ping or a pong) it asks for a ping; after the whole timeout it
 * declares the connection dead. Why a client needs this: a dead peer does not always produce an
 * event — a host that vanishes (power, partition) sends nothing, and the JDK's WebSocket can swallow
 * the end of a stream it reads while the listener is still busy with the previous message (the
 * socket sits in CLOSE-WAIT and no listener method is ever called). Only a timer bounds that.
 *
 * <p>Time spent inside our own handler does not count as silence: a client that is slow to apply a
 * backlog is not evidence that the server is gone. One shared daemon thread runs every watch.
 */
final class IdleWatch {
    /** What a watch does to its connection. */
    interface Target {
        /** Send a ping (the server's pong, or anything else, counts as hearing from it). */
        void ping();

        /** Nothing heard for the whole timeout: drop the connection. */
        void dead(long silentMillis);
    }

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "transports-client-idle-watch");
        t.setDaemon(true);
        return t;
    });

    private final long timeoutNanos;
    private final Target target;
    private final ScheduledFuture<?> task;
    private volatile long lastHeard = System.nanoTime();
    private volatile boolean busy;      // our own handler runs (one at a time): that time is not the server's silence
    private volatile boolean pinged;    // a ping went out since we last heard anything
    private volatile boolean stopped;

    /** Start watching; checks run four times per timeout, so death is declared within 1.25 x timeout of the last thing heard. */
    IdleWatch(Duration timeout, Target target) {
        this.timeoutNanos = timeout.toNanos();
        this.target = target;
        long every = Math.max(1, timeout.toMillis() / 4);
        this.task = TIMER.scheduleWithFixedDelay(this::check, every, every, TimeUnit.MILLISECONDS);
    }

    /** Something arrived from the server. */
    void heard() {
        lastHeard = System.nanoTime();
        pinged = false;
    }

    /** Our handler starts working on what arrived. */
    void enter() {
        busy = true;
        heard();
    }

    /** Our handler is done; silence counts again from now. */
    void exit() {
        heard();
        busy = false;
    }

    void stop() {
        stopped = true;
        task.cancel(false);
    }

    private void check() {
        if (stopped || busy) return;
        long silent = System.nanoTime() - lastHeard;
        if (silent >= timeoutNanos) {
            stop();
            target.dead(TimeUnit.NANOSECONDS.toMillis(silent));
        } else if (silent >= timeoutNanos / 2 && !pinged) {
            pinged = true;
            target.ping();
        }
    }
}
