package io.transports.patch;

import io.transports.value.Value;
import java.util.List;

/** STUB — to be implemented: the ops that take one value to another (PROTOCOL.md "Diffing"). */
public final class Diff {
    private Diff() {}

    /** Ops such that {@code Apply.apply(a, diff(a, b))} equals {@code b}. */
    public static List<Op> diff(Value a, Value b) { throw new UnsupportedOperationException("diff: not yet"); }
}
