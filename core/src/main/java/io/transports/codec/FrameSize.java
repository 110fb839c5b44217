package io.transports.codec;

import io.transports.Frame;

/** The frame-size rule of {@link Limits}, checked before a single byte is parsed. */
final class FrameSize {
    private FrameSize() {}

    static void check(Frame frame, Limits limits) {
        int max = limits.maxBytes();
        // a char is at most 3 UTF-8 bytes, so short texts need no exact count
        if (frame.isText() && (long) frame.text().length() * 3 <= max) return;
        int size = frame.size();
        if (size > max) throw new CodecException("frame of " + size + " bytes exceeds the limit of " + max + " bytes");
    }

    static void check(String text, Limits limits) { check(Frame.ofText(text), limits); }
}
