package io.transports.codec;

import java.util.Arrays;

/**
 * The open containers of a byte-level pre-check ({@link CborCheck}, {@link MessagePackCheck}), kept on
 * an explicit stack so no frame can overflow the Java stack: how many items each still expects (or -1
 * for a CBOR container of indefinite length) and how many it has had, which tells a map key from a value.
 */
final class Containers {
    private long[] left = new long[16];
    private long[] had = new long[16];
    private boolean[] map = new boolean[16];
    private int size;
    private long expected; // the sum of left over the definite containers
    private int definite;  // how many of them there are

    boolean isEmpty() { return size == 0; }

    /** Whether the next item is a map key. */
    boolean keyNext() { return size > 0 && map[size - 1] && (had[size - 1] & 1) == 0; }

    boolean indefinite() { return size > 0 && left[size - 1] < 0; }

    boolean inMap() { return size > 0 && map[size - 1]; }

    long had() { return had[size - 1]; }

    /** Opens a container of {@code items} items (keys and values counted apart), -1 for indefinite. */
    void open(long items, boolean isMap) {
        if (size == left.length) {
            left = Arrays.copyOf(left, size * 2);
            had = Arrays.copyOf(had, size * 2);
            map = Arrays.copyOf(map, size * 2);
        }
        if (items > 0) {
            expected += items;
            definite++;
        }
        left[size] = items;
        had[size] = 0;
        map[size++] = isMap;
    }

    /** Closes the innermost container (a CBOR break). */
    void close() { size--; } // only indefinite containers are closed by a break

    /** One item is complete: count it, and close every container it completes. */
    void itemDone() {
        while (size > 0) {
            had[size - 1]++;
            if (left[size - 1] < 0) return;
            expected--;
            if (--left[size - 1] > 0) return;
            definite--;
            size--;
        }
    }

    /**
     * Items the definite containers still expect after the one being read (each container's current
     * item is the one open inside it, or the item being read); each takes at least one byte.
     */
    long expectedAfter() { return expected - definite; }
}
