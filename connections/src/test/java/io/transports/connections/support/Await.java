package io.transports.connections.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition by polling, with a generous deadline; the failure says what was awaited. */
public final class Await {
    public static final Duration DEFAULT = Duration.ofSeconds(20);

    private Await() {}

    public static void until(String what, BooleanSupplier condition) { until(what, DEFAULT, condition); }

    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        untilValue(what, timeout, condition, () -> "");
    }

    /** Like {@link #until}, printing {@code state} in the failure message. */
    public static void untilValue(String what, Duration timeout, BooleanSupplier condition, Supplier<Object> state) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) return;
                last = null;
            } catch (RuntimeException e) {
                last = e; // e.g. no snapshot yet: keep waiting
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what);
            }
        }
        AssertionError failure = new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what + " " + state.get());
        if (last != null) failure.initCause(last);
        throw failure;
    }
}
