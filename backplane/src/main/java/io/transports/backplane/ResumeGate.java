package io.transports.backplane;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * Holds a resuming client until this process's replica has caught up with the revisions it brings.
 *
 * <p>A client that fails over from a dead process usually holds revisions this process has not adopted
 * yet (its tail is a few milliseconds behind the log). Opened at once, it would be answered with a
 * snapshot (a mirror ahead of the model is started over); held until the replica reaches its revisions,
 * it resumes with patches. The wait is bounded: a replica that does not catch up in time (it is stuck,
 * or the client's revisions come from another life of the model) lets the client through, and it gets
 * a snapshot. Install it with {@code fanout.holdResumes(replication.resumeGate(Duration.ofSeconds(2)))};
 * it runs on the connecting thread, outside the fanout's lock.
 */
public final class ResumeGate implements Consumer<Map<Long, Long>> {
    private final LongFunction<Long> revOf;
    private final Duration max;
    private final Consumer<String> log;
    private final AtomicLong atOnce = new AtomicLong();
    private final AtomicLong caughtUp = new AtomicLong();
    private final AtomicLong timedOut = new AtomicLong();

    /** @param revOf this replica's revision of a model, or null when the model is not replicated here */
    ResumeGate(LongFunction<Long> revOf, Duration max, Consumer<String> log) {
        this.revOf = revOf;
        this.max = max;
        this.log = log;
    }

    @Override public void accept(Map<Long, Long> since) {
        if (behind(since) == null) {
            atOnce.incrementAndGet();
            return;
        }
        long deadline = System.nanoTime() + max.toNanos();
        synchronized (this) {
            String lag;
            while ((lag = behind(since)) != null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    timedOut.incrementAndGet();
                    log.accept("a resuming client waited " + max.toMillis() + " ms and this process is still behind it (" + lag
                            + "): it gets a snapshot");
                    return;
                }
                try {
                    wait(Math.max(1, Math.min(50, left / 1_000_000))); // woken by progress; looks again every 50 ms anyway
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        caughtUp.incrementAndGet();
    }

    /** The replica moved on (called after it adopted revisions). */
    synchronized void progressed() { notifyAll(); }

    /** A description of the first model this replica is behind the client on, or null when it is not behind. */
    private String behind(Map<Long, Long> since) {
        for (var e : since.entrySet()) {
            Long rev = revOf.apply(e.getKey());
            if (rev != null && rev < e.getValue()) return "model " + e.getKey() + " at " + rev + ", the client at " + e.getValue();
        }
        return null;
    }

    /** Resumes let through at once (the replica was not behind). */
    public long atOnce() { return atOnce.get(); }

    /** Resumes held until the replica caught up (they resume from the log). */
    public long caughtUp() { return caughtUp.get(); }

    /** Resumes let through still behind after the wait (they get a snapshot). */
    public long timedOut() { return timedOut.get(); }
}
