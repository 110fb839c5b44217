package io.transports.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.msgpack.jackson.dataformat.MessagePackFactory;

/**
 * One wire format (JSON, MessagePack or CBOR): its shared, thread-safe Jackson factory, and the two
 * procedures every use goes through — run a {@link FrameReader} over some input, or an
 * {@link Encoder} into bytes — turning every parser or runtime failure into a CodecException.
 * Jackson's own nesting and length limits are lifted: {@link Limits} are the limits.
 */
enum Format {
    JSON("JSON", new JsonFactory()),
    // no parser resource reuse: reading a message whose t is not first opens a second parser on the frame
    MSGPACK("MessagePack", new MessagePackFactory().setReuseResourceInParser(false)),
    CBOR("CBOR", new CBORFactory());

    final String label;
    final JsonFactory factory;

    Format(String label, JsonFactory factory) {
        this.label = label;
        this.factory = factory;
        factory.setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(Integer.MAX_VALUE)
                .maxStringLength(Integer.MAX_VALUE)
                .maxNameLength(Integer.MAX_VALUE) // a map key is as long as a string may be: the frame size limits both
                .maxNumberLength(10_000)
                .build());
        factory.setStreamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(Integer.MAX_VALUE).build());
    }

    /** Opens a parser over the input of one read. */
    interface Input {
        JsonParser open(JsonFactory f) throws IOException;
    }

    /** What to read once the parser stands on the first token. */
    interface Body<T> {
        T read(FrameReader r) throws IOException;
    }

    /** Reads one top-level item (nothing may follow it) with every failure as a CodecException. */
    <T> T read(Input in, Limits limits, String root, Body<T> body) { return read(in, limits, root, null, body); }

    /** Reads with the {@link Suspects} of the format's byte-level pre-check (null: none). */
    <T> T read(Input in, Limits limits, String root, Suspects suspects, Body<T> body) {
        FrameReader r = null;
        try (JsonParser p = in.open(factory)) {
            r = new FrameReader(p, limits, this == JSON, root);
            r.suspects = suspects;
            r.start();
            T result = body.read(r);
            r.end();
            if (suspects != null) throw new CodecException("malformed " + label + ": " + suspects.first()); // in a part read unchecked
            return result;
        } catch (CodecException e) {
            throw e;
        } catch (JsonProcessingException e) {
            throw new CodecException("malformed " + label + (r == null ? "" : " at " + r.where) + ": "
                    + e.getOriginalMessage() + location(e.getLocation()), e);
        } catch (IOException | RuntimeException e) {
            throw new CodecException("cannot decode " + label + (r == null ? "" : " at " + r.where) + ": " + reason(e), e);
        }
    }

    /** Reads one message frame; when {@code t} is not the first field a second parser finds it. */
    io.transports.protocol.Message readMessage(Input in, Limits limits) { return readMessage(in, limits, null); }

    io.transports.protocol.Message readMessage(Input in, Limits limits, Suspects suspects) {
        return read(in, limits, "", suspects, r -> r.message(() -> {
            try (JsonParser scan = in.open(factory)) {
                return new FrameReader(scan, limits, this == JSON, "").scanT();
            }
        }));
    }

    /** Writes through an Encoder into bytes (binary formats). */
    byte[] write(Limits limits, String root, Writing body) {
        try {
            if (this == MSGPACK) {
                PackerSink sink = new PackerSink();
                body.write(new Encoder(sink, limits, root));
                return sink.bytes();
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
            try (JsonGenerator g = factory.createGenerator(bytes)) {
                body.write(new Encoder(new GeneratorSink(g), limits, root));
            }
            return bytes.toByteArray();
        } catch (CodecException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new CodecException("cannot encode " + label + ": " + reason(e), e);
        }
    }

    /** Writes canonical JSON text through an Encoder. */
    static String text(Limits limits, String root, Writing body) {
        StringBuilder b = new StringBuilder(128);
        try {
            body.write(new Encoder(new TextSink(b), limits, root));
        } catch (CodecException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new CodecException("cannot encode JSON: " + reason(e), e);
        }
        return b.toString();
    }

    interface Writing {
        void write(Encoder e) throws IOException;
    }

    /** An exception's message, or its class name when it has none (a bare NullPointerException). */
    private static String reason(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private String location(JsonLocation at) {
        if (at == null) return "";
        if (this == JSON && at.getLineNr() > 0) return " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        return at.getByteOffset() >= 0 ? " (at byte " + at.getByteOffset() + ")" : "";
    }
}
