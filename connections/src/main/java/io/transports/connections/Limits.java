package io.transports.connections;

/**
 * Bounds that keep one connection from hurting the others. {@code maxQueuedFrames} and
 * {@code maxQueuedBytes} bound what waits to be sent to one connection (the opening snapshots are
 * always admitted); past either, the connection is closed with code 1013 and its client resumes.
 * {@code maxInboundBytes} bounds one frame from a client; a bigger one closes the connection with
 * code 1009 (WebSocket). {@code sseKeepAliveMillis} is how often an idle SSE stream gets a comment line,
 * which also finds streams whose reader has gone. {@code stallMillis}: a connection with frames waiting
 * whose sends have made no progress for this long (a wedged socket) is closed with 1013 too — a lagging
 * reader's patches coalesce (see {@code PendingFrames}), so its queue alone may never overflow.
 */
public record Limits(int maxQueuedFrames, long maxQueuedBytes, int maxInboundBytes, long sseKeepAliveMillis,
                     long stallMillis) {
    /** 1024 frames or 16 MiB queued per connection; 1 MiB per inbound frame; SSE keep-alive every 15 s; cut after 30 s without progress. */
    public static final Limits DEFAULT = new Limits(1024, 16L << 20, 1 << 20, 15_000, 30_000);

    public Limits {
        if (maxQueuedFrames < 1) throw new IllegalArgumentException("maxQueuedFrames must be >= 1, got " + maxQueuedFrames);
        if (maxQueuedBytes < 1) throw new IllegalArgumentException("maxQueuedBytes must be >= 1, got " + maxQueuedBytes);
        if (maxInboundBytes < 64) throw new IllegalArgumentException("maxInboundBytes must be >= 64, got " + maxInboundBytes);
        if (sseKeepAliveMillis < 10) throw new IllegalArgumentException("sseKeepAliveMillis must be >= 10, got " + sseKeepAliveMillis);
        if (stallMillis < 10) throw new IllegalArgumentException("stallMillis must be >= 10, got " + stallMillis);
    }

    public Limits withQueue(int frames, long bytes) {
        return new Limits(frames, bytes, maxInboundBytes, sseKeepAliveMillis, stallMillis);
    }

    public Limits withMaxInboundBytes(int bytes) {
        return new Limits(maxQueuedFrames, maxQueuedBytes, bytes, sseKeepAliveMillis, stallMillis);
    }

    public Limits withSseKeepAliveMillis(long ms) {
        return new Limits(maxQueuedFrames, maxQueuedBytes, maxInboundBytes, ms, stallMillis);
    }

    public Limits withStallMillis(long ms) {
        return new Limits(maxQueuedFrames, maxQueuedBytes, maxInboundBytes, sseKeepAliveMillis, ms);
    }
}
