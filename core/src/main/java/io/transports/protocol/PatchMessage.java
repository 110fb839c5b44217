package io.transports.protocol;

import io.transports.patch.Patch;
import java.util.Objects;

/** {@code {"t":"patch","id":1,"patch":{...}}}: advances a mirror; also the shape of a client's proposal. */
public record PatchMessage(long id, Patch patch) implements Message {
    public PatchMessage { Objects.requireNonNull(patch, "patch"); }
    @Override public String t() { return "patch"; }
}
