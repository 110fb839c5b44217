package io.transports.value;

/** Submodel: a reference to another hosted model by id, {@code {"Submodel": 3}} (reserved by the protocol). */
public final class SubmodelValue implements Value {
    private final long id;

    public SubmodelValue(long id) { this.id = id; }

    public long id() { return id; }

    @Override public String tag() { return "Submodel"; }
    @Override public boolean equals(Object o) { return o instanceof SubmodelValue s && s.id == id; }
    @Override public int hashCode() { return Long.hashCode(id) * 31 + 7; }
    @Override public String toString() { return "{\"Submodel\":" + id + "}"; }
}
