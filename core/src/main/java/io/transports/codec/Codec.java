package io.transports.codec;

import io.transports.Frame;
import io.transports.protocol.Message;

/**
 * Turns logical messages into frames and back (docs/protocol.md "Codecs"). Implementations are immutable and
 * thread-safe; {@link Codecs#forName} finds the built-in ones and registered custom ones.
 */
public interface Codec {
    /** The canonical name: json, msgpack, cbor, or a registered content type. */
    String name();

    /** Whether frames are binary (false: text). */
    boolean binary();

    /** Encodes one message; throws CodecException if it cannot travel (e.g. nested deeper than the limit). */
    Frame encode(Message message);

    /** Decodes one frame; throws CodecException with a clear reason for malformed, oversize or over-deep frames. */
    Message decode(Frame frame);

    /**
     * This codec with other limits. The built-in codecs enforce both; for a custom codec the default
     * refuses oversize frames before they reach it, and nesting depth stays the custom codec's business.
     */
    default Codec withLimits(Limits limits) { return new SizeLimitedCodec(this, limits); }
}
