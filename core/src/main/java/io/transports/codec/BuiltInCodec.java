package io.transports.codec;

import io.transports.Frame;
import io.transports.protocol.Message;
import java.util.Objects;

/**
 * The three codecs of docs/protocol.md: JSON writes canonical text frames; MessagePack and CBOR write binary
 * frames with the same keys and tags. All read through the one {@link FrameReader} and enforce
 * {@link Limits}. A JSON codec also reads a binary frame holding UTF-8 JSON; a binary codec refuses
 * text frames.
 */
record BuiltInCodec(String name, Format format, Limits limits) implements Codec {
    static final BuiltInCodec JSON = new BuiltInCodec("json", Format.JSON, Limits.DEFAULT);
    static final BuiltInCodec MSGPACK = new BuiltInCodec("msgpack", Format.MSGPACK, Limits.DEFAULT);
    static final BuiltInCodec CBOR = new BuiltInCodec("cbor", Format.CBOR, Limits.DEFAULT);

    @Override public boolean binary() { return format != Format.JSON; }

    @Override public Frame encode(Message message) {
        if (format == Format.JSON) return Frame.ofText(Format.text(limits, "", e -> e.message(message)));
        return Frame.wrapBytes(format.write(limits, "", e -> e.message(message)));
    }

    @Override public Message decode(Frame frame) {
        if (frame == null) throw new CodecException("no frame to decode (null)");
        if (binary() && frame.isText()) {
            throw new CodecException("the " + name + " codec expects a binary frame, got a text frame");
        }
        FrameSize.check(frame, limits);
        if (frame.isText()) {
            String text = frame.text();
            return format.readMessage(f -> f.createParser(text), limits);
        }
        byte[] bytes = frame.rawBytes();
        Suspects suspects = switch (format) {
            case MSGPACK -> MessagePackCheck.check(bytes);
            case CBOR -> CborCheck.check(bytes);
            case JSON -> Utf8.jsonStrings(bytes);
        };
        return format.readMessage(f -> f.createParser(bytes), limits, suspects);
    }

    @Override public Codec withLimits(Limits limits) {
        return new BuiltInCodec(name, format, Objects.requireNonNull(limits, "limits"));
    }

    @Override public String toString() { return name + " codec " + limits; }
}
