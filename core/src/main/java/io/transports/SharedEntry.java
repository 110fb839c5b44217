package io.transports;

import io.transports.merge.Stamp;
import io.transports.patch.Patch;
import java.util.Objects;

/**
 * One revision of a hub's shared model as processes that serve it together log it: the patch its
 * subscribers got ({@code patch}, at the revision) and the write that made it ({@code write}, as the
 * writer sent it, at the writer's base revision) with the writer's origin. The write and origin are what
 * let another process replay the merge, so its strategy keeps the same stamps as the one that accepted it.
 */
public record SharedEntry(Patch patch, Patch write, String origin) {
    public SharedEntry {
        Objects.requireNonNull(patch, "patch");
        Objects.requireNonNull(write, "write");
        Objects.requireNonNull(origin, "origin");
    }

    /** The write's stamp: its base revision and its origin. */
    public Stamp stamp() { return new Stamp(write.rev(), origin); }
}
