package io.transports.codec;

import io.transports.patch.Patch;
import io.transports.value.Value;

/** STUB — replaced by the codec work: JSON text helpers. */
public final class Json {
    private Json() {}

    public static Value parseValue(String json) { throw new UnsupportedOperationException("not yet"); }

    public static Patch parsePatch(String json) { throw new UnsupportedOperationException("not yet"); }
}
