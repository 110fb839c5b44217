package io.transports.connections;

import io.transports.Frame;
import io.transports.codec.BatchFrames;
import io.transports.codec.Codec;
import java.util.List;

/**
 * The batch frames of the latest flushes, shared: every connection of one codec that keeps up sends the
 * same frames of a flush, so the batch holding them is spliced once (core {@code BatchFrames}) and the
 * same frame goes to all of them, as unbatched frames are shared. A small cache keyed by the identity of
 * the frames it holds (frames are immutable and shared per codec, so identity is the flush); a lagging
 * connection's different run of frames simply gets its own batch.
 */
final class SharedBatches {
    /** At most this many messages in one batch frame. */
    static final int MAX_FRAMES = 1024;
    /** A batch stops growing at about this many bytes (one bigger frame still goes out alone). */
    static final long MAX_BYTES = 1L << 20;

    private static final int SLOTS = 8; // recent flushes across codecs; senders of one flush run close together

    private record Slot(Codec codec, Frame[] parts, Frame batch) {}

    private static final Slot[] recent = new Slot[SLOTS];
    private static int nextSlot;

    private SharedBatches() {}

    /** The batch frame of these frames (at least two) in this codec. */
    static Frame of(Codec codec, List<Frame> frames) {
        synchronized (recent) {
            for (Slot s : recent) if (s != null && s.codec == codec && same(s.parts, frames)) return s.batch;
        }
        Frame batch = BatchFrames.splice(codec, frames);
        synchronized (recent) {
            recent[nextSlot] = new Slot(codec, frames.toArray(new Frame[0]), batch);
            nextSlot = (nextSlot + 1) % SLOTS;
        }
        return batch;
    }

    private static boolean same(Frame[] parts, List<Frame> frames) {
        if (parts.length != frames.size()) return false;
        for (int i = 0; i < parts.length; i++) if (parts[i] != frames.get(i)) return false;
        return true;
    }
}
