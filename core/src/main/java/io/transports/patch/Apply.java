package io.transports.patch;

import io.transports.value.Value;
import java.util.List;

/** STUB — to be implemented: atomic application of ops (PROTOCOL.md "Operations"). */
public final class Apply {
    private Apply() {}

    /** The new value; throws PatchException naming the op and path, leaving {@code v} untouched. */
    public static Value apply(Value v, List<Op> ops) { throw new UnsupportedOperationException("apply: not yet"); }
}
