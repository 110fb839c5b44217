package io.transports;

import io.transports.patch.Op;
import io.transports.patch.Patch;
import io.transports.patch.SetRuns;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The writes to one of a {@link Hub}'s shared models that are merged but not yet sent: the patches of
 * the revisions after {@link #base()} and, per proposing connection, the answers it is owed. The hub
 * sends them all at its next sync — one patch spanning those revisions to every subscriber instead of
 * one frame per write per connection (docs/protocol.md "Hub", "Accepted writes go out with the next
 * flush"). Guarded by the hub's lock.
 */
final class PendingWrites {
    /** An answer owed to a proposer: its proposal id and the revision that holds its write. */
    record Answer(long rev, String proposal, boolean changed) {}

    private long base;
    private final List<Patch> patches = new ArrayList<>();
    private final Map<Connection, List<Answer>> answers = new LinkedHashMap<>();
    /** Ranges built during one flush, by their first revision (the last is always the newest). */
    private final Map<Long, Patch> ranges = new HashMap<>();

    /** @param rev the model's revision: everything up to it has been sent */
    PendingWrites(long rev) { this.base = rev; }

    /** The revision every subscriber has been sent; the pending patches follow it. */
    long base() { return base; }

    boolean isEmpty() { return patches.isEmpty() && answers.isEmpty(); }

    /** A merged write at the next revision; a proposer with a proposal id is owed an answer. */
    void add(Patch patch, Connection origin, String proposal) {
        patches.add(patch);
        if (origin != null && proposal != null) answers.computeIfAbsent(origin, k -> new ArrayList<>()).add(new Answer(patch.rev(), proposal, true));
    }

    /** An accepted write that changed nothing: its proposer is owed an ack at this revision. */
    void unchanged(Connection origin, long rev, String proposal) {
        answers.computeIfAbsent(origin, k -> new ArrayList<>()).add(new Answer(rev, proposal, false));
    }

    /** The answers this connection is owed, taken out (null when none). */
    List<Answer> takeAnswers(Connection c) { return answers.remove(c); }

    /**
     * One patch taking a mirror from revision {@code from} to {@code to} (both at or after the base):
     * the ops of those revisions in order, runs of Sets compacted, at revision {@code to}.
     */
    Patch range(long from, long to) {
        if (from < base || to > base + patches.size() || from >= to) {
            throw new IllegalArgumentException("no pending revisions " + (from + 1) + ".." + to + " after " + base);
        }
        boolean toNewest = to == base + patches.size();
        if (toNewest) {
            Patch cached = ranges.get(from);
            if (cached != null) return cached;
        }
        Patch out;
        if (to - from == 1) {
            out = patches.get((int) (from - base));
        } else {
            List<Op> ops = new ArrayList<>();
            for (long r = from + 1; r <= to; r++) ops.addAll(patches.get((int) (r - base - 1)).ops());
            out = new Patch(to, SetRuns.compact(ops));
        }
        if (toNewest) ranges.put(from, out);
        return out;
    }

    /** Everything up to {@code rev} was sent: start a new window there. Unclaimed answers are dropped. */
    void flushed(long rev) {
        base = rev;
        patches.clear();
        answers.clear();
        ranges.clear();
    }

    /**
     * The model was brought to a stored state at {@code rev} (a backplane reload after a gap): the
     * revisions not yet sent are in the snapshot its subscribers get, so they are dropped, and each
     * answer still owed becomes an ack at {@code rev}, sent after that snapshot.
     */
    void restart(long rev) {
        base = rev;
        patches.clear();
        ranges.clear();
        for (List<Answer> owed : answers.values()) owed.replaceAll(a -> new Answer(rev, a.proposal(), false));
    }

    /** A connection went away: it is owed nothing any more. */
    void forget(Connection c) { answers.remove(c); }
}
