package io.transports.codec;

/**
 * How much a codec accepts when decoding: the largest frame in bytes (UTF-8 length for text) and the
 * deepest nesting of Value containers (a List or Map counts one level). Encoding checks the depth too,
 * so a codec never writes a frame that a peer with the same limits must refuse.
 *
 * <pre>{@code
 * Codec small = Codecs.forName("json").withLimits(new Limits(64 * 1024, 32));
 * }</pre>
 *
 * @param maxBytes largest frame accepted, at least 1
 * @param maxDepth deepest Value nesting accepted, 1 to {@link #MAX_DEPTH}
 */
public record Limits(int maxBytes, int maxDepth) {
    /** The highest depth limit: the reader and writer descend recursively and must stay clear of the stack's end. */
    public static final int MAX_DEPTH = io.transports.value.Value.MAX_DEPTH;

    /** 16 MiB frames, 512 levels. */
    public static final Limits DEFAULT = new Limits(16 * 1024 * 1024, 512);

    public Limits {
        if (maxBytes < 1) throw new IllegalArgumentException("maxBytes must be at least 1, got " + maxBytes);
        if (maxDepth < 1 || maxDepth > MAX_DEPTH) {
            throw new IllegalArgumentException("maxDepth must be between 1 and " + MAX_DEPTH + ", got " + maxDepth);
        }
    }
}
