package io.transports.codec;

import io.transports.patch.Op;
import io.transports.patch.Patch;
import io.transports.protocol.Message;
import io.transports.value.Path;
import io.transports.value.Value;

/**
 * The JSON form of docs/protocol.md for tools and tests: parse a Value, path, op, patch or message from
 * text (any key order, whitespace allowed) and write the canonical text back. Uses
 * {@link Limits#DEFAULT}; errors are CodecExceptions naming where, e.g.
 * {@code value.items[0]: Int expects an integer, got the number 1.5}.
 *
 * <pre>{@code
 * Value v = Json.parseValue("{\"Map\": {\"on\": {\"Bool\": true}}}");
 * String text = Json.write(v); // {"Map":{"on":{"Bool":true}}}
 * }</pre>
 */
public final class Json {
    /** Writing a bare Value, patch or op: any depth a Value may have (a frame keeps the codec's limit). */
    private static final Limits ANY_DEPTH = new Limits(Limits.DEFAULT.maxBytes(), Limits.MAX_DEPTH);

    private Json() {}

    public static Value parseValue(String json) { return parse(json, "value", r -> r.value(0)); }

    public static Patch parsePatch(String json) { return parse(json, "patch", FrameReader::patch); }

    public static Op parseOp(String json) { return parse(json, "op", FrameReader::op); }

    public static Path parsePath(String json) { return parse(json, "path", FrameReader::path); }

    /** A message frame's text, as the JSON codec decodes it. */
    public static Message parseMessage(String json) {
        if (json == null) throw new CodecException("no JSON text (null)");
        FrameSize.check(json, Limits.DEFAULT);
        return Format.JSON.readMessage(f -> f.createParser(json), Limits.DEFAULT);
    }

    /**
     * Canonical text: identical to {@code value.toString()} for every value that can travel.
     *
     * @throws CodecException naming the path of a string holding a lone surrogate (it cannot travel;
     *     {@code toString} shows it as a {@code \\uXXXX} escape instead)
     */
    public static String write(Value value) { return Format.text(ANY_DEPTH, "value", e -> e.value(value, 0)); }

    /** Canonical text: identical to {@code patch.toString()}. */
    public static String write(Patch patch) { return Format.text(ANY_DEPTH, "patch", e -> e.patch(patch)); }

    /** Canonical text: identical to {@code op.toString()}. */
    public static String write(Op op) { return Format.text(ANY_DEPTH, "op", e -> e.op(op)); }

    /** Canonical text: identical to {@code path.toString()}. */
    public static String write(Path path) { return Format.text(Limits.DEFAULT, "path", e -> e.pathValue(path)); }

    /** The JSON codec's frame text for a message. */
    public static String write(Message message) { return Format.text(Limits.DEFAULT, "", e -> e.message(message)); }

    private static <T> T parse(String json, String root, Format.Body<T> body) {
        if (json == null) throw new CodecException("no JSON text (null)");
        FrameSize.check(json, Limits.DEFAULT);
        return Format.JSON.read(f -> f.createParser(json), Limits.DEFAULT, root, body);
    }
}
