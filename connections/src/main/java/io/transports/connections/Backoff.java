package io.transports.connections;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reconnect delays: exponential from {@code min} to {@code max}, each drawn from the upper half of the
 * current step (jitter, so a restarted server is not hit by every client at the same instant).
 */
final class Backoff {
    private final long minMillis;
    private final long maxMillis;
    private int attempt;

    Backoff(Duration min, Duration max) {
        if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < min <= max, got " + min + " and " + max);
        }
        this.minMillis = min.toMillis();
        this.maxMillis = max.toMillis();
    }

    /** The delay before the next attempt. */
    synchronized long nextMillis() {
        long step = Math.min(maxMillis, minMillis << Math.min(attempt, 30));
        attempt++;
        return step / 2 + ThreadLocalRandom.current().nextLong(step / 2 + 1);
    }

    /** A connection worked: start again from {@code min}. */
    synchronized void reset() { attempt = 0; }
}
