package io.transports;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One encoded message as it travels: a text frame (JSON) or a binary frame (MessagePack, CBOR).
 * Immutable, so one frame is shared by every connection of a codec.
 */
public final class Frame {
    private final String text;   // set for text frames
    private final byte[] bytes;  // set for binary frames; for text frames filled lazily with the UTF-8
    private int size = -1;       // the wire size, measured once: one frame goes to many connections (a racy but idempotent cache)

    private Frame(String text, byte[] bytes) {
        this.text = text;
        this.bytes = bytes;
    }

    public static Frame ofText(String text) { return new Frame(Objects.requireNonNull(text, "text"), null); }

    /** A binary frame; the array is copied. */
    public static Frame ofBytes(byte[] bytes) { return new Frame(null, bytes.clone()); }

    /** A binary frame that takes ownership of the array (codecs use this to avoid a copy). */
    public static Frame wrapBytes(byte[] bytes) { return new Frame(null, Objects.requireNonNull(bytes, "bytes")); }

    public boolean isText() { return text != null; }

    /** The text of a text frame. */
    public String text() {
        if (text == null) throw new IllegalStateException("a binary frame has no text; use bytes()");
        return text;
    }

    /** The bytes of the frame (UTF-8 for a text frame); a copy. */
    public byte[] bytes() { return text != null ? text.getBytes(StandardCharsets.UTF_8) : bytes.clone(); }

    /** The bytes without a copy, for codecs and adapters that promise not to change them. */
    public byte[] rawBytes() { return text != null ? text.getBytes(StandardCharsets.UTF_8) : bytes; }

    /** Size on the wire in bytes (UTF-8 length for text). */
    public int size() {
        int n = size;
        if (n < 0) size = n = text != null ? utf8Length(text) : bytes.length;
        return n;
    }

    private static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) n++;
            else if (c < 0x800) n += 2;
            else if (Character.isHighSurrogate(c)) { n += 4; i++; }
            else n += 3;
        }
        return n;
    }

    @Override public boolean equals(Object o) {
        return o instanceof Frame f && Objects.equals(f.text, text) && Arrays.equals(f.bytes, bytes);
    }
    @Override public int hashCode() { return text != null ? text.hashCode() : Arrays.hashCode(bytes); }
    @Override public String toString() { return text != null ? text : "<" + bytes.length + " bytes>"; }
}
