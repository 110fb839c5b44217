package io.transports.codec;

/**
 * Strict UTF-8 checking of raw frame bytes. The parsers underneath repair bad UTF-8 quietly (an
 * encoded surrogate becomes a lone surrogate, an overlong NUL becomes NUL, MessagePack puts U+FFFD in
 * its place), so each format's pre-check uses this to find such strings before they are read.
 */
final class Utf8 {
    private Utf8() {}

    /** The offset of the first byte in [from, to) that starts no valid UTF-8 sequence, or -1 when all is valid. */
    static int invalidAt(byte[] b, int from, int to) {
        int i = from;
        while (i < to) {
            int c = b[i] & 0xFF;
            if (c < 0x80) { i++; continue; }
            int n;
            int lo = 0x80, hi = 0xBF; // the allowed range of the second byte
            if (c >= 0xC2 && c <= 0xDF) n = 1;
            else if (c == 0xE0) { n = 2; lo = 0xA0; }
            else if (c >= 0xE1 && c <= 0xEC || c == 0xEE || c == 0xEF) n = 2;
            else if (c == 0xED) { n = 2; hi = 0x9F; } // U+D800..U+DFFF are not characters
            else if (c == 0xF0) { n = 3; lo = 0x90; }
            else if (c >= 0xF1 && c <= 0xF3) n = 3;
            else if (c == 0xF4) { n = 3; hi = 0x8F; } // nothing above U+10FFFF
            else return i;
            if (i + n >= to) return i; // cut short
            int second = b[i + 1] & 0xFF;
            if (second < lo || second > hi) return i;
            for (int k = 2; k <= n; k++) {
                int cont = b[i + k] & 0xFF;
                if (cont < 0x80 || cont > 0xBF) return i;
            }
            i += n + 1;
        }
        return -1;
    }

    /**
     * The JSON pre-check of a binary frame: every string whose bytes are not valid UTF-8, by the offset
     * of its opening quote (where the parser's token starts). Bad bytes outside strings are the parser's
     * to refuse. Null when the frame is valid UTF-8.
     */
    static Suspects jsonStrings(byte[] b) {
        Suspects found = null;
        long lastQuote = -1;
        int from = 0;
        for (int bad; (bad = invalidAt(b, from, b.length)) >= 0; ) {
            int quote = openingQuote(b, bad);
            if (quote >= 0 && quote != lastQuote) {
                if (found == null) found = new Suspects();
                found.add(quote, "a string that is not valid UTF-8 cannot travel");
                lastQuote = quote;
            }
            from = bad + 1;
        }
        return found;
    }

    /** The nearest quote before {@code at} that is not escaped (an even run of backslashes before it), or -1. */
    private static int openingQuote(byte[] b, int at) {
        for (int i = at - 1; i >= 0; i--) {
            if (b[i] != '"') continue;
            int slashes = 0;
            for (int k = i - 1; k >= 0 && b[k] == '\\'; k--) slashes++;
            if ((slashes & 1) == 0) return i;
        }
        return -1;
    }
}
