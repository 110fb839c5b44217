package io.transports;

import io.transports.patch.Patch;
import java.util.Objects;

/**
 * A patch and the model it belongs to, as {@link Session#flush()} emits them. Prints like the Python
 * package's tuples: {@code (1, {"rev":1,"ops":[...]})}.
 */
public record ModelPatch(long id, Patch patch) {
    public ModelPatch { Objects.requireNonNull(patch, "patch"); }

    @Override public String toString() { return "(" + id + ", " + patch + ")"; }
}
