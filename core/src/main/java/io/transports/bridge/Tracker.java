package io.transports.bridge;

import io.transports.patch.Op;
import io.transports.value.Value;
import java.util.List;

/** STUB — to be implemented: dirty-checks one live object against its last Value. */
public final class Tracker {
    /** The last value seen. */
    public Value value() { throw new UnsupportedOperationException("not yet"); }

    /**
     * Walk the live object beside the last value, append ops for what differs (paths from the root),
     * adopt the new value and return true if anything changed. Atomic: on a BridgeException nothing is adopted.
     */
    public boolean sync(List<Op> out) { throw new UnsupportedOperationException("not yet"); }

    /** Adopt {@code v} as the last value (after the object was updated to match it). */
    public void reset(Value v) { throw new UnsupportedOperationException("not yet"); }
}
