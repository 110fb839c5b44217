package io.transports.crdt;

import io.transports.value.Value;
import java.util.List;

/**
 * One identity-preserving change in an {@link CrdtEffect}, for views that keep per-element state (a
 * cursor, a selection) and cannot infer identity from a positional patch. Same kinds as {@link CrdtOp},
 * without dots; a set add carries its member key, a sequence insert the ids and values it made visible.
 */
public sealed interface CrdtDelta {
    List<PathSegment> path();

    String kind();

    record RegisterSet(List<PathSegment> path, Value value) implements CrdtDelta {
        @Override public String kind() { return "register_set"; }
    }

    record MapSet(List<PathSegment> path, String key, Value value) implements CrdtDelta {
        @Override public String kind() { return "map_set"; }
    }

    record MapRemove(List<PathSegment> path, String key) implements CrdtDelta {
        @Override public String kind() { return "map_remove"; }
    }

    record SetAdd(List<PathSegment> path, String key, Value value) implements CrdtDelta {
        @Override public String kind() { return "set_add"; }
    }

    record SetRemove(List<PathSegment> path, String key) implements CrdtDelta {
        @Override public String kind() { return "set_remove"; }
    }

    record SequenceInsert(List<PathSegment> path, ElementId after, List<Element> elements) implements CrdtDelta {
        @Override public String kind() { return "sequence_insert"; }
    }

    record SequenceDelete(List<PathSegment> path, List<ElementId> ids) implements CrdtDelta {
        @Override public String kind() { return "sequence_delete"; }
    }

    /** One inserted element: its id and its materialised value. */
    record Element(ElementId id, Value value) {}
}
