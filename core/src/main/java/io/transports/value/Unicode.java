package io.transports.value;

/**
 * The one text rule of the wire: a string travels only if it is valid Unicode, so a lone (unpaired)
 * UTF-16 surrogate is refused at every edge (decoding, encoding, bridging), as the Python reference
 * does. These helpers find one, and escape them for error messages, which must themselves be able to
 * travel (an error never echoes a lone surrogate raw).
 */
public final class Unicode {
    private Unicode() {}

    /** The index of the first lone surrogate in {@code s}, or -1 when it is valid Unicode. */
    public static int loneSurrogate(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < Character.MIN_SURROGATE) continue;
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** Why a string with a lone surrogate at {@code index} cannot travel, without echoing it raw. */
    public static String loneSurrogateReason(String s, int index) {
        return "the string holds a lone surrogate (\\u" + Integer.toHexString(s.charAt(index))
                + " at index " + index + "); only valid Unicode text can travel";
    }

    /** {@code s} with each lone surrogate written as the six characters {@code \\uXXXX}; valid text unchanged. */
    public static String escapeLoneSurrogates(String s) {
        if (s == null) return null;
        int first = loneSurrogate(s);
        if (first < 0) return s;
        StringBuilder b = new StringBuilder(s.length() + 8).append(s, 0, first);
        for (int i = first, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                b.append(c).append(s.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                b.append("\\u").append(Integer.toHexString(c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
