package io.transports.crdt;

import io.transports.value.KeyOrder;
import io.transports.value.Value;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The reducer state of one node, shaped by its policy (the reference's NodeState): a register's value
 * and dot; a map's entries with the dots that wrote them and the dots removes observed; a set's members
 * by key with their adds; a sequence's elements by id (predecessor, node, inserted) and the dots that
 * deleted each. Mutable and package-private: only {@link CrdtDocument} changes it.
 */
abstract sealed class Node {
    static Node empty(CrdtPolicy p) {
        if (p instanceof CrdtPolicy.Register) return new Reg();
        if (p instanceof CrdtPolicy.MapPolicy) return new MapNode();
        if (p instanceof CrdtPolicy.SetPolicy) return new SetNode();
        return new Seq();
    }

    abstract Node copy();

    static final class Reg extends Node {
        Value value; // null: none
        Dot dot;     // null: never written

        @Override Reg copy() {
            Reg r = new Reg();
            r.value = value;
            r.dot = dot;
            return r;
        }
    }

    static final class MapNode extends Node {
        final TreeMap<String, Entry> entries = new TreeMap<>(KeyOrder.INSTANCE);

        @Override MapNode copy() {
            MapNode m = new MapNode();
            entries.forEach((k, e) -> m.entries.put(k, e.copy()));
            return m;
        }
    }

    static final class SetNode extends Node {
        final TreeMap<String, Entry> entries = new TreeMap<>(KeyOrder.INSTANCE);

        @Override SetNode copy() {
            SetNode s = new SetNode();
            entries.forEach((k, e) -> s.entries.put(k, e.copy()));
            return s;
        }
    }

    /** A map entry (dots: the writes) or a set member (dots: the adds), with the removes that observed them. */
    static final class Entry {
        Node node;
        final TreeSet<Dot> dots = new TreeSet<>();
        final TreeSet<Dot> removed = new TreeSet<>();
        final TreeSet<Dot> removalOps = new TreeSet<>();

        Entry(Node node) { this.node = node; }

        Entry copy() {
            Entry e = new Entry(node.copy());
            e.dots.addAll(dots);
            e.removed.addAll(removed);
            e.removalOps.addAll(removalOps);
            return e;
        }

        /** A map entry is visible while one of its writes is not removed. */
        boolean visible() {
            for (Dot d : dots) if (!removed.contains(d)) return true;
            return false;
        }

        /** A set member's adds that no remove observed. */
        TreeSet<Dot> activeAdds() {
            TreeSet<Dot> active = new TreeSet<>(dots);
            active.removeAll(removed);
            return active;
        }
    }

    static final class Seq extends Node {
        final TreeMap<ElementId, SeqEntry> entries = new TreeMap<>();
        final TreeMap<ElementId, TreeSet<Dot>> deletes = new TreeMap<>();
        /**
         * The inserted elements in document order, kept up to date by {@link Reducer#insert} while every
         * element has a known predecessor with a smaller id (as causally delivered operations give);
         * otherwise null, and {@link Reducer#ordered} rebuilds it from the tree.
         */
        java.util.ArrayList<SeqEntry> order;
        /** The materialised value when no ancestor remove hides anything; null when stale. */
        Value value;
        /** Whether some element's predecessor is unknown or has a larger id: then the order is always rebuilt. */
        boolean irregular;

        @Override Seq copy() {
            Seq s = new Seq();
            s.irregular = irregular; // the order is rebuilt over the copied entries when first needed
            entries.forEach((k, e) -> s.entries.put(k, e.copy()));
            deletes.forEach((k, d) -> s.deletes.put(k, new TreeSet<>(d)));
            return s;
        }
    }

    static final class SeqEntry {
        final ElementId id;
        /** Whether {@code deletes} holds this id: kept in step with it, so reading the order needs no lookups. */
        boolean deleted;
        ElementId after; // null: at the start
        Node node;       // null: compacted away after a stable delete
        boolean inserted;

        SeqEntry(ElementId id, ElementId after) {
            this.id = id;
            this.after = after;
        }

        SeqEntry copy() {
            SeqEntry e = new SeqEntry(id, after);
            e.deleted = deleted;
            e.node = node == null ? null : node.copy();
            e.inserted = inserted;
            return e;
        }
    }
}
