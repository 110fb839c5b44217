package io.transports.codec;

import io.transports.Frame;
import io.transports.protocol.Message;
import java.util.Objects;

/** A custom codec behind a frame-size check: what {@link Codec#withLimits} gives a codec that has no limits of its own. */
record SizeLimitedCodec(Codec inner, Limits limits) implements Codec {
    SizeLimitedCodec {
        Objects.requireNonNull(inner, "codec");
        Objects.requireNonNull(limits, "limits");
    }

    @Override public String name() { return inner.name(); }
    @Override public boolean binary() { return inner.binary(); }
    @Override public Frame encode(Message message) { return inner.encode(message); }

    @Override public Message decode(Frame frame) {
        if (frame == null) throw new CodecException("no frame to decode (null)");
        FrameSize.check(frame, limits);
        return inner.decode(frame);
    }

    @Override public Codec withLimits(Limits limits) { return new SizeLimitedCodec(inner, limits); }
}
