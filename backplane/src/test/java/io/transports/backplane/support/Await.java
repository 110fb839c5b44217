package io.transports.backplane.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Wait on a condition with a generous timeout (never a fixed sleep); fail naming what was awaited. */
public final class Await {
    private Await() {}

    public static void until(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                if (condition.getAsBoolean()) return;
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what + ": " + e, e);
            }
            if (System.nanoTime() > deadline) throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            Thread.sleep(10);
        }
    }
}
