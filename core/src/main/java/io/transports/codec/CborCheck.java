package io.transports.codec;

/**
 * A linear pre-check of a CBOR frame, before the parser reads it. Refused outright: a length or count
 * that cannot fit in the bytes left (the parser would try to allocate it), reserved or misplaced
 * bytes, a map key that is not a text string (the parser would turn an integer key into a name), and
 * every tag (the protocol has none; the Python reference refuses them too, bignums included — an
 * integer beyond what CBOR's major types hold is outside the 64-bit range anyway). Noted as
 * {@link Suspects}, for the reader to refuse with the item's path: text that is not valid UTF-8 (the
 * parser would decode an encoded surrogate into a lone one), and simple values other than false, true
 * and null (the parser reports simple value 16, byte 0xF0, as the integer 16).
 */
final class CborCheck {
    private CborCheck() {}

    /** The suspects of the frame's first item, or null when there are none; throws CodecException when malformed. */
    static Suspects check(byte[] b) {
        Suspects found = null;
        Containers open = new Containers();
        int at = 0;
        boolean chunks = false; // inside an indefinite-length string: only chunks of its major type, then a break
        int chunkMajor = 0;
        int chunkStart = 0;
        boolean chunkBad = false;
        do {
            if (at >= b.length) return found; // cut short: the parser says where
            int start = at;
            int ib = b[at++] & 0xFF;
            int major = ib >>> 5, info = ib & 0x1F;
            if (ib == 0xFF) { // break
                if (chunks) {
                    chunks = false;
                    if (chunkBad) found = note(found, chunkStart, "a string that is not valid UTF-8 cannot travel");
                    open.itemDone();
                    continue;
                }
                if (!open.indefinite()) throw malformed("a break (0xff) outside an indefinite-length container", start);
                if (open.inMap() && (open.had() & 1) != 0) throw malformed("a map ends after a key without its value", start);
                open.close();
                open.itemDone();
                continue;
            }
            if (chunks && (major != chunkMajor || info == 31)) {
                throw malformed("an indefinite-length string holds an item other than a definite chunk of its kind", start);
            }
            if (open.keyNext() && !chunks && major != 3) {
                throw malformed("a map key is not a text string", start);
            }
            long arg;
            if (info < 24) {
                arg = info;
            } else if (info <= 27) {
                int n = 1 << (info - 24);
                if (at + n > b.length) return found;
                arg = 0;
                for (int i = 0; i < n; i++) arg = (arg << 8) | (b[at + i] & 0xFF);
                at += n;
                if (arg < 0) arg = Long.MAX_VALUE; // above 2^63: as good as endless for a length
            } else if (info == 31) {
                arg = -1;
                if (major != 2 && major != 3 && major != 4 && major != 5) {
                    throw malformed("byte 0x" + Integer.toHexString(ib) + " is not a valid item", start);
                }
            } else {
                throw malformed("byte 0x" + Integer.toHexString(ib) + " uses a reserved length", start);
            }
            switch (major) {
                case 0, 1 -> open.itemDone();
                case 2, 3 -> {
                    if (arg < 0) {
                        chunks = true;
                        chunkMajor = major;
                        chunkStart = start;
                        chunkBad = false;
                        continue;
                    }
                    if (arg > b.length - at) throw malformed("an item declares " + arg + " bytes but only " + (b.length - at) + " remain", start);
                    if (major == 3 && Utf8.invalidAt(b, at, at + (int) arg) >= 0) {
                        if (chunks) chunkBad = true;
                        else found = note(found, start, "a string that is not valid UTF-8 cannot travel");
                    }
                    at += (int) arg;
                    if (!chunks) open.itemDone();
                }
                case 4, 5 -> {
                    long items = arg < 0 ? -1 : (major == 5 ? 2 * arg : arg);
                    long othersExpected = open.expectedAfter();
                    if (arg > b.length || items > (long) (b.length - at) - othersExpected) {
                        throw malformed("a container declares " + arg + " entries, more than the bytes left can hold", start);
                    }
                    if (items == 0) open.itemDone();
                    else open.open(items, major == 5);
                }
                case 6 -> throw malformed("CBOR tag " + arg + " is not part of the protocol", start);
                default -> { // major 7
                    if (info == 20 || info == 21 || info == 22 || info == 25 || info == 26 || info == 27) {
                        open.itemDone();
                    } else {
                        String what = info == 23 ? "undefined" : "simple value " + arg;
                        found = note(found, start, "the CBOR " + what + " (not false, true, null or a number)");
                        open.itemDone();
                    }
                }
            }
        } while (!open.isEmpty() || chunks);
        return found;
    }

    private static Suspects note(Suspects s, int at, String reason) {
        if (s == null) s = new Suspects();
        s.add(at, reason);
        return s;
    }

    private static CodecException malformed(String why, int at) {
        return new CodecException("malformed CBOR: " + why + " (at byte " + at + ")");
    }
}
