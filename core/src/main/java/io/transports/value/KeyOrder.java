package io.transports.value;

import java.util.Comparator;

/**
 * The order of map keys on the wire: by Unicode code point, which is the order of their UTF-8 bytes.
 * Java's {@link String#compareTo} orders UTF-16 units instead, which differs only when a key holds a
 * character above U+FFFF, so the fast path is the plain comparison.
 */
public final class KeyOrder implements Comparator<String> {
    public static final KeyOrder INSTANCE = new KeyOrder();

    private KeyOrder() {}

    @Override public int compare(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i), y = b.charAt(i);
            if (x != y) {
                // a surrogate (U+D800..U+DFFF) encodes a code point above every BMP char
                boolean sx = Character.isSurrogate(x), sy = Character.isSurrogate(y);
                if (sx != sy) return sx ? 1 : -1;
                return x - y;
            }
        }
        return a.length() - b.length();
    }
}
