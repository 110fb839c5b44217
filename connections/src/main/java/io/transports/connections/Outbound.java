package io.transports.connections;

import io.transports.Permissions;

import io.transports.Frame;
import io.transports.codec.Codec;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * One connection's bounded outbound queue and its sender. Frames are queued without blocking (the
 * sync loop never waits on a socket); the sender takes them one at a time and sends the next when the
 * channel says the previous one is done. Past {@link Limits}, the queue is dropped and the connection is
 * closed with code 1013 — a slow or dead reader loses only its own connection, and resumes. A
 * connection that asked for batches ({@code ?batch=1}) gets every frame waiting at a send in one batch
 * frame: one frame per flush while it keeps up, fewer than one per flush when it lags.
 *
 * <p>This object is also the connection handle the core {@link io.transports.Server} sees.
 */
final class Outbound {
    static final int OVERLOADED = 1013;

    final Channel channel;
    final Handshake handshake;
    final Permissions permissions;
    /** The client asked for batch frames ({@code ?batch=1}): each send holds every frame waiting (docs/protocol.md "Batch frames"). */
    final boolean batch;
    private final Codec codec;
    private final Limits limits;
    private final Executor executor;
    private final Fanout fanout;
    private final PendingFrames queue;
    private boolean sending;
    private boolean closed;
    private long sentFrames;
    private long lastProgress = System.nanoTime();

    Outbound(Channel channel, Handshake handshake, Permissions permissions, Limits limits, Executor executor, Fanout fanout,
             Codec codec) {
        this.queue = new PendingFrames(codec);
        this.codec = codec;
        this.batch = BatchParam.wanted(handshake); // the endpoints refused a bad value before opening
        this.channel = channel;
        this.handshake = handshake;
        this.permissions = permissions;
        this.limits = limits;
        this.executor = executor;
        this.fanout = fanout;
    }

    /**
     * Queue frames (sizes in bytes, parallel to frames). With {@code opening}, the limits are not applied
     * (the opening snapshots must go out whatever their size). Returns false when the connection is
     * closed or was just closed for overflowing.
     */
    boolean offer(List<Frame> frames, int[] frameSizes, boolean opening) {
        String overflow = null;
        synchronized (this) {
            if (closed) return false;
            boolean lagging = !queue.isEmpty(); // frames of an earlier flush still wait: merge into them
            for (int i = 0; i < frames.size(); i++) queue.add(frames.get(i), frameSizes[i], lagging, batch && !opening);
            if (!opening && (queue.frames() > limits.maxQueuedFrames() || queue.bytes() > limits.maxQueuedBytes())) {
                overflow = "too slow: " + queue.frames() + " frames (" + queue.bytes() + " bytes) waiting; resume with since";
                closed = true;
                queue.clear();
            } else if (!sending && !queue.isEmpty()) {
                sending = true;
                lastProgress = System.nanoTime();
                submit(this::sendNext);
            }
        }
        if (overflow != null) {
            fanout.dropped(this, OVERLOADED, overflow);
            closeChannel(OVERLOADED, overflow);
            return false;
        }
        return true;
    }

    /** Close with 1013 if frames have been waiting without any send finishing for {@code stallNanos}. Returns whether it did. */
    boolean cutIfStalled(long now, long stallNanos) {
        String why;
        synchronized (this) {
            if (closed || !(sending || !queue.isEmpty()) || now - lastProgress < stallNanos) return false;
            why = "too slow: no send finished in " + (now - lastProgress) / 1_000_000 + " ms; resume with since";
            closed = true;
            queue.clear();
        }
        fanout.dropped(this, OVERLOADED, why);
        closeChannel(OVERLOADED, why);
        return true;
    }

    /** Close from the server side (shutdown, refusal after opening): no more frames, then the channel closes. */
    void close(int code, String reason) {
        synchronized (this) {
            if (closed) return;
            closed = true;
            queue.clear();
        }
        closeChannel(code, reason);
    }

    /** The channel reported that it closed (the peer went away or the container closed it). */
    void channelClosed() {
        synchronized (this) {
            closed = true;
            queue.clear();
        }
    }

    synchronized boolean isClosed() { return closed; }

    Limits limits() { return limits; }

    synchronized int queuedFrames() { return queue.frames(); }

    synchronized long mergedPatches() { return queue.merged(); }

    /**
     * Whether frames are waiting or one is being sent, and the connection made progress (finished a
     * send or became busy) within {@code stallNanos}: a wedged socket is not counted as busy, so it does
     * not hold back everyone's cadence while its queue fills up to the cut-off.
     */
    synchronized boolean busy(long now, long stallNanos) {
        return !closed && (sending || !queue.isEmpty()) && now - lastProgress < stallNanos;
    }

    synchronized long sentFrames() { return sentFrames; }

    private void sendNext() {
        Frame next;
        List<Frame> run = null;
        synchronized (this) {
            if (batch && !closed) {
                run = queue.pollRun(SharedBatches.MAX_FRAMES, SharedBatches.MAX_BYTES);
                next = run.isEmpty() ? null : run.get(0);
            } else {
                next = closed ? null : queue.poll();
            }
            if (next == null) {
                sending = false;
                return;
            }
        }
        if (run != null && run.size() > 1) {
            try {
                next = SharedBatches.of(codec, run); // the same flush's frames: one batch frame shared by every such connection
            } catch (RuntimeException e) {
                sent(e); // a custom codec that cannot read its own frames: this connection only
                return;
            }
        }
        try {
            channel.send(next, this::sent);
        } catch (RuntimeException e) {
            sent(e);
        }
    }

    private void sent(Throwable failure) {
        if (failure != null) {
            boolean wasOpen;
            synchronized (this) {
                wasOpen = !closed;
                closed = true;
                sending = false;
                queue.clear();
            }
            if (wasOpen && PeerGone.is(failure)) {
                fanout.closed(this, PeerGone.ABNORMAL, PeerGone.reason(failure)); // a dropped client, not a server error: no log line
            } else if (wasOpen) {
                String why = "send failed: " + failure;
                fanout.dropped(this, 1011, why);
                closeChannel(1011, "send failed");
            }
            return;
        }
        synchronized (this) {
            sentFrames++;
            lastProgress = System.nanoTime();
        }
        submit(this::sendNext); // never recurse on the channel's completion thread
    }

    private void closeChannel(int code, String reason) {
        Runnable close = () -> {
            try {
                channel.close(code, reason);
            } catch (RuntimeException ignored) {
                // already closed underneath us: nothing left to tell the peer
            }
        };
        if (!submit(close)) close.run(); // the fanout is shutting down: close on this thread
    }

    /** Run on the senders' pool; false when the pool is shut down (the fanout closed), and then nothing more is sent. */
    private boolean submit(Runnable task) {
        try {
            executor.execute(task);
            return true;
        } catch (java.util.concurrent.RejectedExecutionException shutDown) {
            synchronized (this) {
                closed = true;
                sending = false;
                queue.clear();
            }
            return false;
        }
    }

    @Override public String toString() {
        return handshake.channel() + " " + handshake.path() + (handshake.user() == null ? "" : " (" + handshake.user().getName() + ")")
                + "@" + Integer.toHexString(System.identityHashCode(this));
    }
}
