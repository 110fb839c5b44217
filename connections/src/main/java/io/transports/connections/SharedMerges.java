package io.transports.connections;

import io.transports.Frame;
import io.transports.codec.Codec;
import io.transports.protocol.Message;
import java.util.function.Supplier;

/**
 * The decodes and merges of lagging connections' queues (see {@link PendingFrames}), shared. Every
 * connection of a codec is offered the same frame object, and connections that lag behind the same
 * frames hold the same waiting frame; so without sharing, one broadcast to N lagging connections would
 * decode the new frame N times and encode N identical merged patches — under the hub's lock, for every
 * write (1,000 clients with 100 writers: 45 accepted writes/s before, 90 after, one noisy run each;
 * docs/scaling.md). Keyed by frame identity (frames are immutable): the new frame decodes once, and each
 * distinct (waiting frame, new frame) pair is merged and encoded once; the merged frame is itself
 * shared, so the next merge for those connections hits again. Small, fixed-size, thread-safe.
 */
final class SharedMerges {
    private static final int SLOTS = 64;

    private record Decoded(Codec codec, Frame frame, Message message) {}

    /** A merge of {@code waiting} and {@code incoming}: the merged frame and its message. */
    record Merged(Frame frame, Message message) {}

    private record MergeKey(Codec codec, Frame waiting, Frame incoming, Merged merged) {}

    private static final Decoded[] decoded = new Decoded[SLOTS];
    private static final MergeKey[] merges = new MergeKey[SLOTS];
    private static int nextDecoded, nextMerge;

    private SharedMerges() {}

    /** The frame decoded by this codec, decoding it only if no connection did just now. */
    static Message decode(Codec codec, Frame frame) {
        synchronized (decoded) {
            for (int i = 1; i <= SLOTS; i++) { // newest first: the frame just offered to the previous connection
                Decoded d = decoded[(nextDecoded - i + SLOTS) % SLOTS];
                if (d != null && d.frame == frame && d.codec == codec) return d.message;
            }
        }
        Message m = codec.decode(frame);
        synchronized (decoded) {
            decoded[nextDecoded] = new Decoded(codec, frame, m);
            nextDecoded = (nextDecoded + 1) % SLOTS;
        }
        return m;
    }

    /** The merge of these two frames, made by {@code merge} only if no connection made it just now. */
    static Merged merge(Codec codec, Frame waiting, Frame incoming, Supplier<Merged> merge) {
        synchronized (merges) {
            for (int i = 1; i <= SLOTS; i++) { // newest first
                MergeKey k = merges[(nextMerge - i + SLOTS) % SLOTS];
                if (k != null && k.incoming == incoming && k.waiting == waiting && k.codec == codec) return k.merged;
            }
        }
        Merged m = merge.get();
        synchronized (merges) {
            merges[nextMerge] = new MergeKey(codec, waiting, incoming, m);
            nextMerge = (nextMerge + 1) % SLOTS;
        }
        synchronized (decoded) { // the merged frame is what the next merge will find waiting
            decoded[nextDecoded] = new Decoded(codec, m.frame(), m.message());
            nextDecoded = (nextDecoded + 1) % SLOTS;
        }
        return m;
    }
}
