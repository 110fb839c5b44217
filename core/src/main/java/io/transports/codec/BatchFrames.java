package io.transports.codec;

import io.transports.Frame;
import io.transports.protocol.Batch;
import io.transports.protocol.Message;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a batch frame ({@code {"t":"batch","msgs":[...]}}, docs/protocol.md "Batch frames") from frames
 * already encoded, by splicing their bytes into the envelope instead of decoding and re-encoding them:
 * for the built-in codecs, the envelope is a two-entry map whose {@code msgs} array header is written
 * here and whose elements are the frames as they are. The result is the frame the codec itself would
 * write for the same {@link Batch}. A custom codec's frames are decoded and the batch encoded by it.
 */
public final class BatchFrames {
    private BatchFrames() {}

    /**
     * One batch frame holding these frames' messages in order.
     *
     * @throws CodecException when a custom codec cannot decode a frame, or a frame is itself a batch
     *         (only checked for custom codecs: the connection layer never passes one)
     */
    public static Frame splice(Codec codec, List<Frame> frames) {
        if (codec instanceof BuiltInCodec b) {
            return switch (b.format()) {
                case JSON -> json(frames);
                case MSGPACK -> binary(frames, MSGPACK_HEAD, msgpackArray(frames.size()));
                case CBOR -> binary(frames, CBOR_HEAD, cborArray(frames.size()));
            };
        }
        List<Message> msgs = new ArrayList<>(frames.size());
        for (Frame f : frames) msgs.add(codec.decode(f));
        try {
            return codec.encode(new Batch(msgs));
        } catch (IllegalArgumentException e) {
            throw new CodecException("cannot batch these frames: " + e.getMessage(), e);
        }
    }

    private static Frame json(List<Frame> frames) {
        int length = 22;
        for (Frame f : frames) length += f.text().length() + 1;
        StringBuilder sb = new StringBuilder(length).append("{\"t\":\"batch\",\"msgs\":[");
        for (int i = 0; i < frames.size(); i++) {
            if (i > 0) sb.append(',');
            sb.append(frames.get(i).text());
        }
        return Frame.ofText(sb.append("]}").toString());
    }

    // {"t":"batch","msgs": as a two-entry map with short strings, in MessagePack and in CBOR
    private static final byte[] MSGPACK_HEAD = {(byte) 0x82, (byte) 0xa1, 't', (byte) 0xa5, 'b', 'a', 't', 'c', 'h', (byte) 0xa4, 'm', 's', 'g', 's'};
    private static final byte[] CBOR_HEAD = {(byte) 0xa2, 0x61, 't', 0x65, 'b', 'a', 't', 'c', 'h', 0x64, 'm', 's', 'g', 's'};

    private static Frame binary(List<Frame> frames, byte[] head, byte[] arrayHeader) {
        int length = head.length + arrayHeader.length;
        for (Frame f : frames) length += f.rawBytes().length;
        ByteArrayOutputStream out = new ByteArrayOutputStream(length);
        out.writeBytes(head);
        out.writeBytes(arrayHeader);
        for (Frame f : frames) out.writeBytes(f.rawBytes());
        return Frame.wrapBytes(out.toByteArray());
    }

    private static byte[] msgpackArray(int n) {
        if (n < 16) return new byte[] {(byte) (0x90 | n)};
        if (n < 0x10000) return new byte[] {(byte) 0xdc, (byte) (n >>> 8), (byte) n};
        return new byte[] {(byte) 0xdd, (byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
    }

    private static byte[] cborArray(int n) {
        if (n < 24) return new byte[] {(byte) (0x80 | n)};
        if (n < 0x100) return new byte[] {(byte) 0x98, (byte) n};
        if (n < 0x10000) return new byte[] {(byte) 0x99, (byte) (n >>> 8), (byte) n};
        return new byte[] {(byte) 0x9a, (byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
    }
}
