package io.transports.crdt;

import java.util.Objects;

/**
 * The stable identity of one sequence element: the dot of the operation that inserted it and its
 * position within that operation's values (one insert of "hi" makes two elements). Ordered by dot,
 * then index. Sequences are addressed by these ids, never by list positions.
 */
public record ElementId(Dot dot, int index) implements Comparable<ElementId> {
    public ElementId {
        Objects.requireNonNull(dot, "dot");
        if (index < 0) throw new CrdtException("an element index is never negative, got " + index);
    }

    @Override public int compareTo(ElementId o) {
        int c = dot.compareTo(o.dot);
        return c != 0 ? c : Integer.compare(index, o.index);
    }

    @Override public String toString() { return dot + "#" + index; }
}
