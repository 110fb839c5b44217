package io.transports;

import io.transports.bridge.Bridge;
import com.fasterxml.jackson.databind.JsonNode;
import io.transports.codec.Json;
import io.transports.codec.PlainData;
import io.transports.patch.Apply;
import io.transports.patch.Diff;
import io.transports.patch.Patch;
import io.transports.value.Value;

/**
 * The low-level operations, for tools and tests: Java objects to and from Values, diff and apply,
 * the canonical JSON text, and plain data (Jackson trees, Maps and Lists) without the tags.
 *
 * <pre>{@code
 * Value v = Transports.toValue(new Device("lamp", true));
 * Patch p = Transports.diff(v, Transports.toValue(new Device("lamp", false)));
 * Transports.toJson(p);   // {"rev":0,"ops":[{"Set":{"path":[{"Key":"on"}],"value":{"Bool":false}}}]}
 * }</pre>
 */
public final class Transports {
    private Transports() {}

    /** A Java object as a Value. @throws io.transports.bridge.BridgeException naming the path of what cannot travel */
    public static Value toValue(Object o) { return Bridge.toValue(o); }

    /** A Value read into a Java class. @throws io.transports.bridge.BridgeException naming the path and the mismatch */
    public static <T> T fromValue(Value v, Class<T> type) { return Bridge.fromValue(v, type); }

    /** The patch (rev 0) that takes {@code a} to {@code b}. */
    public static Patch diff(Value a, Value b) { return new Patch(0, Diff.diff(a, b)); }

    /** The value after applying the patch. @throws io.transports.patch.PatchException naming the op and path; {@code v} is unchanged */
    public static Value apply(Value v, Patch p) { return Apply.apply(v, p.ops()); }

    public static Value parseValue(String json) { return Json.parseValue(json); }

    public static Patch parsePatch(String json) { return Json.parsePatch(json); }

    /**
     * Canonical JSON text: map keys in code-point order, no whitespace.
     *
     * @throws io.transports.codec.CodecException naming the path of a string that cannot travel (a lone surrogate)
     */
    public static String toJson(Value v) { return Json.write(v); }

    /** Canonical JSON text of a patch: {@code {"rev":..,"ops":[..]}}. */
    public static String toJson(Patch p) { return p.toString(); }

    /** The value as a Jackson tree, without the tags and without going through text (see {@link PlainData}). */
    public static JsonNode toJsonNode(Value v) { return PlainData.toJsonNode(v); }

    /** A Jackson tree as a Value: integral numbers are Ints, other numbers Floats (see {@link PlainData}). */
    public static Value fromJsonNode(JsonNode node) { return PlainData.fromJsonNode(node); }

    /** The value as plain Java data: null, Boolean, Long, Double, String, List, Map (see {@link PlainData}). */
    public static Object toPlain(Value v) { return PlainData.toPlain(v); }

    /** Plain Java data (null, Boolean, Number, String, List, Map) as a Value (see {@link PlainData}). */
    public static Value fromPlain(Object o) { return PlainData.fromPlain(o); }
}
