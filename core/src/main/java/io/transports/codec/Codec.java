package io.transports.codec;

import io.transports.Frame;
import io.transports.protocol.Message;

/** Turns logical messages into frames and back (PROTOCOL.md "Codecs"). Implementations are immutable and thread-safe. */
public interface Codec {
    /** The canonical name: json, msgpack, cbor, or a registered content type. */
    String name();

    /** Whether frames are binary (false: text). */
    boolean binary();

    Frame encode(Message message);

    /** Decodes one frame; throws CodecException with a clear reason for malformed, oversize or over-deep frames. */
    Message decode(Frame frame);
}
