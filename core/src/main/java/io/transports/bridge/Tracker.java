package io.transports.bridge;

import io.transports.patch.Op;
import io.transports.value.Value;
import java.util.List;
import java.util.Objects;

/**
 * Dirty-checks one live object against its last Value. Plain Java objects cannot be observed, so
 * {@link #sync} walks the object beside the last value and emits ops only where they differ, with paths
 * from the root. Unchanged subtrees of the new value are the very same instances as before, so a sync
 * that finds nothing allocates nothing and {@link #value()} stays identical.
 *
 * <pre>{@code
 * Tracker t = Bridge.track(lamp);
 * lamp.on = true;
 * List<Op> ops = new ArrayList<>();
 * t.sync(ops);   // [{"Set":{"path":[{"Key":"on"}],"value":{"Bool":true}}}]
 * }</pre>
 *
 * <p>Not thread-safe: calls must be serialized (the Session does this).
 */
public final class Tracker {
    private Object root;
    private final Walker walker = new Walker();
    private Value value;

    Tracker(Object root) {
        this.root = Objects.requireNonNull(root, "root");
        this.value = walker.run(root, null);
    }

    /** The object this tracker watches. */
    public Object root() { return root; }

    /** The last value seen. */
    public Value value() { return value; }

    /**
     * Walk the live object beside the last value, append ops for what differs (paths from the root),
     * adopt the new value and return true if anything changed. Atomic: on a BridgeException nothing is
     * adopted and nothing is appended to {@code out}.
     */
    public boolean sync(List<Op> out) { return adopt(root, out); }

    /**
     * Watch {@code newRoot} from now on instead of the current root (how an immutable record changes:
     * the host supplies a new one), appending the ops that take the last value to the new object's
     * value. Atomic like {@link #sync}: on a BridgeException the tracker keeps its old root and value.
     */
    public boolean replace(Object newRoot, List<Op> out) { return adopt(Objects.requireNonNull(newRoot, "root"), out); }

    private boolean adopt(Object r, List<Op> out) {
        Value nv = walker.run(r, value);
        root = r;
        if (nv == value) return false;
        out.addAll(walker.ops);
        walker.ops.clear();
        value = nv;
        return true;
    }

    /** Adopt {@code v} as the last value (after the object was updated to match it). */
    public void reset(Value v) { value = Objects.requireNonNull(v, "value"); }
}
