package io.transports.codec;

import java.util.Arrays;

/**
 * What a format's byte-level pre-check found wrong with items the parser would otherwise read without
 * complaint (a string whose UTF-8 is invalid, a CBOR simple value posing as a number): each item's
 * byte offset and the reason. The reader refuses such an item when it reaches it, naming its path; an
 * item it skipped unread is refused by its byte offset after the frame was read.
 */
final class Suspects {
    private long[] offsets = new long[4];
    private String[] reasons = new String[4];
    private int size;

    void add(long offset, String reason) {
        if (size == offsets.length) {
            offsets = Arrays.copyOf(offsets, size * 2);
            reasons = Arrays.copyOf(reasons, size * 2);
        }
        offsets[size] = offset; // the pre-checks walk forward, so offsets come sorted
        reasons[size++] = reason;
    }

    boolean isEmpty() { return size == 0; }

    /** The reason the item at this offset is refused, or null when it is fine. */
    String at(long offset) {
        int i = Arrays.binarySearch(offsets, 0, size, offset);
        return i >= 0 ? reasons[i] : null;
    }

    /** The first suspect, in words, for a frame whose suspect items were all skipped. */
    String first() { return reasons[0] + " (at byte " + offsets[0] + ")"; }
}
