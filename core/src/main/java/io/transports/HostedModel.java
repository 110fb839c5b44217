package io.transports;

import io.transports.bridge.Bridge;
import io.transports.bridge.Tracker;
import io.transports.patch.Op;
import io.transports.patch.Patch;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One hosted object and what the session knows about it: its tracker (the last value), its revision
 * and a bounded log of recent patches for resume. Guarded by the session's lock.
 */
final class HostedModel {
    final long id;
    final Tracker tracker;
    String typeName;
    long rev;
    /** When this model's walks began to meet collections mid-write on every attempt (System.nanoTime), or 0. */
    long racingSince;
    private final ArrayDeque<Patch> log = new ArrayDeque<>();

    HostedModel(long id, Object object) {
        this.id = id;
        this.tracker = Bridge.track(object);
        this.typeName = Bridge.typeName(object.getClass());
    }

    /** The hosted object (a record replaced by a proposal or by Session.set is the new one). */
    Object object() { return tracker.root(); }

    /**
     * Host a new object in this model's place; ops to reach its value from the last one go to {@code out}.
     * Atomic: if the new object cannot travel, nothing changes.
     */
    boolean replace(Object newObject, List<Op> out) {
        boolean changed = tracker.replace(newObject, out);
        typeName = Bridge.typeName(newObject.getClass());
        return changed;
    }

    void record(Patch p, int capacity) {
        log.addLast(p);
        while (log.size() > capacity) log.removeFirst();
    }

    void clearLog() { log.clear(); }

    /** Patches after {@code sinceRev}, or null when the log no longer reaches back that far. */
    List<Patch> since(long sinceRev) {
        if (sinceRev >= rev) return List.of();
        Patch first = log.peekFirst();
        if (first == null || first.rev() > sinceRev + 1) return null;
        List<Patch> out = new ArrayList<>();
        for (Patch p : log) if (p.rev() > sinceRev) out.add(p);
        return out;
    }
}
