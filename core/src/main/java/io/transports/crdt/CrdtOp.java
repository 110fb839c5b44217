package io.transports.crdt;

import io.transports.value.Value;
import java.util.List;
import java.util.Objects;

/**
 * A causally identified CRDT operation, as replicas exchange them: each carries the {@link Dot} that
 * makes it unique, so applying it twice is the same as once. {@code removed} lists the dots the remover
 * had observed (a concurrent add it had not seen survives). Wire form: {@link CrdtJson}; kinds are
 * {@code register_set, map_set, map_remove, set_add, set_remove, sequence_insert, sequence_delete}.
 */
public sealed interface CrdtOp {
    Dot dot();

    List<PathSegment> path();

    /** The wire name of the kind, e.g. {@code sequence_insert}. */
    String kind();

    record RegisterSet(Dot dot, List<PathSegment> path, Value value) implements CrdtOp {
        public RegisterSet { path = List.copyOf(path); Objects.requireNonNull(value, "value"); Objects.requireNonNull(dot, "dot"); }
        @Override public String kind() { return "register_set"; }
    }

    record MapSet(Dot dot, List<PathSegment> path, String key, Value value) implements CrdtOp {
        public MapSet { path = List.copyOf(path); Objects.requireNonNull(key, "key"); Objects.requireNonNull(value, "value"); Objects.requireNonNull(dot, "dot"); }
        @Override public String kind() { return "map_set"; }
    }

    record MapRemove(Dot dot, List<PathSegment> path, String key, List<Dot> removed) implements CrdtOp {
        public MapRemove { path = List.copyOf(path); Objects.requireNonNull(key, "key"); removed = List.copyOf(removed); Objects.requireNonNull(dot, "dot"); }
        @Override public String kind() { return "map_remove"; }
    }

    record SetAdd(Dot dot, List<PathSegment> path, Value value) implements CrdtOp {
        public SetAdd { path = List.copyOf(path); Objects.requireNonNull(value, "value"); Objects.requireNonNull(dot, "dot"); }
        @Override public String kind() { return "set_add"; }
    }

    record SetRemove(Dot dot, List<PathSegment> path, String key, List<Dot> removed) implements CrdtOp {
        public SetRemove { path = List.copyOf(path); Objects.requireNonNull(key, "key"); removed = List.copyOf(removed); Objects.requireNonNull(dot, "dot"); }
        @Override public String kind() { return "set_remove"; }
    }

    /** Inserts {@code values} as adjacent elements after {@code after} (null: at the start). */
    record SequenceInsert(Dot dot, List<PathSegment> path, ElementId after, List<Value> values) implements CrdtOp {
        public SequenceInsert { path = List.copyOf(path); values = List.copyOf(values); Objects.requireNonNull(dot, "dot"); }
        @Override public String kind() { return "sequence_insert"; }
    }

    record SequenceDelete(Dot dot, List<PathSegment> path, List<ElementId> ids) implements CrdtOp {
        public SequenceDelete { path = List.copyOf(path); ids = List.copyOf(ids); Objects.requireNonNull(dot, "dot"); }
        @Override public String kind() { return "sequence_delete"; }
    }
}
