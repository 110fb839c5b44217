package io.transports.connections;

import io.transports.Frame;
import io.transports.codec.Codec;
import io.transports.patch.Op;
import io.transports.patch.Patch;
import io.transports.patch.SetRuns;
import io.transports.protocol.Message;
import io.transports.protocol.PatchMessage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The frames waiting for one connection, in order, counted in frames and bytes. A connection that
 * keeps up finds this empty at every flush and pays nothing extra. For one that lags, state coalesces:
 * a new patch for a model whose last waiting message is also a patch is merged into it (the ops of
 * both, in order, with the newer revision), re-encoded for this connection alone. Only a patch for a newer
 * revision is merged: a revision the waiting patch already covers is queued as it is (the mirror
 * ignores it), so a merge can never apply a revision twice. A newer revision that is not the very next
 * one is merged too: a patch may span several revisions (a hub sends the writes of one flush as one
 * patch, docs/protocol.md "Hub"), and a broadcaster queues every revision a connection must have, in
 * order. A lagging reader
 * thus holds about one frame per model instead of one per flush, and what it finally reads is current;
 * runs of Sets are compacted so the merged patch does not grow with every flush. Decodes and merges
 * are shared by the connections that lag behind the same frames ({@link SharedMerges}). A patch that carries a
 * proposal id (the proposer's own echo) is never merged, into or from, so the id is not lost.
 * Not thread-safe: {@link Outbound} guards it.
 */
final class PendingFrames {
    /** One waiting frame; its message is decoded only if a merge needs it. */
    private static final class Entry {
        Frame frame;
        int size;
        Message message; // null until decoded
        final boolean batchable; // may go out inside a batch frame (not an opening frame, not a keep-alive)

        Entry(Frame frame, int size, boolean batchable) {
            this.frame = frame;
            this.size = size;
            this.batchable = batchable;
        }
    }

    private final Codec codec; // null: never merge
    private final ArrayDeque<Entry> queue = new ArrayDeque<>();
    private long bytes;
    private long merged;

    PendingFrames(Codec codec) { this.codec = codec; }

    /** Queue a frame without trying to merge it (frames of one flush, for a connection that keeps up). */
    void add(Frame frame, int size) { add(frame, size, false); }

    /**
     * Queue a frame; with {@code mayMerge} (the connection already had frames waiting before this
     * flush: it lags), merge it into a waiting patch of the same model when it can.
     */
    void add(Frame frame, int size, boolean mayMerge) { add(frame, size, mayMerge, false); }

    /** As {@link #add(Frame, int, boolean)}; {@code batchable}: the frame may be sent inside a batch (see {@link #pollRun}). */
    void add(Frame frame, int size, boolean mayMerge, boolean batchable) {
        if (mayMerge && codec != null && !queue.isEmpty() && frame != Channel.KEEP_ALIVE && mergeIntoWaiting(frame)) return;
        queue.add(new Entry(frame, size, batchable && frame != Channel.KEEP_ALIVE));
        bytes += size;
    }

    /**
     * The next frames to send as one batch: the run of batchable frames at the head of the queue (at
     * most {@code maxFrames}, and no more bytes than {@code maxBytes} unless the first alone is bigger),
     * or just the head frame when it is not batchable. Empty when nothing waits.
     */
    List<Frame> pollRun(int maxFrames, long maxBytes) {
        Entry head = queue.peek();
        if (head == null) return List.of();
        if (!head.batchable) return List.of(poll());
        List<Frame> run = new ArrayList<>();
        long taken = 0;
        while (run.size() < maxFrames) {
            Entry e = queue.peek();
            if (e == null || !e.batchable || (!run.isEmpty() && taken + e.size > maxBytes)) break;
            taken += e.size;
            run.add(poll());
        }
        return run;
    }

    /** The next frame to send, or null. */
    Frame poll() {
        Entry e = queue.poll();
        if (e == null) return null;
        bytes -= e.size;
        return e.frame;
    }

    int frames() { return queue.size(); }

    long bytes() { return bytes; }

    boolean isEmpty() { return queue.isEmpty(); }

    /** How many patches were merged into waiting ones so far. */
    long merged() { return merged; }

    void clear() {
        queue.clear();
        bytes = 0;
    }

    private boolean mergeIntoWaiting(Frame frame) {
        Message incoming;
        try {
            incoming = SharedMerges.decode(codec, frame); // decoded once for all the connections it is offered to
        } catch (RuntimeException e) {
            return false; // not ours to judge: send it as it is
        }
        if (!(incoming instanceof PatchMessage next)) return false;
        if (next.proposal() != null) return false; // a proposer's own echo keeps its id: never merged away
        for (Iterator<Entry> it = queue.descendingIterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (e.frame == Channel.KEEP_ALIVE) continue;
            if (e.message == null) {
                try {
                    e.message = SharedMerges.decode(codec, e.frame);
                } catch (RuntimeException ex) {
                    return false;
                }
            }
            long id = idOf(e.message);
            if (id != next.id()) continue;
            if (!(e.message instanceof PatchMessage waiting)) return false; // a snapshot, reject or ack: keep the order
            if (waiting.proposal() != null) return false; // a proposer's echo: its id must arrive with its own revision
            if (next.patch().rev() <= waiting.patch().rev()) return false; // a revision it holds: never fold it in twice
            SharedMerges.Merged result;
            try {
                result = SharedMerges.merge(codec, e.frame, frame, () -> { // other lagging connections hold the same pair
                    List<Op> ops = new ArrayList<>(waiting.patch().ops().size() + next.patch().ops().size());
                    ops.addAll(waiting.patch().ops());
                    ops.addAll(next.patch().ops());
                    PatchMessage combined = new PatchMessage(next.id(), new Patch(next.patch().rev(), SetRuns.compact(ops)));
                    return new SharedMerges.Merged(codec.encode(combined), combined);
                });
            } catch (RuntimeException ex) {
                return false;
            }
            int size = result.frame().size();
            bytes += size - e.size;
            e.frame = result.frame();
            e.size = size;
            e.message = result.message();
            merged++;
            return true;
        }
        return false;
    }

    private static long idOf(Message m) {
        if (m instanceof PatchMessage p) return p.id();
        if (m instanceof io.transports.protocol.Snapshot s) return s.id();
        if (m instanceof io.transports.protocol.Reject r) return r.id();
        if (m instanceof io.transports.protocol.Ack a) return a.id();
        return -1;
    }
}
