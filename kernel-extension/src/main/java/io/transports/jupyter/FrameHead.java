package io.transports.jupyter;

import io.transports.Frame;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the routing of frames to views needs to know about a frame without decoding it: its kind,
 * model id and revision, read from the head of the text. Our encoder writes a message's fields in
 * PROTOCOL.md's order ({@code t}, {@code id}, then {@code type}/{@code rev} or {@code patch.rev}), so
 * a large snapshot or patch costs nothing here; a frame whose head does not read is {@link #OTHER}.
 */
record FrameHead(String kind, long id, long rev) {
    static final FrameHead OTHER = new FrameHead("other", 0, -1);

    private static final Pattern PATCH = Pattern.compile("^\\{\"t\":\"patch\",\"id\":(\\d+),\"patch\":\\{\"rev\":(\\d+)");
    private static final Pattern SNAPSHOT =
            Pattern.compile("^\\{\"t\":\"snapshot\",\"id\":(\\d+),\"type\":\"(?:[^\"\\\\]|\\\\.)*\",\"rev\":(\\d+)");
    private static final Pattern REJECT = Pattern.compile("^\\{\"t\":\"reject\",\"id\":(\\d+),\"rev\":(\\d+)");
    /** Enough for the longest type name we would meet before {@code rev}. */
    private static final int HEAD = 600;

    static FrameHead of(Frame f) {
        if (!f.isText()) return ofMsgpack(f.bytes());
        String text = f.text();
        CharSequence head = text.length() > HEAD ? text.subSequence(0, HEAD) : text;
        FrameHead h = match(PATCH, head, "patch");
        if (h == null) h = match(SNAPSHOT, head, "snapshot");
        if (h == null) h = match(REJECT, head, "reject");
        return h == null ? OTHER : h;
    }

    private static FrameHead match(Pattern p, CharSequence head, String kind) {
        Matcher m = p.matcher(head);
        if (!m.find()) return null;
        try {
            return new FrameHead(kind, Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * The head of a MessagePack frame: a map whose first entries are {@code t}, {@code id}, then
     * {@code type} and {@code rev} (snapshot), {@code patch} → {@code rev} (patch) or {@code rev} (reject).
     */
    static FrameHead ofMsgpack(byte[] b) {
        try {
            Msgpack r = new Msgpack(b);
            r.mapHeader();
            if (!"t".equals(r.string())) return OTHER;
            String kind = r.string();
            if (!"id".equals(r.string())) return OTHER;
            long id = r.integer();
            switch (kind) {
                case "snapshot" -> {
                    if (!"type".equals(r.string())) return OTHER;
                    r.string();
                    if (!"rev".equals(r.string())) return OTHER;
                }
                case "patch" -> {
                    if (!"patch".equals(r.string())) return OTHER;
                    r.mapHeader();
                    if (!"rev".equals(r.string())) return OTHER;
                }
                case "reject" -> {
                    if (!"rev".equals(r.string())) return OTHER;
                }
                default -> {
                    return OTHER;
                }
            }
            return new FrameHead(kind, id, r.integer());
        } catch (RuntimeException e) {
            return OTHER;
        }
    }

    /** Just enough MessagePack reading for a frame's head. */
    private static final class Msgpack {
        private final byte[] b;
        private int at;

        Msgpack(byte[] b) {
            this.b = b;
        }

        private int u8() {
            return b[at++] & 0xff;
        }

        private long be(int n) {
            long v = 0;
            for (int i = 0; i < n; i++) v = (v << 8) | u8();
            return v;
        }

        void mapHeader() {
            int t = u8();
            if ((t & 0xf0) == 0x80) return;
            if (t == 0xde) at += 2;
            else if (t == 0xdf) at += 4;
            else throw new IllegalArgumentException("not a map");
        }

        String string() {
            int t = u8();
            int n;
            if ((t & 0xe0) == 0xa0) n = t & 0x1f;
            else if (t == 0xd9) n = (int) be(1);
            else if (t == 0xda) n = (int) be(2);
            else if (t == 0xdb) n = (int) be(4);
            else throw new IllegalArgumentException("not a string");
            String s = new String(b, at, n, java.nio.charset.StandardCharsets.UTF_8);
            at += n;
            return s;
        }

        long integer() {
            int t = u8();
            if (t <= 0x7f) return t;
            return switch (t) {
                case 0xcc -> be(1);
                case 0xcd -> be(2);
                case 0xce -> be(4);
                case 0xcf, 0xd3 -> be(8);
                case 0xd0 -> (byte) be(1);
                case 0xd1 -> (short) be(2);
                case 0xd2 -> (int) be(4);
                default -> throw new IllegalArgumentException("not an integer");
            };
        }
    }

    boolean isPatch() {
        return kind.equals("patch");
    }

    boolean isSnapshot() {
        return kind.equals("snapshot");
    }
}
