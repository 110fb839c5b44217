package io.transports.codec;

/**
 * A linear pre-check of a MessagePack frame: every declared length and element count must fit in the
 * bytes that remain. The MessagePack parser allocates what a header declares, so without this a
 * 40-byte frame claiming a 2 GB payload would make it try to allocate 2 GB.
 */
final class MessagePackCheck {
    private MessagePackCheck() {}

    static void check(byte[] b) {
        int at = 0;
        long pending = 1; // items still to read; each takes at least one byte
        while (pending > 0 && at < b.length) {
            int type = b[at] & 0xFF;
            int start = at++;
            pending--;
            long payload;
            if (type <= 0x7F || type >= 0xE0 || type == 0xC0 || type == 0xC2 || type == 0xC3) {
                payload = 0;
            } else if (type <= 0x8F) {
                payload = 0;
                pending += 2L * (type & 0x0F);
            } else if (type <= 0x9F) {
                payload = 0;
                pending += type & 0x0F;
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
                    case 0xDC -> { pending += length(b, at, 2); at += 2; payload = 0; }
                    case 0xDD -> { pending += length(b, at, 4); at += 4; payload = 0; }
                    case 0xDE -> { pending += 2 * length(b, at, 2); at += 2; payload = 0; }
                    case 0xDF -> { pending += 2 * length(b, at, 4); at += 4; payload = 0; }
                    default -> throw new CodecException("malformed MessagePack: byte 0x" + Integer.toHexString(type)
                            + " is not a type (at byte " + start + ")");
                }
            }
            if (at > b.length || payload > b.length - at) {
                throw new CodecException("malformed MessagePack: the item at byte " + start + " declares "
                        + payload + " bytes but only " + Math.max(0, b.length - at) + " remain");
            }
            at += (int) payload;
            if (pending > b.length - at) {
                throw new CodecException("malformed MessagePack: the container ending at byte " + at + " declares "
                        + pending + " more items than the " + (b.length - at) + " bytes left can hold");
            }
        }
    }

    /** An unsigned big-endian length of n bytes at the position, or a length that cannot fit if cut short. */
    private static long length(byte[] b, int at, int n) {
        if (at + n > b.length) return Long.MAX_VALUE / 4;
        long v = 0;
        for (int i = 0; i < n; i++) v = (v << 8) | (b[at + i] & 0xFF);
        return v;
    }
}
