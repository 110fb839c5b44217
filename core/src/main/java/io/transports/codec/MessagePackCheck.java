package io.transports.codec;

/**
 * A linear pre-check of a MessagePack frame, before the parser reads it. Refused outright: a declared
 * length or element count that cannot fit in the bytes that remain (the parser allocates what a header
 * declares, so a 40-byte frame claiming 2 GB would make it try), the unused byte 0xc1, and a map key
 * that is not a string (the parser would turn an integer key into a name). Noted as {@link Suspects},
 * for the reader to refuse with the item's path: a string that is not valid UTF-8 (the parser would put
 * U+FFFD in place of the bad bytes without a word).
 */
final class MessagePackCheck {
    private MessagePackCheck() {}

    /** The suspects of the frame's first item, or null when there are none; throws CodecException when malformed. */
    static Suspects check(byte[] b) {
        Suspects found = null;
        Containers open = new Containers();
        int at = 0;
        do {
            if (at >= b.length) return found; // cut short: the parser says where
            int type = b[at] & 0xFF;
            int start = at++;
            boolean isString = type >= 0xA0 && type <= 0xBF || type == 0xD9 || type == 0xDA || type == 0xDB;
            if (open.keyNext() && !isString) {
                throw new CodecException("malformed MessagePack: a map key is not a string (at byte " + start + ")");
            }
            long payload;
            long items = 0;
            boolean map = false;
            if (type <= 0x7F || type >= 0xE0 || type == 0xC0 || type == 0xC2 || type == 0xC3) {
                payload = 0;
            } else if (type <= 0x8F) {
                payload = 0;
                items = 2L * (type & 0x0F);
                map = true;
            } else if (type <= 0x9F) {
                payload = 0;
                items = type & 0x0F;
            } else if (type <= 0xBF) {
                payload = type & 0x1F;
            } else {
                switch (type) {
                    case 0xC4, 0xD9 -> { payload = length(b, at, 1); at += 1; }
                    case 0xC5, 0xDA -> { payload = length(b, at, 2); at += 2; }
                    case 0xC6, 0xDB -> { payload = length(b, at, 4); at += 4; }
                    case 0xC7 -> { payload = length(b, at, 1) + 1; at += 1; }
                    case 0xC8 -> { payload = length(b, at, 2) + 1; at += 2; }
                    case 0xC9 -> { payload = length(b, at, 4) + 1; at += 4; }
                    case 0xCA, 0xCE, 0xD2 -> payload = 4;
                    case 0xCB, 0xCF, 0xD3 -> payload = 8;
                    case 0xCC, 0xD0 -> payload = 1;
                    case 0xCD, 0xD1 -> payload = 2;
                    case 0xD4 -> payload = 2;
                    case 0xD5 -> payload = 3;
                    case 0xD6 -> payload = 5;
                    case 0xD7 -> payload = 9;
                    case 0xD8 -> payload = 17;
                    case 0xDC -> { items = length(b, at, 2); at += 2; payload = 0; }
                    case 0xDD -> { items = length(b, at, 4); at += 4; payload = 0; }
                    case 0xDE -> { items = 2 * length(b, at, 2); at += 2; payload = 0; map = true; }
                    case 0xDF -> { items = 2 * length(b, at, 4); at += 4; payload = 0; map = true; }
                    default -> throw new CodecException("malformed MessagePack: byte 0x" + Integer.toHexString(type)
                            + " is not a type (at byte " + start + ")");
                }
            }
            if (at > b.length || payload > b.length - at) {
                throw new CodecException("malformed MessagePack: the item at byte " + start + " declares "
                        + payload + " bytes but only " + Math.max(0, b.length - at) + " remain");
            }
            if (isString && Utf8.invalidAt(b, at, at + (int) payload) >= 0) {
                if (found == null) found = new Suspects();
                found.add(start, "a string that is not valid UTF-8 cannot travel");
            }
            at += (int) payload;
            long othersExpected = open.expectedAfter();
            if (items > (long) (b.length - at) - othersExpected) {
                throw new CodecException("malformed MessagePack: the container at byte " + start + " declares "
                        + items + " items, more than the " + (b.length - at) + " bytes left can hold");
            }
            if (items > 0) open.open(items, map);
            else open.itemDone();
        } while (!open.isEmpty());
        return found;
    }

    /** An unsigned big-endian length of n bytes at the position, or a length that cannot fit if cut short. */
    private static long length(byte[] b, int at, int n) {
        if (at + n > b.length) return Long.MAX_VALUE / 4;
        long v = 0;
        for (int i = 0; i < n; i++) v = (v << 8) | (b[at + i] & 0xFF);
        return v;
    }
}
