package io.transports;

import io.transports.bridge.Bridge;
import io.transports.codec.Json;
import io.transports.patch.Apply;
import io.transports.patch.Diff;
import io.transports.patch.Patch;
import io.transports.value.Value;

/**
 * The low-level operations, for tools and tests: Java objects to and from Values, diff and apply,
 * and the canonical JSON text.
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
}
