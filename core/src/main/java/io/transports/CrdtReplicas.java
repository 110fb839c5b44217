package io.transports;

import io.transports.crdt.Dot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What each replica writing to one hosted CRDT document has provably seen, so the host can work out a
 * compaction frontier that is safe for all of them (docs/protocol.md "CRDT-backed shared models").
 *
 * <p>The evidence is a writer's batch carrying a base revision R (the revision its replica held when it
 * made the batch; 0 says nothing): the replica had the host's state at R, and every operation it made
 * before is already here (a client sends its operations in the order it made them, and resends its
 * unechoed ones first after a reconnect). So the replica's later operations can only depend on what the
 * host's document held at R or later. The host's own frontier is kept per revision (the highest counter
 * of each replica seen without gaps from 1), and the safe frontier is the one at the lowest revision any
 * known replica has proven. A replica not heard from for longer than a timeout may be left out; it then
 * resyncs from a compacted snapshot. No I/O; the caller serialises calls.
 */
final class CrdtReplicas {
    /** A replica's proven revision and when the host last heard from it (a nanoTime reading). */
    private static final class Seen {
        long rev;
        long heard;
        Seen(long heard) { this.heard = heard; }
    }

    private final Map<String, Seen> replicas = new HashMap<>();
    /** Per replica, the highest counter seen without gaps from 1 (as the document's contiguousFrontier). */
    private final Map<String, Long> contiguous = new TreeMap<>();
    /** Per replica, counters seen above a gap. */
    private final Map<String, TreeSet<Long>> ahead = new HashMap<>();
    /** The host's contiguous frontier after each revision still needed (from the lowest proven one on). */
    private final TreeMap<Long, Map<String, Long>> history = new TreeMap<>();

    /** Stands for the replicas a restored document had before (their proofs were not saved). */
    private static final String BEFORE_RESTORE = "\u0000before-restore";

    /**
     * @param frontier the document's contiguous frontier now; {@code rev} its revision
     * @param restored whether the document was restored: then the replicas it had before, unknown now,
     *     hold the frontier at nothing until they are silent past the timeout (as a replica that never
     *     writes again), whoever writes meanwhile
     */
    CrdtReplicas(Map<String, Long> frontier, long rev, boolean restored, long now) {
        contiguous.putAll(frontier);
        history.put(rev, Map.copyOf(contiguous));
        if (restored) replicas.put(BEFORE_RESTORE, new Seen(now));
    }

    /** Operations the document applied (new or not: counting one twice changes nothing). */
    void observe(List<Dot> dots) {
        for (Dot d : dots) {
            long have = contiguous.getOrDefault(d.replica(), 0L);
            if (d.counter() <= have) continue;
            TreeSet<Long> above = ahead.computeIfAbsent(d.replica(), k -> new TreeSet<>());
            above.add(d.counter());
            while (!above.isEmpty() && above.first() == have + 1) have = above.pollFirst();
            contiguous.put(d.replica(), have);
            if (above.isEmpty()) ahead.remove(d.replica());
        }
    }

    /** The document reached {@code rev}: remember its frontier there. */
    void revision(long rev) {
        history.put(rev, Map.copyOf(contiguous));
        Long keep = history.floorKey(lowest(rev));
        if (keep != null) history.headMap(keep, false).clear(); // no known replica can need an older one
    }

    private long lowest(long currentRev) {
        long low = currentRev;
        for (Seen s : replicas.values()) low = Math.min(low, s.rev);
        return low;
    }

    /**
     * A batch from these replicas arrived at {@code now}, made at {@code baseRev} (0: unknown). Only a
     * batch of a single replica proves a revision: one connection relaying several vouches for none.
     */
    void heard(java.util.Set<String> from, long baseRev, long currentRev, long now) {
        for (String r : from) {
            Seen s = replicas.computeIfAbsent(r, k -> new Seen(now));
            s.heard = now;
            if (from.size() == 1 && baseRev > s.rev) s.rev = Math.min(baseRev, currentRev);
        }
    }

    /** Per known replica, the revision it has proven it holds (0: none yet). */
    Map<String, Long> proven() {
        Map<String, Long> out = new TreeMap<>();
        replicas.forEach((r, s) -> { if (!r.equals(BEFORE_RESTORE)) out.put(r, s.rev); });
        return out;
    }

    /**
     * Leaves out replicas silent for longer than {@code timeoutNanos} (negative: never), returning them.
     */
    List<String> dropSilent(long now, long timeoutNanos) {
        List<String> dropped = new ArrayList<>();
        if (timeoutNanos < 0) return dropped;
        for (var it = replicas.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (now - e.getValue().heard > timeoutNanos) {
                if (!e.getKey().equals(BEFORE_RESTORE)) dropped.add(e.getKey());
                it.remove();
            }
        }
        return dropped;
    }

    /**
     * The frontier every known replica has seen: the host's frontier at the lowest proven revision (the
     * current one when no replica is known). Empty when that revision is older than anything kept.
     */
    Map<String, Long> safeFrontier(long currentRev) {
        Map.Entry<Long, Map<String, Long>> at = history.floorEntry(lowest(currentRev));
        return at == null ? Map.of() : at.getValue();
    }
}
