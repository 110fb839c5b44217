package io.transports.patch;

import io.transports.value.Value;
import java.util.List;
import java.util.Objects;

/**
 * Applies ops to a value atomically (docs/protocol.md "Patch and operations"): either every op fits and the new value
 * comes back, sharing every untouched subtree with the old one, or a {@link PatchException} says which
 * op failed and why, e.g. {@code op 2 (RemoveAt) at items: index 5 out of range for a list of 3}, and
 * the old value is exactly as it was (values are immutable; the work happens on private drafts).
 *
 * <pre>{@code
 * Value v = Value.list(Value.of("a"), Value.of("b"), Value.of("c"));
 * Value moved = Apply.apply(v, List.of(new Op.Move(Path.ROOT, 0, 2))); // ["b","c","a"]
 * }</pre>
 *
 * <p>Choices the shared protocol leaves open (docs/protocol.md "Ops"): a Set whose last segment is an Index replaces an element and
 * refuses an index at or past the end (Insert is the way to add); Remove of an absent key is refused
 * ("missing key"), as is any op whose path walks through an absent key or an index past the end.
 */
public final class Apply {
    private Apply() {}

    /** The new value; throws PatchException naming the op and path, leaving {@code v} untouched. */
    public static Value apply(Value v, List<Op> ops) {
        Objects.requireNonNull(v, "value");
        Objects.requireNonNull(ops, "ops");
        if (ops.isEmpty()) return v;
        Edit edit = new Edit(v);
        for (int i = 0; i < ops.size(); i++) edit.apply(i, ops.get(i));
        return edit.result();
    }

    /** The ops of the patch applied to {@code v}; its revision is the caller's business. */
    public static Value apply(Value v, Patch patch) { return apply(v, patch.ops()); }
}
