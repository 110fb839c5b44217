package io.transports.patch;

import io.transports.value.Path;
import io.transports.value.Value;
import java.util.Arrays;
import java.util.Objects;

/**
 * One edit of a model's value (docs/protocol.md "Patch and operations"). Six kinds, each an immutable record whose
 * {@code toString} is its canonical JSON form: fields in the order docs/protocol.md lists them.
 */
public sealed interface Op permits Op.Set, Op.Remove, Op.Insert, Op.RemoveAt, Op.Move, Op.Reorder {

    /** The container (or, for Set/Remove, the slot) the op addresses. */
    Path path();

    /** The wire name of the op: Set, Remove, Insert, RemoveAt, Move or Reorder. */
    String name();

    /** Set or replace the value at the path; on a Map parent a new key is added; the root path replaces the model. */
    record Set(Path path, Value value) implements Op {
        public Set { Objects.requireNonNull(path, "path"); Objects.requireNonNull(value, "value"); }
        @Override public String name() { return "Set"; }
        @Override public String toString() { return "{\"Set\":{\"path\":" + path + ",\"value\":" + value + "}}"; }
    }

    /** Delete the map entry the path names (its last segment is a Key). */
    record Remove(Path path) implements Op {
        public Remove { Objects.requireNonNull(path, "path"); }
        @Override public String name() { return "Remove"; }
        @Override public String toString() { return "{\"Remove\":{\"path\":" + path + "}}"; }
    }

    /** Insert into the list at the path before position index (index = length appends). */
    record Insert(Path path, int index, Value value) implements Op {
        public Insert { Objects.requireNonNull(path, "path"); Objects.requireNonNull(value, "value"); }
        @Override public String name() { return "Insert"; }
        @Override public String toString() {
            return "{\"Insert\":{\"path\":" + path + ",\"index\":" + index + ",\"value\":" + value + "}}";
        }
    }

    /** Remove element index of the list at the path. */
    record RemoveAt(Path path, int index) implements Op {
        public RemoveAt { Objects.requireNonNull(path, "path"); }
        @Override public String name() { return "RemoveAt"; }
        @Override public String toString() { return "{\"RemoveAt\":{\"path\":" + path + ",\"index\":" + index + "}}"; }
    }

    /** Move element from of the list at the path so that it ends at index to. */
    record Move(Path path, int from, int to) implements Op {
        public Move { Objects.requireNonNull(path, "path"); }
        @Override public String name() { return "Move"; }
        @Override public String toString() {
            return "{\"Move\":{\"path\":" + path + ",\"from\":" + from + ",\"to\":" + to + "}}";
        }
    }

    /** Permute the whole list at the path: new[k] = old[order[k]]. */
    record Reorder(Path path, int[] order) implements Op {
        public Reorder { Objects.requireNonNull(path, "path"); order = order.clone(); }
        @Override public int[] order() { return order.clone(); }
        /** Element k of the order without copying it. */
        public int orderAt(int k) { return order[k]; }
        public int length() { return order.length; }
        @Override public String name() { return "Reorder"; }
        @Override public boolean equals(Object o) {
            return o instanceof Reorder r && r.path.equals(path) && Arrays.equals(r.order, order);
        }
        @Override public int hashCode() { return path.hashCode() * 31 + Arrays.hashCode(order); }
        @Override public String toString() {
            return "{\"Reorder\":{\"path\":" + path + ",\"order\":" + Arrays.toString(order).replace(" ", "") + "}}";
        }
    }

}
