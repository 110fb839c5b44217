package io.transports.codec;

import io.transports.value.ValueText;
import java.util.Arrays;

/**
 * The reader's or writer's current position, kept as a cheap stack of field names, map keys and list
 * indexes and turned into text only when an error needs it: {@code patch.ops[2].Move.from},
 * {@code value.items[0]}, {@code value["a key"]}.
 */
final class Where {
    private static final int SHOWN = 240; // longer locations keep their head and tail

    private final String root;
    private String[] names = new String[16]; // null marks an index step
    private int[] indexes = new int[16];
    private int size;

    /** @param root the label of the starting point, e.g. "value" for a bare Value, or "" for a message's fields */
    Where(String root) { this.root = root; }

    void name(String name) {
        grow();
        names[size++] = name;
    }

    void index(int index) {
        grow();
        names[size] = null;
        indexes[size++] = index;
    }

    void pop() { names[--size] = null; }

    private void grow() {
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
            indexes = Arrays.copyOf(indexes, size * 2);
        }
    }

    @Override public String toString() {
        StringBuilder b = new StringBuilder(root);
        for (int i = 0; i < size; i++) {
            String n = names[i];
            if (n == null) {
                b.append('[').append(indexes[i]).append(']');
            } else if (plain(n)) {
                if (b.length() > 0) b.append('.');
                b.append(n);
            } else {
                b.append('[');
                ValueText.quote(n, b);
                b.append(']');
            }
        }
        if (b.length() == 0) return "message";
        if (b.length() > SHOWN) return b.substring(0, SHOWN / 2) + "..." + b.substring(b.length() - SHOWN / 2);
        return b.toString();
    }

    private static boolean plain(String n) {
        if (n.isEmpty() || !(Character.isLetter(n.charAt(0)) || n.charAt(0) == '_')) return false;
        for (int i = 1; i < n.length(); i++) {
            char c = n.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-')) return false;
        }
        return true;
    }
}
