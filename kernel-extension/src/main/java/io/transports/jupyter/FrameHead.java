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
        if (!f.isText()) return OTHER;
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

    boolean isPatch() {
        return kind.equals("patch");
    }

    boolean isSnapshot() {
        return kind.equals("snapshot");
    }
}
