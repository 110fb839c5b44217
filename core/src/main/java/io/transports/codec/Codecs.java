package io.transports.codec;

/** STUB — to be implemented: the codec name table and registry. */
public final class Codecs {
    private Codecs() {}

    /** The codec for a name of PROTOCOL.md's table (null or empty = JSON) or a registered content type. */
    public static Codec forName(String name) { throw new UnsupportedOperationException("not yet"); }
}
