package io.transports.crdt;

import io.transports.value.Value;
import java.util.List;
import java.util.Objects;

/**
 * A local edit before the document gives it a dot: what a client asks for. {@link CrdtDocument#mutate}
 * turns each into operations ({@link SequenceSplice}, positional, into a delete of the ids at those
 * positions and an insert after the one before; removes into removes of what this replica observed).
 */
public sealed interface CrdtMutation {
    List<PathSegment> path();

    record RegisterSet(List<PathSegment> path, Value value) implements CrdtMutation {
        public RegisterSet { path = List.copyOf(path); Objects.requireNonNull(value, "value"); }
    }

    record MapSet(List<PathSegment> path, String key, Value value) implements CrdtMutation {
        public MapSet { path = List.copyOf(path); Objects.requireNonNull(key, "key"); Objects.requireNonNull(value, "value"); }
    }

    record MapRemove(List<PathSegment> path, String key) implements CrdtMutation {
        public MapRemove { path = List.copyOf(path); Objects.requireNonNull(key, "key"); }
    }

    record SetAdd(List<PathSegment> path, Value value) implements CrdtMutation {
        public SetAdd { path = List.copyOf(path); Objects.requireNonNull(value, "value"); }
    }

    record SetRemove(List<PathSegment> path, String key) implements CrdtMutation {
        public SetRemove { path = List.copyOf(path); Objects.requireNonNull(key, "key"); }
    }

    record SequenceInsert(List<PathSegment> path, ElementId after, List<Value> values) implements CrdtMutation {
        public SequenceInsert { path = List.copyOf(path); values = List.copyOf(values); }
    }

    record SequenceDelete(List<PathSegment> path, List<ElementId> ids) implements CrdtMutation {
        public SequenceDelete { path = List.copyOf(path); ids = List.copyOf(ids); }
    }

    /** Positional: delete {@code deleteCount} visible elements from {@code index}, then insert {@code values} there. */
    record SequenceSplice(List<PathSegment> path, int index, int deleteCount, List<Value> values) implements CrdtMutation {
        public SequenceSplice {
            path = List.copyOf(path);
            values = List.copyOf(values);
            if (index < 0 || deleteCount < 0) throw new CrdtException("sequence splice index and delete count are never negative");
        }
    }
}
