package io.transports.bridge;

import io.transports.value.Path;

/**
 * The path of the walk in progress, kept as a stack of raw segments (a key string, or an index) so
 * that walking allocates nothing; a {@link Path} is built only when an op or an error needs one.
 */
final class Trail {
    private String[] keys = new String[32];
    private int[] indexes = new int[32];
    private int size;

    int size() { return size; }

    void key(String k) {
        if (size == keys.length) grow();
        keys[size] = k;
        indexes[size++] = -1;
    }

    void index(int i) {
        if (size == keys.length) grow();
        keys[size] = null;
        indexes[size++] = i;
    }

    void pop() { size--; }

    void truncate(int n) { size = n; }

    private void grow() {
        keys = java.util.Arrays.copyOf(keys, size * 2);
        indexes = java.util.Arrays.copyOf(indexes, size * 2);
    }

    Path path() { return path(size); }

    /** The path made of the first {@code n} segments. */
    Path path(int n) {
        Path.Segment[] s = new Path.Segment[n];
        for (int i = 0; i < n; i++) s[i] = keys[i] != null ? new Path.Key(keys[i]) : new Path.Index(indexes[i]);
        return Path.of(s);
    }

    BridgeException error(String reason) { return new BridgeException(path(), reason); }

    DuplicateKeyException duplicateKey(String key) { return new DuplicateKeyException(path(), "two map keys both become \"" + key + "\""); }
}
