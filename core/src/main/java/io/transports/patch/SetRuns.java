package io.transports.patch;

import io.transports.value.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Compacting the ops of several revisions sent as one patch (a hub's flush, a lagging connection's
 * queue): in a run made only of Sets, a Set that a later Set overwrites — at the same path or at a
 * prefix of it — is dropped, so the combined patch has the size of the state that changed, not of its
 * history. Other op kinds shift list positions or remove keys, so a run holding any is kept as it is.
 * Applying the result gives exactly what applying every op in order gives.
 */
public final class SetRuns {
    private SetRuns() {}

    /** The ops without the Sets a later Set overwrites; the same list when anything but Sets is in it. */
    public static List<Op> compact(List<Op> ops) {
        for (Op op : ops) if (!(op instanceof Op.Set)) return ops;
        Set<Path> later = new HashSet<>(); // paths set by the ops kept so far, walking from the end
        List<Op> kept = new ArrayList<>();
        for (int i = ops.size() - 1; i >= 0; i--) {
            Path p = ops.get(i).path();
            if (overwritten(p, later)) continue;
            later.add(p);
            kept.add(ops.get(i));
        }
        if (kept.size() == ops.size()) return ops;
        Collections.reverse(kept);
        return kept;
    }

    /** Whether a later Set wrote this path or one of its ancestors (the root included). */
    private static boolean overwritten(Path p, Set<Path> later) {
        if (later.isEmpty()) return false;
        for (Path at = p; ; at = at.parent()) {
            if (later.contains(at)) return true;
            if (at.size() == 0) return false;
        }
    }
}
