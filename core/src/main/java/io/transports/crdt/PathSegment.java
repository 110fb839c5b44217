package io.transports.crdt;

import java.util.Objects;

/**
 * One step of a CRDT path: into a map by key, into a set by member key (its identity, see
 * {@link CrdtDocument#memberKey}), or into a sequence by element id. On the wire:
 * {@code {"kind":"key","key":k}}, {@code {"kind":"member","key":k}}, {@code {"kind":"element","id":ID}}.
 */
public sealed interface PathSegment {
    record Key(String key) implements PathSegment {
        public Key { Objects.requireNonNull(key, "key"); }
    }

    record Member(String key) implements PathSegment {
        public Member { Objects.requireNonNull(key, "key"); }
    }

    record Element(ElementId id) implements PathSegment {
        public Element { Objects.requireNonNull(id, "id"); }
    }

    static PathSegment key(String key) { return new Key(key); }

    static PathSegment member(String key) { return new Member(key); }

    static PathSegment element(ElementId id) { return new Element(id); }
}
