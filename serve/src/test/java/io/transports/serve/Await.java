package io.transports.serve;

import java.util.function.BooleanSupplier;

/** Waits on a condition with a generous timeout (never a fixed sleep), failing with what it waited for. */
final class Await {
    private Await() {}

    static void until(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(10);
        }
    }
}
