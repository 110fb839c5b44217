package io.transports.patch;

import java.util.List;

/**
 * {@code {"rev": 4, "ops": [...]}}: the ops that take a model to revision {@code rev}, applied in order.
 * Immutable; {@code toString} is the canonical JSON form.
 */
public record Patch(long rev, List<Op> ops) {
    public Patch {
        ops = List.copyOf(ops);
    }

    public boolean isEmpty() { return ops.isEmpty(); }

    @Override public String toString() {
        StringBuilder b = new StringBuilder("{\"rev\":").append(rev).append(",\"ops\":[");
        for (int i = 0; i < ops.size(); i++) {
            if (i > 0) b.append(',');
            b.append(ops.get(i));
        }
        return b.append("]}").toString();
    }
}
